"""tooltests.py - tests of the make targets themselves (make test's tool:NAME)

runner.py runs these in its pool beside the other tests:
  batch-verdicts  compile/bin/batch's statuses and verdict lines with the
                  real kernel: a killed process is listed and exits 0, 3
                  under STRICT=1 (and make batch passes STRICT on), a
                  page that does not open as "P<pid> SWAP_CORRUPT"; a build
                  error, bad usage and a kernel command line the kernel
                  refuses exit 2; a program that never ends 124;
                  programs that print lines like the kernel's ("P3::
                  DONE ...", "cmdline: ...", "PANIC: ...") halt with
                  status 0 and no process killed even under STRICT=1
  sealed-image    the disk image from the host while a program holds
                  64 pages swapped out: its marker in clear with
                  vm.swapcrypt=off, nowhere with on; then a byte changed
                  in every written block: SWAP_CORRUPT, no wrong word
  batch-sandbox   make batch SANDBOX=1: a program runs, and #include
                  "/etc/passwd" finds nothing (build failed, no content)
  event-channel   a program's stray byte on the event port (COM2), half a
                  line before the kernel's kill event, ends a STRICT=1 run
                  with status 1 and "batch: event channel tampered" (it
                  said "halted; no process killed", status 0, before the
                  lines had numbers and CRCs); the same program without
                  the byte exits 3 with its kill listed (so the runner
                  took the kernel's CRC-32 for zlib's); an event while a
                  quote is open ends the quote first, both lines whole
  batch-signals   ^C (SIGINT to the group) and SIGTERM (to the group or
                  to batch alone) during the build or the boot end with
                  "batch: interrupted (SIGINT|SIGTERM)", status 130/143,
                  no traceback, no QEMU and no run folder left; SIGKILL
                  to the group leaves no QEMU
  batch-space     MAIN= a path with a blank, whose program includes a
                  header of its own folder, builds and runs
  batch-parallel  four batch runs of four programs at once: each prints
                  its own program's output (no shared build folder)
  batch-beside-run
                  a batch run beside a make run that holds compile/swap.img
                  writable boots with an image of its own (status 0); a
                  batch run told DISK= an image another QEMU holds ends
                  with status 2 and "batch: QEMU did not start: ...",
                  never with a "halted" verdict; make run on that image
                  fails, while one whose kernel halts exits 0
  bad-options     a misspelt make variable (TIMOUT=5) and bad values
                  (MEM=0, NET=2, TIMEOUT=0, LIST=yes, V=2) stop make with one
                  line naming them, before any build; compile/bin/batch
                  refuses TIMEOUT=0, MEM=0, NET=2 and DETERMINISTIC=2 with
                  status 2, and
                  NET=0 boots with no NIC
  examples        every examples/*.c builds and runs through batch under
                  STRICT=1 to status 0 (the README tells users to run them)
  gdb             make qemu-gdb's QEMU (NET=1: with an e1000) listens on
                  GDBPORT; gdb -batch,
                  started in the tree with the tree's .gdbinit, attaches,
                  stops at a breakpoint by symbol and kills it; no QEMU is
                  left
  debug           make debug: gdb reads its commands, and when gdb quits
                  no QEMU is left on the port
  debug-console   make debug CONSOLE=unix: the console is on the socket
                  SOCK (a client there reads the kernel's lines) while
                  gdb runs in this terminal
  debug-stale     make debug with something already on GDBPORT says so and
                  stops without starting QEMU
  console-unix    make run CONSOLE=unix (DISK=none) quits on the monitor's
                  quit before any client attached to the socket
  disk-image      what the kernel writes to a disk attached writable (as
                  make run attaches it) is in the image after QEMU ends;
                  a batch run's writes (DISK=, snapshot=on) are not;
                  batch's own image has the reserve block past a
                  full-size swap area
  deterministic   with two spinning QEMUs loading the machine, ten
                  DETERMINISTIC=1 batch runs of test/programs/preempt3.c
                  (three counters only preemption interleaves) print
                  identical bytes; five runs without it are only
                  counted (their distinct outputs, in the test's output:
                  they may agree by chance)
  curves          tools/curves.py (make curves) on two frame counts and
                  short strings: curves.csv has OPT, LRU and every policy
                  of include/vmtable.h for every workload, no policy beats OPT, all agree when
                  every page fits, and the plots are drawn (when Debian's
                  matplotlib is installed)
  build-lines     compile/Makefile building a program against the kernel
                  objects prints "CC <program>" and "LD <image>" and
                  nothing else; with V=1 the compile and link commands
                  and no short line; with -s (batch, grade) no line; the
                  program's warning in full every time; make help V=1
                  is accepted and lists V=1
  layers          compile/bin/layers finds no use up compile/layers in the
                  kernel's objects (the test image's: make test builds
                  it first) outside its allowlist; and in a copy of them
                  with a lib file calling vmkill, an object in a folder
                  no layer names and a stale allow entry, it names each
                  (the symbol and both files for the call) and exits 1
  docs-tables     the numbers docs/costs.md shows are the measured ones:
                  its curves table (between the curves markers, written
                  by make curves) has, cell for cell, the faults and
                  ratios of docs/curves.csv and a column for each of its
                  policies; make bench's tables there fit 100 columns
                  and each of their columns is explained; the plots in
                  docs/ are PNGs at least 960 pixels wide
  fnlen           compile/bin/fnlen finds no function in system/ paging/
                  swap/ device/ net/ longer than 70 lines, braces counted;
                  and in a copy of those folders with a 71-line function,
                  a 70-line one and a body opened on its signature's line,
                  it names the first and the third (file, line, function
                  and length) and exits 1
Each uses ports and folders of its own, so two make test runs at once do
not meet.
"""

import csv
import difflib
import fcntl
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import xinu
from xinu import qemu, runner, verdict

TOP = xinu.TOP
BATCH = runner.BATCH
DEBUG = os.path.join(TOP, "compile/bin/debug")


