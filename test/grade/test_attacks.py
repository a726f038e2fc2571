#!/usr/bin/env python3
"""test_attacks.py - make test-grade: make grade against hostile students.

Makes submissions from this tree that attack the grader, and suite
programs (test/grade/attack/) that attack it from inside the kernel, and
grades them all in one make grade run (ENGINE=local, the sandbox on):

  forged     a compile/bin/batch that prints ${1%.c}.expected and exits 0,
             on a kernel that does not build: build error, 0 points
  incpasswd  #include "/etc/passwd" in a kernel file      } the host file's
  incbin     .incbin "/etc/passwd" in a kernel .S file    } content appears
  linkpasswd (a git bundle) a link include/leak.h ->      } nowhere under
             /etc/passwd, included by a kernel file       } OUT
  sleeper    a Makefile that leaves `setsid sleep 4747 &` behind: no such
             process is left, and the runs end in time
  rootlink   a submission that is a link to /: refused with its reason
  "a b", a_b two names that clean up alike: both graded, the run goes on
  asis       this tree, on the attack programs:
               flood      prints for ever: output limit, 0 points, and no
                          file under OUT passes 1 MiB
               escape     ESC, BEL and bytes that are not UTF-8: shown as
                          \\x1b, \\x07 and U+FFFD, never raw
               halfevent  half a line on COM2, then a killed child:
                          tampered
               udpprobe   NET=1 UDP datagrams to the host's 127.0.0.1
                          through 10.0.2.2: nothing reaches a listener
                          there
               roundtrip  a suite program whose .expected make expected
                          wrote: ok

Prints "ok NAME" or "FAIL NAME: why" and last "N passed, N failed,
N skipped".
"""

import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "test/grade"))
import test_engines as tg        # noqa: E402  (tree_copy, edit, Checks)

ATTACK = os.path.join(TOP, "test/grade/attack")
PASSWD = "root:x:0:0"


def make_submissions(tmp):
    subs = os.path.join(tmp, "subs")
    os.makedirs(subs)
    base = os.path.join(tmp, "base")
    tg.tree_copy(base)

    def variant(name, where=None):
        d = where or os.path.join(tmp, "src", name)
        shutil.copytree(base, d, symlinks=True)
        return d

    variant("asis", os.path.join(subs, "asis"))

    d = variant("forged", os.path.join(subs, "forged"))
    with open(os.path.join(d, "compile/bin/batch"), "w") as f:
        f.write('#!/bin/sh\ncat "${1%.c}.expected"\n'
                'echo "batch: halted; no process killed" >&2\nexit 0\n')
    tg.edit(os.path.join(d, "system/getprio.c"), "#include <xinu.h>",
            "#include <xinu.h>\nthis is not C;")

    d = variant("incpasswd", os.path.join(subs, "incpasswd"))
    tg.edit(os.path.join(d, "system/getprio.c"), "#include <xinu.h>",
            "#include <xinu.h>\n#include \"/etc/passwd\"")

    d = variant("incbin", os.path.join(subs, "incbin"))
    with open(os.path.join(d, "system/leak.S"), "w") as f:
        f.write("\t.section .rodata\n\t.globl leak\nleak:\n"
                "\t.incbin \"/etc/passwd\"\n")

    d = variant("linkpasswd")
    os.symlink("/etc/passwd", os.path.join(d, "include/leak.h"))
    tg.edit(os.path.join(d, "system/getprio.c"), "#include <xinu.h>",
            "#include <xinu.h>\n#include \"leak.h\"")
    tg.bundle(d, os.path.join(subs, "linkpasswd.bundle"))

    d = variant("sleeper", os.path.join(subs, "sleeper"))
    tg.edit(os.path.join(d, "compile/Makefile"), "TOP      := ..",
            "TOP      := ..\n$(shell setsid sleep 4747 >/dev/null 2>&1 &)")

    os.symlink("/", os.path.join(subs, "rootlink"))
    for name in ("a b", "a_b"):
        os.makedirs(os.path.join(subs, name, "nothing-here"))
    shutil.rmtree(os.path.join(tmp, "src"), ignore_errors=True)
    return subs


