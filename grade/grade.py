#!/usr/bin/env python3
"""grade.py - make grade: every submission on every program of a suite.

  grade.py run --suite DIR --submissions DIR [--out DIR] [--jobs N]
               [--engine local|parallel|slurm] [--hosts FILE] [--wait]
               [--sandbox bwrap|none]
  grade.py task --suite DIR --submission PATH --results DIR
               [--student NAME] [--sandbox bwrap|none]
  grade.py expected --main F.c [--out F.expected] [--append WORDS]
  grade.py collect --results DIR [--out DIR]

A suite is a folder of programs NAME.c, each with NAME.expected (the
reference console) and an optional NAME.conf (KEY=value lines, read by
tools/xinu/compare.py: APPEND, DEFS, PROGFLAGS, TIMEOUT, MEM, STRICT, NET,
and for grading POINTS (default 1), MODE=lines|verdicts, VERDICTS=regex,
MAXOUT=bytes, PARTIAL=0|1, DETERMINISTIC=1|0).

A submission is one entry of the submissions folder: a kernel tree as a
directory, NAME.tar.gz / NAME.tgz / NAME.tar, NAME.zip or a git bundle
NAME.bundle; the student is NAME, cleaned up (names that clean up alike
get distinct names; an entry that is a link out of the folder is
refused).  "task" unpacks it into a scratch folder of its own (links
that lead out of it removed, its build outputs dropped) and, for every
program, builds it with the submission's compile/Makefile in a sandbox
(tools/xinu/sandbox.py) and boots the image with this grader's QEMU line in
another sandbox, then judges the run from the kernel's event port and
scores the console with compare.score_output, and writes
RESULTS/NAME.json.  The submission's own scripts (compile/bin/batch,
test/, grade/) never run.  "collect" turns a results folder into
grades.csv, totals.csv, reports/NAME.md, gradescope/NAME/results.json and
a summary on stdout.  "run" stages the suite and this grader into
OUT/stage, has an engine run one task per submission and collects.
Engines: local (a pool of JOBS workers here), parallel (GNU parallel,
over HOSTS or this machine), slurm (an sbatch --array job, one task per
submission; collect later with make grade-collect, or --wait).
"expected" runs a program on this tree exactly as a task runs a suite
program and writes its reference.

Statuses: ok, wrong output, timeout, output limit (the console passed
MAXOUT), panic (also a triple fault, a reboot or another QEMU status),
tampered (the event channel held a byte the kernel did not write),
killed (STRICT=1 and the kernel killed a process), bad command line,
build error (also a submission that could not be unpacked), error (QEMU
did not start: the grading machine's fault, rerun it), refused, not
graded (collect found no result for a submission that was staged).
timeout, output limit and panic score 0 unless PARTIAL=1 (then the
reference lines printed in order before the end); tampered, killed, bad
command line, error and refused always score 0.

"run" writes grades only when every task ran: a bad NAME.conf value
refuses the run before anything is written; an engine that failed
leaves OUT as it was (or, when some submissions were graded, only their
results in OUT/results, for an explicit collect); SIGINT or SIGTERM
stops queued and running work (SIGTERM to each batch run's process
group, SIGKILL after GRACE seconds), writes no grades and exits 130/143.
"""

import argparse
import collections
import concurrent.futures
import csv
import io
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tools"))
from xinu import compare, qemu, sandbox  # noqa: E402  (the harness)
from xinu.verdict import batch_verdict  # noqa: E402

ARCHIVES = (".tar.gz", ".tgz", ".tar", ".zip", ".bundle")
STATUS_BY_EXIT = {0: "ok", 1: "panic", 3: "killed", 124: "timeout"}
ZERO = ("bad command line", "killed", "tampered", "error", "refused")
UNFINISHED = ("timeout", "output limit", "panic")   # 0 unless PARTIAL=1
BUILD_LIMIT = 600       # seconds a build may take
MAXOUT = 1 << 20        # console bytes of a run (NAME.conf MAXOUT=)
LOG_CAP = 1 << 20       # bytes of a build's output read
ELF_CAP = 64 << 20      # the largest kernel image booted
EVENT_CAP = 1 << 20     # event-port bytes read
SHOWN = 64 * 1024       # characters of a run's output a report shows
FILE_CAP = 1 << 20      # the largest file written for a student
DIFF_LINES = 40         # a report shows this much of each failing diff
FIELDS = ("student", "test", "points", "score", "status", "seconds",
          "note")
TOTAL_FIELDS = ("student", "submission", "points", "max_points", "note")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAXLINE = 2000          # characters of one line kept
LONGLINE = re.compile("^(.{%d})(.+)$" % MAXLINE, re.M)


GRACE = 3               # seconds a stopped run has after SIGTERM


# What a staged grader is (a task on another host runs this much)
GRADER_FILES = ("grade/grade.py", "tools/xinu/__init__.py",
                "tools/xinu/compare.py", "tools/xinu/qemu.py",
                "tools/xinu/sandbox.py", "tools/xinu/verdict.py",
                "compile/bin/mkdisk", "compile/bin/cross", "compile/bin/need",
                "include/paging.h")


class GradeError(Exception):
    """A bad suite, submissions folder or results folder."""


class EngineError(Exception):
    """The engine itself failed: nothing ran (sbatch or parallel could
    not submit or start)."""


class Interrupted(Exception):
    """SIGINT or SIGTERM reached the grader (raised in the main thread)."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


class Stopped(Exception):
    """A worker found the run stopping: its submission is dropped."""


# Every batch run (and engine process) in flight, each the leader of a
# process group of its own, so that a stop reaches its build and QEMU.
# Once _stop is set no new one starts (checked under _lock).
_stop = threading.Event()
_lock = threading.Lock()
_procs = set()


def start(cmd, **kw):
    """Popen in a session of its own, registered for stop_all."""
    with _lock:
        if _stop.is_set():
            raise Stopped()
        proc = subprocess.Popen(cmd, start_new_session=True, **kw)
        _procs.add(proc)
    return proc


def finished(proc):
    with _lock:
        _procs.discard(proc)


def track(proc, started):
    """sandbox.run's hook: a sandbox in flight is stopped with the rest
    (and one that starts once the run is stopping is killed at once)."""
    if not started:
        finished(proc)
        return
    with _lock:
        _procs.add(proc)
        if _stop.is_set():
            sandbox.kill(proc)


def stop_all(grace=GRACE):
    """Start nothing more; SIGTERM every process group in flight, and
    SIGKILL what is left of them after 'grace' seconds."""
    _stop.set()
    with _lock:
        procs = list(_procs)
    for p in procs:
        try:
            os.killpg(p.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    end = time.monotonic() + grace
    for p in procs:
        try:
            p.wait(max(0.0, end - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    for p in procs:             # the leader's group: what it left behind
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def on_signal(signum, _frame):
    """The first SIGINT or SIGTERM interrupts the main thread; later ones
    are ignored while the run stops."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Interrupted(signum)


