#!/usr/bin/env python3
"""cost.py - what make grade costs: N submissions x 2 programs, timed.

  python3 test/grade/cost.py [--subs 12] [--jobs 2] [--base REV]

Makes N git bundles of this tree's committed sources (HEAD) and grades
them with make grade ENGINE=local JOBS=n on the sample suite's prio and
procs (test/grade/suite), then prints the wall time and the time per
submission.  With --base REV it first does the same with the grader and
sources of commit REV (in a temporary git worktree), back to back, and
prints the ratio: the figure in docs/grading.md for the sandbox and deterministic
boots came from --base d9a0c56, the commit before them.  The machine's
load moves the numbers: quote a ratio from one run.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "test/grade"))
import test_engines as tg        # noqa: E402  (bundle)


def bundles(rev, where, n):
    """n git bundles of commit 'rev' of this repository in 'where'."""
    src = os.path.join(where, "src")
    os.makedirs(src)
    archive = subprocess.run(["git", "-C", TOP, "archive", rev],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "x", "-C", src], input=archive, check=True)
    subs = os.path.join(where, "subs")
    os.makedirs(subs)
    tg.bundle(src, os.path.join(subs, "s01.bundle"))
    for i in range(2, n + 1):
        shutil.copy(os.path.join(subs, "s01.bundle"),
                    os.path.join(subs, "s%02d.bundle" % i))
    return subs


def grade(tree, subs, suite, out, jobs):
    """make grade in 'tree'; returns (seconds, make's last line)."""
    env = dict(os.environ)
    for k in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS"):
        env.pop(k, None)
    began = time.monotonic()
    r = subprocess.run(["make", "-s", "-C", tree, "grade", "SUITE=" + suite,
                        "SUBMISSIONS=" + subs, "OUT=" + out,
                        "JOBS=%d" % jobs], capture_output=True, text=True,
                       env=env)
    secs = time.monotonic() - began
    if r.returncode != 0:
        raise RuntimeError("make grade in %s exited %d:\n%s" % (
            tree, r.returncode, (r.stdout + r.stderr)[-1500:]))
    return secs, r.stdout.strip().splitlines()[-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--subs", type=int, default=12)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--base", default=None,
                    help="a commit whose grader to time first")
    opts = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="xinu-grade-cost-")
    os.chmod(tmp, 0o755)
    suite = os.path.join(tmp, "suite")
    os.makedirs(suite)
    for name in ("prio", "procs"):
        for ext in (".c", ".conf", ".expected"):
            shutil.copy(os.path.join(TOP, "test/grade/suite", name + ext),
                        suite)
    runs = []
    try:
        if opts.base:
            wt = os.path.join(tmp, "base-tree")
            subprocess.run(["git", "-C", TOP, "worktree", "add", "-q",
                            "--detach", wt, opts.base], check=True)
            try:
                runs.append((opts.base, grade(
                    wt, bundles(opts.base, os.path.join(tmp, "base"),
                                opts.subs), suite,
                    os.path.join(tmp, "out-base"), opts.jobs)))
            finally:
                subprocess.run(["git", "-C", TOP, "worktree", "remove",
                                "--force", wt])
        runs.append(("HEAD", grade(TOP, bundles("HEAD", os.path.join(
            tmp, "head"), opts.subs), suite, os.path.join(tmp, "out"),
            opts.jobs)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d submissions x 2 programs, JOBS=%d, %s" % (
        opts.subs, opts.jobs, time.strftime("%Y-%m-%d")))
    for rev, (secs, last) in runs:
        print("%-8s %6.1f s  %5.2f s per submission  (%s)" % (
            rev, secs, secs / opts.subs, last))
    if len(runs) == 2:
        print("ratio HEAD / %s: %.2f" % (opts.base,
                                          runs[1][1][0] / runs[0][1][0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
