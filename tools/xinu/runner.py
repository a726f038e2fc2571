#!/usr/bin/env python3
"""runner.py - the host test runner and the batch boot of Xinu/VM.

make test runs it.  Every test has one name, and every name it prints is
accepted by TESTS= (shell globs too: TESTS='vm_*'):
  host:NAME    a host unit-test program compile/host/NAME, which prints
               "ok CASE" or "FAIL CASE: why" per case (one test per
               program, its failed cases under it);
  NAME         an in-kernel test case (TEST(name) or TEST_BOOT(name,
               "args") in test/kernel/*.c) as the test image lists them
               when booted with test=list, booted in a fresh QEMU with
               test=NAME: a PASS needs status 1 (isa-debug-exit value 0)
               and the line "TEST name: PASS"; a panic, a triple fault
               (QEMU stops with -no-reboot), a second boot banner, a bad
               kernel command line or a timeout is a FAIL.  Words of the
               args that start with "+" are the runner's: "+disk"
               attaches a private disk image (disk_image), "+disk=N"
               one of N blocks; a case without it boots with no disk;
               "+cpumax" boots QEMU's -cpu max (RDRAND, RDSEED); a
               "+host" case is booted only by a tool test that works
               on it from outside (tool:sealed-image); a "+net" case (NETTEST)
               is not booted alone: net:NAME tests boot it on machines
               with an e1000 (test/nettests.py);
  script:NAME  a scripted console session test/scripts/NAME.script, which
               types into the serial console and waits for output (format
               below);
  boot:NAME    a boot path of test/bootpaths.py (ISO, PXE, deploy, the
               socket console);
  net:NAME     a network test of test/nettests.py (DHCP on QEMU's user
               network, two Xinu machines on one link, malformed frames
               from this host, the fuzzer, Linux as the peer), on
               machines with an e1000;
  tool:NAME    a test of the make targets themselves (test/tooltests.py);
  prog:NAME    a course program test/programs/NAME.c run through
               compile/bin/batch as a grader runs it, its console compared
               with NAME.expected (see PROGRAMS below).
A name without its kind (shell, iso) is accepted too.  Each test leaves
compile/test-results/NAME.output (its console or output) and NAME.result
(first line PASS, FAIL or SKIP, then the detail).  A test that cannot
run on this machine (no network namespaces, say) is a SKIP with its
reason, never a pass.  The run ends with the skipped names and why, the
failed names, one a line, and last "N passed, N failed" (", N skipped"
after it when some were).  On a terminal a counter
[n/N] and colour mark each line; otherwise the lines are plain.

make batch runs it with --batch ELF: boot headless, stream the console to
stdout, end with one verdict line on stderr and exit with its status
(see batch_verdict).  The verdict never reads the console, which the
program writes too: it reads the kernel's event port (COM2, system/
kevent.c), attached to the file --events names (one line per fact:
"boot ...", "kill PID WHY", "panic WHY", "cmdline WHY", "halt CODE",
each as "SEQ KIND TEXT *CRC", numbered from 0 and CRC-32-summed: any
other byte there is "batch: event channel tampered", see
parse_events), QEMU's exit status and stderr (kept apart from the
console), and the clock.

Script format (test/scripts/NAME.script), one directive per line:
  append: WORDS      extra kernel command-line words (before the boot)
  mem: MIB           QEMU's memory for this session
  disk: yes          boot with a private disk image (as "+disk" does)
  net: user          boot with an e1000 on QEMU's user network
  timeout: SECONDS   time limit for the whole session (default 60;
                     make test TIMEOUT=s overrides it)
  expect: REGEX      wait until the console, after the previous match,
                     matches REGEX (Python syntax, searched, DOTALL)
  reject: REGEX      fail as soon as the console matches REGEX
  send: TEXT         type TEXT; \\n \\r \\t \\xHH and \\\\ are escapes
  status: N          QEMU must exit with status N (1: Xinu powered off)
Lines starting with # are comments.  A script fails at once when QEMU
exits while it still expects output, a reject pattern matches, or the
kernel refuses its command line (a "cmdline: ..." line) unless the
script wants that refusal (status: 7).

PROGRAMS: test/programs/NAME.c, with NAME.expected and an optional
NAME.conf of KEY=value lines (APPEND, DEFS, PROGFLAGS, TIMEOUT, MEM,
STRICT, NET, DETERMINISTIC; DEFS and PROGFLAGS default to make test's
own; a program whose output depends on where preemption falls sets
DETERMINISTIC=1, so its run repeats and can be compared; POINTS,
MODE and VERDICTS are make grade's, see grade/grade.py: with
MODE=verdicts only the lines the regex VERDICTS matches are compared
here too).  The run passes when compile/bin/batch exits 0 and the
program's output (the console after the boot banner and its indented
lines) equals NAME.expected once both sides are normalized: blank lines
and "All user processes have completed." dropped, trailing blanks cut,
and pid numbers (the tokens P<digits> and pid <digits>) renamed in order
of first appearance, so P4 and "pid 4" become P#1 and "pid #1" when 4 is
the first pid seen.  A failure shows a short unified diff.
"""

import argparse
import binascii
import collections
import contextlib
import concurrent.futures
import difflib
import fcntl
import fnmatch
import glob
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "tools"))
sys.path.insert(0, os.path.join(TOP, "test"))
BANNER = re.compile(r"^Xinu/VM \d", re.M)
TESTCASE = re.compile(r"^testcase (\S+) ?(.*)$", re.M)
TESTCOUNT = re.compile(r"^testcases (\d+)$", re.M)
PANIC = re.compile(r"^PANIC: (.*)$", re.M)
QEMU_ERROR = re.compile(r"^qemu-system-\S+: (.*)$", re.M)
CMDLINE = re.compile(r"^cmdline: .*$", re.M)
EVENT = re.compile(r"(0|[1-9][0-9]*) (boot|kill|panic|cmdline|halt)"
                   r"(?: (.*))? \*([0-9a-f]{8})")
