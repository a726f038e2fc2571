#!/usr/bin/env python3
"""grade.py - make grade: every submission on every program of a suite.

  grade.py run --suite DIR --submissions DIR [--out DIR] [--jobs N]
               [--engine local|parallel|slurm] [--hosts FILE] [--wait]
  grade.py task --suite DIR --submission PATH --results DIR
  grade.py collect --results DIR [--out DIR]

A suite is a folder of programs NAME.c, each with NAME.expected (the
reference console) and an optional NAME.conf (test/runner.py's KEY=value
lines: APPEND, DEFS, PROGFLAGS, TIMEOUT, MEM, STRICT, NET, and for grading
POINTS (default 1), MODE=lines|verdicts and VERDICTS=regex).

A submission is one entry of the submissions folder: a kernel tree as a
directory, NAME.tar.gz / NAME.tgz / NAME.tar, NAME.zip or a git bundle
NAME.bundle; the student is NAME.  "task" unpacks it into a scratch
folder of its own (its build outputs compile/obj and compile/batch
dropped, so it is built from its sources), runs every program through
the submission's OWN compile/bin/batch (its own Makefile, its own
kernel), scores each run with runner.score_output and writes
RESULTS/NAME.json.  "collect" turns a results folder into grades.csv,
reports/NAME.md, gradescope/NAME/results.json and a summary on stdout.
"run" stages the suite and this grader into OUT/stage, has an engine run
one task per submission and collects.  Engines: local (a pool of JOBS
workers here), parallel (GNU parallel, over HOSTS or this machine), slurm
(an sbatch --array job, one task per submission; collect later with
make grade-collect, or --wait).

Statuses: ok, wrong output, timeout, panic (also a triple fault, a
reboot or another QEMU status: batch's 1), killed (STRICT=1 and the
kernel killed a process: batch's 3), bad command line (batch's 2 "bad
command line"), build error (batch's 2 "build failed", or the submission
could not be unpacked), error (any other batch status, e.g. 2 "QEMU did
not start": the grading machine's fault, rerun it), not graded
(collect found no result for a submission that was staged); a killed
run scores 0.

"run" writes grades only when every task ran: a bad NAME.conf value
refuses the run before anything is written; an engine that failed
leaves OUT as it was (or, when some submissions were graded, only their
results in OUT/results, for an explicit collect); SIGINT or SIGTERM
stops queued and running work (SIGTERM to each batch run's process
group, SIGKILL after GRACE seconds), writes no grades and exits 130/143.
"""

import argparse
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
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "test"))
import runner                   # noqa: E402  (the comparison lives there)

ARCHIVES = (".tar.gz", ".tgz", ".tar", ".zip", ".bundle")
STATUS_BY_EXIT = {0: "ok", 1: "panic", 3: "killed", 124: "timeout"}
BUILD_LIMIT = 900       # seconds a build may add to a program's TIMEOUT
STOP_GRACE = 5         # seconds an overrunning run has to end on SIGTERM
DIFF_LINES = 40         # a report shows this much of each failing diff
LOG_LINES = 200         # and this much of a failed build's log
FIELDS = ("student", "test", "points", "score", "status", "seconds")


GRACE = 3               # seconds a stopped batch run has after SIGTERM


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
}


def check_conf(path):
    """Check every value of a suite program's NAME.conf before anything
    runs; a bad one is a GradeError naming the file, line and key.  (The
    form of the lines, and MODE=verdicts without VERDICTS, are
    runner.parse_conf's.)"""
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


def load_suite(suite):
    """The programs of a suite, in name order, as dicts."""
    if not os.path.isdir(suite):
        raise GradeError("SUITE=%s: no such folder" % suite)
    tests = []
    for name in sorted(os.listdir(suite)):
        if not name.endswith(".c"):
            continue
        base = os.path.join(os.path.abspath(suite), name[:-2])
        check_conf(base + ".conf")
        try:
            conf = runner.parse_conf(base + ".conf")
            with open(base + ".expected", errors="replace") as f:
                expected = f.read()
        except (ValueError, OSError) as e:
            raise GradeError("suite program %s: %s" % (name, e))
        tests.append({
            "name": name[:-2], "path": base + ".c", "expected": expected,
            "conf": conf, "points": float(conf.get("POINTS", "1")),
            "mode": conf.get("MODE", "lines"),
            "verdicts": conf.get("VERDICTS"),
            "timeout": float(conf.get("TIMEOUT", runner.DEFAULT_TIMEOUT)),
        })
    if not tests:
        raise GradeError("SUITE=%s: no NAME.c programs" % suite)
    return tests


