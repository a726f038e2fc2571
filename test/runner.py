#!/usr/bin/env python3
"""runner.py - the host test runner and the batch boot of Xinu/VM.

make test runs it to:
  1. run the host unit-test programs (compile/host/test_*), which print
     "ok NAME" or "FAIL NAME: why" per case (one line and one test each
     program, with its failed cases under it);
  2. boot a fresh QEMU for every in-kernel test case (TEST(name) and
     TEST_BOOT(name, "args") in test/kernel/*.c) with test=NAME on the
     kernel command line, and judge it by QEMU's exit status and the
     console: a PASS needs status 1 (isa-debug-exit value 0) and the
     line "TEST name: PASS"; a panic, a triple fault (QEMU stops with
     -no-reboot), a second boot banner or a timeout is a FAIL;
  3. run the scripted console sessions in test/scripts/*.script, which
     type into the serial console and wait for output (see the format
     below);
  4. run the boot-path tests of test/bootpaths.py: the GRUB ISO, PXE
     over TFTP, deploy, and the console on a unix socket;
and prints one line per test and last "N passed, N failed".

make batch runs it with --batch ELF: boot headless, stream the console to
stdout, exit 0 when Xinu halts after the last process, 124 on timeout.

Script format (test/scripts/NAME.script), one directive per line:
  append: WORDS      extra kernel command-line words (before the boot)
  mem: MIB           QEMU's memory for this session
  timeout: SECONDS   time limit for the whole session (default 60)
  expect: REGEX      wait until the console, after the previous match,
                     matches REGEX (Python syntax, searched, DOTALL)
  reject: REGEX      fail if the console ever matches REGEX
  send: TEXT         type TEXT; \\n \\r \\t \\xHH and \\\\ are escapes
  status: N          QEMU must exit with status N (1: Xinu powered off)
Lines starting with # are comments.
"""

import argparse
import concurrent.futures
import glob
import os
import re
import select
import signal
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BANNER = re.compile(r"^Xinu/VM \d", re.M)
TEST_DECL = re.compile(r'^TEST(?:_BOOT)?\(\s*(\w+)\s*(?:,\s*"([^"]*)"\s*)?\)',
                       re.M)
EXIT_DONE = 1           # isa-debug-exit value 0: halted normally / passed
TAIL_LINES = 15


def qemu_command(kernel, append, mem, extra=(), serial="stdio"):
    """The QEMU command line that boots 'kernel' headless; with kernel
    None, it boots what 'extra' names (a CD, the network)."""
    boot = ["-kernel", kernel, "-append", append] if kernel else []
    return ["qemu-system-i386", "-m", str(mem), "-no-reboot",
            "-display", "none", "-monitor", "none", "-serial", serial,
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            *boot, *extra]