EVENT_KILL = re.compile(r"^(\d+) (.+)$")
EXIT_DONE = 1           # isa-debug-exit value 0: halted normally / passed
EXIT_BADCMD = 7         # isa-debug-exit value 3: bad kernel command line
TAIL_LINES = 15
DEFAULT_TIMEOUT = 60.0
RESULTS = os.path.join(TOP, "compile/test-results")
PROGRAMS = os.path.join(TOP, "test/programs")
BATCH = os.path.join(TOP, "compile/bin/batch")
BUILD_LOCK = os.path.join(TOP, "compile/.build.lock")
DISK_BLOCK = 4096       # bytes per disk block (ATA_BLKSIZ)
HOST_TAG = 0xD15C       # the tag of the pattern disk_image writes
RUNNER_WORDS = ("+disk", "+net", "+cpumax", "+host")


def swap_pages():
    """MAX_SWAP_SIZE from include/paging.h: the pages a disk image holds."""
    with open(os.path.join(TOP, "include/paging.h")) as f:
        m = re.search(r"^#define\s+MAX_SWAP_SIZE\s+(\d+)", f.read(), re.M)
    return int(m.group(1))


def disk_pattern(tag, blk):
    """The 4 KiB block 'blk' as test/kernel/ata.c's pattern() fills it."""
    base = (tag * 0x9E3779B1 & 0xFFFFFFFF) ^ (blk << 12) ^ 0x5A5A0000
    return struct.pack("<1024I", *[base ^ i for i in range(1024)])


def disk_image(path, pages=None):
    """Make a sparse disk image of 'pages' pages (default MAX_SWAP_SIZE)
    at 'path', with the host's pattern (HOST_TAG) in its first, middle
    and last block, which the case ata_host_pattern reads back; returns
    'path'."""
    pages = pages or swap_pages()
    with open(path, "wb") as f:
        f.truncate(pages * DISK_BLOCK)
        for blk in (0, pages // 2, pages - 1):
            f.seek(blk * DISK_BLOCK)
            f.write(disk_pattern(HOST_TAG, blk))
    return path


def drive_args(path, snapshot=False):
    """QEMU's words that attach 'path' as the primary IDE master."""
    return ["-drive", "file=%s,format=raw,if=ide,index=0,media=disk%s"
            % (path.replace(",", ",,"), ",snapshot=on" if snapshot else "")]


@contextlib.contextmanager
def test_boot(kernel, name, args, mem, net=None, extra=()):
    """Boot test=NAME with the words 'args' (TEST_BOOT's), the runner's
    own words (+disk) taken out of the kernel's command line, an e1000
    when 'net' names a backend (see qemu_command), and QEMU options
    'extra' (make bench's -icount).  Yields the Boot; QEMU and the disk
    image are gone afterwards."""
    words = args.split()
    ours = [w for w in words if w.startswith("+")]
    sized = [w for w in ours if re.fullmatch(r"\+disk=[1-9]\d*", w)]
    bad = [w for w in ours if w not in RUNNER_WORDS and w not in sized]
    if bad:
        raise ValueError("unknown runner word %s in TEST_BOOT(%s)"
                         % (bad[0], name))
    append = " ".join(["test=" + name] +
                      [w for w in words if not w.startswith("+")])
    tmp = tempfile.mkdtemp(prefix="xinu-boot-")
    boot = None
    try:
        extra = list(extra)
        if "+disk" in ours or sized:
            pages = int(sized[-1].split("=")[1]) if sized else None
            extra += drive_args(disk_image(os.path.join(tmp, "disk.img"),
                                           pages))
        if "+cpumax" in ours:       # every feature TCG has (RDRAND...)
            extra += ["-cpu", "max"]
        boot = Boot(qemu_command(kernel, append, mem, extra, net=net))
        yield boot
    finally:
        if boot is not None:
            boot.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def nic(netdev, mac=None):
    """QEMU options for one e1000 on backend 'netdev' (QEMU's -netdev
    words after the type: "user", "socket,udp=...")."""
    device = "e1000,netdev=n0" + (",mac=" + mac if mac else "")
    return ["-netdev", netdev + ",id=n0", "-device", device]


# QEMU options of a repeatable run (docs/determinism.md): the guest's
# clocks (the PIT, the TSC, the CMOS clock) count the instructions it
# has run, one nanosecond each, never the host's time; an idle guest
# skips ahead to its next timer (sleep=off) and is never slowed to keep
# pace with the host (align=off); the CMOS clock starts at a fixed date
DETERMINISTIC = ["-icount", "shift=0,sleep=off,align=off",
                 "-rtc", "base=2000-01-01T00:00:00,clock=vm"]


def qemu_command(kernel, append, mem, extra=(), serial="stdio", net=None,
                 events=None, deterministic=False):
    """The QEMU command line that boots 'kernel' headless; with kernel
    None, it boots what 'extra' names (a CD, the network).  The machine
    has no NIC (QEMU's default one is turned off) unless 'net' names a
    -netdev backend for an e1000 (see nic) or 'extra' adds one, and no
    second serial port unless 'events' names the file the kernel's
    event port (COM2) writes to.  'deterministic' adds DETERMINISTIC:
    the same kernel and program then print the same bytes every run
    (not when a disk or a NIC is busy: see docs/determinism.md)."""
    boot = ["-kernel", kernel, "-append", append] if kernel else []
    port = ["-chardev", "file,id=events,path=" + events.replace(",", ",,"),
            "-serial", "chardev:events"] if events else []
    return ["qemu-system-i386", "-m", str(mem), "-no-reboot",
            "-display", "none", "-monitor", "none", "-serial", serial,
            *port, "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-nic", "none", *(nic(net) if net else []),
            *(DETERMINISTIC if deterministic else []), *boot, *extra]


def die_with_parent():
    """A preexec_fn: the child gets SIGKILL when the thread that started
    it ends (PR_SET_PDEATHSIG), so a runner killed with SIGKILL leaves no
    QEMU behind.  Only for a single-threaded runner (batch): a pool
    thread that ends would take its QEMU with it."""
    parent = os.getppid()
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL, 0, 0, 0)      # PR_SET_PDEATHSIG
    if os.getppid() != parent:                  # it died before prctl
        os._exit(1)