class Failed(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if int(fields[1].split(":")[1], 16) == port and fields[3] == "0A":
                return True
    return False


def procs_with(word):
    """Pids of processes whose command line contains 'word'."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("latin-1")
        except OSError:
            continue
        if word in cmd and "qemu-system" in cmd:
            found.append(int(pid))
    return found


def env_without_make():
    env = dict(os.environ)
    for key in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "DEFS", "PROGFLAGS",
                "STRICT", "DISK", "DETERMINISTIC"):
        env.pop(key, None)
    return env


def batch(prog, timeout=30, strict=None, args=None, sandbox=None):
    """compile/bin/batch PROG; returns (status, stdout, stderr)."""
    env = env_without_make()
    if strict is not None:
        env["STRICT"] = strict
    if sandbox is not None:
        env["SANDBOX"] = sandbox
    cmd = [BATCH] + (args if args is not None else [prog, str(timeout)])
    r = subprocess.run(cmd, capture_output=True, text=True, env=env,
                       errors="replace", timeout=300)
    return r.returncode, r.stdout, r.stderr


def last_line(text):
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""


def expect_verdict(what, got, want_status, pattern):
    status, out, err = got
    line = last_line(err)
    if status != want_status or not re.search(pattern, line):
        raise Failed("%s: status %d, verdict %r; wanted %d and /%s/\n%s"
                     % (what, status, line, want_status, pattern,
                        runner.tail(out + err)))


CRASH = r'''#include <xinu.h>
process bad(void) { volatile int32 *p = 0; return *p; }
process main(void)
{
	printf("crash: start\n");
	resume(create(bad, 4096, 20, "bad", 0));
	sleepms(20);
	printf("crash: main goes on\n");
	return OK;
}
'''
# A page that does not open (issue 23): main, in ring 0 as every program
# is, changes a byte of every slot in use, as a bad disk would; the
# holder dies with SWAP_CORRUPT before it reads a wrong word
SWAPCORRUPT = r'''#include <xinu.h>
#include <vm.h>

#define	NPG	16

local	sid32	filled;

process	holder(void)
{
	uint32	*p = (uint32 *)vmalloc(NPG * PAGE_SIZE);
	uint32	i, wrong = 0;

	for (i = 0; i < NPG * PAGE_SIZE / 4; i++) {
		p[i] = i * 2654435761u;
	}
	signal(filled);
	receive();
	for (i = 0; i < NPG * PAGE_SIZE / 4; i++) {
		wrong += p[i] != i * 2654435761u;
	}
	printf("holder: %d words wrong\n", wrong);
	return OK;
}

process	main(void)
{
	pid32	h;
	uint32	s, n = 0;
	intmask	mask;

	filled = semcreate(0);
	h = vcreate(holder, 8192, 30, "holder", 0);
	resume(h);
	wait(filled);
	mask = disable();
	for (s = 0; s < swap_limit; s++) {
		if (swap_inuse(s)) {
			((byte *)kmap(KMAP_DST, SWAP_START + s * PAGE_SIZE))[100] ^= 4;
			n++;
		}
	}
	restore(mask);
	printf("main: changed %d slots\n", n);
	send(h, OK);
	sleepms(100);
	printf("main: goes on\n");
	return OK;
}
'''
FOREVER = r'''#include <xinu.h>
process main(void) { for (;;) sleep(10); return OK; }
'''
SPIN = r'''#include <xinu.h>
process main(void) { volatile uint32 n = 0; for (;;) n++; return OK; }
'''
# Course programs' own lines that look like the kernel's
FORGERS = {
    "forge-pid": r'kprintf("P%d:: DONE with phase 1\n", getpid());',
    "forge-cmdline": r'kprintf("cmdline: the words were fine\n");',
    "forge-panic": r'kprintf("PANIC: not really\n");',
}


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def test_batch_verdicts(tmp, opts):
    crash = write(tmp, "crash.c", CRASH)
    got = batch(crash)
    expect_verdict("a killed process", got, 0,
                   r"^batch: halted; killed: P\d+ page fault")
    if "crash: main goes on" not in got[1]:
        raise Failed("the console lacks main's last line")
    expect_verdict("STRICT=1", batch(crash, strict="1"), 3,
                   r"^batch: halted; killed: P\d+ page fault.*STRICT")
    expect_verdict("a build error",
                   batch(write(tmp, "broken.c", "process main(void) {\n")),
                   2, r"^batch: build failed$")
    expect_verdict("a misspelt kernel key",
                   batch(None, args=[crash, "30", str(opts.mem),
                                     "vm.polcy=clock"]), 2,
                   r"^batch: bad command line: cmdline: unknown key "
                   r"'vm\.polcy'$")
    corrupt = batch(None, args=[write(tmp, "corrupt.c", SWAPCORRUPT), "60",
                                str(opts.mem), "vm.ffs=4 vm.swap=64 "
                                "vm.swapcrypt=on"])
    expect_verdict("a page that does not open", corrupt, 0,
                   r"^batch: halted; killed: P\d+ SWAP_CORRUPT$")
    if "main: goes on" not in corrupt[1] or "words wrong" in corrupt[1] \
            or not re.search(r"main: changed [1-9]\d* slots", corrupt[1]):
        raise Failed("a page that does not open: console\n"
                     + runner.tail(corrupt[1]))
    for name, line in sorted(FORGERS.items()):
        got = batch(write(tmp, name + ".c", "#include <xinu.h>\nprocess "
                          "main(void)\n{\n\t%s\n\treturn OK;\n}\n" % line),
                    strict="1")
        expect_verdict(name, got, 0, r"^batch: halted; no process killed$")
    expect_verdict("no MAIN", batch(None, args=[]), 2, r"^batch: bad usage")
    expect_verdict("a missing MAIN", batch(os.path.join(tmp, "none.c")), 2,
                   r"^batch: bad usage")
    expect_verdict("a program that never ends",
                   batch(write(tmp, "forever.c", FOREVER), timeout=3), 124,
                   r"^batch: timed out after 3 s; no process killed$")
    # make batch: GNU make exits 2, naming the real status
    r = subprocess.run(["make", "-s", "--no-print-directory", "batch",
                        "MAIN=" + crash, "STRICT=1", "TIMEOUT=30"],
                       capture_output=True, text=True, cwd=TOP,
                       env=env_without_make(), errors="replace")
    if r.returncode != 2 or "(STRICT=1)" not in r.stderr \
            or "Error 3" not in r.stderr:
        raise Failed("make batch STRICT=1: status %d\n%s"
                     % (r.returncode, runner.tail(r.stderr)))
    return None, got[1] + got[2]


# CRASH with a stray byte on COM2 first: half a line, which the kill
# event's line would finish
STRAY = CRASH.replace('printf("crash: start\\n");',
                      'printf("crash: start\\n");\n'
                      '\toutb(COM2_BASE + UART_THR, \'x\');')
# A quote (kevquote, as cmdline_refuse starts one) that is still open when
# the kernel's next event comes: poweroff's "halt 0"
OPENQUOTE = r'''#include <xinu.h>
process main(void)
{
	kprintf("cmdline: ");
	kevquote("cmdline");
	kprintf("half");
	poweroff(EXIT_DONE);
	return OK;
}
'''


def test_event_channel(tmp, opts):
    got = batch(write(tmp, "stray.c", STRAY), strict="1")
    expect_verdict("a stray byte on COM2", got, 1,
                   r"^batch: event channel tampered \(line \d+: ")
    output = got[1] + got[2]
    got = batch(write(tmp, "crash.c", CRASH), strict="1")
    expect_verdict("the same program without it", got, 3,
                   r"^batch: halted; killed: P\d+ page fault at 0x0 in bad "
                   r"\(STRICT=1\)$")
    got = batch(write(tmp, "openquote.c", OPENQUOTE))
    expect_verdict("an event during an open quote", got, 2,
                   r"^batch: bad command line: cmdline: half$")
    return None, output + got[1] + got[2]


LEAK = r'''#include <xinu.h>
#include "/etc/passwd"
process main(void) { return OK; }
'''


def test_batch_sandbox(tmp, opts):
    """SANDBOX=1: a program runs as usual, and the build finds no host
    file (without the sandbox it would print /etc/passwd's first line)."""
    got = batch(os.path.join(TOP, "test/programs/hello.c"), sandbox="1")
    expect_verdict("hello.c in the sandbox", got, 0,
                   r"^batch: halted; no process killed$")
    output = got[1] + got[2]
    got = batch(write(tmp, "leak.c", LEAK), sandbox="1")
    expect_verdict("#include \"/etc/passwd\" in the sandbox", got, 2,
                   r"^batch: build failed$")
    if "root:" in got[1] + got[2]:
        raise Failed("the host's /etc/passwd reached the build log")
    if "/etc/passwd: No such file" not in got[2]:
        raise Failed("no 'No such file' for /etc/passwd:\n" + got[2][-800:])
    return None, output + got[1] + got[2]


def run_folder_of(tmp):
    """The batch run folders whose program came from folder 'tmp'."""
    found = []
    for run in glob.glob(os.path.join(TOP, "compile/batch/run.*")):
        try:
            if os.readlink(os.path.join(run, "progdir")) == tmp:
                found.append(run)
        except OSError:
            pass
    return found


def start_batch(tmp, tag, prog, timeout=60):
    """compile/bin/batch 'prog' in a session of its own, its QEMU's
    command line marked with the program word 'tag'."""
    return subprocess.Popen([BATCH, prog, str(timeout), str(256),
                             "tag=" + tag],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env_without_make(),
                            errors="replace", start_new_session=True)


def wait_for(what, check, deadline):
    while not check():
        if time.monotonic() > deadline:
            raise Failed("timed out waiting for %s" % what)
        time.sleep(0.1)


def interrupt(tmp, tag, prog, sig, group, during_build):
    """Start a batch run, signal it during the build (while this test
    holds the build lock) or the boot, and check how it ends."""
    what = "%s to %s during the %s" % (signal.Signals(sig).name,
                                       "the group" if group else "batch",
                                       "build" if during_build else "boot")
    deadline = time.monotonic() + 120
    lock = open(runner.BUILD_LOCK, "a")
    try:
        if during_build:
            fcntl.flock(lock, fcntl.LOCK_EX)
        proc = start_batch(tmp, tag, prog)
        if during_build:
            wait_for("the run folder", lambda: run_folder_of(tmp), deadline)
            time.sleep(0.5)         # batch waits for the lock
        else:
            wait_for("QEMU", lambda: procs_with("tag=" + tag), deadline)
        (os.killpg if group else os.kill)(proc.pid, sig)
    finally:
        lock.close()
    out, err = proc.communicate(timeout=120)
    want = 128 + sig
    line = "batch: interrupted (%s)" % signal.Signals(sig).name
    if proc.returncode != want or last_line(err) != line \
            or "Traceback" in err:
        raise Failed("%s: status %d, verdict %r; wanted %d and %r\n%s"
                     % (what, proc.returncode, last_line(err), want, line,
                        runner.tail(out + err)))
    wait_for("QEMU to end after " + what,
             lambda: not procs_with("tag=" + tag), deadline)
    if run_folder_of(tmp):
        raise Failed("%s left %s" % (what, run_folder_of(tmp)))
    return out + err


def test_batch_signals(tmp, opts):
    prog = write(tmp, "forever.c", FOREVER)
    tag = os.path.basename(tmp)
    output = ""
    for n, (sig, group, build) in enumerate((
            (signal.SIGINT, True, False), (signal.SIGTERM, True, False),
            (signal.SIGTERM, False, False), (signal.SIGINT, True, True),
            (signal.SIGTERM, True, True))):
        output += interrupt(tmp, "%s-%d" % (tag, n), prog, sig, group, build)
    # SIGKILL, as grade.py's last resort: QEMU goes too (its run folder
    # may stay: nothing can run then)
    mark = "%s-kill" % tag
    proc = start_batch(tmp, mark, prog)
    deadline = time.monotonic() + 120
    wait_for("QEMU", lambda: procs_with("tag=" + mark), deadline)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    wait_for("QEMU to end after SIGKILL",
             lambda: not procs_with("tag=" + mark), deadline)
    for run in run_folder_of(tmp):
        shutil.rmtree(run, ignore_errors=True)
    return None, output


def test_batch_space(tmp, opts):
    folder = os.path.join(tmp, "sp ace")
    os.makedirs(folder)
    write(folder, "words.h", '#define WORDS "spaced program ran"\n')
    prog = write(folder, "my prog.c", '#include <xinu.h>\n#include '
                 '"words.h"\nprocess main(void)\n{\n\tprintf("%s\\n", '
                 'WORDS);\n\treturn OK;\n}\n')
    got = batch(prog)
    expect_verdict("MAIN with a blank", got, 0,
                   r"^batch: halted; no process killed$")
    if "spaced program ran" not in got[1]:
        raise Failed("MAIN with a blank: its output is missing\n%s"
                     % runner.tail(got[1] + got[2]))
    broken = write(folder, "broken prog.c", "process main(void) {\n")
    got = batch(broken)
    expect_verdict("a build error in it", got, 2, r"^batch: build failed$")
    if broken not in got[2]:
        raise Failed("the compiler's message does not name %s\n%s"
                     % (broken, runner.tail(got[2])))
    return None, got[1] + got[2]


def test_batch_parallel(tmp, opts):
    n = 4
    procs = []
    for k in range(1, n + 1):
        prog = write(tmp, "par%d.c" % k, '#include <xinu.h>\nprocess '
                     'main(void)\n{\n\tprintf("parallel program %d of %d\\n");'
                     '\n\treturn OK;\n}\n' % (k, n))
        procs.append(subprocess.Popen([BATCH, prog, "60"],
                                      stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True,
                                      env=env_without_make(),
                                      errors="replace"))
    outs = [p.communicate() + (p.returncode,) for p in procs]
    for k, (out, err, status) in enumerate(outs, 1):
        seen = re.findall(r"parallel program (\d+) of", out)
        if status != 0 or seen != [str(k)]:
            raise Failed("run %d: status %d, printed programs %s\n%s"
                         % (k, status, seen, runner.tail(out + err)))
    return None, "".join(o + e for o, e, _ in outs)


def locked(path):
    """True when some process holds a lock on the file 'path' (QEMU
    locks the images it opens with OFD locks, listed in /proc/locks)."""
    ino = os.stat(path).st_ino
    with open("/proc/locks") as f:
        for line in f:
            fields = line.split()
            dev = [w for w in fields if w.count(":") == 2]
            if dev and int(dev[0].rsplit(":", 1)[1]) == ino:
                return True
    return False


def paused_run(tmp, name, disk, opts):
    """make run CONSOLE=unix DISK=disk: QEMU starts paused, holding
    'disk' writable, until 'quit' reaches its monitor."""
    return subprocess.Popen(["make", "-s", "--no-print-directory", "run",
                             "CONSOLE=unix", "NEED=true", "DISK=" + disk,
                             "SOCK=" + os.path.join(tmp, name + ".sock"),
                             "MEM=%s" % opts.mem],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, cwd=TOP,
                            env=env_without_make(), start_new_session=True)


def wait_locked(path, proc, deadline):
    while not locked(path):
        if proc.poll() is not None or time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def test_batch_beside_run(tmp, opts):
    swapimg = os.path.join(TOP, "compile/swap.img")
    mine = qemu.disk_image(os.path.join(tmp, "held.img"))
    hello = write(tmp, "hello.c", '#include <xinu.h>\nprocess main(void)\n'
                  '{\n\tprintf("beside make run\\n");\n\treturn OK;\n}\n')
    runs = [paused_run(tmp, "default", "compile/swap.img", opts),
            paused_run(tmp, "held", mine, opts)]
    out = ""
    try:
        deadline = time.monotonic() + 30
        # If a make run of the user's holds compile/swap.img already, ours
        # cannot start, yet the image is held all the same
        if not wait_locked(swapimg, runs[0], deadline) and \
                not locked(swapimg):
            raise Failed("make run never locked compile/swap.img")
        if not wait_locked(mine, runs[1], deadline):
            raise Failed("make run DISK=image never locked its image")
        got = batch(hello)
        out += got[1] + got[2]
        expect_verdict("a batch run beside make run", got, 0,
                       r"^batch: halted; no process killed$")
        if "beside make run\n" not in got[1]:
            raise Failed("the console lacks the program's line\n"
                         + runner.tail(out))
        env = env_without_make()
        env["DISK"] = mine
        r = subprocess.run([BATCH, hello, "30"], capture_output=True,
                           text=True, env=env, errors="replace", timeout=120)
        out += r.stdout + r.stderr
        expect_verdict("DISK= an image make run holds",
                       (r.returncode, r.stdout, r.stderr), 2,
                       r"^batch: QEMU did not start: .*lock")
        # make run itself: QEMU's status 1 is a success only after the
        # kernel's halt event, not when QEMU could not start
        for disk, want in ((mine, 1), ("none", 0)):
            r = subprocess.run(["make", "-s", "--no-print-directory", "run",
                                "DISK=" + disk, "NEED=true",
                                "APPEND=test=sem_count",
                                "MEM=%s" % opts.mem],
                               stdin=subprocess.DEVNULL, capture_output=True,
                               text=True, cwd=TOP, env=env_without_make(),
                               errors="replace", timeout=120)
            out += r.stdout + r.stderr
            said = "QEMU quit before the kernel halted" in r.stderr
            if (r.returncode != 0) != (want != 0) or said != (want != 0):
                raise Failed("make run DISK=%s: status %d, wanted %s\n%s"
                             % (disk, r.returncode,
                                "a failure naming QEMU" if want else 0,
                                runner.tail(r.stdout + r.stderr)))
    finally:
        for p in runs:
            try:
                said = p.communicate(b"quit\n", timeout=30)[0]
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, 9)
                said = p.communicate()[0]
            out += said.decode("latin-1")
    return None, out


def test_bad_options(tmp, opts):
    out = ""
    for words, said in ((["run", "TIMOUT=5"], "unknown variable TIMOUT=5"),
                        (["batch", "MAIN=x.c", "mem=64"],
                         "unknown variable mem=64"),
                        (["run", "MEM=0"], "MEM=0: use a number of MiB"),
                        (["test", "NET=2"], "NET=2: use 1"),
                        (["batch", "MAIN=x.c", "TIMEOUT=0"],
                         "TIMEOUT=0: use a number of seconds"),
                        (["list-tests", "LIST=yes"], "LIST=yes: use 1"),
                        (["all", "V=2"], "V=2: use 1"),
                        (["test", "JOBS=two"], "JOBS=two: use a number")):
        r = subprocess.run(["make", "--no-print-directory"] + words,
                           capture_output=True, text=True, cwd=TOP,
                           env=env_without_make(), errors="replace",
                           timeout=60)
        out += r.stdout + r.stderr
        lines = r.stderr.strip().splitlines()
        if r.returncode != 2 or len(lines) != 1 or said not in lines[0] \
                or r.stdout:
            raise Failed("make %s: status %d, wanted 2 and one line "
                         "with %r\n%s" % (" ".join(words), r.returncode,
                                           said, r.stdout + r.stderr))
    prog = write(tmp, "p.c", '#include <xinu.h>\nprocess main(void)\n'
                 '{\n\treturn OK;\n}\n')
    for env, args, pattern in (({}, [prog, "0"], r"TIMEOUT=0"),
                               ({}, [prog, "30", "0"], r"MEM=0"),
                               ({"NET": "2"}, [prog, "30"], r"NET=2"),
                               ({"DETERMINISTIC": "2"}, [prog, "30"],
                                r"DETERMINISTIC=2")):
        e = env_without_make()
        e.update(env)
        r = subprocess.run([BATCH] + args, capture_output=True, text=True,
                           env=e, errors="replace", timeout=120)
        out += r.stdout + r.stderr
        expect_verdict("batch %s %s" % (env, args[1:]),
                       (r.returncode, r.stdout, r.stderr), 2,
                       r"^batch: bad usage: " + pattern)
    e = env_without_make()
    e["NET"] = "0"
    r = subprocess.run([BATCH, prog, "30"], capture_output=True, text=True,
                       env=e, errors="replace", timeout=120)
    out += r.stdout + r.stderr
    if r.returncode != 0 or not re.search(r"^  net +no NIC", r.stdout, re.M):
        raise Failed("batch NET=0: status %d, wanted 0 and no NIC\n%s"
                     % (r.returncode, runner.tail(r.stdout + r.stderr)))
    return None, out


def test_examples(tmp, opts):
    import glob
    out = ""
    progs = sorted(glob.glob(os.path.join(TOP, "examples", "*.c")))
    if not progs:
        raise Failed("no examples/*.c")
    for prog in progs:
        got = batch(prog, timeout=120, strict="1")
        out += got[1] + got[2]
        expect_verdict("examples/" + os.path.basename(prog), got, 0,
                       r"^batch: halted; no process killed$")
    return None, out


def wait_listening(port, proc, deadline):
    while not listening(port):
        if proc.poll() is not None or time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def gdb_cmd(port, *commands):
    cmd = ["gdb", "-q", "-nh", "-iex",
           "add-auto-load-safe-path %s/.gdbinit" % TOP]
    for c in commands:
        cmd += ["-ex", c]
    return cmd


def need_gdb():
    """Install gdb the way make debug does (one apt-get at a time)."""
    import bootpaths
    why = bootpaths.build("need", "gdb:gdb", "ss:iproute2")
    if why:
        raise Failed(why)


def test_gdb(tmp, opts):
    need_gdb()
    port = free_port()
    deadline = time.monotonic() + runner.limit(opts)
    serve = subprocess.Popen([DEBUG, "serve", str(port), str(opts.mem), "",
                              opts.kernel], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT,
                             env=dict(env_without_make(), NET="1"),
                             start_new_session=True)
    try:
        if not wait_listening(port, serve, deadline):
            raise Failed("QEMU never listened on port %d" % port)
        nic = [p for p in procs_with("tcp:127.0.0.1:%d" % port)
               if "e1000" in open("/proc/%d/cmdline" % p).read()]
        if not nic:
            raise Failed("NET=1: the QEMU make qemu-gdb started has no e1000")
        env = dict(os.environ, GDBPORT=str(port))
        r = subprocess.run(["gdb", "-batch", "-nh", "-iex",
                            "add-auto-load-safe-path %s/.gdbinit" % TOP,
                            "-ex", "break nulluser", "-ex", "continue",
                            "-ex", "bt 1", "-ex", "kill"],
                           cwd=TOP, env=env, capture_output=True, text=True,
                           errors="replace",
                           timeout=max(1, deadline - time.monotonic()))
        out = r.stdout + r.stderr
        if not re.search(r"^#0 +nulluser", out, re.M):
            raise Failed("gdb never stopped in nulluser\n" + runner.tail(out))
        try:
            serve.wait(max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise Failed("QEMU still runs after gdb's kill")
        return None, out
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, 9)
            serve.wait()


def test_debug(tmp, opts):
    need_gdb()
    port = free_port()
    r = subprocess.run([DEBUG, "gdb", str(port), str(opts.mem), "",
                        opts.kernel],
                       input="break nulluser\ncontinue\nbt 1\nquit\n",
                       capture_output=True, text=True, errors="replace",
                       timeout=runner.limit(opts),
                       start_new_session=True)
    out = r.stdout + r.stderr
    left = procs_with("tcp:127.0.0.1:%d" % port)
    for pid in left:
        os.kill(pid, 9)
    if not re.search(r"^(\(gdb\) )?#0 +nulluser", out, re.M):
        return "gdb never stopped in nulluser", out
    if left or listening(port):
        return "QEMU left running after gdb quit (pids %s)" % left, out
    return None, out


def test_debug_console(tmp, opts):
    need_gdb()
    port = free_port()
    sock = os.path.join(tmp, "console.sock")
    env = dict(env_without_make(), CONSOLE="unix", SOCK=sock)
    proc = subprocess.Popen([DEBUG, "gdb", str(port), str(opts.mem),
                             "test=sem_count", opts.kernel], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + runner.limit(opts)
    got = b""
    client = socket.socket(socket.AF_UNIX)
    try:
        while True:             # the socket, before gdb lets QEMU run
            try:
                client.connect(sock)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise Failed("no console socket %s" % sock)
                time.sleep(0.02)
        proc.stdin.write(b"continue\nquit\n")
        proc.stdin.flush()
        client.settimeout(1)
        while b"TEST sem_count: PASS" not in got and \
                time.monotonic() < deadline:
            try:
                data = client.recv(4096)
            except socket.timeout:
                continue
            if not data:
                break
            got += data
        out = proc.communicate(timeout=60)[0].decode("latin-1")
    finally:
        client.close()
        if proc.poll() is None:
            os.killpg(proc.pid, 9)
            proc.wait()
    console = got.decode("latin-1")
    if "TEST sem_count: PASS" not in console:
        raise Failed("the socket did not carry the console\n%s"
                     % runner.tail(console + out))
    if "the console is on the socket %s" % sock not in out:
        raise Failed("make debug did not say where the console is\n%s"
                     % runner.tail(out))
    if procs_with("tcp:127.0.0.1:%d" % port):
        raise Failed("QEMU left running")
    return None, out + console


def test_debug_stale(tmp, opts):
    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))
        s.listen()
        r = subprocess.run([DEBUG, "gdb", str(port), str(opts.mem), "",
                            opts.kernel], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, errors="replace",
                           timeout=runner.limit(opts))
    out = r.stdout + r.stderr
    left = procs_with("tcp:127.0.0.1:%d" % port)
    for pid in left:
        os.kill(pid, 9)
    if r.returncode == 0 or "port %d is taken" % port not in r.stderr:
        return "no refusal (status %d)" % r.returncode, out
    if left:
        return "it started QEMU anyway", out
    return None, out


