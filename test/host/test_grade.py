#!/usr/bin/env python3
"""test_grade.py - host tests of make grade's scoring and bookkeeping

The comparison modes (lines, verdicts) and their in-order score, the
NAME.conf keys of grading, the status of every batch outcome, the
submissions folder and its unpackers, one submission graded end to end
through a fake compile/bin/batch (no QEMU), the local engine, and what
collect writes (grades.csv, reports, Gradescope results, students
without a result).  Prints "ok NAME" or "FAIL NAME: why" per case.
"""

import csv
import io
import itertools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import unittest
import zipfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "test"))
sys.path.insert(0, os.path.join(TOP, "grade"))
sys.path.insert(0, os.path.join(TOP, "test/host"))
import grade                    # noqa: E402
import runner                   # noqa: E402
from test_runner import Result  # noqa: E402

VERDICTS = r"^=== Test case [0-9]+ (PASS|FAIL) ===$"


def lcs_brute(a, b):
    """The longest common subsequence by the textbook table."""
    t = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, j in itertools.product(range(len(a)), range(len(b))):
        t[i + 1][j + 1] = t[i][j] + 1 if a[i] == b[j] else \
            max(t[i][j + 1], t[i + 1][j])
    return t[len(a)][len(b)]


class Scoring(unittest.TestCase):
    REF = "hello: P4 starts\nP5: two\n\nthree\nAll user processes " \
          "have completed.\n"

    def score(self, got, **kw):
        return runner.score_output(self.REF, got, **kw)

    def test_lines_same_after_renaming(self):
        sc = self.score("hello: P9 starts\nP2: two   \nthree\n\n")
        self.assertTrue(sc.same)
        self.assertEqual((sc.fraction, sc.matched, sc.total), (1.0, 3, 3))
        self.assertIsNone(sc.diff)

    def test_lines_one_wrong_line(self):
        sc = self.score("hello: P9 starts\nP2: TWO\nthree\n")
        self.assertFalse(sc.same)
        self.assertAlmostEqual(sc.fraction, 2 / 3)
        self.assertIn("-P#2: two", sc.diff)
        self.assertIn("+P#2: TWO", sc.diff)

    def test_lines_pid_mapping_counts(self):
        # the same pid twice where the reference has two: one line lost
        sc = runner.score_output("P4 a\nP5 b\n", "P4 a\nP4 b\n")
        self.assertEqual(sc.matched, 1)

    def test_lines_stopped_early(self):
        self.assertAlmostEqual(self.score("hello: P1 starts\n").fraction,
                               1 / 3)
        self.assertEqual(self.score("").fraction, 0.0)

    def test_lines_extra_lines_keep_the_score_not_the_status(self):
        sc = self.score("noise\nhello: P1 starts\nmore\nP2: two\nthree\nx\n")
        self.assertEqual(sc.fraction, 1.0)
        self.assertFalse(sc.same)

    def test_lines_in_order_only(self):
        sc = runner.score_output("a\nb\nc\n", "c\nb\na\n")
        self.assertEqual(sc.matched, 1)
        sc = runner.score_output("a\nb\nc\nd\n", "a\nc\nb\nd\n")
        self.assertEqual(sc.matched, 3)

    def test_matched_in_order_is_the_lcs(self):
        rng = random.Random(465)
        for _ in range(300):
            a = [rng.choice("abcd") for _ in range(rng.randrange(0, 12))]
            b = [rng.choice("abcde") for _ in range(rng.randrange(0, 12))]
            self.assertEqual(runner.matched_in_order(a, b), lcs_brute(a, b),
                             (a, b))

    def test_matched_in_order_is_cheap_on_a_runaway_output(self):
        ref = ["line %d" % i for i in range(2000)]
        got = ["junk"] * 200000 + ref
        self.assertEqual(runner.matched_in_order(ref, got), 2000)

    def test_empty_reference(self):
        self.assertEqual(runner.score_output("", "").fraction, 1.0)
        self.assertEqual(runner.score_output("", "x\n").fraction, 0.0)

    def test_verdicts_ignore_the_chatter(self):
        ref = "t=3\n=== Test case 1 PASS ===\nfoo\n=== Test case 2 PASS ===\n"
        got = "t=99\n=== Test case 1 PASS ===\nbar\n=== Test case 2 PASS ===\n"
        sc = runner.score_output(ref, got, "verdicts", VERDICTS)
        self.assertTrue(sc.same)
        self.assertEqual(sc.fraction, 1.0)
        self.assertFalse(runner.score_output(ref, got).same)

    def test_verdicts_fail_and_missing(self):
        ref = "".join("=== Test case %d PASS ===\n" % i for i in (1, 2, 3))
        got = "=== Test case 1 PASS ===\n=== Test case 2 FAIL ===\n" \
              "=== Test case 3 PASS ===\n"
        sc = runner.score_output(ref, got, "verdicts", VERDICTS)
        self.assertAlmostEqual(sc.fraction, 2 / 3)
        self.assertIn("+=== Test case 2 FAIL ===", sc.diff)
        sc = runner.score_output(ref, "=== Test case 1 PASS ===\n",
                                 "verdicts", VERDICTS)
        self.assertAlmostEqual(sc.fraction, 1 / 3)

    def test_verdict_lines_are_whole_lines(self):
        ref = "=== Test case 1 PASS ===\n"
        got = "x === Test case 1 PASS ===\n"
        sc = runner.score_output(ref, got, "verdicts", VERDICTS)
        self.assertEqual(sc.fraction, 0.0)

    def test_bad_mode(self):
        self.assertRaises(ValueError, runner.score_output, "", "", "words")
        self.assertRaises(ValueError, runner.score_output, "", "",
                          "verdicts")

    def test_compare_output_verdicts(self):
        self.assertIsNone(runner.compare_output(
            "a\n=== Test case 1 PASS ===\n", "b\n=== Test case 1 PASS ===\n",
            verdicts=VERDICTS))