def catch_signals():
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)


# ---------------------------------------------------------------------
# The suite

NUMBER = re.compile(r"[0-9]+(\.[0-9]*)?|\.[0-9]+")
CONF_RULES = {                  # compile/bin/batch's rules, and grading's
    "TIMEOUT": (lambda v: NUMBER.fullmatch(v) and float(v) > 0,
                "is not a positive number of seconds"),
    "MEM": (lambda v: re.fullmatch("[0-9]+", v) and int(v) > 0,
            "is not a positive whole number of MiB"),
    "STRICT": (lambda v: v in ("0", "1"), "is not 0 or 1"),
    "NET": (lambda v: v in ("", "0", "1"), "is not 0, 1 or empty"),
    "DETERMINISTIC": (lambda v: v in ("0", "1"), "is not 0 or 1"),
    "POINTS": (lambda v: NUMBER.fullmatch(v), "is not a number >= 0"),
    "MODE": (lambda v: v in ("lines", "verdicts"),
             "is not lines or verdicts"),
    "MAXOUT": (lambda v: re.fullmatch("[0-9]+", v) and 0 < int(v) <= 1 << 30,
               "is not a whole number of bytes from 1 to 1073741824"),
    "PARTIAL": (lambda v: v in ("0", "1"), "is not 0 or 1"),
}