def test_console_unix(tmp, opts):
    sock = os.path.join(tmp, "console.sock")
    try:
        r = subprocess.run(["make", "-s", "--no-print-directory", "run",
                            "CONSOLE=unix", "SOCK=" + sock, "NEED=true",
                            "DISK=none",
                            "MEM=%s" % opts.mem],
                           input="quit\n", capture_output=True, text=True,
                           cwd=TOP, errors="replace",
                           timeout=runner.limit(opts) / 2,
                           start_new_session=True)
    except subprocess.TimeoutExpired as e:
        for pid in procs_with(sock):
            os.kill(pid, 9)
        out = (e.stdout or b"") + (e.stderr or b"")
        return "QEMU did not quit before a client attached", \
            out.decode("latin-1")
    out = r.stdout + r.stderr
    if procs_with(sock):
        return "QEMU left running", out
    if r.returncode != 0:
        return "make run exited %d" % r.returncode, out
    return None, out


def image_holds(img, tag, blocks):
    """The blocks of 'blocks' in 'img' that do not hold tag's pattern."""
    bad = []
    with open(img, "rb") as f:
        for blk in blocks:
            f.seek(blk * qemu.DISK_BLOCK)
            if f.read(qemu.DISK_BLOCK) != qemu.disk_pattern(tag, blk):
                bad.append(blk)
    return bad