class Boot:
    """One QEMU run whose console we read and can type into."""

    def __init__(self, cmd, echo=None, stderr=subprocess.STDOUT,
                 tied=False):
        """Start 'cmd'; its stderr goes with the console unless 'stderr'
        names a file; 'tied' makes it die with this process (see
        die_with_parent)."""
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=stderr,
                                     start_new_session=True,
                                     preexec_fn=die_with_parent if tied
                                     else None)
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


def limit(opts):
    """The time limit of a test: make test's TIMEOUT=, else the default."""
    return opts.timeout or DEFAULT_TIMEOUT


def tail(text, n=TAIL_LINES):
    lines = [l for l in text.splitlines() if l.strip()]
    return "\n".join("    | " + l for l in lines[-n:])


def bad_cmdline(console, status):
    """The kernel's complaint about its command line, or None: a
    "cmdline: ..." line, or QEMU status 7 (the kernel refused to run)."""
    m = CMDLINE.search(console)
    if m:
        return m.group(0)
    if status == EXIT_BADCMD:
        return "QEMU exit status 7 (the kernel refused its command line)"
    return None


def judge(console, status, timed_out, want_status):
    """Common failure checks; returns a reason or None.  A refused
    command line fails unless status 7 is what is wanted (a test of the
    refusal itself)."""
    bad = bad_cmdline(console, status)
    if bad and want_status != EXIT_BADCMD:
        return bad
    if len(BANNER.findall(console)) > 1:
        return "rebooted (second boot banner)"
    m = PANIC.search(console)
    if m:
        return m.group(0)
    if timed_out:
        return "timeout"
    if status != want_status:
        if status == 0:
            return "QEMU exited 0: triple fault or reset (-no-reboot)"
        return "QEMU exit status %s, wanted %s" % (status, want_status)
    return None


def parse_events(text, timed_out):
    """The kernel's events (its COM2 lines, system/kevent.c) as
    ([(kind, text)] in order, None), or, when the channel was tampered
    with, (the events before the first bad line, the reason).  Each line
    must be "<seq> <kind> <text> *<crc>": <seq> counting from 0 by one
    (a "boot" may start again at 0: a reboot clears the count) and <crc>
    the CRC-32 (zlib's) of the bytes before " *".  Any other byte makes
    the channel tampered, a last line without its newline too, unless
    QEMU was killed ('timed_out'): that line was cut short and is
    dropped.  'text' holds one character per byte (latin-1)."""
    lines = text.split("\n")
    evs, seq = [], -1
    for n, line in enumerate(lines[:-1], 1):
        m = EVENT.fullmatch(line)
        if not m:
            return evs, "line %d: not an event line" % n
        num, kind, said, crc = m.groups()
        body = line[:line.rindex(" *")].encode("latin-1", "replace")
        if binascii.crc32(body) != int(crc, 16):
            return evs, "line %d: bad checksum" % n
        if int(num) != seq + 1 and (kind, num) != ("boot", "0"):
            return evs, "line %d: seq %s, wanted %d" % (n, num, seq + 1)
        seq = int(num)
        evs.append((kind, said or ""))
    if lines[-1] and not timed_out:
        return evs, "line %d: no newline at the end" % len(lines)
    return evs, None


def event_kills(evs):
    """Every process the kernel killed, as [(pid, why)] in order."""
    found = []
    for kind, text in evs:
        m = EVENT_KILL.match(text) if kind == "kill" else None
        if m:
            found.append((int(m.group(1)), m.group(2)))
    return found


