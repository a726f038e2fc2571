#!/usr/bin/env python3
"""test_grade.py - host tests of make grade's scoring and bookkeeping

The comparison modes (lines, verdicts) and their in-order score, the
NAME.conf keys of grading, the status of every run outcome, how a
student's bytes are shown (control bytes, UTF-8, line and file caps),
the submissions folder (name clashes, links out) and its unpackers, one
submission graded end to end through a fake build-and-boot (no QEMU),
the sandboxed build of trees whose Makefile misbehaves, the local
engine, and what collect writes (grades.csv, totals.csv, reports,
Gradescope results, students without a result).  Prints "ok NAME" or "FAIL NAME: why" per case.
"""

import csv
import glob
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
sys.path.insert(0, os.path.join(TOP, "tools"))
sys.path.insert(0, os.path.join(TOP, "grade"))
sys.path.insert(0, os.path.join(TOP, "test/host"))
sys.path.insert(0, os.path.join(TOP, "test/grade"))
import grade                    # noqa: E402
from xinu import compare        # noqa: E402
from test_engines import bundle  # noqa: E402  (make test-grade's)
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
        return compare.score_output(self.REF, got, **kw)

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
        sc = compare.score_output("P4 a\nP5 b\n", "P4 a\nP4 b\n")
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
        sc = compare.score_output("a\nb\nc\n", "c\nb\na\n")
        self.assertEqual(sc.matched, 1)
        sc = compare.score_output("a\nb\nc\nd\n", "a\nc\nb\nd\n")
        self.assertEqual(sc.matched, 3)

    def test_matched_in_order_is_the_lcs(self):
        rng = random.Random(465)
        for _ in range(300):
            a = [rng.choice("abcd") for _ in range(rng.randrange(0, 12))]
            b = [rng.choice("abcde") for _ in range(rng.randrange(0, 12))]
            self.assertEqual(compare.matched_in_order(a, b), lcs_brute(a, b),
                             (a, b))

    def test_matched_in_order_is_cheap_on_a_runaway_output(self):
        ref = ["line %d" % i for i in range(2000)]
        got = ["junk"] * 200000 + ref
        self.assertEqual(compare.matched_in_order(ref, got), 2000)

    def test_empty_reference(self):
        self.assertEqual(compare.score_output("", "").fraction, 1.0)
        self.assertEqual(compare.score_output("", "x\n").fraction, 0.0)

    def test_verdicts_ignore_the_chatter(self):
        ref = "t=3\n=== Test case 1 PASS ===\nfoo\n=== Test case 2 PASS ===\n"
        got = "t=99\n=== Test case 1 PASS ===\nbar\n=== Test case 2 PASS ===\n"
        sc = compare.score_output(ref, got, "verdicts", VERDICTS)
        self.assertTrue(sc.same)
        self.assertEqual(sc.fraction, 1.0)
        self.assertFalse(compare.score_output(ref, got).same)

    def test_verdicts_fail_and_missing(self):
        ref = "".join("=== Test case %d PASS ===\n" % i for i in (1, 2, 3))
        got = "=== Test case 1 PASS ===\n=== Test case 2 FAIL ===\n" \
              "=== Test case 3 PASS ===\n"
        sc = compare.score_output(ref, got, "verdicts", VERDICTS)
        self.assertAlmostEqual(sc.fraction, 2 / 3)
        self.assertIn("+=== Test case 2 FAIL ===", sc.diff)
        sc = compare.score_output(ref, "=== Test case 1 PASS ===\n",
                                 "verdicts", VERDICTS)
        self.assertAlmostEqual(sc.fraction, 1 / 3)

    def test_verdict_lines_are_whole_lines(self):
        ref = "=== Test case 1 PASS ===\n"
        got = "x === Test case 1 PASS ===\n"
        sc = compare.score_output(ref, got, "verdicts", VERDICTS)
        self.assertEqual(sc.fraction, 0.0)

    def test_bad_mode(self):
        self.assertRaises(ValueError, compare.score_output, "", "", "words")
        self.assertRaises(ValueError, compare.score_output, "", "",
                          "verdicts")

    def test_compare_output_verdicts(self):
        self.assertIsNone(compare.compare_output(
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
        return compare.parse_conf(self.path)

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
              verdicts=None, partial=False):
    return {"name": name, "path": "/x/%s.c" % name, "expected": expected,
            "conf": {}, "points": points, "mode": mode,
            "verdicts": verdicts, "timeout": 5.0, "maxout": grade.MAXOUT,
            "partial": partial, "deterministic": True}


class Judge(unittest.TestCase):
    BOOT = "Xinu/VM 0.1\n  RAM x\n"

    def judge(self, code, out, verdict, **kw):
        return grade.judge(fake_test(**kw), {
            "code": code, "verdict": verdict, "console": self.BOOT + out,
            "seconds": 1.23})

    def test_ok(self):
        r = self.judge(0, "a\nb\nc\nd\n\nAll user processes have completed."
                       "\n", "batch: halted; no process killed")
        self.assertEqual((r["status"], r["fraction"], r["seconds"]),
                         ("ok", 1.0, 1.2))
        self.assertEqual(r["verdict"], "batch: halted; no process killed")

    def test_wrong_output(self):
        r = self.judge(0, "a\nB\nc\nd\n", "batch: halted; no process killed")
        self.assertEqual((r["status"], r["fraction"]), ("wrong output", 0.75))
        self.assertIn("+B", r["diff"])

    def test_unfinished_runs_score_nothing_unless_partial(self):
        for code, status in ((1, "panic"), (124, "timeout"),
                             (None, "output limit")):
            r = self.judge(code, "a\nb\nPANIC: x\n", "batch: x")
            self.assertEqual((r["status"], r["fraction"]), (status, 0.0))
            r = self.judge(code, "a\nb\nPANIC: x\n", "batch: x",
                           partial=True)
            self.assertEqual((r["status"], r["fraction"]), (status, 0.5))

    def test_tampered_scores_nothing_even_with_partial(self):
        r = self.judge(1, "a\nb\nc\nd\n", "batch: event channel tampered "
                       "(line 2: bad checksum)", partial=True)
        self.assertEqual((r["status"], r["fraction"]), ("tampered", 0.0))

    def test_other_statuses(self):
        self.assertEqual(self.judge(9, "", "?")["status"], "error")
        r = self.judge(2, "a\nb\nc\nd\n", "batch: bad command line: "
                       "cmdline: x")
        self.assertEqual((r["status"], r["fraction"]),
                         ("bad command line", 0.0))
        r = self.judge(2, "", "batch: QEMU did not start: Failed to get "
                       "\"write\" lock")
        self.assertEqual((r["status"], r["fraction"]), ("error", 0.0))

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

    def test_build_error_log_once(self):
        log = "x.c:3: error: expected \u2018;\u2019"
        tests = [grade.judge(fake_test(name=n), {
            "build_error": True, "build_log": log, "seconds": 1.0,
            "verdict": "batch: build failed"}) for n in ("p", "q")]
        self.assertEqual([t["status"] for t in tests], ["build error"] * 2)
        doc = {"student": "s", "submission": "s", "tests": tests}
        rep = grade.report_md(doc)
        self.assertEqual(rep.count(log), 1)
        self.assertEqual(rep.count("see the build log above"), 2)
        gs = grade.gradescope(doc)
        self.assertEqual(json.dumps(gs).count("expected \\u2018"), 1)
        self.assertIn(log, gs["output"])


class Text(unittest.TestCase):
    def test_control_and_invalid_bytes_are_visible(self):
        t = grade.text_of(b"a\x1b[31mred\x07\r\n\xff\xfe ok \xe2\x80\x98q"
                          b"\xe2\x80\x99\tx\x00\n")
        self.assertEqual(t, "a\\x1b[31mred\\x07\n\ufffd\ufffd ok "
                         "\u2018q\u2019\tx\\x00\n")
        self.assertEqual(grade.text_of("\u009b".encode()), "\\x9b")

    def test_long_lines_are_cut(self):
        t = grade.text_of(b"x" * 5000 + b"\nshort\n")
        first = t.split("\n")[0]
        self.assertTrue(first.startswith("x" * grade.MAXLINE))
        self.assertTrue(first.endswith("[3000 more characters]"))
        self.assertIn("\nshort\n", t)

    def test_no_student_file_passes_the_cap(self):
        big = "\n".join("+" + "y" * 1500 for _ in range(2000))
        tests = [dict(grade.judge(fake_test(name="t%d" % i), {
            "code": 0, "verdict": "v", "console": "z\n", "seconds": 1}),
            diff=grade.excerpt(big, grade.SHOWN)) for i in range(40)]
        doc = {"student": "s", "submission": "s", "tests": tests,
               "notes": []}
        self.assertLessEqual(len(grade.report_md(doc).encode()),
                             grade.FILE_CAP)
        self.assertLessEqual(len(json.dumps(grade.gradescope(doc),
                                            indent=1).encode()),
                             grade.FILE_CAP)


def fake_build_and_boot(top, test, work, sandboxed):
    """What build_and_boot returns for the programs good and bad."""
    with open(os.path.join(top, "calls.log"), "a") as f:
        f.write("%s %s\n" % (test["name"], sandboxed))
    if test["name"] == "good":
        return {"code": 0, "verdict": "batch: halted; no process killed",
                "console": "Xinu/VM 0.1\n  RAM x\none\ntwo\n",
                "seconds": 0.5}
    return {"code": 1, "verdict": "batch: panic: no",
            "console": "Xinu/VM 0.1\none\nPANIC: no\n", "seconds": 0.5}


class Submissions(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="xinu-test-grade-")
        self.real = grade.build_and_boot
        grade.build_and_boot = fake_build_and_boot

    def tearDown(self):
        grade.build_and_boot = self.real
        shutil.rmtree(self.tmp)

    def tree(self, where, makefile="all:\n\ttrue\n"):
        os.makedirs(os.path.join(where, "compile/bin"))
        os.makedirs(os.path.join(where, "compile/obj"))
        with open(os.path.join(where, "compile/Makefile"), "w") as f:
            f.write(makefile)
        return where

    def suite(self):
        d = os.path.join(self.tmp, "suite")
        os.makedirs(d)
        for name, conf in (("good", "POINTS=4\nDEFS=-DX=1\n"),
                           ("bad", "points=6\nSTRICT=1\nPARTIAL=1\n")):
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
        got = [s.student for s in grade.submissions(d)]
        self.assertEqual(got, ["ann", "bob", "cy", "di", "ed", "fe", "g_h"])

    def test_names_that_clean_up_alike_are_all_graded(self):
        for name in ("a b", "a_b", "a?b"):
            self.tree(os.path.join(self.tmp, name))
        open(os.path.join(self.tmp, "a_b.zip"), "w").close()
        subs = grade.submissions(self.tmp)
        self.assertEqual(len({s.student for s in subs}), 4)
        self.assertEqual(sorted(os.path.basename(s.path) for s in subs),
                         ["a b", "a?b", "a_b", "a_b.zip"])
        self.assertTrue(all(s.refused is None for s in subs))

    def test_a_link_out_of_the_folder_is_refused(self):
        subs = os.path.join(self.tmp, "subs")
        os.makedirs(subs)
        os.symlink("/", os.path.join(subs, "root"))
        self.tree(os.path.join(self.tmp, "elsewhere"))
        os.symlink(os.path.join(self.tmp, "elsewhere"),
                   os.path.join(subs, "far"))
        self.tree(os.path.join(subs, "real"))
        os.symlink("real", os.path.join(subs, "near"))
        got = {s.student: s.refused for s in grade.submissions(subs)}
        self.assertEqual(sorted(got), ["far", "near", "real", "root"])
        self.assertIn("outside the submissions folder", got["root"])
        self.assertIn("outside the submissions folder", got["far"])
        self.assertIsNone(got["near"])
        doc = grade.refused_doc(grade.Sub("root", "/x/root", got["root"]),
                                grade.load_suite(self.suite()))
        self.assertEqual({t["status"] for t in doc["tests"]}, {"refused"})
        self.assertEqual(grade.gradescope(doc)["score"], 0)

    def test_links_out_of_a_submission_are_removed(self):
        src = self.tree(os.path.join(self.tmp, "src", "kernel"))
        os.symlink("/etc/passwd", os.path.join(src, "include.h"))
        os.symlink("../../..", os.path.join(src, "compile/up"))
        os.symlink("Makefile", os.path.join(src, "compile/mk"))
        arch = os.path.join(self.tmp, "arch")
        os.makedirs(arch)
        with tarfile.open(os.path.join(arch, "a.tar"), "w") as t:
            t.add(src, arcname="k")
        bundle(src, os.path.join(arch, "b.bundle"))
        for entry in (src, os.path.join(arch, "a.tar"),
                      os.path.join(arch, "b.bundle")):
            dest = tempfile.mkdtemp(dir=self.tmp)
            top, notes = grade.unpack(entry, dest)
            self.assertFalse(os.path.lexists(os.path.join(top, "include.h")),
                             entry)
            self.assertFalse(os.path.lexists(os.path.join(top,
                                                          "compile/up")))
            self.assertTrue(os.path.islink(os.path.join(top, "compile/mk")))
            self.assertEqual(len(notes), 2, notes)

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
        with open(os.path.join(src, "compile/obj/.keep"), "w"):
            pass
        bundle(src, os.path.join(arch, "c.bundle"))
        for entry in ("a.tar.gz", "b.zip", "c.bundle", "../src/kernel"):
            dest = tempfile.mkdtemp(dir=self.tmp)
            top, _notes = grade.unpack(os.path.join(arch, entry), dest)
            self.assertTrue(os.path.isfile(os.path.join(
                top, "compile/Makefile")), entry)
            self.assertFalse(os.path.exists(os.path.join(top, "compile/obj")),
                             entry)
            if entry != "c.bundle":     # a clone keeps its history
                self.assertFalse(os.path.exists(os.path.join(top, ".git")),
                                 entry)

    def test_unpack_refuses_a_tree_without_a_makefile(self):
        os.makedirs(os.path.join(self.tmp, "x/compile"))
        self.assertRaises(grade.GradeError, grade.unpack,
                          os.path.join(self.tmp, "x"),
                          tempfile.mkdtemp(dir=self.tmp))

    def test_task_with_the_fake_harness(self):
        suite = grade.load_suite(self.suite())
        sub = self.tree(os.path.join(self.tmp, "subs", "ann"))
        res = os.path.join(self.tmp, "results")
        seen = []
        doc = grade.grade_submission(grade.Sub("ann", sub, None), suite,
                                     res, seen.append)
        self.assertEqual([(t["test"], t["status"], t["fraction"],
                           t["max_points"]) for t in doc["tests"]],
                         [("bad", "panic", 0.5, 6.0), ("good", "ok", 1.0,
                                                       4.0)])
        self.assertEqual(len(seen), 2)
        with open(os.path.join(res, "ann.json")) as f:
            self.assertEqual(json.load(f), doc)
        # the scratch copy ran, not the submission itself
        self.assertFalse(os.path.exists(os.path.join(sub, "calls.log")))

    def test_unpack_failure_is_a_build_error(self):
        suite = grade.load_suite(self.suite())
        bad = os.path.join(self.tmp, "subs", "bob.zip")
        os.makedirs(os.path.dirname(bad))
        with open(bad, "w") as f:
            f.write("not a zip")
        doc = grade.grade_submission(grade.Sub("bob", bad, None), suite,
                                     os.path.join(self.tmp, "r"))
        self.assertEqual({t["status"] for t in doc["tests"]},
                         {"build error"})
        self.assertIn("cannot unpack bob.zip", doc["tests"][0]["build_log"])

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
        with open(os.path.join(out, "totals.csv")) as f:
            self.assertEqual([r[:4] for r in csv.reader(f)], [
                ["student", "submission", "points", "max_points"],
                ["ann", "ann", "7", "10"], ["bob", "?", "0", "10"],
                ["cy", "cy", "7", "10"]])
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

    def test_make_grade_passes_its_variables(self):
        env = dict(os.environ)
        for k in ("MAKEFLAGS", "MAKELEVEL"):
            env.pop(k, None)
        r = subprocess.run(["make", "--no-print-directory", "-n", "grade",
                            "SUITE=s", "SUBMISSIONS=d", "ENGINE=slurm",
                            "OUT=o", "JOBS=3", "WAIT=1", "SBATCH=-p x",
                            "NEED=true", "SANDBOX=none"], cwd=TOP,
                           capture_output=True, text=True, env=env)
        text = r.stdout.replace("\\\n", " ")
        for word in ('--suite "s"', '--submissions "d"', '--engine "slurm"',
                     "--jobs 3", '--out "o"', "--wait",
                     '--sbatch-args "-p x"', "--sandbox none"):
            self.assertIn(word, text)
        r = subprocess.run(["make", "--no-print-directory", "-n",
                            "grade-collect", "RESULTS=r"], cwd=TOP,
                           capture_output=True, text=True, env=env)
        self.assertIn('collect --results "r"', r.stdout)
        r = subprocess.run(["make", "--no-print-directory", "-n", "grade",
                            "SUITE=s", "SUBMISSIONS=d", "SANDBOX=off"],
                           cwd=TOP, capture_output=True, text=True, env=env)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("SANDBOX=off", r.stderr)


class Harness(unittest.TestCase):
    """The grader's own build and boot, with the sandbox, on trees whose
    Makefile misbehaves (no QEMU needed)."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="xinu-test-grade-")
        os.chmod(self.tmp, 0o755)
        if grade.sandbox.probe():
            self.skipTest(grade.sandbox.probe())

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def build(self, makefile):
        top = os.path.join(self.tmp, "tree")
        os.makedirs(os.path.join(top, "compile"))
        with open(os.path.join(top, "compile/Makefile"), "w") as f:
            f.write(makefile)
        prog = os.path.join(self.tmp, "suite")
        os.makedirs(prog)
        for name in ("p.c", "p.expected", "x.h"):
            with open(os.path.join(prog, name), "w") as f:
                f.write("SECRET-EXPECTED\n" if name == "p.expected"
                        else "int x;\n")
        test = dict(fake_test(), path=os.path.join(prog, "p.c"))
        run = os.path.join(self.tmp, "run")
        os.makedirs(run)
        grade.sandbox.give(top)
        return grade.build(top, test, run, True)

    def test_host_files_never_reach_the_log(self):
        elf, log, _ = self.build(
            "all:\n\t-cat /etc/passwd /root/.bashrc\n\t-ls ../../../suite "
            "../../..\n\t-cat $(OUT)/prog/*\n\t-ping -c1 127.0.0.1\n"
            "\ttouch $(OUT)/xinu.elf\n")
        self.assertIsNotNone(elf, log)
        self.assertNotIn("root:", log)
        self.assertNotIn("SECRET-EXPECTED", log)
        self.assertIn("int x;", log)          # the program's own files

    def test_an_image_that_is_a_link_is_never_read(self):
        elf, log, _ = self.build("all:\n\tln -s /etc/passwd $(OUT)/xinu.elf\n")
        self.assertIsNone(elf, log)
        self.assertIn("made no $(OUT)/xinu.elf", log)
        test = dict(fake_test(), path="/x/p.c")
        io_dir = os.path.join(self.tmp, "io")
        os.makedirs(io_dir)
        os.symlink("/etc/passwd", os.path.join(self.tmp, "link.elf"))
        ran = grade.boot(os.path.join(self.tmp, "link.elf"), test, io_dir,
                         True)
        self.assertEqual(ran["code"], 2)
        self.assertIn("not a regular file", ran["verdict"])
        self.assertFalse(os.path.exists(os.path.join(io_dir, "xinu.elf")))

    def test_a_sleeper_left_behind_does_not_hold_the_grader(self):
        began = time.monotonic()
        elf, log, secs = self.build("all:\n\tsetsid sleep 4242 &\n"
                                    "\ttouch $(OUT)/xinu.elf\n")
        self.assertLess(time.monotonic() - began, 30)
        self.assertFalse(any("4242" in c for c in cmdlines()))

    def test_a_build_past_its_limit_is_killed_whole(self):
        real = grade.BUILD_LIMIT
        grade.BUILD_LIMIT = 2
        try:
            began = time.monotonic()
            elf, log, secs = self.build("all:\n\tsetsid sleep 4343 &\n"
                                        "\tsleep 600\n")
        finally:
            grade.BUILD_LIMIT = real
        self.assertIsNone(elf)
        self.assertIn("overran 2 s", log)
        self.assertLess(time.monotonic() - began, 2 + 10)
        self.assertFalse(any("4343" in c for c in cmdlines()))

    def test_a_flooding_build_is_capped(self):
        elf, log, _ = self.build("all:\n\tyes\n")
        self.assertIsNone(elf)
        self.assertIn("printed more than", log)
        self.assertLessEqual(len(log), grade.LOG_CAP + 200)


def cmdlines():
    out = []
    for pid in os.listdir("/proc"):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                out.append(f.read().replace(b"\0", b" ").decode())
        except (OSError, ValueError):
            pass
    return out


GRADE = [sys.executable, os.path.join(TOP, "grade/grade.py")]

# a build that never ends and ignores SIGTERM (only SIGKILL stops it,
# or its sandbox's end), noting its start in the scratch tree
STUBBORN_BUILD = """all:
\techo started >> ../started
\ttrap '' TERM; sleep 6001 & echo x >> ../children; wait
"""


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
                             STUBBORN_BUILD)
        self.out = os.path.join(self.tmp, "out")
        self.scratch = os.path.join(self.tmp, "scratch")
        os.makedirs(self.scratch)
        os.chmod(self.tmp, 0o755)
        self.env = dict(os.environ, TMPDIR=self.scratch)

    def marks(self, name):
        """Lines the stubborn builds wrote to their tree's file 'name'."""
        return sum((open(p).read().split() for p in glob.glob(os.path.join(
            self.scratch, "xinu-grade-*", "in", "*", name))), [])

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
            self.assertEqual(self.marks("started"), [])
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
        for _ in range(600):            # until the first run has started
            if self.marks("children"):
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
        self.assertEqual(self.marks("started"), [])     # scratch removed
        self.assertFalse(any("sleep 6001" in c for c in cmdlines()),
                         "the run's TERM-proof child lives")
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