def test_disk_image(tmp, opts):
    img = qemu.disk_image(os.path.join(tmp, "disk.img"))
    last = qemu.swap_pages() - 1
    written = [0, 1, 63, 64 + 251, last]      # ata_write_read_back's tag 7
    boot = qemu.Boot(qemu.qemu_command(
        opts.kernel, "test=ata_write_read_back", opts.mem,
        qemu.drive_args(img)))
    boot.finish(time.monotonic() + 60)
    out = boot.text()
    if "TEST ata_write_read_back: PASS" not in out:
        raise Failed("the writing boot did not pass\n" + runner.tail(out))
    bad = image_holds(img, 7, written)
    if bad:
        raise Failed("blocks %s of the image lack what the kernel wrote"
                     % bad)
    prog = write(tmp, "zero.c", '#include <xinu.h>\nprocess main(void)\n'
                 '{\n\tstatic char b[4096];\n\n\tprintf("write %d\\n", '
                 'write(DISK0, b, 0));\n\treturn OK;\n}\n')
    env = env_without_make()
    env["DISK"] = img
    r = subprocess.run([BATCH, prog, "60"], capture_output=True, text=True,
                       env=env, timeout=120, errors="replace")
    out += r.stdout + r.stderr
    if r.returncode != 0 or "write 1\n" not in r.stdout:
        raise Failed("batch DISK=image: status %d\n%s"
                     % (r.returncode, runner.tail(r.stdout + r.stderr)))
    if image_holds(img, 7, [0]):
        raise Failed("a batch run wrote block 0 of its DISK= image")
    # batch's own image (compile/bin/mkdisk) has the reserve block past a
    # full-size swap area
    r = subprocess.run([BATCH, prog, "60", str(opts.mem), "vm.swapdev=disk"],
                       capture_output=True, text=True, env=env_without_make(),
                       timeout=120, errors="replace")
    out += r.stdout + r.stderr
    want = "reserve block %d" % qemu.swap_pages()
    if r.returncode != 0 or want not in r.stdout:
        raise Failed("batch vm.swapdev=disk: status %d, no '%s'\n%s"
                     % (r.returncode, want, runner.tail(r.stdout)))
    return None, out