# ---------------------------------------------------------------------
# Submissions

def student_name(entry):
    """The student a submissions-folder entry is for, or None when the
    entry is not a submission (a stray file)."""
    base = os.path.basename(entry.rstrip("/"))
    if base.startswith("."):
        return None
    if os.path.isdir(entry):
        name = base
    else:
        for ext in ARCHIVES:
            if base.endswith(ext):
                name = base[:-len(ext)]
                break
        else:
            return None
    return "".join(c if c.isalnum() or c in "-_.@+" else "_" for c in name)


def submissions(folder):
    """[(student, absolute path)] sorted by student; two entries for one
    student are an error."""
    if not os.path.isdir(folder):
        raise GradeError("SUBMISSIONS=%s: no such folder" % folder)
    found = {}
    for entry in sorted(os.listdir(folder)):
        path = os.path.abspath(os.path.join(folder, entry))
        who = student_name(path)
        if who is None:
            continue
        if who in found:
            raise GradeError("two submissions for %s: %s and %s"
                             % (who, found[who], path))
        found[who] = path
    if not found:
        raise GradeError("SUBMISSIONS=%s: no directories, .tar.gz, .tgz, "
                         ".tar, .zip or .bundle entries" % folder)
    return sorted(found.items())


def unpack(path, dest):
    """Unpack a submission into 'dest'; returns the kernel tree's top
    (the shallowest folder holding compile/bin/batch)."""
    base = os.path.basename(path)
    if os.path.isdir(path):
        shutil.copytree(path, os.path.join(dest, "tree"), symlinks=True,
                        ignore=shutil.ignore_patterns(".git"))
    elif base.endswith((".tar.gz", ".tgz", ".tar")):
        with tarfile.open(path) as t:
            t.extractall(dest, filter="data")
    elif base.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                out = z.extract(info, dest)
                mode = (info.external_attr >> 16) & 0o777
                if mode and not info.is_dir():
                    os.chmod(out, mode)
    elif base.endswith(".bundle"):
        r = subprocess.run(["git", "clone", "--quiet", path,
                            os.path.join(dest, "tree")],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise GradeError("git clone of the bundle failed: %s"
                             % r.stderr.strip())
    else:
        raise GradeError("%s: not a submission" % base)
    for depth in range(4):
        for here, dirs, _files in sorted(os.walk(dest)):
            rel = os.path.relpath(here, dest)
            if (0 if rel == "." else rel.count(os.sep) + 1) != depth:
                continue
            if os.path.isfile(os.path.join(here, "compile/bin/batch")):
                for out in ("compile/obj", "compile/batch"):
                    shutil.rmtree(os.path.join(here, out),
                                  ignore_errors=True)
                return here
    raise GradeError("no compile/bin/batch in the submission")


# ---------------------------------------------------------------------
# One submission (the task every engine runs)

def run_batch(top, test, limit=None):
    """Run one program through the submission's compile/bin/batch;
    returns (exit status or None when killed, stdout, stderr, seconds).
    A run past its limit gets SIGTERM, then SIGKILL (see STOP_GRACE)."""
    conf = test["conf"]
    env = dict(os.environ)
    for key in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "DEFS", "PROGFLAGS",
                "STRICT", "NET", "DISK"):
        env.pop(key, None)
    for key in ("DEFS", "PROGFLAGS", "STRICT"):
        if key in conf:
            env[key] = conf[key]
    if conf.get("NET") == "1":  # batch gives a NIC for any NET but empty
        env["NET"] = "1"
    cmd = ["sh", os.path.join(top, "compile/bin/batch"), test["path"],
           "%g" % test["timeout"], conf.get("MEM", "256"),
           conf.get("APPEND", "")]
    began = time.monotonic()
    proc = start(cmd, cwd=top, env=env, stdin=subprocess.DEVNULL,
                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(
            timeout=limit or test["timeout"] + BUILD_LIMIT)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        # SIGTERM first: batch then stops its QEMU and removes its run
        # folder; SIGKILL when it has not ended STOP_GRACE s later
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
        code = None
    finally:
        finished(proc)
    # gcc's quotes and a student's text are UTF-8: never latin-1 here
    return (code, out.decode("utf-8", "replace"),
            err.decode("utf-8", "replace"), time.monotonic() - began)


def judge(test, code, out, err, seconds):
    """The result of one run: a dict that collect turns into a CSV row,
    a report section and a Gradescope test."""
    lines = [l for l in err.splitlines() if l.strip()]
    verdict = lines[-1] if lines else ""
    got = runner.program_output(out)
    res = {"test": test["name"], "max_points": test["points"],
           "mode": test["mode"], "seconds": round(seconds, 1),
           "exit": code, "verdict": verdict, "fraction": 0.0,
           "diff": "", "build_log": ""}
    if code == 2 and "build failed" in verdict:
        res["status"] = "build error"
        res["build_log"] = "\n".join(err.splitlines()[-LOG_LINES:])
        return res
    if code is None:
        res["status"] = "timeout"
        res["verdict"] = "the batch run itself overran %g s" % seconds
    elif code == 2 and "bad command line" in verdict:
        res["status"] = "bad command line"
    else:
        res["status"] = STATUS_BY_EXIT.get(code, "error")
    sc = runner.score_output(test["expected"], got, test["mode"],
                             test["verdicts"], DIFF_LINES)
    res["fraction"] = round(sc.fraction, 4)
    res["matched"], res["reference"] = sc.matched, sc.total
    res["diff"] = sc.diff or ""
    if res["status"] == "ok" and not sc.same:
        res["status"] = "wrong output"
    if res["status"] in ("bad command line", "killed"):
        res["fraction"] = 0.0   # killed: STRICT=1 says no process may die
    return res


def grade_submission(path, tests, results, on_test=None, keep=False):
    """Grade one submission on every test; writes RESULTS/STUDENT.json
    and returns its dict.  on_test(result) is called after each test."""
    student = student_name(path)
    scratch = tempfile.mkdtemp(prefix="xinu-grade-%s-" % student)
    doc = {"student": student, "submission": os.path.basename(path),
           "tests": []}
    try:
        try:
            top = unpack(path, scratch)
            why = None
        except (GradeError, OSError, tarfile.TarError,
                zipfile.BadZipFile) as e:
            top, why = None, "cannot unpack %s: %s" % (
                os.path.basename(path), e)
        for test in tests:
            if top is None:
                res = judge(test, 2, "", why + "\nbatch: build failed\n", 0)
            else:
                ran = run_batch(top, test)
                if _stop.is_set():      # killed by the stop: no result
                    raise Stopped()
                res = judge(test, *ran)
            doc["tests"].append(res)
            if on_test:
                on_test(res)
    finally:
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(results, exist_ok=True)
    write_atomic(os.path.join(results, student + ".json"),
                 json.dumps(doc, indent=1) + "\n")
    return doc


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


def report_md(doc):
    """One student's Markdown report."""
    total = sum(points(t) for t in doc["tests"])
    most = sum(t["max_points"] for t in doc["tests"])
    out = ["# %s: %s / %s points" % (doc["student"], fmt(total), fmt(most)),
           "", "Submission: `%s`" % doc["submission"], "",
           "| test | points | status | seconds |", "|---|---|---|---|"]
    for t in doc["tests"]:
        out.append("| %s | %s / %s | %s | %s |" % (
            t["test"], fmt(points(t)), fmt(t["max_points"]), t["status"],
            t["seconds"]))
    for t in doc["tests"]:
        if t["status"] == "ok":
            continue
        out += ["", "## %s: %s" % (t["test"], t["status"]), ""]
        if t.get("verdict"):
            out += ["Verdict: `%s`" % t["verdict"], ""]
        if t.get("build_log"):
            out += ["Build log:", "", "```", t["build_log"], "```"]
        if t.get("diff"):
            out += ["Expected vs got (%s compared, %d of %d reference "
                    "lines matched in order; first %d diff lines):"
                    % ("all lines" if t["mode"] == "lines"
                       else "verdict lines", t.get("matched", 0),
                       t.get("reference", 0), DIFF_LINES),
                    "", "```diff", t["diff"], "```"]
    return "\n".join(out) + "\n"


def gradescope(doc):
    """One submission's results.json in Gradescope's format."""
    tests = []
    for t in doc["tests"]:
        text = [t["status"]]
        if t.get("verdict"):
            text.append(t["verdict"])
        if t.get("build_log"):
            text += ["build log:", t["build_log"]]
        if t.get("diff"):
            text += ["expected vs got:", t["diff"]]
        tests.append({"name": t["test"], "score": points(t),
                      "max_score": t["max_points"],
                      "status": "passed" if t["status"] == "ok"
                      else "failed",
                      "output": "\n".join(text)})
    return {"score": round(sum(x["score"] for x in tests), 2),
            "tests": tests}


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
    for doc in docs:
        for t in doc["tests"]:
            w.writerow((doc["student"], t["test"], fmt(points(t)),
                        "%.3f" % t["fraction"], t["status"],
                        "%.1f" % t["seconds"]))
        write_atomic(os.path.join(out, "reports", doc["student"] + ".md"),
                     report_md(doc))
        gs = os.path.join(out, "gradescope", doc["student"])
        os.makedirs(gs, exist_ok=True)
        write_atomic(os.path.join(gs, "results.json"),
                     json.dumps(gradescope(doc), indent=1) + "\n")
    write_atomic(os.path.join(out, "grades.csv"), buf.getvalue())
    summary(docs, stream)
    print("grades: %s, reports in %s/, Gradescope results in %s/"
          % (os.path.join(out, "grades.csv"), os.path.join(out, "reports"),
             os.path.join(out, "gradescope")), file=stream)
    if missing:
        print("grade: no result for %s (marked not graded)"
              % ", ".join(missing), file=sys.stderr)
        return 1
    return 0


SHORT = {"ok": "ok", "wrong output": "wrong", "timeout": "timeout",
         "panic": "panic", "killed": "killed", "build error": "build",
         "bad command line": "cmdline", "error": "error",
         "not graded": "missing"}


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
    for rel in ("grade/grade.py", "test/runner.py"):
        os.makedirs(os.path.dirname(os.path.join(st, "grader", rel)),
                    exist_ok=True)
        shutil.copy(os.path.join(TOP, rel), os.path.join(st, "grader", rel))
    shutil.copytree(suite, os.path.join(st, "grader/suite"))
    results = os.path.join(out, "results")
    shutil.rmtree(results, ignore_errors=True)
    os.makedirs(results)
    write_atomic(os.path.join(results, "staged.json"), json.dumps({
        "students": [who for who, _ in subs],
        "tests": [[t["name"], t["points"]] for t in tests]}) + "\n")
    return st


def engine_local(tests, subs, results, jobs, progress=None, keep=False):
    """A pool of JOBS threads, one submission each at a time; returns
    how many submissions failed in the grader itself (0: all graded).
    On Interrupted, queued submissions never start, running batch runs
    are stopped (stop_all) and their submissions dropped."""
    if progress is None:
        progress = Progress(len(tests) * len(subs), sys.stderr.isatty())
    pool = concurrent.futures.ThreadPoolExecutor(max(1, jobs))
    futs = [pool.submit(grade_submission, path, tests, results,
                        progress.test, keep) for _, path in subs]
    failed = 0
    try:
        for (who, _), fut in zip(subs, futs):
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


def engine_parallel(st, subs, results, jobs, hosts):
    """GNU parallel: one job per submission, each a tar.gz that travels
    with --transferfile beside the grader's own tar.gz (--basefile);
    the result comes back with --return.  Paths are relative to
    OUT/stage here and to the home folder on a host, under a folder
    xinu-grade-XXXXXXXX of this run (--cleanup empties it)."""
    rel = "xinu-grade-%s" % secrets.token_hex(4)
    root = os.path.join(st, rel)
    os.makedirs(os.path.join(root, "subs"))
    os.makedirs(os.path.join(root, "results"))
    for who, path in subs:
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
           'python3 "$d/grader/grade/grade.py" task '
           '--suite "$d/grader/suite" --submission "$d/in/$(ls "$d/in")" '
           '--results %(r)s/results; s=$?; rm -rf "$d"; exit $s'
           % {"r": rel})
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
    cmd += [job, ":::"] + ["%s/subs/%s.tgz" % (rel, who) for who, _ in subs]
    proc = start(cmd, cwd=st, stdin=subprocess.DEVNULL)
    try:
        code = proc.wait()
    except Interrupted:
        stop_all(GRACE + 3)
        raise
    finally:
        finished(proc)
        for who, _ in subs:
            got = os.path.join(root, "results", who + ".json")
            if os.path.exists(got):
                shutil.move(got, os.path.join(results, who + ".json"))
        shutil.rmtree(root, ignore_errors=True)
    return code