def batch_verdict(evtext, status, timeout, strict=False, console="",
                  qemu_err=""):
    """The status and the one verdict line of a batch run, from the
    kernel's events 'evtext' (never from the console, which the program
    writes too: 'console' is only quoted), QEMU's exit status (None:
    timed out) and its stderr 'qemu_err'.

    0    the kernel halted after its last process (event "halt 0", QEMU
         status 1); processes it killed are listed, not a failure
    1    a tampered event channel, panic, triple fault or reset,
         reboot (a second "boot"), any other QEMU status (1 without the
         kernel's "halt 0" too)
    2    the run could not start: QEMU quit before the kernel's "boot"
         (its own error quoted, e.g. an image another QEMU holds), or the
         kernel refused its command line ("cmdline", QEMU status 7)
    3    STRICT: the kernel halted but killed a process
    124  timeout (status None)
    (2 for build errors and bad usage comes from compile/bin/batch.)
    A tampered channel (see parse_events) says "batch: event channel
    tampered (line N: why)" before any other verdict but a timeout:
    events that may have lost a line prove nothing.  (A QEMU that did
    not start wrote nothing there, so it is never tampered.)"""
    evs, tampered = parse_events(evtext, status is None)
    kinds = [k for k, _ in evs]
    dead = event_kills(evs)
    if dead:
        kills = "killed: " + ", ".join("P%d %s" % k for k in dead)
    else:
        kills = "no process killed"
    late = 124, "batch: timed out after %g s; %s" % (timeout, kills)
    if tampered:
        if status is None:
            return late
        return 1, "batch: event channel tampered (%s)" % tampered
    refused = [t for k, t in evs if k == "cmdline"]
    if refused:
        return 2, "batch: bad command line: cmdline: %s" % refused[0]
    if status == EXIT_BADCMD and ("halt", "3") in evs:
        return 2, ("batch: bad command line: QEMU exit status 7 (the "
                   "kernel refused its command line)")
    m = QEMU_ERROR.search(qemu_err)
    if status is not None and "boot" not in kinds and \
            (m or status == EXIT_DONE):
        # QEMU said why on its stderr and quit before the kernel ran:
        # its status 1 is not the kernel's halt
        why = m.group(1) if m else "QEMU exit status %d" % status
        return 2, "batch: QEMU did not start: %s" % why
    panics = [t for k, t in evs if k == "panic"]
    if panics:
        return 1, "batch: panic: %s; %s" % (panics[0], kills)
    if kinds.count("boot") > 1:
        return 1, "batch: rebooted (a second boot banner); %s" % kills
    if status is None:
        return late
    if status == 0:
        return 1, "batch: triple fault or reset (QEMU exited 0); %s" % kills
    if status != EXIT_DONE or ("halt", "0") not in evs:
        lines = [l.strip() for l in console.splitlines() if l.strip()]
        said = " after '%s'" % lines[-1] if lines else ""
        return 1, "batch: QEMU exit status %d%s; %s" % (status, said, kills)
    if strict and dead:
        return 3, "batch: halted; %s (STRICT=1)" % kills
    return 0, "batch: halted; %s" % kills


def test_verdict(name, console, status):
    """Judge a boot with test=NAME; returns a reason or None (passed)."""
    reason = judge(console, status, status is None, EXIT_DONE)
    if reason is None and ("TEST %s: PASS" % name) not in console:
        reason = "no PASS line"
    m = re.search(r"^TEST %s: FAIL.*$" % re.escape(name), console, re.M)
    if m and reason is None:
        reason = m.group(0)
    return reason


# ok: passed; skipped: could not run here (ok is then False: a skip is
# never a pass), detail says why
Result = collections.namedtuple("Result", "ok detail tail output skipped",
                                defaults=(False,))


class Skip(Exception):
    """A test cannot run on this machine (args[0] says why: no network
    namespaces, a package that cannot be installed): reported SKIP."""


def timed(start, reason, console, output=None):
    secs = time.monotonic() - start
    output = console if output is None else output
    if reason is None:
        return Result(True, "%.1fs" % secs, "", output)
    return Result(False, "%.1fs: %s" % (secs, reason), tail(console), output)


def skipped(start, why, output=""):
    """The Result of a test that could not run here, and why."""
    return Result(False, "%.1fs: %s" % (time.monotonic() - start, why), "",
                  output, True)


def run_kernel_test(name, args, opts):
    """Boot once with test=NAME."""
    with test_boot(opts.kernel, name, args, opts.mem,
                   net=getattr(opts, "net", None)) as boot:
        start = time.monotonic()
        status = boot.finish(start + limit(opts))
        console = boot.text()
    return timed(start, test_verdict(name, console, status), console)


def unescape(s):
    return s.encode("latin-1").decode("unicode_escape").encode("latin-1")


def parse_script(path):
    steps, append, timeout, want, mem = [], "", DEFAULT_TIMEOUT, None, None
    disk, net = False, None
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
            elif key == "disk":
                if val != "yes":
                    raise ValueError("%s:%d: disk: takes only 'yes'"
                                     % (path, lineno))
                disk = True
            elif key == "net":
                if val != "user":
                    raise ValueError("%s:%d: net: takes only 'user'"
                                     % (path, lineno))
                net = "user"
            elif key in ("expect", "reject", "send"):
                steps.append((key, val, lineno))
            else:
                raise ValueError("%s:%d: unknown directive '%s'"
                                 % (path, lineno, key))
    return steps, append, timeout, want, mem, disk, net


def hopeless(console, rejects, refusal_wanted=False):
    """Why a script can no longer pass whatever comes next, or None."""
    m = CMDLINE.search(console)
    if m and not refusal_wanted:
        return m.group(0)
    for r in rejects:
        if r.search(console):
            return "console matched rejected /%s/" % r.pattern
    return None


def run_script(path, opts):
    """Run one scripted console session."""
    start = time.monotonic()
    try:
        steps, append, timeout, want, mem, disk, net = parse_script(path)
    except (ValueError, OSError) as e:
        return Result(False, str(e), "", "")
    tmp = tempfile.mkdtemp(prefix="xinu-script-")
    try:
        extra = drive_args(disk_image(os.path.join(tmp, "disk.img"))) \
            if disk else []
        return script_session(opts, start, steps, append, timeout, want,
                              mem, extra, net)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def script_session(opts, start, steps, append, timeout, want, mem, extra,
                   net=None):
    """The session of run_script, on a QEMU with 'extra' words (and an
    e1000 on backend 'net', else as make test's NET= says)."""
    timeout = opts.timeout or timeout
    rejects = [re.compile(v, re.S | re.M) for k, v, _ in steps
               if k == "reject"]
    boot = Boot(qemu_command(opts.kernel, append, mem or opts.mem, extra,
                             net=net or getattr(opts, "net", None)))
    deadline = start + timeout
    pos, reason = 0, None
    for key, val, lineno in steps:
        if key == "send":
            boot.send(unescape(val))
        elif key == "expect":
            pat = re.compile(val, re.S | re.M)
            while True:
                reason = hopeless(boot.text(), rejects, want == EXIT_BADCMD)
                if reason:
                    break
                m = pat.search(boot.text(), pos)
                if m:
                    pos = m.end()
                    break
                if time.monotonic() >= deadline:
                    reason = "line %d: never saw /%s/ (timeout)" % (lineno,
                                                                   val)
                    break
                if not boot.pump(deadline):
                    reason = "line %d: QEMU exited (status %s) before " \
                             "/%s/" % (lineno, boot.proc.wait(), val)
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
        reason = hopeless(console, rejects, want == EXIT_BADCMD)
    if reason is None:
        reason = judge(console, status, want is not None and status is None,
                       want if want is not None else status)
    return timed(start, reason, console)