MARKER = b"XINU-SWAP-MARKER"


def sealed_image_boot(tmp, opts, crypt):
    """Boot test=seal_image_host with a writable image of our own and
    vm.swapcrypt=crypt; at READY look into the image (and, sealed,
    change a byte of every block that is not empty), then let it go on.
    Returns (console, marker blocks seen, blocks changed)."""
    img = os.path.join(tmp, "seal-%s.img" % crypt)
    with open(img, "wb") as f:
        f.truncate(256 * qemu.DISK_BLOCK)
    boot = qemu.Boot(qemu.qemu_command(
        opts.kernel, "test=seal_image_host vm.swapdev=disk vm.ffs=8 "
        "vm.swap=128 vm.swapcrypt=" + crypt, opts.mem,
        qemu.drive_args(img)))
    try:
        end = time.monotonic() + 60
        while "READY" not in boot.text() and boot.pump(end) and \
                time.monotonic() < end:
            pass
        if "READY" not in boot.text():
            raise Failed("no READY\n" + runner.tail(boot.text()))
        seen = changed = 0
        with open(img, "r+b") as f:
            for blk in range(256):
                f.seek(blk * qemu.DISK_BLOCK)
                data = f.read(qemu.DISK_BLOCK)
                seen += MARKER in data
                if crypt == "on" and data.strip(b"\0"):
                    f.seek(blk * qemu.DISK_BLOCK + 1000)
                    f.write(bytes([data[1000] ^ 0x20]))
                    changed += 1
        boot.send(b"\n")
        status = boot.finish(time.monotonic() + 60)
    finally:
        boot.kill()
    out = boot.text()
    if status != verdict.EXIT_DONE or \
            "TEST seal_image_host: PASS" not in out:
        raise Failed("vm.swapcrypt=%s: status %s\n%s" % (
            crypt, status, runner.tail(out)))
    return out, seen, changed