class Conf(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="xinu-test-grade-")
        self.path = os.path.join(self.tmp, "p.conf")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def conf(self, text):
        with open(self.path, "w") as f:
            f.write(text)
        return runner.parse_conf(self.path)

    def test_grading_keys_in_any_case(self):
        c = self.conf("points=7.5\nmode=verdicts\nverdicts=%s\nTimeout=3\n"
                      % VERDICTS)
        self.assertEqual(c, {"POINTS": "7.5", "MODE": "verdicts",
                             "VERDICTS": VERDICTS, "TIMEOUT": "3"})

    def test_bad_values(self):
        for text in ("POINTS=ten\n", "POINTS=-1\n", "MODE=words\n",
                     "MODE=verdicts\n", "VERDICTS=(\n"):
            self.assertRaises(ValueError, self.conf, text)


def fake_test(name="p", expected="a\nb\nc\nd\n", points=10.0, mode="lines",
              verdicts=None):
    return {"name": name, "path": "/x/%s.c" % name, "expected": expected,
            "conf": {}, "points": points, "mode": mode,
            "verdicts": verdicts, "timeout": 5.0}


class Judge(unittest.TestCase):
    BOOT = "Xinu/VM 0.1\n  RAM x\n"

    def judge(self, code, out, err):
        return grade.judge(fake_test(), code, self.BOOT + out, err, 1.23)

    def test_ok(self):
        r = self.judge(0, "a\nb\nc\nd\n\nAll user processes have completed."
                       "\n", "batch: halted; no process killed\n")
        self.assertEqual((r["status"], r["fraction"], r["seconds"]),
                         ("ok", 1.0, 1.2))
        self.assertEqual(r["verdict"], "batch: halted; no process killed")

    def test_wrong_output(self):
        r = self.judge(0, "a\nB\nc\nd\n", "batch: halted; no process killed")
        self.assertEqual((r["status"], r["fraction"]), ("wrong output", 0.75))
        self.assertIn("+B", r["diff"])

    def test_panic_keeps_what_it_printed(self):
        r = self.judge(1, "a\nb\nPANIC: x\n", "batch: panic: x; no process "
                       "killed")
        self.assertEqual((r["status"], r["fraction"]), ("panic", 0.5))

    def test_timeout_and_killed_and_other(self):
        self.assertEqual(self.judge(124, "a\n", "batch: timed out")["status"],
                         "timeout")
        self.assertEqual(self.judge(None, "", "")["status"], "timeout")
        self.assertEqual(self.judge(9, "", "?")["status"], "error")

    def test_killed_scores_nothing_everywhere(self):
        # STRICT=1: a program whose process the kernel killed earns 0,
        # in grades.csv and in Gradescope alike, even with all its lines
        r = self.judge(3, "a\nb\nc\nd\n", "batch: halted; killed: P4 x "
                       "(STRICT=1)")
        self.assertEqual((r["status"], r["fraction"]), ("killed", 0.0))
        doc = {"student": "s", "submission": "s", "tests": [r]}
        self.assertEqual(grade.points(r), 0)
        gs = grade.gradescope(doc)
        self.assertEqual((gs["score"], gs["tests"][0]["status"]),
                         (0, "failed"))
        self.assertIn("| p | 0 / 10 | killed |", grade.report_md(doc))

    def test_build_log_is_utf8(self):
        # gcc quotes with U+2018/U+2019: the report shows them, not
        # latin-1 mojibake
        top = tempfile.mkdtemp(prefix="xinu-test-grade-")
        try:
            os.makedirs(os.path.join(top, "compile/bin"))
            with open(os.path.join(top, "compile/bin/batch"), "wb") as f:
                f.write("printf 'x.c:3: error: expected \u2018;\u2019\\n"
                        "caf\\351\\n' >&2\necho 'batch: build failed' >&2\n"
                        "exit 2\n".encode("utf-8"))
            r = grade.judge(fake_test(), *grade.run_batch(top, fake_test()))
        finally:
            shutil.rmtree(top)
        self.assertEqual(r["status"], "build error")
        self.assertIn("expected \u2018;\u2019", r["build_log"])
        self.assertIn("caf\ufffd", r["build_log"])     # not UTF-8: replaced
        doc = {"student": "s", "submission": "s", "tests": [r]}
        self.assertIn("\u2018;\u2019", grade.report_md(doc))

    def test_build_error(self):
        r = self.judge(2, "", "cc: error: x.c:3\nmake: *** Error 1\n"
                       "batch: build failed\n")
        self.assertEqual((r["status"], r["fraction"]), ("build error", 0.0))
        self.assertIn("x.c:3", r["build_log"])

    def test_bad_command_line_scores_nothing(self):
        r = self.judge(2, "a\nb\nc\nd\n", "batch: bad command line: cmdline: "
                       "x")
        self.assertEqual((r["status"], r["fraction"]),
                         ("bad command line", 0.0))

    def test_qemu_that_did_not_start_is_an_error(self):
        r = self.judge(2, "", "qemu-system-i386: Failed to get \"write\" "
                       "lock\nbatch: QEMU did not start: Failed to get "
                       "\"write\" lock")
        self.assertEqual((r["status"], r["fraction"]), ("error", 0.0))