def run_host_test(prog, opts):
    """Run one host unit-test program."""
    start = time.monotonic()
    try:
        r = subprocess.run([prog], capture_output=True, text=True,
                           timeout=300, cwd=TOP)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("latin-1", "replace")
        return timed(start, "timeout", out)
    cases, fails = 0, []
    for line in r.stdout.splitlines():
        if line.startswith("ok "):
            cases += 1
        elif line.startswith("FAIL "):
            cases += 1
            fails.append("    | " + line)
    output = r.stdout + r.stderr
    secs = time.monotonic() - start
    if r.returncode == 0 and not fails and cases > 0:
        return Result(True, "%d cases, %.1fs" % (cases, secs), "", output)
    if fails:
        return Result(False, "%d of %d cases failed" % (len(fails), cases),
                      "\n".join(fails), output)
    # it crashed, or failed without saying which case
    return Result(False, "exit %d after %d cases" % (r.returncode, cases),
                  tail(r.stderr), output)


# ---------------------------------------------------------------------
# Course programs (prog:NAME)

PID_TOKEN = re.compile(r"\b(P|pid )(\d+)\b")
DONE_LINE = "All user processes have completed."
CONF_KEYS = ("APPEND", "DEFS", "PROGFLAGS", "TIMEOUT", "MEM", "STRICT",
             "NET", "POINTS", "MODE", "VERDICTS", "MAXOUT", "PARTIAL",
             "DETERMINISTIC")


def program_output(console):
    """The program's part of a console: what follows the boot banner and
    the indented lines under it (the whole console if no banner)."""
    lines = console.replace("\r", "").split("\n")
    for i, line in enumerate(lines):
        if BANNER.match(line):
            j = i + 1
            while j < len(lines) and lines[j].startswith(" "):
                j += 1
            return "\n".join(lines[j:])
    return console


def normalize(text):
    """The lines compared for a program: trailing blanks cut, blank lines
    and the kernel's closing line dropped, pids renamed in order of first
    appearance (P4 / pid 4 -> P#1 / pid #1 when 4 is the first)."""
    names = {}

    def rename(m):
        n = names.setdefault(m.group(2), len(names) + 1)
        return "%s#%d" % (m.group(1), n)

    out = []
    for line in text.replace("\r", "").split("\n"):
        line = line.rstrip()
        if not line or line == DONE_LINE:
            continue
        out.append(PID_TOKEN.sub(rename, line))
    return out


def compared_lines(text, verdicts=None):
    """The lines of 'text' a comparison looks at: normalize(text), and
    with a verdicts regex only the lines it matches (searched)."""
    lines = normalize(text)
    if verdicts:
        pat = re.compile(verdicts)
        lines = [l for l in lines if pat.search(l)]
    return lines


def diff_lines(a, b, max_lines=30):
    """A unified diff of two line lists, cut after max_lines lines."""
    diff = list(difflib.unified_diff(a, b, "expected", "got", lineterm="",
                                     n=2))
    if len(diff) > max_lines:
        diff = diff[:max_lines] + ["... (%d more diff lines)"
                                   % (len(diff) - max_lines)]
    return "\n".join(diff)


def compare_output(expected, got, max_lines=30, verdicts=None):
    """None when the normalized texts agree, else a short unified diff.
    With a verdicts regex only the lines it matches are compared."""
    a, b = compared_lines(expected, verdicts), compared_lines(got, verdicts)
    if a == b:
        return None
    return diff_lines(a, b, max_lines)


def matched_in_order(ref, got):
    """How many lines of 'ref' appear in 'got' in the same order: the
    length of their longest common subsequence (bit-parallel, one big
    integer of len(ref) bits, so a runaway output stays cheap)."""
    where = {}
    for i, line in enumerate(ref):
        where[line] = where.get(line, 0) | (1 << i)
    full = (1 << len(ref)) - 1
    v = full
    for line in got:
        u = v & where.get(line, 0)
        v = ((v + u) | (v - u)) & full
    return len(ref) - bin(v).count("1")


Score = collections.namedtuple("Score", "fraction matched total same diff")


def score_output(expected, got, mode="lines", verdicts=None, max_lines=40):
    """Grade a program's output against the reference (both whole program
    outputs, see program_output).  mode "lines" compares every
    normalized line, "verdicts" only those the regex 'verdicts' matches.
    fraction = reference lines matched in order / reference lines (1.0
    when the reference has none and neither has the output); same is
    whether the compared lines are equal; diff is None when they are."""
    if mode not in ("lines", "verdicts"):
        raise ValueError("MODE=%s: use lines or verdicts" % mode)
    if mode == "verdicts" and not verdicts:
        raise ValueError("MODE=verdicts needs VERDICTS=regex")
    pat = verdicts if mode == "verdicts" else None
    a, b = compared_lines(expected, pat), compared_lines(got, pat)
    same = a == b
    matched = matched_in_order(a, b)
    if a:
        fraction = matched / len(a)
    else:
        fraction = 1.0 if not b else 0.0
    return Score(fraction, matched, len(a), same,
                 None if same else diff_lines(a, b, max_lines))