def engine_slurm(st, subs, results, out, wait, extra):
    """Slurm: an sbatch --array job, task i grading line i+1 of
    OUT/stage/submissions.list into RESULTS (a folder every node sees)."""
    with open(os.path.join(st, "submissions.list"), "w") as f:
        f.write("".join(path + "\n" for _, path in subs))
    logs = os.path.join(out, "slurm")
    os.makedirs(logs, exist_ok=True)
    script = os.path.join(st, "grade.sbatch")
    name = "xinu-grade-%s" % secrets.token_hex(4)   # scancel's handle
    with open(script, "w") as f:
        f.write("#!/bin/sh\n"
                "#SBATCH --job-name=%s\n" % name +
                "#SBATCH --output=%s/%%A_%%a.log\n"
                "sub=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" %s)\n"
                "exec python3 %s task --suite %s --submission \"$sub\" "
                "--results %s\n" % (
                    logs, shlex.quote(os.path.join(st, "submissions.list")),
                    shlex.quote(os.path.join(st, "grader/grade/grade.py")),
                    shlex.quote(os.path.join(st, "grader/suite")),
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


def run(opts):
    tests = load_suite(opts.suite)
    subs = submissions(opts.submissions)
    if opts.engine == "parallel" and opts.hosts \
            and not os.path.isfile(opts.hosts):
        raise GradeError("HOSTS=%s: no such file" % opts.hosts)
    out = os.path.abspath(opts.out)
    results = os.path.join(out, "results")
    progress = Progress(len(tests) * len(subs), sys.stderr.isatty())
    catch_signals()
    try:
        os.makedirs(out, exist_ok=True)
        set_aside(out)
        st = stage(os.path.abspath(opts.suite), tests, subs, out)
        print("grade: %d submissions x %d programs, engine %s, results in "
              "%s/" % (len(subs), len(tests), opts.engine, results),
              flush=True)
        began = time.monotonic()
        if opts.engine == "local":
            status = engine_local(tests, subs, results, opts.jobs, progress)
        elif opts.engine == "parallel":
            status = engine_parallel(st, subs, results, opts.jobs,
                                     opts.hosts)
        else:
            status = engine_slurm(st, subs, results, out, opts.wait,
                                  opts.sbatch_args)
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
    t = sub.add_parser("task", help="grade one submission")
    t.add_argument("--suite", required=True)
    t.add_argument("--submission", required=True)
    t.add_argument("--results", required=True)
    t.add_argument("--keep", action="store_true",
                   help="keep the scratch copy")
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
        if opts.cmd == "task":
            path = os.path.abspath(opts.submission)
            if student_name(path) is None:
                raise GradeError("%s: not a submission" % path)
            tests = load_suite(opts.suite)
            catch_signals()     # parallel's or scancel's TERM, or ^C
            try:
                return 1 if engine_local(
                    tests, [(student_name(path), path)], opts.results, 1,
                    Progress(len(tests), False), opts.keep) else 0
            except Interrupted as e:
                print("grade: %s stopped by %s, no result written" % (
                    student_name(path), signal.Signals(e.signum).name),
                    file=sys.stderr)
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
