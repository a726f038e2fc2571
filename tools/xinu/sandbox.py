#!/usr/bin/env python3
"""sandbox.py - bubblewrap around everything a submission brings.

make grade (and make batch SANDBOX=1) runs a submission's build (its
Makefile, the compiler reading its sources) and the QEMU that boots its
kernel through run() or exec_main() here, never directly.  The sandbox:

  - namespaces: new user, pid, network, IPC, UTS and cgroup namespaces
    (bwrap --unshare-all), so the only network is a loopback of its own
    and every process in it dies with its pid 1 (--die-with-parent ties
    that to the bwrap we started);
  - files: the host's /usr read-only (with the /bin, /lib links into
    it), /etc/alternatives read-only (cc and friends are links through
    it), a private /proc, /dev and /tmp, and only the folders a caller
    names: RW ones writable, RO ones read-only, each at its own path.
    Nothing else of the host is there: no /etc/passwd, /root, /home, no
    other submission, no suite .expected, no OUT;
  - limits (setrlimit before bwrap starts, so they hold for everything
    inside): CPU seconds per process, address space, processes and file
    size (Limits);
  - the user: when the grader is root, the sandbox runs as a user id of
    its own (uid()), not root: the process limit counts that user's
    processes only, and a way out of the namespaces would find no
    rights.  The folders it writes are handed to that user (give());
  - the end: at the deadline, or when the output passes its cap, the
    bwrap process group gets SIGKILL; its pid 1 then dies and the kernel
    kills every process in the namespace (a `setsid sleep 40 &` too).
    run() never waits more than its timeout plus KILL_WAIT seconds.

sandbox=False (SANDBOX=none) runs the same commands with the same limits
but no namespaces: for trusted code only (a setsid child escapes it).

As a command (compile/bin/batch SANDBOX=1 runs the build this way):
  sandbox.py [--rw DIR]... [--ro DIR]... [--cwd DIR] [--cpu S] -- CMD...
"""

import argparse
import collections
import os
import random
import resource
import select
import signal
import subprocess
import sys
import time

MiB = 1 << 20
KILL_WAIT = 10          # seconds run() waits for the pipes after a kill
ERR_CAP = 64 * 1024     # bytes of stderr kept

# What every sandbox sees of the host (see shared notes: the toolchain
# and qemu-system-i386 need exactly this much)
VIEW = ["--ro-bind", "/usr", "/usr",
        "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
        "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
        "--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
        "--tmpfs", "/var/tmp",
        "--unshare-all", "--die-with-parent", "--new-session"]

Limits = collections.namedtuple("Limits", "cpu mem nproc fsize")
# A build: gcc per file, make, the config program; a boot: one QEMU
# with its threads.  Memory is address space: QEMU maps its guest RAM
# and TCG's code buffer (1 GiB) besides.
BUILD = Limits(cpu=300, mem=2048 * MiB, nproc=256, fsize=64 * MiB)
BOOT = Limits(cpu=None, mem=4096 * MiB, nproc=128, fsize=512 * MiB)

Ran = collections.namedtuple("Ran", "status out err timed_out capped seconds")


class Unavailable(Exception):
    """bwrap is missing or cannot create its namespaces here."""


def uid():
    """The user id the sandboxes of this process run as: a high one of
    its own when we are root, else ours (None: do not change it)."""
    global _UID
    if os.geteuid() != 0:
        return None
    if _UID is None:
        _UID = 200000 + random.SystemRandom().randrange(1 << 20)
    return _UID


_UID = None


def give(path):
    """Hand the folder 'path' (and all in it) to the sandbox's user, so
    that a sandbox running as that user can write it; links are never
    followed."""
    who = uid()
    if who is None:
        return
    for here, dirs, files in os.walk(path):
        os.lchown(here, who, who)
        for name in dirs + files:
            os.lchown(os.path.join(here, name), who, who)


def command(argv, rw=(), ro=(), cwd=None, env=None):
    """The bwrap command line that runs 'argv' in a sandbox with the
    folders 'rw' writable and 'ro' read-only (each at its own path),
    in 'cwd', with only the environment 'env' (plus PATH and HOME)."""
    cmd = ["bwrap"] + VIEW
    for d in ro:
        cmd += ["--ro-bind", d, d]
    for d in rw:
        cmd += ["--bind", d, d]
    if cwd:
        cmd += ["--chdir", cwd]
    cmd += ["--clearenv", "--setenv", "PATH", "/usr/bin:/bin",
            "--setenv", "HOME", "/tmp", "--setenv", "LC_ALL", "C.UTF-8"]
    for k, v in sorted((env or {}).items()):
        cmd += ["--setenv", k, v]
    return cmd + ["--"] + list(argv)


def _tasks_of(who):
    """Threads of user 'who' now (RLIMIT_NPROC counts them)."""
    n = 0
    for pid in os.listdir("/proc"):
        try:
            if pid.isdigit() and os.stat("/proc/" + pid).st_uid == who:
                n += len(os.listdir("/proc/%s/task" % pid))
        except OSError:
            pass
    return n