def parse_conf(path):
    """NAME.conf as a dict; KEY=value lines (KEY in any case), # comments;
    POINTS, MODE and VERDICTS (make grade's) are checked here."""
    conf = {}
    if not os.path.exists(path):
        return conf
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, val = line.partition("=")
            key = key.strip().upper()
            if not sep or key not in CONF_KEYS:
                raise ValueError("%s:%d: expected KEY=value with KEY one of "
                                 "%s" % (path, lineno, " ".join(CONF_KEYS)))
            conf[key] = val.strip()
    try:
        if float(conf.get("POINTS", "1")) < 0:
            raise ValueError
    except ValueError:
        raise ValueError("%s: POINTS=%s is not a number >= 0"
                         % (path, conf["POINTS"]))
    if conf.get("MODE", "lines") not in ("lines", "verdicts"):
        raise ValueError("%s: MODE=%s: use lines or verdicts"
                         % (path, conf["MODE"]))
    if conf.get("MODE") == "verdicts" and not conf.get("VERDICTS"):
        raise ValueError("%s: MODE=verdicts needs VERDICTS=regex" % path)
    if "VERDICTS" in conf:
        try:
            re.compile(conf["VERDICTS"])
        except re.error as e:
            raise ValueError("%s: VERDICTS=%s: %s" % (path, conf["VERDICTS"],
                                                      e))
    return conf


def programs():
    """The course programs: [(name, path)]."""
    return [(os.path.basename(p)[:-2], p)
            for p in sorted(glob.glob(os.path.join(PROGRAMS, "*.c")))]


def run_program(name, path, opts):
    """Run test/programs/NAME.c through compile/bin/batch."""
    start = time.monotonic()
    base = path[:-2]
    try:
        conf = parse_conf(base + ".conf")
        with open(base + ".expected") as f:
            expected = f.read()
    except (ValueError, OSError) as e:
        return Result(False, str(e), "", "")
    timeout = opts.timeout or float(conf.get("TIMEOUT", DEFAULT_TIMEOUT))
    env = dict(os.environ)
    env.pop("MAKEFLAGS", None)
    env.pop("MFLAGS", None)
    for key in ("STRICT", "NET", "DETERMINISTIC"):
        env.pop(key, None)      # DEFS and PROGFLAGS of make test stay
    for key in ("DEFS", "PROGFLAGS", "STRICT", "NET", "DETERMINISTIC"):
        if key in conf:
            env[key] = conf[key]
    cmd = [BATCH, path, "%g" % timeout, conf.get("MEM", opts.mem),
           conf.get("APPEND", "")]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env,
                       errors="replace")
    verdict = r.stderr.strip().splitlines()[-1:] or [""]
    output = r.stdout + r.stderr
    if r.returncode != 0:
        reason = "batch exit %d: %s" % (r.returncode, verdict[0])
        return timed(start, reason, output)
    verdicts = conf.get("VERDICTS") if conf.get("MODE") == "verdicts" \
        else None
    diff = compare_output(expected, program_output(r.stdout),
                          verdicts=verdicts)
    if diff is None:
        return timed(start, None, output)
    secs = time.monotonic() - start
    return Result(False, "%.1fs: output differs from %s.expected"
                  % (secs, name),
                  "\n".join("    | " + l for l in diff.splitlines()),
                  output + "\n" + diff + "\n")


# ---------------------------------------------------------------------
# The list of tests, the choice of TESTS=, the report

Job = collections.namedtuple("Job", "name short run")


class NoTestList(Exception):
    """The test image could not list its cases."""


def kernel_tests(opts):
    """The test image's cases as [(name, bootargs)]: it prints them one a
    line when booted with test=list, then their number."""
    if not os.path.exists(opts.kernel):
        raise NoTestList("no test image %s (make test-image)" % opts.kernel)
    boot = Boot(qemu_command(opts.kernel, "test=list", opts.mem))
    try:
        status = boot.finish(time.monotonic() + limit(opts))
    finally:
        boot.kill()
    console = boot.text()
    found = [(n, a.strip()) for n, a in TESTCASE.findall(console)]
    count = TESTCOUNT.search(console)
    if (status != EXIT_DONE or count is None
            or int(count.group(1)) != len(found)):
        raise NoTestList("test=list: QEMU status %s, %d cases listed\n%s"
                         % (status, len(found), tail(console)))
    return found


def all_jobs(opts):
    """Every test as a Job(name, short name, run(opts) -> Result)."""
    import bootpaths            # boot-path tests (they import this file)
    import nettests             # network tests, machines with an e1000
    import tooltests            # tests of the make targets
    jobs = []
    for prog in sorted(glob.glob(os.path.join(TOP, "compile/host/test_*"))):
        if os.access(prog, os.X_OK) and not os.path.isdir(prog):
            short = os.path.basename(prog)
            jobs.append(Job("host:" + short, short,
                            lambda o, p=prog: run_host_test(p, o)))
    try:
        for name, args in kernel_tests(opts):
            if "+net" in args.split() or "+host" in args.split():
                continue            # nettests.py boots it with a NIC,
                                    # a tool test a "+host" case
            jobs.append(Job(name, name, lambda o, n=name, a=args:
                            run_kernel_test(n, a, o)))
    except NoTestList as e:         # one failed test stands for them all
        text = str(e)               # (e is gone after this block)
        why = text.split("\n", 1)
        jobs.append(Job("test=list", "test=list",
                        lambda o: Result(False, why[0], why[1:] and why[1]
                                         or "", text)))
    for path in sorted(glob.glob(os.path.join(TOP, "test/scripts/*.script"))):
        short = os.path.basename(path)[:-len(".script")]
        jobs.append(Job("script:" + short, short,
                        lambda o, p=path: run_script(p, o)))
    for name in bootpaths.TESTS:
        jobs.append(Job("boot:" + name, name,
                        lambda o, n=name: bootpaths.run(n, o)))
    for name in nettests.TESTS:
        jobs.append(Job("net:" + name, name,
                        lambda o, n=name: nettests.run(n, o)))
    for name in tooltests.TESTS:
        jobs.append(Job("tool:" + name, name,
                        lambda o, n=name: tooltests.run(n, o)))
    for name, path in programs():
        jobs.append(Job("prog:" + name, name,
                        lambda o, n=name, p=path: run_program(n, p, o)))
    return jobs


