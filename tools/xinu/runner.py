"""runner.py - the test runner of Xinu/VM (make test).

make test runs it (tools/runtests.py).  Every test has one name, and
every name it prints is accepted by TESTS= (shell globs too: 'vm_*'):
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
  bochs:NAME   an in-kernel test of bochs.py's subset booted under Bochs,
               a second emulator, from a GRUB ISO (SKIP where Bochs
               cannot be installed);
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
program's output equals NAME.expected as compare.py compares them.  A
failure shows a short unified diff.
"""

import argparse
import collections
import concurrent.futures
import fcntl
import fnmatch
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from . import TOP
from .compare import compare_output, parse_conf, program_output
from .qemu import DEFAULT_TIMEOUT, Boot, disk_image, drive_args, \
    qemu_command, test_boot
from .verdict import CMDLINE, EXIT_BADCMD, EXIT_DONE, judge, test_verdict

TESTCASE = re.compile(r"^testcase (\S+) ?(.*)$", re.M)
TESTCOUNT = re.compile(r"^testcases (\d+)$", re.M)
TAIL_LINES = 15
RESULTS = os.path.join(TOP, "compile/test-results")
PROGRAMS = os.path.join(TOP, "test/programs")
BATCH = os.path.join(TOP, "compile/bin/batch")
BUILD_LOCK = os.path.join(TOP, "compile/.build.lock")


def limit(opts):
    """The time limit of a test: make test's TIMEOUT=, else the default."""
    return opts.timeout or DEFAULT_TIMEOUT


def tail(text, n=TAIL_LINES):
    lines = [l for l in text.splitlines() if l.strip()]
    return "\n".join("    | " + l for l in lines[-n:])


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
    sys.path.insert(0, os.path.join(TOP, "test"))
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
        cases = kernel_tests(opts)
        for name, args in cases:
            if "+net" in args.split() or "+host" in args.split():
                continue            # nettests.py boots it with a NIC,
                                    # a tool test a "+host" case
            jobs.append(Job(name, name, lambda o, n=name, a=args:
                            run_kernel_test(n, a, o)))
        jobs += bochs_jobs(dict(cases))
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


def bochs_jobs(cases):
    """The bochs:NAME tests: the cases of bochs.py's subset, booted under
    Bochs.  Their short name is the full one, so TESTS='vm_*' still means
    the QEMU boots only."""
    from . import bochs
    jobs = []
    for name in bochs.CASES:
        if name in cases:
            run = (lambda o, n=name, a=cases[name]: bochs.run(n, a, o))
        else:
            run = (lambda o, n=name: Result(
                False, "%s is not a case of the test image" % n, "", ""))
        jobs.append(Job("bochs:" + name, "bochs:" + name, run))
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
    ap.add_argument("--fuzz", type=int, default=None,
                    help="frames net:fuzz sends (default 100000)")
    ap.add_argument("--fuzz-seed", type=int, default=None,
                    help="the seed of the net:fuzz* frames (default 1)")
    ap.add_argument("--net", action="store_const", const="user",
                    default=None, help="give every boot an e1000 on "
                    "QEMU's user network (make NET=1)")
    opts = ap.parse_args()
    if opts.timeout is not None and not opts.timeout > 0:
        ap.error("--timeout %g: use a number of seconds above 0"
                 % opts.timeout)
    if opts.list:           # make list-tests | head: a closed pipe ends it
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    return run_tests(opts)