class Listener:
    """A UDP socket on the host's 127.0.0.1 that counts what arrives."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.got = []
        self.done = False
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def loop(self):
        while not self.done:
            try:
                self.got.append(self.sock.recvfrom(2048))
            except socket.timeout:
                pass

    def stop(self):
        self.done = True
        self.thread.join()
        self.sock.close()


def make_suite(tmp, port, c):
    suite = os.path.join(tmp, "suite")
    shutil.copytree(ATTACK, suite)
    with open(os.path.join(suite, "udpprobe.conf"), "w") as f:
        f.write("NET=1\nTIMEOUT=30\nAPPEND=port=%d\n" % port)
    shutil.copy(os.path.join(TOP, "test/grade/suite/prio.c"),
                os.path.join(suite, "roundtrip.c"))
    r = tg.make("expected", "MAIN=" + os.path.join(suite, "roundtrip.c"))
    c.ok("expected_writes_a_reference", r.returncode == 0 and os.path.exists(
        os.path.join(suite, "roundtrip.expected")), (r.stdout + r.stderr)[-800:])
    return suite


def files_under(out):
    for here, _dirs, files in os.walk(out):
        for f in files:
            yield os.path.join(here, f)


def processes(word):
    found = []
    for pid in os.listdir("/proc"):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                if word.encode() in f.read().replace(b"\0", b" "):
                    found.append(pid)
        except OSError:
            pass
    return found


def check(c, out, r, listener):
    rows = {}
    with open(os.path.join(out, "grades.csv")) as f:
        for row in list(csv.reader(f))[1:]:
            rows[(row[0], row[1])] = row
    tests = ("escape", "flood", "halfevent", "roundtrip", "udpprobe")

    def status(who, test):
        row = rows.get((who, test))
        return (row[4], row[2]) if row else None

    c.ok("forged_batch_decides_nothing",
         all(status("forged", t) == ("build error", "0") for t in tests),
         repr([status("forged", t) for t in tests]))
    texts = {}
    for path in files_under(out):
        with open(path, "rb") as f:
            texts[path] = f.read()
    leaks = [p for p, t in texts.items() if PASSWD.encode() in t]
    c.ok("host_files_reach_no_report", not leaks, repr(leaks[:5]))
    for who in ("incpasswd", "incbin", "linkpasswd"):
        c.ok("host_file_%s_builds_nothing" % who,
             all(status(who, t) == ("build error", "0") for t in tests),
             repr([status(who, t) for t in tests]))
    rep = texts.get(os.path.join(out, "reports/linkpasswd.md"), b"")
    c.ok("link_out_of_a_bundle_is_noted",
         b"include/leak.h -> /etc/passwd: it leads out" in rep, rep[:600])
    c.ok("sleeper_left_nothing_running", not processes("sleep 4747"),
         repr(processes("sleep 4747")))
    secs = [float(rows[("sleeper", t)][5]) for t in tests
            if ("sleeper", t) in rows]
    c.ok("sleeper_runs_end_in_time", secs and max(secs) < 40 and
         status("sleeper", "roundtrip") == ("ok", "1"), repr(secs))
    c.ok("link_to_root_is_refused",
         all(status("rootlink", t) == ("refused", "0") for t in tests) and
         "outside the submissions folder" in rows[("rootlink", "flood")][6],
         repr(rows.get(("rootlink", "flood"))))
    c.ok("name_clash_grades_both", status("a_b", "flood") is not None and
         status("a_b+2", "flood") is not None and r.returncode == 0,
         repr(sorted({k[0] for k in rows})))
    c.ok("flood_is_an_output_limit", status("asis", "flood") ==
         ("output limit", "0"), repr(status("asis", "flood")))
    big = [(p, len(t)) for p, t in texts.items()
           if len(t) > (1 << 20) and "/stage/" not in p]
    c.ok("no_file_over_1_MiB", not big, repr(big))
    rep = texts.get(os.path.join(out, "reports/asis.md"), b"").decode()
    gs = texts.get(os.path.join(out, "gradescope/asis/results.json"),
                   b"{}").decode()
    raw = [p for p, t in texts.items() if b"\x1b" in t or b"\x07" in t]
    c.ok("escape_bytes_are_shown_visibly",
         "\\x1b[31m" in rep and "\\x07" in rep and "\ufffd\ufffd" in rep
         and "\\\\x1b[31m" in gs and not raw, repr(raw) + rep[-1500:])
    c.ok("half_event_line_is_tampered", status("asis", "halfevent") ==
         ("tampered", "0"), repr(status("asis", "halfevent")))
    c.ok("udp_probe_reaches_no_host_listener", not listener.got and
         status("asis", "udpprobe") is not None,
         "%d datagrams arrived: %r; %r" % (len(listener.got),
                                           listener.got[:2],
                                           status("asis", "udpprobe")))
    c.ok("expected_round_trips", status("asis", "roundtrip") == ("ok", "1"),
         repr(status("asis", "roundtrip")))
    with open(os.path.join(out, "totals.csv")) as f:
        totals = {row[0]: row for row in list(csv.reader(f))[1:]}
    c.ok("totals_per_student", len(totals) == len({k[0] for k in rows}) and
         totals.get("rootlink", [""] * 5)[4].startswith("the entry"),
         repr(totals)[:600])
    summary = r.stdout
    c.ok("refusal_in_the_summary", "rootlink: the entry rootlink" in summary,
         summary[-1500:])
    gsj = json.loads(texts[os.path.join(out,
                                        "gradescope/forged/results.json")])
    c.ok("gradescope_total", gsj["score"] == 0 and
         gsj.get("output", "").count("this is not C") >= 1, repr(gsj)[:400])


def main():
    c = tg.Checks()
    tmp = tempfile.mkdtemp(prefix="xinu-test-attacks-")
    os.chmod(tmp, 0o755)
    listener = Listener()
    try:
        subs = make_submissions(tmp)
        suite = make_suite(tmp, listener.port, c)
        out = os.path.join(tmp, "out")
        began = time.monotonic()
        r = tg.make("grade", "SUITE=" + suite, "SUBMISSIONS=" + subs,
                    "OUT=" + out, "JOBS=2")
        print("time: %.0f s for make grade (%s)" % (
            time.monotonic() - began, r.stdout.strip().splitlines()[-1:]))
        if c.ok("grade_ran", r.returncode == 0 and os.path.exists(
                os.path.join(out, "grades.csv")),
                "make exited %d: %s" % (r.returncode,
                                        (r.stdout + r.stderr)[-2000:])):
            check(c, out, r, listener)
    finally:
        listener.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed, %d skipped" % (c.passed, c.failed,
                                                c.skipped))
    return 1 if c.failed or not c.passed else 0


if __name__ == "__main__":
    sys.exit(main())