def select_jobs(jobs, patterns):
    """The jobs TESTS= names, in the order of 'jobs', and the patterns
    that named none.  A pattern (a shell glob) matches a full name
    (script:shell) or a short one (shell)."""
    chosen, unknown = set(), []
    for pat in patterns:
        hits = [j.name for j in jobs if fnmatch.fnmatchcase(j.name, pat)
                or fnmatch.fnmatchcase(j.short, pat)]
        if not hits:
            unknown.append(pat)
        chosen.update(hits)
    return [j for j in jobs if j.name in chosen], unknown


def save_result(results, name, result):
    """Write NAME.output and NAME.result, each replaced whole."""
    if not results:
        return
    os.makedirs(results, exist_ok=True)
    word = "SKIP" if result.skipped else "PASS" if result.ok else "FAIL"
    for ext, text in ((".output", result.output or ""),
                      (".result", "%s\n%s\n" % (word, result.detail))):
        fd, tmp = tempfile.mkstemp(dir=results, prefix=".tmp-")
        with os.fdopen(fd, "w", errors="replace") as f:
            f.write(text)
        os.replace(tmp, os.path.join(results, name + ext))


class Report:
    """One line per test as it ends; the failed names and the counts."""

    def __init__(self, total, out, tty):
        self.total, self.out, self.tty = total, out, tty
        self.done, self.passed, self.failed = 0, 0, []
        self.skipped = []
        self.lock = threading.Lock()

    def line(self, name, ok, detail, why="", skip=False):
        with self.lock:
            self.done += 1
            word = "SKIP" if skip else "PASS" if ok else "FAIL"
            if self.tty:
                colour = "\033[33m" if skip else \
                    "\033[32m" if ok else "\033[31m"
                width = len(str(self.total))
                text = "[%*d/%d] %s%s\033[0m  %-40s %s" % (
                    width, self.done, self.total, colour, word, name, detail)
            else:
                text = "%s  %-40s %s" % (word, name, detail)
            print(text.rstrip(), file=self.out, flush=True)
            if why and not ok:
                print(why, file=self.out, flush=True)
            if skip:
                self.skipped.append((name, detail))
            elif ok:
                self.passed += 1
            else:
                self.failed.append(name)

    def end(self):
        """The skipped tests and why, the failed ones, and last the
        counts: "N passed, N failed", and ", N skipped" when some were
        (a skip is never counted as a pass)."""
        if self.skipped:
            print("Skipped tests (not run on this machine):", file=self.out)
            for name, why in self.skipped:
                print("  %s: %s" % (name, why), file=self.out)
        if self.failed:
            print("Failed tests:", file=self.out)
            for name in self.failed:
                print("  " + name, file=self.out)
        print("%d passed, %d failed%s" % (
            self.passed, len(self.failed), ", %d skipped" % len(self.skipped)
            if self.skipped else ""), file=self.out, flush=True)
        return 0 if not self.failed and self.passed > 0 else 1


