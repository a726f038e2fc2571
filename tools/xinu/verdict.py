"""verdict.py - what a run of Xinu/VM came to.

The kernel's event channel: the kernel writes each fact of a run to its
event port (COM2, system/kevent.c) as one line "SEQ KIND TEXT *CRC",
KIND one of boot, kill PID WHY, panic WHY, cmdline WHY, halt CODE,
numbered from 0 and CRC-32-summed (parse_events): any other byte there
is "batch: event channel tampered".  batch_verdict turns those events,
QEMU's exit status and stderr and the clock into make batch's status
and one verdict line; it never reads the console, which the program
writes too.  judge and test_verdict judge a console (make test's boots:
a second banner, a panic, a refused command line, QEMU's status, and
"TEST name: PASS").
"""

import binascii
import re

BANNER = re.compile(r"^Xinu/VM \d", re.M)
PANIC = re.compile(r"^PANIC: (.*)$", re.M)
QEMU_ERROR = re.compile(r"^qemu-system-\S+: (.*)$", re.M)
CMDLINE = re.compile(r"^cmdline: .*$", re.M)
EVENT = re.compile(r"(0|[1-9][0-9]*) (boot|kill|panic|cmdline|halt)"
                   r"(?: (.*))? \*([0-9a-f]{8})")
EVENT_KILL = re.compile(r"^(\d+) (.+)$")
EXIT_DONE = 1           # isa-debug-exit value 0: halted normally / passed
EXIT_BADCMD = 7         # isa-debug-exit value 3: bad kernel command line


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