def test_sealed_image(tmp, opts):
    """The disk image seen from the host: with vm.swapcrypt=off the
    program's marker is there in clear; with on it is nowhere, and a
    byte changed in every block the kernel wrote kills the program with
    SWAP_CORRUPT before it reads a wrong word."""
    out, seen, _ = sealed_image_boot(tmp, opts, "off")
    if seen < 64:
        raise Failed("vm.swapcrypt=off: the marker in only %d blocks" % seen)
    out2, seen, changed = sealed_image_boot(tmp, opts, "on")
    if seen:
        raise Failed("vm.swapcrypt=on: the marker in clear in %d blocks"
                     % seen)
    if changed < 64 or not re.search(r"^P\d+:: SWAP_CORRUPT$", out2, re.M) \
            or "RESULT wrong=0 failed=1 retired=1" not in out2:
        raise Failed("vm.swapcrypt=on: %d blocks changed\n%s"
                     % (changed, runner.tail(out2)))
    return None, out + out2


def table_policies():
    """The policies of the kernel's table: the lines P(NAME) of
    include/vmtable.h, in order."""
    with open(os.path.join(TOP, "include/vmtable.h")) as f:
        return re.findall(r"^\s*P\((\w+)\)", f.read(), re.M)


def test_curves(tmp, opts):
    plotpy = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") \
        else "python3"
    plots = subprocess.run([plotpy, "-c", "import matplotlib"],
                           capture_output=True).returncode == 0
    cmd = [plotpy, os.path.join(TOP, "tools/curves.py"), "--kernel",
           opts.kernel, "--out", tmp, "--frames", "8 64", "--refs", "600",
           "--jobs", "1"] + ([] if plots else ["--no-plot"])
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    output = r.stdout + r.stderr
    if r.returncode != 0:
        raise Failed("curves.py: status %d\n%s" % (r.returncode, output))
    with open(os.path.join(tmp, "curves.csv")) as f:
        rows = list(csv.DictReader(f))
    faults = {(r["workload"], r["policy"], int(r["frames"])):
              int(r["faults"]) for r in rows}
    want = ["opt", "lru"] + table_policies()
    if len(want) < 6:
        raise Failed("include/vmtable.h: too few policies: %s" % want)
    for wl in ("loop", "zipf", "scanhot", "twoproc", "phase"):
        for fr in (8, 64):
            got = {p: faults.get((wl, p, fr)) for p in want}
            if None in got.values():
                raise Failed("curves.csv lacks %s at %d frames: %s"
                             % (wl, fr, got))
            if min(got.values()) < got["opt"]:
                raise Failed("%s, %d frames: below OPT: %s" % (wl, fr, got))
            if fr == 64 and len(set(got.values())) != 1:
                raise Failed("%s: all 64 pages fit, yet %s" % (wl, got))
    for name in (["all.png", "all.svg", "zipf.png"] if plots else []):
        if not os.path.getsize(os.path.join(tmp, name)):
            raise Failed("no plot %s" % name)
    return None, output


def test_deterministic(tmp, opts):
    prog = os.path.join(runner.PROGRAMS, "preempt3.c")
    spin = write(tmp, "spin.c", SPIN)
    tag = os.path.basename(tmp)
    load = [start_batch(tmp, "%s-%d" % (tag, k), spin, timeout=600)
            for k in range(2)]
    try:
        deadline = time.monotonic() + 120
        for k, p in enumerate(load):
            wait_for("spinning QEMU %d" % k, lambda k=k, p=p: procs_with(
                "tag=%s-%d" % (tag, k)) or p.poll() is not None, deadline)
            if p.poll() is not None:
                raise Failed("spinning QEMU %d did not start\n%s"
                             % (k, runner.tail(p.communicate()[1])))
        env = env_without_make()

        def outputs(n, deterministic):
            env["DETERMINISTIC"] = "1" if deterministic else "0"
            got = []
            for _ in range(n):
                r = subprocess.run([BATCH, prog, "60"], capture_output=True,
                                   env=env, timeout=300)
                if r.returncode != 0:
                    raise Failed("DETERMINISTIC=%s: batch exit %d\n%s"
                                 % (env["DETERMINISTIC"], r.returncode,
                                    runner.tail((r.stdout + r.stderr)
                                                .decode("latin-1"))))
                got.append(r.stdout)
            return got

        same = outputs(10, True)
        free = outputs(5, False)
        ended = [k for k, p in enumerate(load) if p.poll() is not None]
        if ended:
            raise Failed("spinning QEMU %s ended before the runs did" % ended)
    finally:
        for p in load:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
            try:
                p.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.communicate()
    wait_for("the spinning QEMUs to end",
             lambda: not procs_with("tag=" + tag), time.monotonic() + 60)
    text = [o.decode("latin-1") for o in same]
    report = ("DETERMINISTIC=1: %d distinct outputs in %d runs\n"
              "DETERMINISTIC=0: %d distinct outputs in %d runs\n"
              % (len(set(same)), len(same), len(set(free)), len(free)))
    if len(set(same)) != 1:
        first = next(t for t in text if t != text[0])
        raise Failed("DETERMINISTIC=1 runs differ\n%s%s" % (
            report, "\n".join(difflib.unified_diff(
                text[0].splitlines(), first.splitlines(), "run 1",
                "another run", lineterm=""))))
    if "preempt3: all three counters ended" not in text[0]:
        raise Failed("preempt3 did not end\n" + runner.tail(text[0]))
    return None, report + "\n" + text[0]