FAKE_BATCH = r'''#!/bin/sh
# a fake compile/bin/batch: prints what the program's name asks for
echo "$*" >> "$(dirname "$0")/../../calls.log"
env | grep -E '^(DEFS|STRICT|NET)=' >> "$(dirname "$0")/../../calls.log"
case $(basename "$1") in
good.c)	printf 'Xinu/VM 0.1\n  RAM x\none\ntwo\n'; echo "batch: halted" >&2; exit 0 ;;
bad.c)	printf 'Xinu/VM 0.1\none\nPANIC: no\n'; echo "batch: panic: no" >&2; exit 1 ;;
esac
'''


class Submissions(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="xinu-test-grade-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def tree(self, where, batch=FAKE_BATCH):
        os.makedirs(os.path.join(where, "compile/bin"))
        os.makedirs(os.path.join(where, "compile/obj"))
        path = os.path.join(where, "compile/bin/batch")
        with open(path, "w") as f:
            f.write(batch)
        os.chmod(path, 0o755)
        return where

    def suite(self):
        d = os.path.join(self.tmp, "suite")
        os.makedirs(d)
        for name, conf in (("good", "POINTS=4\nDEFS=-DX=1\n"),
                           ("bad", "points=6\nSTRICT=1\n")):
            open(os.path.join(d, name + ".c"), "w").close()
            with open(os.path.join(d, name + ".expected"), "w") as f:
                f.write("one\ntwo\n")
            with open(os.path.join(d, name + ".conf"), "w") as f:
                f.write(conf)
        return d

    def test_student_names(self):
        d = self.tmp
        self.tree(os.path.join(d, "ann"))
        for name in ("bob.tar.gz", "cy.tgz", "di.zip", "ed.bundle", "fe.tar",
                     "notes.txt", ".hidden.zip", "g h.zip"):
            open(os.path.join(d, name), "w").close()
        got = [w for w, _ in grade.submissions(d)]
        self.assertEqual(got, ["ann", "bob", "cy", "di", "ed", "fe", "g_h"])

    def test_two_entries_for_one_student(self):
        os.makedirs(os.path.join(self.tmp, "ann"))
        open(os.path.join(self.tmp, "ann.zip"), "w").close()
        self.assertRaises(grade.GradeError, grade.submissions, self.tmp)

    def test_unpack_every_kind(self):
        src = self.tree(os.path.join(self.tmp, "src", "kernel"))
        arch = os.path.join(self.tmp, "arch")
        os.makedirs(arch)
        with tarfile.open(os.path.join(arch, "a.tar.gz"), "w:gz") as t:
            t.add(src, arcname="deep/kernel")
        with zipfile.ZipFile(os.path.join(arch, "b.zip"), "w") as z:
            for here, _d, files in os.walk(src):
                for f in files:
                    full = os.path.join(here, f)
                    z.write(full, os.path.relpath(full, src))
        subprocess.run(["git", "init", "-q", src], check=True)
        with open(os.path.join(src, "compile/obj/.keep"), "w"):
            pass
        git = ["git", "-C", src, "-c", "user.name=t", "-c",
               "user.email=t@t"]
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-qm", "x"], check=True)
        subprocess.run(git + ["bundle", "create", "-q",
                              os.path.join(arch, "c.bundle"), "--all"],
                       check=True, capture_output=True)
        for entry in ("a.tar.gz", "b.zip", "c.bundle", "../src/kernel"):
            dest = tempfile.mkdtemp(dir=self.tmp)
            top = grade.unpack(os.path.join(arch, entry), dest)
            batch = os.path.join(top, "compile/bin/batch")
            self.assertTrue(os.access(batch, os.X_OK), entry)
            self.assertFalse(os.path.exists(os.path.join(top, "compile/obj")),
                             entry)
            if entry != "c.bundle":     # a clone keeps its history
                self.assertFalse(os.path.exists(os.path.join(top, ".git")),
                                 entry)

    def test_unpack_refuses_a_tree_without_batch(self):
        os.makedirs(os.path.join(self.tmp, "x/compile"))
        self.assertRaises(grade.GradeError, grade.unpack,
                          os.path.join(self.tmp, "x"),
                          tempfile.mkdtemp(dir=self.tmp))

    def test_task_through_the_fake_batch(self):
        suite = grade.load_suite(self.suite())
        sub = self.tree(os.path.join(self.tmp, "subs", "ann"))
        res = os.path.join(self.tmp, "results")
        seen = []
        doc = grade.grade_submission(sub, suite, res, seen.append)
        self.assertEqual([(t["test"], t["status"], t["fraction"],
                           t["max_points"]) for t in doc["tests"]],
                         [("bad", "panic", 0.5, 6.0), ("good", "ok", 1.0,
                                                       4.0)])
        self.assertEqual(len(seen), 2)
        with open(os.path.join(res, "ann.json")) as f:
            self.assertEqual(json.load(f), doc)
        # the scratch copy ran, not the submission itself; DEFS and
        # STRICT came from each program's conf only
        self.assertFalse(os.path.exists(os.path.join(sub, "calls.log")))

    def test_conf_reaches_the_submissions_batch(self):
        suite = grade.load_suite(self.suite())
        sub = self.tree(os.path.join(self.tmp, "subs", "ann"))
        top = grade.unpack(sub, tempfile.mkdtemp(dir=self.tmp))
        os.environ["DEFS"] = "-DGRADER_OWN"
        os.environ["NET"] = "1"
        try:
            grade.run_batch(top, suite[1])
            grade.run_batch(top, suite[0])
        finally:
            del os.environ["DEFS"]
            del os.environ["NET"]
        with open(os.path.join(top, "calls.log")) as f:
            log = f.read().splitlines()
        self.assertEqual(log[0].split()[1:], ["60", "256"])
        self.assertIn("DEFS=-DX=1", log)
        self.assertIn("STRICT=1", log)
        self.assertNotIn("DEFS=-DGRADER_OWN", log)
        self.assertNotIn("NET=1", log)

    def test_unpack_failure_is_a_build_error(self):
        suite = grade.load_suite(self.suite())
        bad = os.path.join(self.tmp, "subs", "bob.zip")
        os.makedirs(os.path.dirname(bad))
        with open(bad, "w") as f:
            f.write("not a zip")
        doc = grade.grade_submission(bad, suite,
                                     os.path.join(self.tmp, "r"))
        self.assertEqual({t["status"] for t in doc["tests"]},
                         {"build error"})
        self.assertIn("cannot unpack bob.zip", doc["tests"][0]["build_log"])

    def test_a_batch_that_never_ends_is_killed(self):
        suite = grade.load_suite(self.suite())
        sub = self.tree(os.path.join(self.tmp, "subs", "cy"),
                        "#!/bin/sh\nsleep 600\n")
        code, out, err, secs = grade.run_batch(sub, suite[0], limit=0.5)
        self.assertIsNone(code)
        self.assertLess(secs, 60)

    def test_an_overrunning_batch_gets_sigterm_first(self):
        # batch stops its QEMU and removes its run folder on SIGTERM
        suite = grade.load_suite(self.suite())
        sub = self.tree(os.path.join(self.tmp, "subs", "cy"),
                        "#!/bin/sh\ntrap 'echo batch: interrupted "
                        "\"(SIGTERM)\" >&2; exit 143' TERM\n"
                        "sleep 600 & wait\n")
        code, out, err, secs = grade.run_batch(sub, suite[0], limit=0.5)
        self.assertIsNone(code)
        self.assertIn("batch: interrupted (SIGTERM)", err)
        # one that ignores SIGTERM is killed a few seconds later
        sub = self.tree(os.path.join(self.tmp, "subs", "di"),
                        "#!/bin/sh\ntrap '' TERM\nsleep 600\n")
        code, out, err, secs = grade.run_batch(sub, suite[0], limit=0.5)
        self.assertIsNone(code)
        self.assertLess(secs, 0.5 + grade.STOP_GRACE + 30)

    def test_local_engine_and_collect(self):
        suite_dir = self.suite()
        tests = grade.load_suite(suite_dir)
        subs_dir = os.path.join(self.tmp, "subs")
        for who in ("cy", "ann", "bob"):
            self.tree(os.path.join(subs_dir, who))
        subs = grade.submissions(subs_dir)
        out = os.path.join(self.tmp, "out")
        grade.stage(suite_dir, tests, subs, out)
        results = os.path.join(out, "results")
        grade.engine_local(tests, subs, results, 3)
        os.remove(os.path.join(results, "bob.json"))   # a lost task
        text = io.StringIO()
        self.assertEqual(grade.collect(results, stream=text), 1)
        with open(os.path.join(out, "grades.csv")) as f:
            table = list(csv.reader(f))
        self.assertEqual([r[:5] for r in table], [
            ["student", "test", "points", "score", "status"],
            ["ann", "bad", "3", "0.500", "panic"],
            ["ann", "good", "4", "1.000", "ok"],
            ["bob", "bad", "0", "0.000", "not graded"],
            ["bob", "good", "0", "0.000", "not graded"],
            ["cy", "bad", "3", "0.500", "panic"],
            ["cy", "good", "4", "1.000", "ok"]])
        with open(os.path.join(out, "reports/ann.md")) as f:
            rep = f.read()
        self.assertIn("# ann: 7 / 10 points", rep)
        self.assertIn("## bad: panic", rep)
        self.assertIn("-two", rep)
        self.assertNotIn("## good", rep)
        with open(os.path.join(out, "gradescope/ann/results.json")) as f:
            gs = json.load(f)
        self.assertEqual(gs["score"], 7)
        self.assertEqual([(t["name"], t["score"], t["max_score"],
                           t["status"]) for t in gs["tests"]],
                         [("bad", 3, 6, "failed"), ("good", 4, 4, "passed")])
        self.assertIn("batch: panic: no", gs["tests"][0]["output"])
        summary = text.getvalue().splitlines()
        self.assertEqual(summary[0].split(), ["student", "bad", "good",
                                              "points"])
        self.assertEqual(summary[1].split(), ["ann", "panic", "3", "ok",
                                              "7/10"])
        self.assertEqual(summary[2].split(), ["bob", "missing", "0",
                                              "missing", "0", "0/10"])

    def test_parallel_here_gives_the_local_csv(self):
        # GNU parallel over --sshlogin : (make grade installs it the same
        # way), through the fake batch: the same rows as the local engine
        r = subprocess.run([os.path.join(TOP, "compile/bin/need"),
                            "parallel:parallel"], capture_output=True,
                           text=True)
        self.assertEqual(r.returncode, 0, "cannot install GNU parallel: "
                         + r.stderr)
        suite_dir = self.suite()
        tests = grade.load_suite(suite_dir)
        subs_dir = os.path.join(self.tmp, "subs")
        self.tree(os.path.join(subs_dir, "ann"))
        src = self.tree(os.path.join(self.tmp, "src"))
        with tarfile.open(os.path.join(subs_dir, "bob.tgz"), "w:gz") as t:
            t.add(src, arcname="bob-kernel")
        subs = grade.submissions(subs_dir)
        tables = []
        for engine in ("local", "parallel"):
            out = os.path.join(self.tmp, engine)
            st = grade.stage(suite_dir, tests, subs, out)
            results = os.path.join(out, "results")
            if engine == "local":
                grade.engine_local(tests, subs, results, 2)
            else:
                self.assertEqual(grade.engine_parallel(st, subs, results, 2,
                                                       None), 0)
            self.assertEqual(grade.collect(results, stream=io.StringIO()),
                             0)
            with open(os.path.join(out, "grades.csv")) as f:
                tables.append([r[:5] for r in csv.reader(f)])
        self.assertEqual(len(tables[0]), 5)
        self.assertEqual(tables[0], tables[1])

    def test_make_grade_passes_its_variables(self):
        env = dict(os.environ)
        for k in ("MAKEFLAGS", "MAKELEVEL"):
            env.pop(k, None)
        r = subprocess.run(["make", "--no-print-directory", "-n", "grade",
                            "SUITE=s", "SUBMISSIONS=d", "ENGINE=slurm",
                            "OUT=o", "JOBS=3", "WAIT=1", "SBATCH=-p x",
                            "NEED=true"], cwd=TOP, capture_output=True,
                           text=True, env=env)
        text = r.stdout.replace("\\\n", " ")
        for word in ('--suite "s"', '--submissions "d"', '--engine "slurm"',
                     "--jobs 3", '--out "o"', "--wait",
                     '--sbatch-args "-p x"'):
            self.assertIn(word, text)
        r = subprocess.run(["make", "--no-print-directory", "-n",
                            "grade-collect", "RESULTS=r"], cwd=TOP,
                           capture_output=True, text=True, env=env)
        self.assertIn('collect --results "r"', r.stdout)


GRADE = [sys.executable, os.path.join(TOP, "grade/grade.py")]

# a batch that never ends and ignores SIGTERM (only SIGKILL stops its
# child), noting its start and its child's pid in $GRADE_TEST_MARK
STUBBORN_BATCH = r'''#!/bin/sh
echo $$ >> "$GRADE_TEST_MARK/started"
trap '' TERM
sleep 600 &
echo $! >> "$GRADE_TEST_MARK/children"
wait
'''


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


class Run(unittest.TestCase):
    """grade.py run as make grade runs it: what it refuses, and what a
    run that fails or is stopped leaves in OUT."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="xinu-test-grade-")
        self.suite = os.path.join(self.tmp, "suite")
        os.makedirs(self.suite)
        for name in ("a", "b"):
            open(os.path.join(self.suite, name + ".c"), "w").close()
            with open(os.path.join(self.suite, name + ".expected"), "w") as f:
                f.write("one\n")
        self.subs = os.path.join(self.tmp, "subs")
        for who in ("ann", "bob"):
            Submissions.tree(None, os.path.join(self.subs, who),
                             STUBBORN_BATCH)
        self.out = os.path.join(self.tmp, "out")
        self.mark = os.path.join(self.tmp, "mark")
        os.makedirs(self.mark)
        self.env = dict(os.environ, GRADE_TEST_MARK=self.mark)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def grade(self, *args, env=None):
        return subprocess.run(GRADE + ["run", "--suite", self.suite,
                                       "--submissions", self.subs, "--out",
                                       self.out] + list(args),
                              capture_output=True, text=True,
                              env=env or self.env, timeout=120)

    def earlier_run(self):
        """An OUT with the grades and results of an earlier run."""
        os.makedirs(os.path.join(self.out, "results"))
        for rel in ("grades.csv", "results/ann.json"):
            with open(os.path.join(self.out, rel), "w") as f:
                f.write("earlier\n")

    def assert_out_as_before(self):
        self.assertEqual(sorted(os.listdir(self.out)),
                         ["grades.csv", "results"])
        self.assertEqual(os.listdir(os.path.join(self.out, "results")),
                         ["ann.json"])
        with open(os.path.join(self.out, "grades.csv")) as f:
            self.assertEqual(f.read(), "earlier\n")

    def test_bad_conf_values_refuse_the_run(self):
        for text, where in (("MEM=abc\n", "b.conf:1: MEM=abc"),
                            ("# x\nSTRICT=yes\n", "b.conf:2: STRICT=yes"),
                            ("TIMEOUT=abc\n", "b.conf:1: TIMEOUT=abc"),
                            ("TIMEOUT=0\n", "b.conf:1: TIMEOUT=0"),
                            ("TIMEOUT=inf\n", "b.conf:1: TIMEOUT=inf"),
                            ("MEM=0\n", "b.conf:1: MEM=0"),
                            ("MEM=2.5\n", "b.conf:1: MEM=2.5"),
                            ("NET=yes\n", "b.conf:1: NET=yes"),
                            ("POINTS=nan\n", "b.conf:1: POINTS=nan"),
                            ("points=3\nmode=words\n", "b.conf:2: MODE=words"),
                            ("VERDICTS=(\n", "b.conf:1: VERDICTS=(")):
            with open(os.path.join(self.suite, "b.conf"), "w") as f:
                f.write(text)
            r = self.grade("--jobs", "1")
            self.assertEqual(r.returncode, 2, text)
            self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
            self.assertIn(where, r.stderr)
            self.assertNotIn("Traceback", r.stderr)
            self.assertFalse(os.path.exists(self.out), text)
            self.assertFalse(os.path.exists(os.path.join(self.mark,
                                                         "started")))
        with open(os.path.join(self.suite, "b.conf"), "w") as f:
            f.write("TIMEOUT=.5\nMEM=240\nSTRICT=0\nNET=\nPOINTS=2.5\n")
        self.assertEqual(grade.load_suite(self.suite)[1]["timeout"], 0.5)

    def fake_tool(self, name, script):
        bin_dir = os.path.join(self.tmp, "bin")
        os.makedirs(bin_dir, exist_ok=True)
        with open(os.path.join(bin_dir, name), "w") as f:
            f.write("#!/bin/sh\n" + script)
        os.chmod(os.path.join(bin_dir, name), 0o755)
        return dict(self.env, PATH=bin_dir + os.pathsep + os.environ["PATH"])

    def test_sbatch_that_fails_writes_nothing(self):
        env = self.fake_tool("sbatch", "echo 'sbatch: error: Batch job "
                             "submission failed: Unable to contact slurm "
                             "controller' >&2\nexit 1\n")
        self.earlier_run()
        r = self.grade("--engine", "slurm", env=env)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("Unable to contact slurm controller", r.stderr)
        self.assertIn("the slurm engine failed (sbatch exited 1 and "
                      "submitted nothing): 0 of 4 runs done; no grades "
                      "written", r.stderr)
        self.assert_out_as_before()

    def test_parallel_that_fails_writes_nothing(self):
        env = self.fake_tool("parallel", "echo 'parallel: Error: Cannot "
                             "open x' >&2\nexit 255\n")
        self.earlier_run()
        r = self.grade("--engine", "parallel", env=env)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("the parallel engine exited 255: 0 of 4 runs done; "
                      "no grades written", r.stderr)
        self.assert_out_as_before()
        r = self.grade("--engine", "parallel", "--hosts", "/nonexistent",
                       env=env)
        self.assertEqual(r.returncode, 2)
        self.assertIn("HOSTS=/nonexistent: no such file", r.stderr)
        self.assert_out_as_before()

    def stop(self, signum, code):
        self.earlier_run()
        p = subprocess.Popen(GRADE + ["run", "--suite", self.suite,
                                      "--submissions", self.subs, "--out",
                                      self.out, "--jobs", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=self.env)
        children = os.path.join(self.mark, "children")
        for _ in range(600):            # until the first run has started
            if os.path.exists(children) and os.path.getsize(children):
                break
            time.sleep(0.1)
        p.send_signal(signum)
        _out, err = p.communicate(timeout=120)
        self.assertEqual(p.returncode, code, err)
        self.assertNotIn("Traceback", err)
        self.assertEqual(err.strip().splitlines()[-1],
                         "grade: stopped by %s: 0 of 4 runs done; no grades "
                         "written, %s left as it was"
                         % (signal.Signals(signum).name, self.out))
        with open(os.path.join(self.mark, "started")) as f:
            self.assertEqual(len(f.read().split()), 1)  # bob never began
        with open(children) as f:
            child = int(f.read())
        self.assertFalse(alive(child), "the run's TERM-proof child lives")
        self.assert_out_as_before()

    def test_sigint_stops_everything(self):
        self.stop(signal.SIGINT, 130)

    def test_sigterm_stops_everything(self):
        self.stop(signal.SIGTERM, 143)

    def test_collect_without_results_names_the_variable(self):
        env = dict(os.environ)
        for k in ("MAKEFLAGS", "MAKELEVEL"):
            env.pop(k, None)
        r = subprocess.run(["make", "--no-print-directory", "grade-collect"],
                           cwd=TOP, capture_output=True, text=True, env=env)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("make grade-collect needs RESULTS=dir", r.stderr)


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromModule(
        sys.modules[__name__])
    result = Result()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