class Boot:
    """One QEMU run whose console we read and can type into."""

    def __init__(self, cmd, echo=None):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.out = b""
        self.echo = echo

    def text(self):
        return self.out.decode("latin-1").replace("\r", "")

    def pump(self, deadline):
        """Read console output until 'deadline'; False once QEMU is gone."""
        wait = max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([self.proc.stdout], [], [], wait)
        if not ready:
            return True
        data = os.read(self.proc.stdout.fileno(), 65536)
        if not data:
            return False
        self.out += data
        if self.echo is not None:
            self.echo.write(data.decode("latin-1").replace("\r", ""))
            self.echo.flush()
        return True

    def send(self, data):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass

    def finish(self, deadline):
        """Read until QEMU exits or the deadline; returns its status or
        None on timeout (QEMU is then killed)."""
        while time.monotonic() < deadline:
            if not self.pump(deadline):
                return self.proc.wait()
        self.kill()
        return None

    def kill(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def tail(text, n=TAIL_LINES):
    lines = [l for l in text.splitlines() if l.strip()]
    return "\n".join("    | " + l for l in lines[-n:])


def judge(console, status, timed_out, want_status):
    """Common failure checks; returns a reason or None."""
    if len(BANNER.findall(console)) > 1:
        return "rebooted (second boot banner)"
    m = re.search(r"^PANIC: .*$", console, re.M)
    if m:
        return m.group(0)
    if timed_out:
        return "timeout"
    if status != want_status:
        if status == 0:
            return "QEMU exited 0: triple fault or reset (-no-reboot)"
        return "QEMU exit status %s, wanted %s" % (status, want_status)
    return None


def test_verdict(name, console, status):
    """Judge a boot with test=NAME; returns a reason or None (passed)."""
    reason = judge(console, status, status is None, EXIT_DONE)
    if reason is None and ("TEST %s: PASS" % name) not in console:
        reason = "no PASS line"
    m = re.search(r"^TEST %s: FAIL.*$" % re.escape(name), console, re.M)
    if m and reason is None:
        reason = m.group(0)
    return reason


def run_kernel_test(name, args, opts):
    """Boot once with test=NAME; returns (passed, detail)."""
    append = ("test=%s %s" % (name, args)).strip()
    boot = Boot(qemu_command(opts.kernel, append, opts.mem))
    start = time.monotonic()
    status = boot.finish(start + opts.timeout)
    console = boot.text()
    reason = test_verdict(name, console, status)
    secs = time.monotonic() - start
    if reason is None:
        return True, "%.1fs" % secs, ""
    return False, "%.1fs: %s" % (secs, reason), tail(console)


def unescape(s):
    return s.encode("latin-1").decode("unicode_escape").encode("latin-1")


def parse_script(path):
    steps, append, timeout, want, mem = [], "", 60.0, None, None
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, val = line.partition(":")
            key, val = key.strip(), val[1:] if val.startswith(" ") else val
            if not sep:
                raise ValueError("%s:%d: expected 'directive: value'"
                                 % (path, lineno))
            if key == "append":
                append = (append + " " + val).strip()
            elif key == "timeout":
                timeout = float(val)
            elif key == "status":
                want = int(val)
            elif key == "mem":
                mem = int(val)
            elif key in ("expect", "reject", "send"):
                steps.append((key, val, lineno))
            else:
                raise ValueError("%s:%d: unknown directive '%s'"
                                 % (path, lineno, key))
    return steps, append, timeout, want, mem


def run_script(path, opts):
    """Run one scripted console session; returns (passed, detail, tail)."""
    start = time.monotonic()
    try:
        steps, append, timeout, want, mem = parse_script(path)
    except (ValueError, OSError) as e:
        return False, str(e), ""
    rejects = [re.compile(v, re.S | re.M) for k, v, _ in steps
               if k == "reject"]
    boot = Boot(qemu_command(opts.kernel, append, mem or opts.mem))
    deadline = start + timeout
    pos, reason = 0, None
    for key, val, lineno in steps:
        if key == "send":
            boot.send(unescape(val))
        elif key == "expect":
            pat = re.compile(val, re.S | re.M)
            while True:
                m = pat.search(boot.text(), pos)
                if m:
                    pos = m.end()
                    break
                if time.monotonic() >= deadline or not boot.pump(deadline):
                    reason = "line %d: never saw /%s/" % (lineno, val)
                    break
        if reason:
            break
    status = None
    if reason is None:
        status = boot.finish(deadline) if want is not None else None
        if want is None:
            boot.pump(time.monotonic() + 0.2)
            boot.kill()
    else:
        boot.kill()
    console = boot.text()
    if reason is None:
        reason = judge(console, status, want is not None and status is None,
                       want if want is not None else status)
    for r in rejects:
        if reason is None and r.search(console):
            reason = "console matched rejected /%s/" % r.pattern
    secs = time.monotonic() - start
    if reason is None:
        return True, "%.1fs" % secs, ""
    return False, "%.1fs: %s" % (secs, reason), tail(console)


def host_tests():
    """Run each host unit-test program; yields (name, passed, detail,
    failed cases), one per program."""
    for prog in sorted(glob.glob(os.path.join(TOP, "compile/host/test_*"))):
        if not os.access(prog, os.X_OK) or os.path.isdir(prog):
            continue
        r = subprocess.run([prog], capture_output=True, text=True,
                           timeout=300, cwd=TOP)
        cases, fails = 0, []
        for line in r.stdout.splitlines():
            if line.startswith("ok "):
                cases += 1
            elif line.startswith("FAIL "):
                cases += 1
                fails.append("    | " + line)
        name = "host:" + os.path.basename(prog)
        if r.returncode == 0 and not fails and cases > 0:
            yield name, True, "%d cases" % cases, ""
        elif fails:
            yield name, False, "%d of %d cases failed" % (len(fails),
                                                          cases), \
                "\n".join(fails)
        else:       # it crashed, or failed without saying which case
            yield name, False, "exit %d after %d cases" % (
                r.returncode, cases), tail(r.stderr)


def kernel_tests():
    """Every TEST/TEST_BOOT in test/kernel/*.c, as (name, bootargs)."""
    found = []
    for path in sorted(glob.glob(os.path.join(TOP, "test/kernel/*.c"))):
        with open(path) as f:
            found += TEST_DECL.findall(f.read())
    return found


def run_tests(opts):
    import bootpaths            # boot-path tests (it imports this file)
    passed = failed = 0
    if not opts.only:
        for name, ok, detail, why in host_tests():
            print("%s  %-40s %s" % ("PASS" if ok else "FAIL", name, detail),
                  flush=True)
            if why:
                print(why, flush=True)
            passed += ok
            failed += not ok

    jobs = [("kernel", n, a) for n, a in kernel_tests()]
    jobs += [("script", os.path.basename(p)[:-len(".script")], p) for p in
             sorted(glob.glob(os.path.join(TOP, "test/scripts/*.script")))]
    jobs += [("boot", n, None) for n in bootpaths.TESTS]
    if opts.only:
        wanted = set(opts.only.split())
        jobs = [j for j in jobs if j[1] in wanted]
        missing = wanted - {j[1] for j in jobs}
        for name in sorted(missing):
            print("FAIL  %s: no such test" % name)
            failed += 1

    def run(job):
        kind, name, arg = job
        if kind == "kernel":
            return run_kernel_test(name, arg, opts)
        if kind == "boot":
            return bootpaths.run(name, opts)
        return run_script(arg, opts)

    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
        futures = {pool.submit(run, j): j for j in jobs}
        for fut in concurrent.futures.as_completed(futures):
            kind, name, _ = futures[fut]
            ok, detail, console = fut.result()
            label = name if kind == "kernel" else kind + ":" + name
            print("%s  %-40s %s" % ("PASS" if ok else "FAIL", label, detail),
                  flush=True)
            if not ok and console:
                print(console, flush=True)
            passed += ok
            failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


def run_batch(opts):
    """Boot once, stream the console, exit with Xinu's verdict."""
    out = sys.stdout
    boot = Boot(qemu_command(opts.batch, opts.append, opts.mem), echo=out)
    status = boot.finish(time.monotonic() + opts.timeout)
    if status is None:
        print("\nmake batch: timed out after %s s" % opts.timeout,
              file=sys.stderr)
        return 124
    if status == EXIT_DONE:
        return 0
    reason = judge(boot.text(), status, False, EXIT_DONE)
    print("\nmake batch: %s" % reason, file=sys.stderr)
    return 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default=os.path.join(TOP, "compile/xinu.elf"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--mem", default="256")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--only", default="",
                    help="space-separated test names (skips host tests)")
    ap.add_argument("--batch", help="boot this kernel once (make batch)")
    ap.add_argument("--append", default="")
    opts = ap.parse_args()
    if opts.batch:
        return run_batch(opts)
    return run_tests(opts)


if __name__ == "__main__":
    sys.exit(main())