WARNS = r'''#include <xinu.h>
process main(void)
{
	int	unused;
	return OK;
}
'''


def test_build_lines(tmp, opts):
    """compile/Makefile into a folder of its own (the kernel objects are
    make test's, up to date): its lines by default, with V=1 and -s."""
    prog = write(tmp, "main.c", WARNS)
    env = dict(os.environ)
    for key in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "V"):
        env.pop(key, None)
    out, got = "", {}
    for tag, extra in (("short", []), ("verbose", ["V=1"]),
                       ("silent", ["-s"])):
        dest = os.path.join(tmp, tag)
        r = subprocess.run(["flock", os.path.join(TOP, "compile/.build.lock"),
                            "make", "--no-print-directory", "-C",
                            os.path.join(TOP, "compile"), "OUT=" + dest,
                            "MAIN=" + prog] + extra, capture_output=True,
                           text=True, env=env, errors="replace", timeout=300)
        out += "== make %s\n%s%s" % (" ".join(extra), r.stdout, r.stderr)
        if r.returncode != 0 or not os.path.exists(dest + "/xinu.elf"):
            raise Failed("make %s: status %d, no image\n%s"
                         % (" ".join(extra), r.returncode, out))
        if not re.search(r"warning: unused variable.*\n.*\|\s+int\s+unused;",
                         r.stderr):       # the message and the line
            raise Failed("make %s: the program's warning is not shown in "
                         "full\n%s" % (" ".join(extra), out))
        got[tag] = r.stdout.splitlines()
    want = ["CC " + prog, "LD %s/xinu.elf" % os.path.join(tmp, "short")]
    if got["short"] != want:
        raise Failed("make: wanted the lines %r\n%s" % (want, out))
    verbose = "\n".join(got["verbose"])
    if re.search(r"^CC |^LD ", verbose, re.M) or \
            not re.search(r"gcc .* -c %s -o " % re.escape(prog), verbose) or \
            not re.search(r"ld .*-Map ", verbose):
        raise Failed("make V=1: wanted the compile and link commands, no "
                     "short lines\n%s" % out)
    if got["silent"]:
        raise Failed("make -s: wanted no lines but the warning\n%s" % out)
    r = subprocess.run(["make", "--no-print-directory", "help", "V=1"],
                       capture_output=True, text=True, cwd=TOP, env=env,
                       errors="replace", timeout=60)
    out += "== make help V=1\n" + r.stdout + r.stderr
    if r.returncode != 0 or not re.search(r"^  V=1 ", r.stdout, re.M):
        raise Failed("make help V=1: status %d, or V=1 not in the help\n%s"
                     % (r.returncode, out))
    return None, out


LAYERS = os.path.join(TOP, "compile/bin/layers")
UPCALL = r'''/* lib calling the fault path: a use up the layers */
extern void vmkill(const char *);
void upcall(void) { vmkill("never"); }
'''


def layers(*args):
    """compile/bin/layers ARGS with make test's DEFS; (status, output)."""
    env = dict(os.environ)
    for key in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(key, None)
    r = subprocess.run([LAYERS] + list(args), capture_output=True,
                       text=True, env=env, errors="replace", timeout=120)
    return r.returncode, r.stdout + r.stderr


def test_layers(tmp, opts):
    status, out = layers()
    if status != 0:     # the first problem names the symbol and files
        first = out.splitlines()[0] if out.strip() else "no output"
        raise Failed("%s (status %d)\n%s" % (first, status, out))
    # The same tree with three faults: a lib file calling vmkill, an
    # object in a folder no layer names, a stale allow entry
    src, obj = os.path.join(tmp, "src"), os.path.join(tmp, "obj")
    os.makedirs(os.path.join(src, "newdir"))
    top = [os.path.join(TOP, d) for d in ("lib", "system", "paging", "swap",
                                          "device", "net", "shell", "test")]
    subprocess.run(["cp", "-rs"] + top + [src], check=True)
    r = subprocess.run(["make", "-s", "--no-print-directory", "-C",
                        os.path.join(TOP, "compile"), "objdir"],
                       capture_output=True, text=True, check=True)
    subprocess.run(["cp", "-rs", os.path.join(TOP, "compile",
                                              r.stdout.strip()), obj],
                   check=True)
    cc = subprocess.run([os.path.join(TOP, "compile/bin/cross")],
                        capture_output=True, text=True,
                        check=True).stdout.strip() + "gcc"
    for rel, text in (("lib/upcall.c", UPCALL),
                      ("newdir/x.c", "int x(void) { return 0; }\n")):
        write(src, rel, text)
        os.makedirs(os.path.dirname(os.path.join(obj, rel)), exist_ok=True)
        subprocess.run([cc, "-m32", "-c", os.path.join(src, rel), "-o",
                        os.path.join(obj, rel + ".o")], check=True)
    with open(os.path.join(TOP, "compile/layers")) as f:
        text = f.read()
    text += "\nallow a test's stale entry\n\tsystem/exit.c\tpagefault\n"
    stale = text.splitlines().index("\tsystem/exit.c\tpagefault") + 1
    lfile = write(tmp, "layers", text)
    status, bad = layers("--layers", lfile, "--src", src, obj)
    out += "\n" + bad
    want = ["layers: allow system/exit.c pagefault (line %d): no such use "
            "up the layers (stale)" % stale,
            "layers: lib/upcall.c uses vmkill (paging/vmkill.c): lib is "
            "below paging",
            "layers: newdir/x.c: in no layer (compile/layers names its "
            "folder)"]
    if status != 1 or sorted(bad.splitlines()) != want:
        raise Failed("three faults: status %d, wanted 1 and these lines:\n"
                     "%s\ngot:\n%s" % (status, "\n".join(want), bad))
    return None, out