def preexec(limits, as_uid=None, session=True):
    """A Popen preexec_fn: a session of its own (unless not 'session'),
    the limits, and (when 'as_uid' is given, we being root) that user."""
    nproc = limits.nproc
    if as_uid is None and nproc is not None:
        # RLIMIT_NPROC counts all of this user's threads: allow ours
        nproc += _tasks_of(os.getuid())

    def setup():
        if session:
            os.setsid()
        for res, val in ((resource.RLIMIT_CPU, limits.cpu),
                         (resource.RLIMIT_AS, limits.mem),
                         (resource.RLIMIT_NPROC, nproc),
                         (resource.RLIMIT_FSIZE, limits.fsize)):
            if val is not None:
                resource.setrlimit(res, (int(val), int(val)))
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
        if as_uid is not None:
            os.setgroups([])
            os.setgid(as_uid)
            os.setuid(as_uid)
    return setup


def probe():
    """None when a sandbox starts here, else one line saying why not."""
    try:
        r = subprocess.run(command(["true"]), capture_output=True,
                           text=True, errors="replace", timeout=30,
                           preexec_fn=preexec(BUILD, uid()))
    except FileNotFoundError:
        return "bwrap is not installed (Debian package bubblewrap)"
    except subprocess.TimeoutExpired:
        return "bwrap did not start within 30 s"
    if r.returncode != 0:
        why = (r.stderr.strip().splitlines() or ["status %d"
                                                  % r.returncode])[-1]
        return "bwrap cannot create its namespaces here: %s" % why
    return None


def kill(proc):
    """SIGKILL the process group of 'proc' (bwrap or, unsandboxed, the
    command): with bwrap its pid namespace goes with it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run(argv, rw=(), ro=(), cwd=None, env=None, limits=BUILD, timeout=60,
        maxout=MiB, merge=False, sandbox=True, track=None):
    """Run 'argv' (sandboxed unless sandbox is False) with stdin from
    /dev/null and read its stdout (with stderr when 'merge') up to
    'maxout' bytes: past it, or past 'timeout' seconds, it is killed.
    Returns Ran(status (None when killed), out bytes, err bytes (at most
    ERR_CAP), timed_out, capped, seconds).  track(proc, True) is called
    once it started and track(proc, False) when it is gone (a caller
    that stops everything at once keeps the list)."""
    cmd = command(argv, rw, ro, cwd, env) if sandbox else list(argv)
    began = time.monotonic()
    proc = subprocess.Popen(
        cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge else subprocess.PIPE,
        cwd=None if sandbox else cwd,
        env=None if sandbox else dict(env or {}, PATH=os.environ.get(
            "PATH", "/usr/bin:/bin"), HOME=os.environ.get("HOME", "/tmp")),
        preexec_fn=preexec(limits, uid() if sandbox else None))
    if track:
        track(proc, True)
    out, err = bytearray(), bytearray()
    pipes = {proc.stdout.fileno(): out}
    if not merge:
        pipes[proc.stderr.fileno()] = err
    timed_out = capped = False
    deadline = began + timeout
    try:
        while pipes:
            now = time.monotonic()
            if now >= deadline:
                if not (timed_out or capped):
                    timed_out = True
                    kill(proc)
                    deadline = now + KILL_WAIT
                else:
                    break       # the pipes stay open: give up on them
            ready, _, _ = select.select(list(pipes), [], [],
                                        max(0.0, deadline - now))
            for fd in ready:
                data = os.read(fd, 65536)
                if not data:
                    del pipes[fd]
                    continue
                buf = pipes[fd]
                room = (maxout if buf is out else ERR_CAP) - len(buf)
                buf += data[:max(0, room)]
                if buf is out and len(data) > room and not capped \
                        and not timed_out:
                    capped = True
                    kill(proc)
                    deadline = time.monotonic() + KILL_WAIT
    finally:
        kill(proc)
        proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
    try:
        status = proc.wait(KILL_WAIT)
    except subprocess.TimeoutExpired:
        status = None
    if track:
        track(proc, False)
    if timed_out or capped:
        status = None
    return Ran(status, bytes(out), bytes(err), timed_out, capped,
               time.monotonic() - began)


def exec_main(argv=None):
    """The command: exec the sandbox in place of this process (its
    stdin, stdout and stderr stay ours)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rw", action="append", default=[])
    ap.add_argument("--ro", action="append", default=[])
    ap.add_argument("--cwd", default=None)
    ap.add_argument("--env", action="append", default=[],
                    help="NAME=value to set inside")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    opts = ap.parse_args(argv)
    cmd = opts.cmd[1:] if opts.cmd[:1] == ["--"] else opts.cmd
    if not cmd:
        ap.error("no command")
    why = probe()
    if why:
        print("sandbox: %s (SANDBOX=none runs without it: trusted code "
              "only)" % why, file=sys.stderr)
        return 2
    env = dict(e.split("=", 1) for e in opts.env)
    preexec(BUILD, session=False)()     # our own user: see docs/grading.md
    os.execvp("bwrap", command(cmd, [os.path.abspath(d) for d in opts.rw],
                               [os.path.abspath(d) for d in opts.ro],
                               opts.cwd, env))


if __name__ == "__main__":
    sys.exit(exec_main())