def check_conf(path):
    """Check every value of a suite program's NAME.conf before anything
    runs; a bad one is a GradeError naming the file, line and key.  (The
    form of the lines, and MODE=verdicts without VERDICTS, are
    compare.parse_conf's.)"""
    if not os.path.exists(path):
        return
    with open(path, errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            key, sep, val = line.strip().partition("=")
            key, val = key.strip().upper(), val.strip()
            if line.strip().startswith("#") or not sep:
                continue
            bad = None
            if key in CONF_RULES and not CONF_RULES[key][0](val):
                bad = CONF_RULES[key][1]
            elif key == "VERDICTS":
                try:
                    re.compile(val)
                except re.error as e:
                    bad = "is not a regex: %s" % e
            if bad:
                raise GradeError("%s:%d: %s=%s %s" % (path, lineno, key, val,
                                                      bad))


def program(path, append=None, reference=True):
    """One suite program NAME.c as a dict, its NAME.conf checked (a bad
    one is a GradeError) and read, APPEND replaced when 'append' is not
    None, and its NAME.expected read when 'reference'."""
    base = path[:-2]
    name = os.path.basename(base)
    check_conf(base + ".conf")
    try:
        conf = compare.parse_conf(base + ".conf")
        expected = None
        if reference:
            with open(base + ".expected", "rb") as f:
                expected = text_of(f.read())
    except (ValueError, OSError) as e:
        raise GradeError("suite program %s.c: %s" % (name, e))
    if append is not None:
        conf["APPEND"] = append
    return {
        "name": name, "path": path, "expected": expected, "conf": conf,
        "points": float(conf.get("POINTS", "1")),
        "mode": conf.get("MODE", "lines"),
        "verdicts": conf.get("VERDICTS"),
        "timeout": float(conf.get("TIMEOUT", qemu.DEFAULT_TIMEOUT)),
        "maxout": int(conf.get("MAXOUT", MAXOUT)),
        "partial": conf.get("PARTIAL") == "1",
        "deterministic": conf.get("DETERMINISTIC", "1") == "1",
    }


def load_suite(suite):
    """The programs of a suite, in name order, as dicts (program)."""
    if not os.path.isdir(suite):
        raise GradeError("SUITE=%s: no such folder" % suite)
    tests = [program(os.path.join(os.path.abspath(suite), name))
             for name in sorted(os.listdir(suite)) if name.endswith(".c")]
    if not tests:
        raise GradeError("SUITE=%s: no NAME.c programs" % suite)
    return tests


# ---------------------------------------------------------------------
# Submissions

Sub = collections.namedtuple("Sub", "student path refused")


def clean_name(name):
    return "".join(c if c.isalnum() or c in "-_.@+" else "_" for c in name)


def student_name(entry):
    """The student a submissions-folder entry is for (its name, cleaned
    up), or None when the entry is not a submission (a stray file)."""
    base = os.path.basename(entry.rstrip("/"))
    if base.startswith("."):
        return None
    if os.path.isdir(entry):
        return clean_name(base)
    for ext in ARCHIVES:
        if base.endswith(ext) and len(base) > len(ext):
            return clean_name(base[:-len(ext)])
    return None


def submissions(folder):
    """[Sub(student, absolute path, refused)] sorted by student.  Entries
    whose names clean up alike are graded under distinct names (the
    second of "a b" and "a_b" as "a_b+2"); an entry that is a symbolic
    link leading out of the folder is refused (refused says why)."""
    if not os.path.isdir(folder):
        raise GradeError("SUBMISSIONS=%s: no such folder" % folder)
    real = os.path.realpath(folder)
    found = {}
    for entry in sorted(os.listdir(folder)):
        path = os.path.abspath(os.path.join(folder, entry))
        who = student_name(path)
        if who is None:
            continue
        n, name = 2, who
        while name in found:
            name, n = "%s+%d" % (who, n), n + 1
        refused = None
        if os.path.islink(path):
            target = os.path.realpath(path)
            if os.path.commonpath([real, target]) != real:
                refused = ("the entry %s is a symbolic link to %s, outside "
                           "the submissions folder: not followed"
                           % (entry, os.readlink(path)))
        found[name] = Sub(name, path, refused)
    if not found:
        raise GradeError("SUBMISSIONS=%s: no directories, .tar.gz, .tgz, "
                         ".tar, .zip or .bundle entries" % folder)
    return [found[k] for k in sorted(found)]


def links_out(tree):
    """Remove every symbolic link under 'tree' that leads out of it (or
    nowhere); returns a note for each."""
    notes = []
    real = os.path.realpath(tree)
    for here, dirs, files in os.walk(tree):
        for name in dirs + files:
            p = os.path.join(here, name)
            if not os.path.islink(p):
                continue
            target = os.path.realpath(p)
            if os.path.commonpath([real, target]) != real:
                notes.append("removed the symbolic link %s -> %s: it leads "
                             "out of the submission" % (
                                 os.path.relpath(p, tree), os.readlink(p)))
                os.unlink(p)
    return notes


def tar_filter(notes):
    """tarfile's "data" filter, skipping (and noting) the members it
    refuses instead of refusing the whole archive."""
    def f(member, dest):
        try:
            return tarfile.data_filter(member, dest)
        except tarfile.FilterError as e:
            notes.append("skipped %s: %s" % (member.name, e))
            return None
    return f


def unpack(path, dest):
    """Unpack a submission into 'dest'; returns (the kernel tree's top:
    the shallowest folder holding compile/Makefile, notes on what was
    left out).  Links are copied as links, and those that lead out of
    the submission are removed."""
    base = os.path.basename(path)
    notes = []
    if os.path.isdir(path):
        shutil.copytree(path, os.path.join(dest, "tree"), symlinks=True,
                        ignore=shutil.ignore_patterns(".git"))
    elif base.endswith((".tar.gz", ".tgz", ".tar")):
        with tarfile.open(path) as t:
            t.extractall(dest, filter=tar_filter(notes))
    elif base.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                out = z.extract(info, dest)
                mode = (info.external_attr >> 16) & 0o777
                if mode and not info.is_dir() and not os.path.islink(out):
                    os.chmod(out, mode)
    elif base.endswith(".bundle"):
        r = subprocess.run(["git", "clone", "--quiet", "--no-hardlinks",
                            "-c", "core.symlinks=true", path,
                            os.path.join(dest, "tree")],
                           capture_output=True, text=True, errors="replace",
                           stdin=subprocess.DEVNULL,
                           env=dict(os.environ, GIT_TERMINAL_PROMPT="0",
                                    GIT_CONFIG_NOSYSTEM="1"))
        if r.returncode != 0:
            raise GradeError("git clone of the bundle failed: %s"
                             % r.stderr.strip()[-500:])
    else:
        raise GradeError("%s: not a submission" % base)
    notes += links_out(dest)
    for depth in range(4):
        for here, dirs, _files in sorted(os.walk(dest)):
            rel = os.path.relpath(here, dest)
            if (0 if rel == "." else rel.count(os.sep) + 1) != depth:
                continue
            mk = os.path.join(here, "compile/Makefile")
            if os.path.isfile(mk) and not os.path.islink(mk):
                for out in ("compile/obj", "compile/batch", "compile/grade"):
                    p = os.path.join(here, out)
                    if os.path.islink(p):
                        os.unlink(p)
                    shutil.rmtree(p, ignore_errors=True)
                return here, notes
    raise GradeError("no compile/Makefile in the submission")


# ---------------------------------------------------------------------
# One program on one kernel: the grader's own harness
#
# A submission's build files run only inside the sandbox, and only this
# way: make -C compile with OUT, MAIN, DEFS and PROGFLAGS (its
# compile/Makefile and whatever it calls: compile/bin/cross, ksyms,
# config/).  Its compile/bin/batch, test/, grade/ and tools/ are never
# run.  The QEMU line, the limits, the verdict and the comparison are
# this file's and the harness's (tools/xinu/).

def text_of(data):
    """Bytes a student's build or kernel printed, as text a report can
    show: UTF-8 (anything else U+FFFD), carriage returns dropped, other
    control characters written visibly as \\xHH, lines cut at MAXLINE."""
    text = data.decode("utf-8", "replace").replace("\r", "")
    text = CONTROL.sub(lambda m: "\\x%02x" % ord(m.group(0)), text)
    return LONGLINE.sub(lambda m: m.group(1) + " [%d more characters]"
                        % len(m.group(2)), text)


def excerpt(text, most):
    """At most 'most' characters of 'text': its head and its tail."""
    if len(text) <= most:
        return text
    half = most // 2
    return (text[:half] + "\n[... %d characters left out ...]\n"
            % (len(text) - 2 * half) + text[-half:])


def prog_copy(test, run):
    """The program as the build sees it: run/main.c (a #line keeps its
    name) and its suite's .c and .h files in run/prog (never .expected
    or .conf), on the quote-include path."""
    prog = os.path.join(run, "prog")
    os.makedirs(prog)
    here = os.path.dirname(test["path"])
    for name in os.listdir(here):
        if name.endswith((".c", ".h")) and os.path.isfile(
                os.path.join(here, name)):
            shutil.copy(os.path.join(here, name), prog)
    with open(test["path"], "rb") as f:
        text = f.read()
    with open(os.path.join(run, "main.c"), "wb") as f:
        f.write(b'#line 1 "%s.c"\n' % test["name"].encode() + text)


def build(top, test, run, sandboxed):
    """Build the submission's kernel with the test's program as main
    into the grader's folder 'run' (outside the tree, so no earlier build
    can have put a link where it goes), in the sandbox; returns (the
    image's path or None, the build log as text, seconds)."""
    conf = test["conf"]
    prog_copy(test, run)
    sandbox.give(run)
    # one job: the same failure gives the same log in every test, so a
    # report shows it once (JOBS= submissions build at once instead)
    cmd = ["make", "-s", "-j1", "-C",
           os.path.join(top, "compile"), "OUT=" + run,
           "MAIN=" + os.path.join(run, "main.c"),
           "DEFS=" + conf.get("DEFS", ""),
           "PROGFLAGS=%s -iquote %s" % (conf.get("PROGFLAGS", "-O0"),
                                        os.path.join(run, "prog"))]
    r = sandbox.run(cmd, rw=[top, run], cwd=top, limits=sandbox.BUILD,
                    timeout=BUILD_LIMIT, maxout=LOG_CAP, merge=True,
                    sandbox=sandboxed, track=track)
    log = text_of(r.out)
    elf = os.path.join(run, "xinu.elf")
    if r.timed_out:
        log += "\ngrade: the build overran %d s and was stopped" \
            % BUILD_LIMIT
    elif r.capped:
        log += "\ngrade: the build printed more than %d bytes and was " \
            "stopped" % LOG_CAP
    elif r.status != 0:
        log += "\ngrade: make exited %s" % r.status
    elif not os.path.isfile(elf) or os.path.islink(elf):
        log += "\ngrade: the build made no $(OUT)/xinu.elf"
    else:
        return elf, log, r.seconds
    return None, log, r.seconds


def take_file(path, dest, most):
    """Copy the regular file 'path' (never a link) of at most 'most'
    bytes to 'dest'; False when it is not such a file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_size > most:
            return False
        with open(dest, "wb") as g:
            shutil.copyfileobj(f, g)
    return True


def boot(elf, test, io, sandboxed):
    """Boot the image 'elf' (copied into the grader's folder 'io') with
    the test's conf, in the sandbox; returns a dict: code and verdict
    (batch_verdict's, code None when the output passed its cap),
    console (text, at most MAXOUT bytes of it), seconds."""
    conf = test["conf"]
    kernel = os.path.join(io, "xinu.elf")
    if not take_file(elf, kernel, ELF_CAP):
        return {"code": 2, "verdict": "batch: QEMU did not start: the "
                "build's xinu.elf is not a regular file of at most %d "
                "bytes" % ELF_CAP, "console": "", "seconds": 0.0}
    disk = os.path.join(io, "swap.img")
    subprocess.run([os.path.join(TOP, "compile/bin/mkdisk"), disk],
                   check=True)
    events = os.path.join(io, "events")
    open(events, "w").close()
    sandbox.give(io)
    # "xinu.elf" in the folder it runs in: the banner's command line
    # then names no scratch path, and repeats byte for byte
    cmd = qemu.qemu_command(
        "xinu.elf", conf.get("APPEND", ""), conf.get("MEM", "256"),
        qemu.drive_args(disk),
        net="user,restrict=on" if conf.get("NET") == "1" else None,
        events=events, deterministic=test["deterministic"])
    limits = sandbox.BOOT._replace(cpu=int(test["timeout"]) + 10)
    r = sandbox.run(cmd, rw=[io], cwd=io, limits=limits,
                    timeout=test["timeout"], maxout=test["maxout"],
                    sandbox=sandboxed, track=track)
    console = text_of(r.out)
    evtext = ""
    try:
        fd = os.open(events, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as f:
            evtext = f.read(EVENT_CAP).decode("latin-1")
    except OSError:
        pass
    code, verdict = batch_verdict(
        evtext, None if r.timed_out else r.status, test["timeout"],
        conf.get("STRICT") == "1", console, text_of(r.err))
    if r.capped:
        code, verdict = None, "grade: the console passed %d bytes; QEMU " \
            "was stopped" % test["maxout"]
    return {"code": code, "verdict": verdict, "console": console,
            "seconds": r.seconds}


def judge(test, ran):
    """The result of one run (a dict that collect turns into a CSV row,
    a report section and a Gradescope test) from build_and_boot's."""
    res = {"test": test["name"], "max_points": test["points"],
           "mode": test["mode"], "seconds": round(ran["seconds"], 1),
           "exit": ran.get("code"), "verdict": ran.get("verdict", ""),
           "fraction": 0.0, "diff": "", "build_log": ""}
    if ran.get("build_error"):
        res["status"] = "build error"
        res["build_log"] = excerpt(ran["build_log"], SHOWN)
        return res
    code, verdict = ran["code"], ran["verdict"]
    if code is None:
        res["status"] = "output limit"
    elif verdict.startswith("batch: event channel tampered"):
        res["status"] = "tampered"
    elif code == 2 and "bad command line" in verdict:
        res["status"] = "bad command line"
    else:
        res["status"] = STATUS_BY_EXIT.get(code, "error")
    got = compare.program_output(ran["console"])
    sc = compare.score_output(test["expected"], got, test["mode"],
                             test["verdicts"], DIFF_LINES)
    res["fraction"] = round(sc.fraction, 4)
    res["matched"], res["reference"] = sc.matched, sc.total
    res["diff"] = excerpt(sc.diff or "", SHOWN)
    if res["status"] == "ok" and not sc.same:
        res["status"] = "wrong output"
    if res["status"] in ZERO or (res["status"] in UNFINISHED
                                 and not test["partial"]):
        res["fraction"] = 0.0
    return res


def build_and_boot(top, test, work, sandboxed):
    """Build and boot one program of a suite on the tree 'top' (handed
    to the sandbox's user), in the grader's new folder 'work' (work/run
    the build's OUT, work/io the boot's); returns what judge takes."""
    run, io = os.path.join(work, "run"), os.path.join(work, "io")
    os.makedirs(run)
    os.makedirs(io)
    elf, log, secs = build(top, test, run, sandboxed)
    if elf is None:
        return {"build_error": True, "build_log": log, "seconds": secs,
                "verdict": "batch: build failed"}
    ran = boot(elf, test, io, sandboxed)
    ran["seconds"] += secs
    return ran


def grade_submission(sub, tests, results, on_test=None, keep=False,
                     sandboxed=True):
    """Grade one submission on every test; writes RESULTS/STUDENT.json
    and returns its dict.  on_test(result) is called after each test."""
    scratch = tempfile.mkdtemp(prefix="xinu-grade-%s-" % sub.student)
    os.chmod(scratch, 0o755)
    doc = {"student": sub.student,
           "submission": os.path.basename(sub.path), "tests": [],
           "notes": []}
    try:
        try:
            top, doc["notes"] = unpack(sub.path, os.path.join(scratch,
                                                              "in"))
            sandbox.give(top)
            why = None
        except (GradeError, OSError, tarfile.TarError,
                zipfile.BadZipFile) as e:
            top, why = None, "cannot unpack %s: %s" % (
                os.path.basename(sub.path), e)
        for n, test in enumerate(tests):
            if top is None:
                ran = {"build_error": True, "build_log": why,
                       "seconds": 0.0, "verdict": "batch: build failed"}
            else:
                ran = build_and_boot(top, test, os.path.join(
                    scratch, "test.%d" % n), sandboxed)
                if _stop.is_set():      # killed by the stop: no result
                    raise Stopped()
            res = judge(test, ran)
            doc["tests"].append(res)
            if on_test:
                on_test(res)
    finally:
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(results, exist_ok=True)
    write_atomic(os.path.join(results, sub.student + ".json"),
                 json.dumps(doc, indent=1) + "\n")
    return doc


def refused_doc(sub, tests):
    """The result of a submission that is refused before it is graded."""
    return {"student": sub.student, "submission": os.path.basename(
        sub.path), "notes": [sub.refused], "tests": [
        {"test": t["name"], "max_points": t["points"], "status": "refused",
         "fraction": 0.0, "seconds": 0.0, "verdict": sub.refused,
         "diff": "", "build_log": "", "mode": t["mode"], "exit": None}
        for t in tests]}


def write_atomic(path, text):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".",
                               prefix=".tmp-")
    with os.fdopen(fd, "w", errors="replace") as f:
        f.write(text)
    os.replace(tmp, path)


# ---------------------------------------------------------------------
# Collect: grades.csv, reports, Gradescope results, the summary

def points(res):
    return round(res["max_points"] * res["fraction"], 2)


def fmt(x):
    return ("%.2f" % x).rstrip("0").rstrip(".")


def load_results(results):
    """Every RESULTS/STUDENT.json, sorted by student, plus a 'not
    graded' entry for each staged student (RESULTS/staged.json) that
    has none; returns (docs, missing)."""
    if not os.path.isdir(results):
        raise GradeError("RESULTS=%s: no such folder" % results)
    docs = {}
    for name in sorted(os.listdir(results)):
        if name.endswith(".json") and not name.startswith(".") \
                and name != "staged.json":
            with open(os.path.join(results, name)) as f:
                doc = json.load(f)
            docs[doc["student"]] = doc
    missing = []
    names, tests = [], []
    staged = os.path.join(results, "staged.json")
    if os.path.exists(staged):
        with open(staged) as f:
            doc = json.load(f)
        names, tests = doc["students"], doc["tests"]
    for who in names:
        if who not in docs:
            missing.append(who)
            docs[who] = {"student": who, "submission": "?", "tests": [
                {"test": t, "max_points": p, "status": "not graded",
                 "fraction": 0.0, "seconds": 0.0, "verdict":
                 "no result file (the task did not finish)", "diff": "",
                 "build_log": "", "mode": "lines", "exit": None}
                for t, p in tests]}
    if not docs:
        raise GradeError("RESULTS=%s: no results" % results)
    return [docs[k] for k in sorted(docs)], missing


def build_logs(doc):
    """The distinct build logs of a submission, in order, and for each
    test the number of its log (1, 2, ...; 0: it built)."""
    logs, which = [], {}
    for t in doc["tests"]:
        log = t.get("build_log") or ""
        if log and log not in logs:
            logs.append(log)
        which[t["test"]] = logs.index(log) + 1 if log else 0
    return logs, which


def shown(doc):
    """The characters each test's diff may show so that no file written
    for the student passes FILE_CAP (SHOWN at most)."""
    logs, _ = build_logs(doc)
    room = FILE_CAP - 64 * 1024 - sum(len(x) for x in logs)
    return max(1024, min(SHOWN, room // max(1, len(doc["tests"]))))


def report_md(doc):
    """One student's Markdown report."""
    total = sum(points(t) for t in doc["tests"])
    most = sum(t["max_points"] for t in doc["tests"])
    logs, which = build_logs(doc)
    room = shown(doc)
    out = ["# %s: %s / %s points" % (doc["student"], fmt(total), fmt(most)),
           "", "Submission: `%s`" % doc["submission"], ""]
    for note in doc.get("notes", []):
        out += ["Note: %s" % note, ""]
    out += ["| test | points | status | seconds |", "|---|---|---|---|"]
    for t in doc["tests"]:
        out.append("| %s | %s / %s | %s | %s |" % (
            t["test"], fmt(points(t)), fmt(t["max_points"]), t["status"],
            t["seconds"]))
    for i, log in enumerate(logs, 1):
        name = "Build log" if len(logs) == 1 else "Build log %d" % i
        out += ["", "## %s" % name, "", "```", log, "```"]
    for t in doc["tests"]:
        if t["status"] == "ok":
            continue
        out += ["", "## %s: %s" % (t["test"], t["status"]), ""]
        if t.get("verdict"):
            out += ["Verdict: `%s`" % t["verdict"].replace("`", "'"), ""]
        if which[t["test"]]:
            out += ["The build failed: see %s above." % (
                "the build log" if len(logs) == 1
                else "build log %d" % which[t["test"]]), ""]
        if t.get("diff"):
            out += ["Expected vs got (%s compared, %d of %d reference "
                    "lines matched in order; first %d diff lines):"
                    % ("all lines" if t["mode"] == "lines"
                       else "verdict lines", t.get("matched", 0),
                       t.get("reference", 0), DIFF_LINES),
                    "", "```diff", excerpt(t["diff"], room), "```"]
    return "\n".join(out) + "\n"


def gradescope(doc):
    """One submission's results.json in Gradescope's format: the total
    in score, the build logs once in output, one entry per test."""
    logs, which = build_logs(doc)
    room = shown(doc)
    tests = []
    for t in doc["tests"]:
        text = [t["status"]]
        if t.get("verdict"):
            text.append(t["verdict"])
        if which[t["test"]]:
            text.append("the build failed: its log is in this "
                        "submission's output (build log %d)"
                        % which[t["test"]])
        if t.get("diff"):
            text += ["expected vs got:", excerpt(t["diff"], room)]
        tests.append({"name": t["test"], "score": points(t),
                      "max_score": t["max_points"],
                      "status": "passed" if t["status"] == "ok"
                      else "failed",
                      "output": "\n".join(text)})
    top = list(doc.get("notes", []))
    for i, log in enumerate(logs, 1):
        top += ["build log %d:" % i, log]
    total = round(sum(x["score"] for x in tests), 2)
    res = {"score": total, "tests": tests}
    if top:
        res["output"] = "\n".join(top)
    return res


def note_of(doc):
    """The one-line note of a submission for the CSV files."""
    return "; ".join(doc.get("notes", []))[:500]


def collect(results, out=None, stream=sys.stdout):
    """Write grades.csv, reports/ and gradescope/ into OUT (default: the
    folder above RESULTS) and print the summary; returns 1 when a staged
    submission has no result, else 0."""
    results = os.path.abspath(results)
    out = os.path.abspath(out or os.path.dirname(results))
    docs, missing = load_results(results)
    os.makedirs(os.path.join(out, "reports"), exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(FIELDS)
    tot = io.StringIO()
    wt = csv.writer(tot, lineterminator="\n")
    wt.writerow(TOTAL_FIELDS)
    for doc in docs:
        for t in doc["tests"]:
            w.writerow((doc["student"], t["test"], fmt(points(t)),
                        "%.3f" % t["fraction"], t["status"],
                        "%.1f" % t["seconds"],
                        t["verdict"] if t["status"] == "refused" else ""))
        wt.writerow((doc["student"], doc["submission"],
                     fmt(sum(points(t) for t in doc["tests"])),
                     fmt(sum(t["max_points"] for t in doc["tests"])),
                     note_of(doc)))
        write_atomic(os.path.join(out, "reports", doc["student"] + ".md"),
                     report_md(doc))
        gs = os.path.join(out, "gradescope", doc["student"])
        os.makedirs(gs, exist_ok=True)
        write_atomic(os.path.join(gs, "results.json"),
                     json.dumps(gradescope(doc), indent=1) + "\n")
    write_atomic(os.path.join(out, "grades.csv"), buf.getvalue())
    write_atomic(os.path.join(out, "totals.csv"), tot.getvalue())
    summary(docs, stream)
    print("grades: %s (totals: %s), reports in %s/, Gradescope results "
          "in %s/" % (os.path.join(out, "grades.csv"),
                      os.path.join(out, "totals.csv"),
                      os.path.join(out, "reports"),
                      os.path.join(out, "gradescope")), file=stream)
    if missing:
        print("grade: no result for %s (marked not graded)"
              % ", ".join(missing), file=sys.stderr)
        return 1
    return 0


SHORT = {"ok": "ok", "wrong output": "wrong", "timeout": "timeout",
         "output limit": "outlimit", "panic": "panic", "killed": "killed",
         "tampered": "tampered", "build error": "build",
         "bad command line": "cmdline", "error": "error",
         "refused": "refused", "not graded": "missing"}


def summary(docs, stream):
    """A table: one row per student, one column per test."""
    tests = [t["test"] for t in docs[0]["tests"]] if docs else []
    rows = [["student"] + tests + ["points"]]
    for doc in docs:
        cells = []
        for t in doc["tests"]:
            cell = SHORT.get(t["status"], t["status"])
            if t["status"] != "ok":
                cell += " %s" % fmt(points(t))
            cells.append(cell)
        total = sum(points(t) for t in doc["tests"])
        most = sum(t["max_points"] for t in doc["tests"])
        rows.append([doc["student"]] + cells
                    + ["%s/%s" % (fmt(total), fmt(most))])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip(),
              file=stream)
    for doc in docs:
        for note in doc.get("notes", []):
            print("%s: %s" % (doc["student"], note), file=stream)


# ---------------------------------------------------------------------
# Engines

class Progress:
    """done / total, failures so far and time left, on a terminal."""

    def __init__(self, total, tty):
        self.total, self.tty = total, tty
        self.done = self.failed = 0
        self.start = time.monotonic()
        self.lock = threading.Lock()

    def test(self, res):
        with self.lock:
            self.done += 1
            self.failed += res["status"] != "ok"
            if not self.tty:
                return
            spent = time.monotonic() - self.start
            left = spent / self.done * (self.total - self.done)
            width = 30
            bar = "#" * (width * self.done // self.total)
            sys.stderr.write("\r[%-*s] %d/%d  %d failed  %d:%02d left " % (
                width, bar, self.done, self.total, self.failed,
                left // 60, left % 60))
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def stage(suite, tests, subs, out):
    """Copy this grader and the suite into OUT/stage (what tasks run, so
    editing the tree meanwhile changes nothing); list the students and
    tests in RESULTS/staged.json (collect marks a student without a
    result "not graded").  Returns the stage folder."""
    st = os.path.join(out, "stage")
    shutil.rmtree(st, ignore_errors=True)
    for rel in GRADER_FILES:
        os.makedirs(os.path.dirname(os.path.join(st, "grader", rel)),
                    exist_ok=True)
        shutil.copy(os.path.join(TOP, rel), os.path.join(st, "grader", rel))
    shutil.copytree(suite, os.path.join(st, "grader/suite"))
    results = os.path.join(out, "results")
    shutil.rmtree(results, ignore_errors=True)
    os.makedirs(results)
    write_atomic(os.path.join(results, "staged.json"), json.dumps({
        "students": [sub.student for sub in subs],
        "tests": [[t["name"], t["points"]] for t in tests]}) + "\n")
    return st


def engine_local(tests, subs, results, jobs, progress=None, keep=False,
                 sandboxed=True):
    """A pool of JOBS threads, one submission each at a time; returns
    how many submissions failed in the grader itself (0: all graded).
    On Interrupted, queued submissions never start, running batch runs
    are stopped (stop_all) and their submissions dropped."""
    if progress is None:
        progress = Progress(len(tests) * len(subs), sys.stderr.isatty())
    pool = concurrent.futures.ThreadPoolExecutor(max(1, jobs))
    futs = [pool.submit(grade_submission, sub, tests, results,
                        progress.test, keep, sandboxed) for sub in subs]
    failed = 0
    try:
        for (who, _, _), fut in zip(subs, futs):
            try:
                fut.result()
            except (Stopped, Interrupted):
                raise
            except Exception as e:      # the grader's fault, not the student's
                print("grade: %s: %s: %s" % (who, type(e).__name__, e),
                      file=sys.stderr)
                failed += 1
    except (Stopped, Interrupted):
        pool.shutdown(wait=False, cancel_futures=True)
        stop_all()
        # the running ones end at once now (a cancelled one never "ends")
        concurrent.futures.wait([f for f in futs if not f.cancelled()])
        raise
    pool.shutdown()
    return failed


def engine_parallel(st, subs, results, jobs, hosts, sandboxed=True):
    """GNU parallel: one job per submission, each a tar.gz that travels
    with --transferfile beside the grader's own tar.gz (--basefile);
    the result comes back with --return.  Paths are relative to
    OUT/stage here and to the home folder on a host, under a folder
    xinu-grade-XXXXXXXX of this run (--cleanup empties it)."""
    rel = "xinu-grade-%s" % secrets.token_hex(4)
    root = os.path.join(st, rel)
    os.makedirs(os.path.join(root, "subs"))
    os.makedirs(os.path.join(root, "results"))
    for who, path, _ in subs:
        tgz = os.path.join(root, "subs", who + ".tgz")
        with tarfile.open(tgz, "w:gz") as t:
            if os.path.isdir(path):
                t.add(path, arcname=who, filter=lambda i: None
                      if i.name.endswith(("/.git", "/compile/obj",
                                          "/compile/batch")) else i)
            else:
                t.add(path, arcname=os.path.basename(path))
    with tarfile.open(os.path.join(root, "grader.tgz"), "w:gz") as t:
        t.add(os.path.join(st, "grader"), arcname="grader")
    # A job: unpack the grader and the submission (an archive inside the
    # .tgz, or a tree) in a folder of its own, grade into results/
    job = ('d=$(mktemp -d) && tar xzf %(r)s/grader.tgz -C "$d" && '
           'mkdir -p "$d/in" %(r)s/results && tar xzf {} -C "$d/in" && '
           'python3 "$d/grader/grade/grade.py" task --student {/.} '
           '--sandbox %(s)s '
           '--suite "$d/grader/suite" --submission "$d/in/$(ls "$d/in")" '
           '--results %(r)s/results; s=$?; rm -rf "$d"; exit $s'
           % {"r": rel, "s": "bwrap" if sandboxed else "none"})
    job = 'trap "exit 143" TERM; trap "exit 130" INT; ' + job
    # stopped, parallel sends TERM to each job and KILL only after the
    # task has had the time to stop its own batch runs
    cmd = ["parallel", "--will-cite", "--jobs", str(max(1, jobs)),
           "--halt", "never", "--termseq",
           "TERM,%d,KILL,25" % ((GRACE + 1) * 1000)]
    if hosts:
        cmd += ["--sshloginfile", os.path.abspath(hosts),
                "--basefile", rel + "/grader.tgz", "--transferfile", "{}",
                "--return", rel + "/results/{/.}.json", "--cleanup"]
    else:                       # this machine: nothing travels
        cmd += ["--sshlogin", ":"]
    if sys.stderr.isatty():
        cmd.append("--bar")
    cmd += [job, ":::"] + ["%s/subs/%s.tgz" % (rel, sub.student)
                           for sub in subs]
    proc = start(cmd, cwd=st, stdin=subprocess.DEVNULL)
    try:
        code = proc.wait()
    except Interrupted:
        stop_all(GRACE + 3)
        raise
    finally:
        finished(proc)
        for who, _, _ in subs:
            got = os.path.join(root, "results", who + ".json")
            if os.path.exists(got):
                shutil.move(got, os.path.join(results, who + ".json"))
        shutil.rmtree(root, ignore_errors=True)
    return code


def engine_slurm(st, subs, results, out, wait, extra, sandboxed=True):
    """Slurm: an sbatch --array job, task i grading line i+1 of
    OUT/stage/submissions.list into RESULTS (a folder every node sees)."""
    with open(os.path.join(st, "submissions.list"), "w") as f:
        f.write("".join("%s\t%s\n" % (who, path) for who, path, _ in subs))
    logs = os.path.join(out, "slurm")
    os.makedirs(logs, exist_ok=True)
    script = os.path.join(st, "grade.sbatch")
    name = "xinu-grade-%s" % secrets.token_hex(4)   # scancel's handle
    with open(script, "w") as f:
        f.write("#!/bin/sh\n"
                "#SBATCH --job-name=%s\n" % name +
                "#SBATCH --output=%s/%%A_%%a.log\n"
                "line=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" %s)\n"
                "tab=$(printf '\\t')\n"
                "exec python3 %s task --suite %s --student \"${line%%%%$tab*}\" "
                "--submission \"${line#*$tab}\" --sandbox %s "
                "--results %s\n" % (
                    logs, shlex.quote(os.path.join(st, "submissions.list")),
                    shlex.quote(os.path.join(st, "grader/grade/grade.py")),
                    shlex.quote(os.path.join(st, "grader/suite")),
                    "bwrap" if sandboxed else "none",
                    shlex.quote(results)))
    cmd = ["sbatch", "--parsable", "--array=0-%d" % (len(subs) - 1)]
    cmd += shlex.split(extra or "")
    if wait:
        cmd.append("--wait")
    cmd.append(script)
    proc = start(cmd, stdout=subprocess.PIPE, text=True)
    try:
        stdout, _ = proc.communicate()
    except Interrupted:
        stop_all()
        subprocess.run(["scancel", "--name", name], capture_output=True)
        raise
    finally:
        finished(proc)
    jobid = stdout.strip().split(";")[0]
    if not jobid:
        try:
            os.rmdir(logs)      # no task will log: no new folder in OUT
        except OSError:
            pass
        raise EngineError("sbatch exited %d and submitted nothing"
                          % proc.returncode)
    if not wait:
        print("grade: submitted Slurm job %s (%d tasks, logs in %s/); "
              "when squeue -j %s lists nothing, run\n"
              "  make grade-collect RESULTS=%s"
              % (jobid, len(subs), logs, jobid, results))
        return None
    return proc.returncode


def set_aside(out):
    """Move an earlier run's OUT/stage and OUT/results to
    OUT/.stage.prev and OUT/.results.prev, so that a run that never ran
    can put them back (put_back) and a run that did drops them."""
    for name in ("stage", "results"):
        prev = os.path.join(out, "." + name + ".prev")
        shutil.rmtree(prev, ignore_errors=True)
        if os.path.exists(os.path.join(out, name)):
            os.rename(os.path.join(out, name), prev)


def put_back(out, keep_new):
    """End of a run: drop the earlier stage and results (keep_new), or
    drop this run's and restore the earlier ones."""
    for name in ("stage", "results"):
        prev = os.path.join(out, "." + name + ".prev")
        if keep_new:
            shutil.rmtree(prev, ignore_errors=True)
        else:
            shutil.rmtree(os.path.join(out, name), ignore_errors=True)
            if os.path.exists(prev):
                os.rename(prev, os.path.join(out, name))


def result_files(results):
    return [n for n in os.listdir(results) if n.endswith(".json")
            and not n.startswith(".") and n != "staged.json"] \
        if os.path.isdir(results) else []


def not_graded(out, results, how, subs, tests, runs_done=None):
    """A run that did not finish: write no grades.  When no submission
    was graded OUT is left as it was; otherwise the finished ones'
    results stay in OUT/results for an explicit make grade-collect.
    Prints one line."""
    done = result_files(results)
    put_back(out, bool(done))
    if not done:
        try:
            os.rmdir(out)       # it is empty only when this run made it
        except OSError:
            pass
    if runs_done is None:
        runs_done = len(done) * len(tests)
    line = "grade: %s: %d of %d runs done; no grades written" % (
        how, runs_done, len(subs) * len(tests))
    if done:
        line += (" (%d of %d submissions finished: make grade-collect "
                 "RESULTS=%s grades them, the rest as not graded)"
                 % (len(done), len(subs), results))
    else:
        line += ", %s left as it was" % out
    print(line, file=sys.stderr, flush=True)


def ready(sandboxed):
    """Before a submission is touched: the sandbox starts here (else a
    GradeError naming the cause) and the cross compiler is installed
    (a sandbox cannot install it)."""
    if sandboxed:
        why = sandbox.probe()
        if why:
            raise GradeError("the sandbox cannot start: %s (SANDBOX=none "
                             "grades without it: unsafe, trusted code "
                             "only)" % why)
    r = subprocess.run([os.path.join(TOP, "compile/bin/cross")],
                       stdout=subprocess.DEVNULL)
    if r.returncode != 0:
        raise GradeError("no cross compiler (compile/bin/cross failed)")


def run(opts):
    tests = load_suite(opts.suite)
    subs = submissions(opts.submissions)
    if opts.engine == "parallel" and opts.hosts \
            and not os.path.isfile(opts.hosts):
        raise GradeError("HOSTS=%s: no such file" % opts.hosts)
    sandboxed = opts.sandbox != "none"
    ready(sandboxed)
    graded = [sub for sub in subs if not sub.refused]
    out = os.path.abspath(opts.out)
    results = os.path.join(out, "results")
    progress = Progress(len(tests) * len(subs), sys.stderr.isatty())
    catch_signals()
    try:
        os.makedirs(out, exist_ok=True)
        set_aside(out)
        st = stage(os.path.abspath(opts.suite), tests, subs, out)
        for sub in subs:
            if sub.refused:
                write_atomic(os.path.join(results, sub.student + ".json"),
                             json.dumps(refused_doc(sub, tests)) + "\n")
                print("grade: refused %s: %s" % (sub.student, sub.refused),
                      file=sys.stderr, flush=True)
        print("grade: %d submissions x %d programs, engine %s, sandbox %s, "
              "results in %s/" % (len(graded), len(tests), opts.engine,
                                  "bwrap" if sandboxed else "none (unsafe)",
                                  results), flush=True)
        began = time.monotonic()
        if not graded:
            status = 0
        elif opts.engine == "local":
            status = engine_local(tests, graded, results, opts.jobs,
                                  progress, sandboxed=sandboxed)
        elif opts.engine == "parallel":
            status = engine_parallel(st, graded, results, opts.jobs,
                                     opts.hosts, sandboxed)
        else:
            status = engine_slurm(st, graded, results, out, opts.wait,
                                  opts.sbatch_args, sandboxed)
    except Interrupted as e:
        if progress.tty:
            sys.stderr.write("\n")
        not_graded(out, results, "stopped by %s" %
                   signal.Signals(e.signum).name, subs, tests,
                   progress.done if opts.engine == "local" else None)
        return 128 + e.signum
    except EngineError as e:
        not_graded(out, results, "the %s engine failed (%s)"
                   % (opts.engine, e), subs, tests)
        return 1
    if status is None:          # slurm, submitted: collect later
        put_back(out, True)
        return 0
    if status:
        not_graded(out, results, "the %s engine exited %d" % (
            opts.engine, status), subs, tests)
        return 1
    put_back(out, True)
    took = time.monotonic() - began
    # the grades are written whole: SIGINT and SIGTERM are held off now
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    code = collect(results, out)
    print("grade: %d runs in %d:%02d" % (len(subs) * len(tests),
                                          took // 60, took % 60))
    return code


def own_tree(dest):
    """A copy of this tree's sources (no build outputs) at dest/tree."""
    def skip(here, names):
        if os.path.abspath(here) == os.path.join(TOP, "compile"):
            return [n for n in names if n not in ("Makefile", "ld.script",
                                                  "bin")]
        return [n for n in names if n == ".git"]
    shutil.copytree(TOP, os.path.join(dest, "tree"), symlinks=True,
                    ignore=skip)
    return os.path.join(dest, "tree")


def expected(opts):
    """make expected: run MAIN on this tree exactly as make grade runs a
    suite program (a scratch copy, the sandbox, its QEMU line, its conf:
    MAIN's NAME.conf beside it, APPEND= on top) and write the program's
    output as the grader compares it; a run that does not halt by
    itself writes nothing."""
    main = os.path.abspath(opts.main)
    if not main.endswith(".c") or not os.path.isfile(main):
        raise GradeError("MAIN=%s: no such .c file" % opts.main)
    test = program(main, opts.append, reference=False)
    out = os.path.abspath(opts.out or main[:-2] + ".expected")
    sandboxed = opts.sandbox != "none"
    ready(sandboxed)
    scratch = tempfile.mkdtemp(prefix="xinu-expected-")
    os.chmod(scratch, 0o755)
    try:
        top = own_tree(scratch)
        sandbox.give(top)
        ran = build_and_boot(top, test, os.path.join(scratch, "test"),
                             sandboxed)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if ran.get("build_error"):
        print(excerpt(ran["build_log"], SHOWN), file=sys.stderr)
        raise GradeError("%s did not build: nothing written" % opts.main)
    if ran["code"] != 0:
        raise GradeError("%s: %s: nothing written" % (opts.main,
                                                      ran["verdict"]))
    lines = [l.rstrip() for l in
             compare.program_output(ran["console"]).split("\n")]
    while lines and lines[-1] in ("", compare.DONE_LINE):
        lines.pop()
    text = "\n".join(lines) + "\n"
    write_atomic(out, text)
    print("expected: %s (%d lines; %s%s)" % (
        out, text.count("\n"), ran["verdict"],
        ", deterministic" if test["deterministic"] else ""))
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="grade a submissions folder")
    r.add_argument("--suite", required=True)
    r.add_argument("--submissions", required=True)
    r.add_argument("--out", default=os.path.join(TOP, "compile/grade"))
    r.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    r.add_argument("--engine", default="local",
                   choices=("local", "parallel", "slurm"))
    r.add_argument("--hosts", default=None,
                   help="parallel: an --sshloginfile (default: here)")
    r.add_argument("--wait", action="store_true",
                   help="slurm: wait for the job and collect")
    r.add_argument("--sbatch-args", default="",
                   help="slurm: more sbatch options")
    r.add_argument("--sandbox", default="bwrap", choices=("bwrap", "none"),
                   help="none: no sandbox (unsafe: trusted code only)")
    t = sub.add_parser("task", help="grade one submission")
    t.add_argument("--suite", required=True)
    t.add_argument("--submission", required=True)
    t.add_argument("--results", required=True)
    t.add_argument("--keep", action="store_true",
                   help="keep the scratch copy")
    t.add_argument("--student", default=None,
                   help="the name to grade it as (default: its own)")
    t.add_argument("--sandbox", default="bwrap", choices=("bwrap", "none"))
    e = sub.add_parser("expected", help="write NAME.expected from a run "
                       "on this tree")
    e.add_argument("--main", required=True)
    e.add_argument("--out", default=None)
    e.add_argument("--append", default=None)
    e.add_argument("--sandbox", default="bwrap", choices=("bwrap", "none"))
    c = sub.add_parser("collect", help="grades.csv and reports")
    c.add_argument("--results", required=True)
    c.add_argument("--out", default=None)
    opts = ap.parse_args(argv)
    try:
        if opts.cmd == "run":
            if not opts.suite or not opts.submissions:
                raise GradeError("usage: make grade SUITE=dir "
                                 "SUBMISSIONS=dir")
            return run(opts)
        if opts.cmd == "expected":
            return expected(opts)
        if opts.cmd == "task":
            path = os.path.abspath(opts.submission)
            who = opts.student or student_name(path)
            if who is None or clean_name(who) != who:
                raise GradeError("%s: not a submission" % path)
            tests = load_suite(opts.suite)
            sandboxed = opts.sandbox != "none"
            ready(sandboxed)
            catch_signals()     # parallel's or scancel's TERM, or ^C
            try:
                return 1 if engine_local(
                    tests, [Sub(who, path, None)], opts.results, 1,
                    Progress(len(tests), False), opts.keep,
                    sandboxed) else 0
            except Interrupted as e:
                print("grade: %s stopped by %s, no result written" % (
                    who, signal.Signals(e.signum).name), file=sys.stderr)
                return 128 + e.signum
        if not opts.results:
            raise GradeError("make grade-collect needs RESULTS=dir (the "
                             "results folder of a make grade run: "
                             "OUT/results, e.g. compile/grade/results)")
        return collect(opts.results, opts.out)
    except GradeError as e:
        print("grade: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