def doc_block(text, name):
    """The lines between <!-- NAME:begin --> and <!-- NAME:end -->."""
    m = re.search(r"^<!-- %s:begin -->\n(.*?)^<!-- %s:end -->$"
                  % (name, name), text, re.M | re.S)
    if m is None:
        raise Failed("docs/costs.md has no %s markers" % name)
    return m.group(1).splitlines()


def check_curves_table(lines, rows):
    """Failed unless the Markdown table in 'lines' is the faults/OPT of
    the curves.csv rows 'rows'; returns how many cells it checked."""
    faults = {(r["workload"], r["policy"].lower(), int(r["frames"])):
              int(r["faults"]) for r in rows}
    table = [[c.strip() for c in ln.strip().strip("|").split("|")]
             for ln in lines if ln.startswith("|")]
    if len(table) < 3 or table[0][:3] != ["workload", "frames",
                                          "OPT faults"]:
        raise Failed("curves table: no workload/frames/OPT faults header")
    cols = [c.lower() for c in table[0][3:]]
    policies = {p for _, p, _ in faults} - {"opt"}
    if set(cols) != policies:
        raise Failed("curves table has columns %s, curves.csv policies %s"
                     % (sorted(cols), sorted(policies)))
    cells = 0
    for row in table[2:]:
        wl, fr = row[0], int(row[1])
        opt = faults.get((wl, "opt", fr))
        if opt is None or row[2] != str(opt):
            raise Failed("curves table: %s at %d frames: OPT %s, csv %s"
                         % (wl, fr, row[2], opt))
        for pol, cell in zip(cols, row[3:]):
            want = "%.2f" % (faults[(wl, pol, fr)] / opt)
            if cell != want:
                raise Failed("curves table: %s at %d frames, %s: %s, "
                             "curves.csv gives %s" % (wl, fr, pol, cell,
                                                       want))
            cells += 1
    if {r[0] for r in table[2:]} != {w for w, _, _ in faults}:
        raise Failed("curves table lacks a workload of curves.csv")
    return cells


def png_width(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise Failed("%s is not a PNG" % path)
    return int.from_bytes(head[16:20], "big")


def test_docs_tables(tmp, opts):
    docs = os.path.join(TOP, "docs")
    with open(os.path.join(docs, "costs.md")) as f:
        text = f.read()
    with open(os.path.join(docs, "curves.csv")) as f:
        rows = list(csv.DictReader(f))
    cells = check_curves_table(doc_block(text, "curves"), rows)
    tampered = [ln.replace("| 1.", "| 9.", 1) for ln in
                doc_block(text, "curves")]
    try:
        check_curves_table(tampered, rows)
    except Failed:
        pass
    else:
        raise Failed("a curves table with a changed cell passed the check")
    out = ["curves table: %d ratios match docs/curves.csv" % cells]
    for name in ("bench-tcg", "bench-icount"):
        lines = doc_block(text, name)
        wide = [ln for ln in lines if len(ln) > 100]
        if not any(ln.startswith("measure ") for ln in lines) or wide:
            raise Failed("%s: no table, or lines over 100 columns: %s"
                         % (name, wide[:1]))
        out.append("%s: %d lines, none over 100 columns" % (name,
                                                             len(lines)))
    for column in ("measure", "cycles", "us", "us (TSC)", "base", "ratio",
                   "base is"):
        if "**%s**" % column not in text:
            raise Failed("docs/costs.md does not explain the column %s"
                         % column)
    for plot in ("curves-zipf.png", "curves-loop.png"):
        width = png_width(os.path.join(docs, plot))
        if width < 960:
            raise Failed("docs/%s is %d pixels wide" % (plot, width))
    return None, "\n".join(out)
FNLEN = os.path.join(TOP, "compile/bin/fnlen")
FNLEN_FOLDERS = ("system", "paging", "swap", "device", "net")


def body(name, lines):
    """A function 'name' whose body, braces counted, is 'lines' long."""
    return ("int32\t%s(void)\n{\n\tint32\tn = 0;\n\n%s\treturn n;\n}\n"
            % (name, "\tn++;\n" * (lines - 5)))


def test_fnlen(tmp, opts):
    r = subprocess.run([FNLEN], capture_output=True, text=True,
                       timeout=60)
    out = r.stdout + r.stderr
    if r.returncode != 0:
        first = out.splitlines()[0] if out.strip() else "no output"
        raise Failed("%s (status %d)\n%s" % (first, r.returncode, out))
    # The same folders with three more files: one function a line too
    # long, one just short enough, one whose body opens on its
    # signature's line (it would escape the count)
    src = os.path.join(tmp, "src")
    os.makedirs(src)
    subprocess.run(["cp", "-rs"] + [os.path.join(TOP, d)
                                    for d in FNLEN_FOLDERS] + [src],
                   check=True)
    write(src, "swap/toolong.c", "/* toolong.c */\n\n" + body("toolong", 71))
    write(src, "net/justright.c", body("justright", 70))
    write(src, "device/tty/opened.c",
          "\nint32\topened(void) {\n\treturn 0;\n}\n")
    r = subprocess.run([FNLEN, "--src", src], capture_output=True,
                       text=True, timeout=60)
    out += "\n" + r.stdout + r.stderr
    want = ["fnlen: device/tty/opened.c:2: the body opens on the "
            "signature's line",
            "fnlen: swap/toolong.c:4: toolong is 71 lines (at most 70)"]
    if r.returncode != 1 or sorted(r.stdout.splitlines()) != want:
        raise Failed("three files: status %d, wanted 1 and these lines:\n"
                     "%s\ngot:\n%s" % (r.returncode, "\n".join(want),
                                        r.stdout + r.stderr))
    return None, out


TESTS = {"batch-verdicts": test_batch_verdicts,
         "event-channel": test_event_channel,
         "sealed-image": test_sealed_image,
         "batch-sandbox": test_batch_sandbox,
         "batch-signals": test_batch_signals,
         "batch-space": test_batch_space,
         "batch-parallel": test_batch_parallel,
         "batch-beside-run": test_batch_beside_run,
         "bad-options": test_bad_options,
         "examples": test_examples,
         "gdb": test_gdb, "debug": test_debug, "debug-stale": test_debug_stale,
         "debug-console": test_debug_console,
         "console-unix": test_console_unix, "disk-image": test_disk_image,
         "deterministic": test_deterministic, "curves": test_curves,
         "layers": test_layers, "fnlen": test_fnlen,
         "build-lines": test_build_lines,
         "docs-tables": test_docs_tables}


def run(name, opts):
    """Run tool test 'name'; returns a runner.Result."""
    start = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="xinu-tool-%s-" % name)
    try:
        try:
            why, output = TESTS[name](tmp, opts)
        except Failed as e:
            why, output = str(e).split("\n")[0], str(e)
        except subprocess.TimeoutExpired as e:
            why, output = "timeout: %s" % " ".join(e.cmd[:2]), ""
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return runner.timed(start, why, output)