def run_tests(opts, jobs=None, out=sys.stdout):
    private = None
    if os.path.exists(opts.kernel):
        # Boot a private copy, the list of cases included: a make beside
        # us may relink the test image
        private = tempfile.mkdtemp(prefix="xinu-test-")
        with open(BUILD_LOCK, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            shutil.copy(opts.kernel, private)
        opts.kernel = os.path.join(private, os.path.basename(opts.kernel))
    try:
        return choose_and_run(opts, jobs, out)
    finally:
        if private:
            shutil.rmtree(private, ignore_errors=True)


def choose_and_run(opts, jobs, out):
    """The tests TESTS= names: list them (LIST=1) or run and report them."""
    if jobs is None:
        jobs = all_jobs(opts)
    unknown = []
    if opts.only:
        jobs, unknown = select_jobs(jobs, opts.only.split())
    if opts.list:
        for j in jobs:
            print(j.name, file=out)
        for pat in unknown:
            print("%s: no such test" % pat, file=sys.stderr)
        return 1 if unknown else 0
    return report_jobs(opts, jobs, unknown, out)


def report_jobs(opts, jobs, unknown, out):
    """Run 'jobs' in a pool, report each, save their logs."""
    tty = opts.tty if opts.tty is not None else out.isatty()
    report = Report(len(jobs) + len(unknown), out, tty)
    for pat in unknown:
        report.line(pat, False, "no such test")

    def run(job):
        try:
            return job.run(opts)
        except Exception as e:          # a runner bug is one failed test
            return Result(False, "runner error: %r" % e, "", "")

    with concurrent.futures.ThreadPoolExecutor(max(1, opts.jobs)) as pool:
        futures = {pool.submit(run, j): j for j in jobs}
        for fut in concurrent.futures.as_completed(futures):
            job, res = futures[fut], fut.result()
            save_result(opts.results, job.name, res)
            report.line(job.name, res.ok, res.detail, res.tail, res.skipped)
    return report.end()


class Interrupted(Exception):
    """A signal stopped a batch run; args[0] is its number."""


STOPPING = []           # a signal is being handled: later ones wait


def interrupted(signum, frame):
    """The first SIGINT or SIGTERM stops the run; later ones (compile/
    bin/batch passes its own on, so one often follows) are dropped."""
    if not STOPPING:
        STOPPING.append(signum)
        raise Interrupted(signum)


def sandboxed(opts, evpath):
    """With --sandbox, the bubblewrap words (tools/sandbox.py) that run
    a batch boot's QEMU seeing only the image's and the event file's
    folders (written) and the disk image's (read: snapshot=on writes
    its overlay to the sandbox's /tmp); else nothing."""
    if not opts.sandbox:
        return []
    from xinu import sandbox
    rw = sorted({os.path.dirname(os.path.abspath(opts.batch)),
                 os.path.dirname(os.path.abspath(evpath))})
    ro = [os.path.dirname(os.path.abspath(opts.disk))] if opts.disk else []
    return sandbox.command([], rw, ro)


def run_batch(opts):
    """Boot once, stream the console, end with the verdict line.  The
    kernel's events go to the file --events (default: a temporary one)
    and QEMU's stderr to a file beside it, copied to our stderr at the
    end.  SIGTERM (and SIGINT, unless it was ignored when we started, as
    in compile/bin/batch, which says it is interrupted itself) ends the
    run with no verdict, status 128+signal, and no QEMU left."""
    out = sys.stdout
    for sig in (signal.SIGTERM, signal.SIGINT):
        if signal.getsignal(sig) != signal.SIG_IGN:
            signal.signal(sig, interrupted)
    tmp = None
    boot = None
    try:
        if opts.events:
            evpath = opts.events
        else:
            tmp = tempfile.mkdtemp(prefix="xinu-batch-")
            evpath = os.path.join(tmp, "events")
        open(evpath, "w").close()
        disk = drive_args(opts.disk, snapshot=True) if opts.disk else []
        with open(evpath + ".qemu-stderr", "w+") as err:
            boot = Boot(sandboxed(opts, evpath) + qemu_command(
                                     opts.batch, opts.append, opts.mem, disk,
                                     net=getattr(opts, "net", None),
                                     events=evpath,
                                     deterministic=opts.deterministic),
                        echo=out, stderr=err, tied=True)
            timeout = opts.timeout or DEFAULT_TIMEOUT
            status = boot.finish(time.monotonic() + timeout)
            boot.kill()
            err.seek(0)
            qemu_err = err.read()
        with open(evpath, encoding="latin-1") as f:
            evtext = f.read()
    except Interrupted as e:
        return 128 + e.args[0]
    finally:                    # ^C or TERM: leave no QEMU behind
        STOPPING.append(0)
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, signal.SIG_IGN)
        if boot is not None:
            boot.kill()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    code, line = batch_verdict(evtext, status, timeout, opts.strict,
                               boot.text(), qemu_err)
    if not boot.text().endswith("\n"):
        out.write("\n")
        out.flush()
    sys.stderr.write(qemu_err)
    print(line, file=sys.stderr, flush=True)
    return code


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel",
                    default=os.path.join(TOP, "compile/test/xinu.elf"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--mem", default="256")
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds for every test (default: 60, or the "
                    "script's or program's own)")
    ap.add_argument("--only", default="",
                    help="space-separated test names or globs")
    ap.add_argument("--list", action="store_true",
                    help="print the test names and stop")
    ap.add_argument("--results", default=RESULTS,
                    help="folder for NAME.output and NAME.result")
    ap.add_argument("--color", dest="tty", default=None,
                    action="store_const", const=True)
    ap.add_argument("--no-color", dest="tty", action="store_const",
                    const=False)
    ap.add_argument("--batch", help="boot this kernel once (make batch)")
    ap.add_argument("--append", default="")
    ap.add_argument("--disk", default="",
                    help="batch: a disk image, attached with snapshot=on "
                    "(its file is never written)")
    ap.add_argument("--events", default="",
                    help="batch: the file the kernel's event port "
                    "writes to (default: a temporary one)")
    ap.add_argument("--strict", action="store_true",
                    help="batch: exit 3 when the kernel killed a process")
    ap.add_argument("--deterministic", action="store_true",
                    help="batch: QEMU counts instructions for the "
                    "guest's clocks, so a run repeats exactly")
    ap.add_argument("--fuzz", type=int, default=None,
                    help="frames net:fuzz sends (default 100000)")
    ap.add_argument("--fuzz-seed", type=int, default=None,
                    help="the seed of the net:fuzz* frames (default 1)")
    ap.add_argument("--net", action="store_const", const="user",
                    default=None, help="give every boot an e1000 on "
                    "QEMU's user network (make NET=1)")
    ap.add_argument("--sandbox", action="store_true",
                    help="batch: boot QEMU in tools/sandbox.py's bubblewrap "
                    "sandbox (make batch SANDBOX=1)")
    opts = ap.parse_args()
    if opts.timeout is not None and not opts.timeout > 0:
        ap.error("--timeout %g: use a number of seconds above 0"
                 % opts.timeout)
    if opts.list:           # make list-tests | head: a closed pipe ends it
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if opts.batch:
        try:
            return run_batch(opts)
        except Interrupted as e:    # a second signal in a narrow window
            return 128 + e.args[0]
    return run_tests(opts)


if __name__ == "__main__":
    sys.exit(main())
