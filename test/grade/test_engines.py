#!/usr/bin/env python3
"""test_engines.py - make test-grade: make grade end to end on every engine.

Makes five submissions from this tree (a folder as is; a .tar.gz that
does not build; a .zip whose send() panics; a git bundle whose getprio()
is off by one, so one program prints wrong lines; a .tgz whose sleepms()
never returns, so two programs time out) and grades them on the sample
suite test/grade/suite (3 programs) with make grade ENGINE=local (its
SUITE, SUBMISSIONS and OUT folders have blanks in their names), then
ENGINE=parallel (GNU parallel over ssh to an sshd started here on
127.0.0.1, so files travel; over --sshlogin : if sshd cannot start), then
ENGINE=slurm on a one-node cluster started here (munged, slurmctld and
slurmd with a generated slurm.conf, stopped afterwards), collected with
make grade-collect.  Each engine must give the statuses and points
below, reports and Gradescope files, and the same grades.csv as local
(the seconds column aside).  Prints "ok NAME", "FAIL NAME: why" or "SKIP
NAME: why" (an engine whose tools cannot be installed or started), the
seconds each engine took, and last "N passed, N failed, N skipped".
"""

import argparse
import csv
import getpass
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SUITE = os.path.join(TOP, "test/grade/suite")
NEED = os.path.join(TOP, "compile/bin/need")

# student -> test -> (status, points): a run that does not end by itself
# scores 0, except in cases (PARTIAL=1), which keeps the reference lines
# it printed in order before it failed (partial credit)
WANT = {
    "asis": {"cases": ("ok", "5"), "prio": ("ok", "10"),
             "procs": ("ok", "10")},
    "buildfail": {"cases": ("build error", "0"), "prio": ("build error", "0"),
                  "procs": ("build error", "0")},
    "hang": {"cases": ("timeout", "1.67"), "prio": ("ok", "10"),
             "procs": ("timeout", "0")},
    "panic": {"cases": ("panic", "1.67"), "prio": ("panic", "0"),
              "procs": ("panic", "0")},
    "wrong": {"cases": ("ok", "5"), "prio": ("wrong output", "6"),
              "procs": ("ok", "10")},
}


def edit(path, old, new):
    with open(path) as f:
        text = f.read()
    if old not in text:
        raise RuntimeError("%s: '%s' not found" % (path, old))
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


def bundle(d, dest):
    """Commit the folder 'd' as a new git repository and bundle it as
    'dest'."""
    git = ["git", "-c", "user.name=grader", "-c", "user.email=g@example.org",
           "-C", d]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "x"],
                 ["bundle", "create", dest, "HEAD", "--all"]):
        subprocess.run(git + args, check=True, capture_output=True)


def tree_copy(dest):
    """This tree's sources (what git tracks or would, no build outputs)."""
    r = subprocess.run(["git", "ls-files", "-co", "--exclude-standard",
                        "-z"], cwd=TOP, capture_output=True)
    if r.returncode == 0:
        for rel in r.stdout.decode().split("\0"):
            if not rel or not os.path.isfile(os.path.join(TOP, rel)):
                continue
            os.makedirs(os.path.join(dest, os.path.dirname(rel)),
                        exist_ok=True)
            shutil.copy2(os.path.join(TOP, rel), os.path.join(dest, rel))
    else:
        shutil.copytree(TOP, dest, symlinks=True, ignore=shutil.
                        ignore_patterns(".git", "obj", "batch", "host",
                                        "test-results", "grade", "*.elf"))


def make_submissions(tmp):
    subs = os.path.join(tmp, "subs")
    os.makedirs(subs)
    base = os.path.join(tmp, "base")
    tree_copy(base)

    def variant(name):
        d = os.path.join(tmp, "src", name)
        shutil.copytree(base, d, symlinks=True)
        return d

    shutil.copytree(base, os.path.join(subs, "asis"), symlinks=True)

    d = variant("buildfail")
    edit(os.path.join(d, "system/getprio.c"), "#include <xinu.h>",
         "#include <xinu.h>\nthis is not C;")
    with tarfile.open(os.path.join(subs, "buildfail.tar.gz"), "w:gz") as t:
        t.add(d, arcname="buildfail-xinu")

    d = variant("panic")
    edit(os.path.join(d, "system/send.c"), "\tmask = disable();",
         "\tpanic(\"send: broken on purpose\");\n\tmask = disable();")
    with zipfile.ZipFile(os.path.join(subs, "panic.zip"), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for here, _dirs, files in os.walk(d):
            for f in files:
                full = os.path.join(here, f)
                z.write(full, os.path.relpath(full, d))

    d = variant("wrong")
    edit(os.path.join(d, "system/getprio.c"), "return prio;",
         "return prio + 1;")
    bundle(d, os.path.join(subs, "wrong.bundle"))

    d = variant("hang")
    edit(os.path.join(d, "system/sleep.c"), "\tif (delay < 0) {",
         "\tfor (;;) {\n\t}\n\tif (delay < 0) {")
    with tarfile.open(os.path.join(subs, "hang.tgz"), "w:gz") as t:
        t.add(d, arcname=".")
    with open(os.path.join(subs, "README.txt"), "w") as f:
        f.write("not a submission: make grade skips it\n")
    shutil.rmtree(os.path.join(tmp, "src"))
    return subs


class Checks:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def ok(self, name, cond, why=""):
        if cond:
            self.passed += 1
            print("ok %s" % name, flush=True)
        else:
            self.failed += 1
            print("FAIL %s: %s" % (name, why), flush=True)
        return cond

    def skip(self, name, why):
        self.skipped += 1
        print("SKIP %s: %s" % (name, why), flush=True)


def make(*args, env=None):
    return subprocess.run(["make", "--no-print-directory", "-C", TOP,
                           *args], capture_output=True, text=True, env=env)


def rows(out):
    with open(os.path.join(out, "grades.csv")) as f:
        return list(csv.reader(f))


def check_outputs(c, engine, out, r):
    """The statuses, points, reports and Gradescope files of one run."""
    name = "grade_" + engine
    if not c.ok(name + "_exit", r.returncode == 0 and
                os.path.exists(os.path.join(out, "grades.csv")),
                "make exited %d: %s" % (r.returncode,
                                        (r.stdout + r.stderr)[-1500:])):
        return None
    table = rows(out)
    c.ok(name + "_header", table[0] == ["student", "test", "points",
                                        "score", "status", "seconds",
                                        "note"],
         repr(table[0]))
    got = {(s, t): (st, p) for s, t, p, _sc, st, _sec, _n in table[1:]}
    bad = []
    for who, tests in WANT.items():
        for test, (status, points) in tests.items():
            have = got.get((who, test))
            if have is None or have[0] != status or \
                    (points is not None and have[1] != points):
                bad.append("%s/%s: want %s %s, got %s" % (
                    who, test, status, points, have))
    c.ok(name + "_statuses_and_points", not bad and len(table) == 16,
         "; ".join(bad) or "%d rows" % (len(table) - 1))
    # partial credit (PARTIAL=1): the panic run printed lines before the
    # panic; without it a panic scores 0
    c.ok(name + "_partial_credit", got.get(("panic", "cases"), ("", "0"))[1]
         not in ("0", "5") and got.get(("panic", "procs")) == ("panic", "0"),
         repr(got.get(("panic", "cases"))))
    with open(os.path.join(out, "totals.csv")) as f:
        totals = {r[0]: r[2:4] for r in list(csv.reader(f))[1:]}
    c.ok(name + "_totals", totals.get("wrong") == ["21", "25"] and
         totals.get("asis") == ["25", "25"] and len(totals) == 5,
         repr(totals))
    rep = open(os.path.join(out, "reports/wrong.md")).read()
    c.ok(name + "_report_diff", "-prio: main P#1 runs at 20" in rep and
         "+prio: main P#1 runs at 21" in rep, rep[-800:])
    rep = open(os.path.join(out, "reports/buildfail.md")).read()
    c.ok(name + "_report_build_log", "this is not C" in rep and
         "batch: build failed" in rep and rep.count("## Build log") == 1
         and rep.count("unknown type name \u2018this\u2019") == 1,
         rep[-800:])
    gs = json.load(open(os.path.join(out, "gradescope/wrong/results.json")))
    names = {t["name"]: t for t in gs["tests"]}
    c.ok(name + "_gradescope", set(names) == {"cases", "prio", "procs"} and
         names["prio"]["score"] == 6 and names["prio"]["max_score"] == 10
         and "runs at 21" in names["prio"]["output"] and gs["score"] == 21,
         json.dumps(gs)[:800])
    c.ok(name + "_summary", "wrong" in r.stdout and "45/45" not in r.stdout
         and "25/25" in r.stdout, r.stdout[-1200:])
    return [row[:5] for row in table]


class Slurm:
    """A one-node Slurm cluster in a folder, on ports of its own."""

    def __init__(self, folder):
        self.dir = folder
        self.pids = []
        self.env = dict(os.environ, SLURM_CONF=os.path.join(folder,
                                                            "slurm.conf"))

    def free_port(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    def start(self):
        """None when the cluster is up, else why not."""
        d = self.dir
        for sub in ("state", "spool", "log"):
            os.makedirs(os.path.join(d, sub), exist_ok=True)
        key = os.path.join(d, "munge.key")
        with open(key, "wb") as f:
            f.write(os.urandom(1024))
        os.chmod(key, 0o600)
        sock = os.path.join(d, "munge.sock")
        r = subprocess.run(["/usr/sbin/munged", "--force", "--key-file", key,
                            "--socket", sock, "--pid-file",
                            os.path.join(d, "munged.pid"), "--log-file",
                            os.path.join(d, "log/munged.log"),
                            "--seed-file", os.path.join(d, "munge.seed")],
                           capture_output=True, text=True)
        if r.returncode != 0:
            return "munged did not start: " + r.stderr.strip()
        self.pids.append(os.path.join(d, "munged.pid"))
        host = socket.gethostname().split(".")[0]
        conf = {
            "ClusterName": "xinugrade", "SlurmctldHost": "%s(127.0.0.1)"
            % host, "SlurmUser": "root", "SlurmdUser": "root",
            "AuthType": "auth/munge", "CredType": "cred/munge",
            "AuthInfo": "socket=" + sock,
            "SlurmctldPort": self.free_port(),
            "SlurmdPort": self.free_port(),
            "StateSaveLocation": os.path.join(d, "state"),
            "SlurmdSpoolDir": os.path.join(d, "spool"),
            "SlurmctldPidFile": os.path.join(d, "slurmctld.pid"),
            "SlurmdPidFile": os.path.join(d, "slurmd.pid"),
            "SlurmctldLogFile": os.path.join(d, "log/slurmctld.log"),
            "SlurmdLogFile": os.path.join(d, "log/slurmd.log"),
            "ProctrackType": "proctrack/linuxproc", "TaskPlugin": "task/none",
            "JobAcctGatherType": "jobacct_gather/none",
            "JobCompType": "jobcomp/none", "MpiDefault": "none",
            "ReturnToService": 2, "SchedulerType": "sched/backfill",
            "SelectType": "select/cons_tres",
            "SelectTypeParameters": "CR_CPU",
        }
        with open(self.env["SLURM_CONF"], "w") as f:
            for k, v in conf.items():
                f.write("%s=%s\n" % (k, v))
            f.write("NodeName=%s NodeAddr=127.0.0.1 CPUs=%d State=UNKNOWN\n"
                    % (host, os.cpu_count() or 2))
            f.write("PartitionName=grade Nodes=%s Default=YES "
                    "MaxTime=INFINITE State=UP\n" % host)
        for daemon in ("slurmctld", "slurmd"):
            r = subprocess.run(["/usr/sbin/" + daemon], env=self.env, capture_output=True,
                               text=True)
            if r.returncode != 0:
                return "%s did not start: %s" % (daemon, r.stderr.strip())
            self.pids.append(os.path.join(d, daemon + ".pid"))
        for _ in range(60):
            r = subprocess.run(["sinfo", "-h", "-o", "%t"], env=self.env,
                               capture_output=True, text=True)
            if r.stdout.strip() in ("idle", "mix", "alloc"):
                return None
            time.sleep(1)
        return "the node never became idle (sinfo: %s %s)" % (
            r.stdout.strip(), r.stderr.strip())

    def stop(self):
        for pidfile in reversed(self.pids):
            try:
                with open(pidfile) as f:
                    pid = int(f.read().strip())
                os.kill(pid, 15)
                for _ in range(50):
                    os.kill(pid, 0)
                    time.sleep(0.1)
            except (OSError, ValueError):
                pass

    def wait_job(self, jobid, limit):
        end = time.monotonic() + limit
        while time.monotonic() < end:
            r = subprocess.run(["squeue", "-h", "-j", jobid], env=self.env,
                               capture_output=True, text=True)
            if r.returncode == 0 and not r.stdout.strip():
                return True
            time.sleep(2)
        subprocess.run(["scancel", jobid], env=self.env)
        return False


def run_engine(c, engine, subs, tmp, jobs, timings, *extra):
    """make grade with ENGINE=engine; the local engine takes its SUITE,
    SUBMISSIONS and OUT from folders with blanks in their names."""
    out = os.path.join(tmp, "out-" + engine)
    suite = SUITE
    if engine == "local":
        out = os.path.join(tmp, "out local")
        suite = os.path.join(tmp, "the suite")
        shutil.copytree(SUITE, suite)
        os.symlink(subs, os.path.join(tmp, "sub missions"))
        subs = os.path.join(tmp, "sub missions")
    start = time.monotonic()
    r = make("grade", "SUITE=" + suite, "SUBMISSIONS=" + subs, "OUT=" + out,
             "JOBS=%d" % jobs, "ENGINE=" + engine.split("_")[0], *extra)
    timings[engine] = time.monotonic() - start
    return check_outputs(c, engine, out, r)


class Sshd:
    """An sshd on 127.0.0.1 that lets in one key made here, so GNU
    parallel sends its files over ssh as to a lab machine."""

    def __init__(self, folder):
        self.dir = folder
        self.pidfile = os.path.join(folder, "sshd.pid")

    def start(self):
        """The path of an --sshloginfile, or raise RuntimeError."""
        d = self.dir
        os.makedirs(d, exist_ok=True)
        for key in ("hostkey", "userkey"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                            "-f", os.path.join(d, key)], check=True)
        shutil.copy(os.path.join(d, "userkey.pub"), os.path.join(d, "auth"))
        os.makedirs("/run/sshd", exist_ok=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        r = subprocess.run(["/usr/sbin/sshd", "-p", str(port), "-h",
                            os.path.join(d, "hostkey"), "-E",
                            os.path.join(d, "sshd.log"),
                            "-o", "PidFile=" + self.pidfile,
                            "-o", "AuthorizedKeysFile=" + os.path.join(d,
                                                                       "auth"),
                            "-o", "StrictModes=no",
                            "-o", "ListenAddress=127.0.0.1",
                            "-o", "PermitRootLogin=prohibit-password"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError("sshd did not start: " + r.stderr.strip())
        login = ("ssh -p %d -i %s -o StrictHostKeyChecking=no "
                 "-o UserKnownHostsFile=/dev/null -o BatchMode=yes "
                 "-o LogLevel=ERROR %s@127.0.0.1"
                 % (port, os.path.join(d, "userkey"), getpass.getuser()))
        for _ in range(50):
            r = subprocess.run(login.split() + ["true"], capture_output=True,
                               text=True, stdin=subprocess.DEVNULL)
            if r.returncode == 0:
                break
            time.sleep(0.2)
        else:
            raise RuntimeError("ssh to 127.0.0.1 fails: " + r.stderr.strip())
        hosts = os.path.join(d, "hosts")
        with open(hosts, "w") as f:
            f.write(login + "\n")
        return hosts

    def stop(self):
        try:
            with open(self.pidfile) as f:
                os.kill(int(f.read().strip()), 15)
        except (OSError, ValueError):
            pass


def run_parallel(c, subs, tmp, jobs, timings):
    """GNU parallel over ssh to an sshd started here (files travel as to
    a lab machine); over --sshlogin : when sshd cannot be had."""
    r = subprocess.run([NEED, "parallel:parallel", "rsync:rsync"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        c.skip("grade_parallel", "cannot install GNU parallel: "
               + r.stderr.strip())
        return None
    r = subprocess.run([NEED, "/usr/sbin/sshd:openssh-server",
                        "ssh-keygen:openssh-client"], capture_output=True,
                       text=True)
    sshd = Sshd(os.path.join(tmp, "sshd"))
    try:
        try:
            if r.returncode != 0:
                raise RuntimeError("cannot install openssh-server: "
                                   + r.stderr.strip())
            hosts = sshd.start()
        except (RuntimeError, subprocess.CalledProcessError) as e:
            print("note: parallel over --sshlogin : (no ssh: %s)" % e,
                  flush=True)
            return run_engine(c, "parallel", subs, tmp, jobs, timings)
        print("note: parallel over ssh to 127.0.0.1", flush=True)
        return run_engine(c, "parallel", subs, tmp, jobs, timings,
                          "HOSTS=" + hosts)
    finally:
        sshd.stop()


def run_slurm(c, subs, tmp, timings):
    r = subprocess.run([NEED, "/usr/sbin/slurmctld:slurmctld",
                        "/usr/sbin/slurmd:slurmd", "sbatch:slurm-client",
                        "/usr/sbin/munged:munge"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        c.skip("grade_slurm", "cannot install Slurm: " + r.stderr.strip())
        return None
    cluster = Slurm(os.path.join(tmp, "slurm"))
    try:
        why = cluster.start()
        if why:
            c.skip("grade_slurm", why)
            return None
        out = os.path.join(tmp, "out-slurm")
        start = time.monotonic()
        r = make("grade", "SUITE=" + SUITE, "SUBMISSIONS=" + subs,
                 "OUT=" + out, "ENGINE=slurm", env=cluster.env)
        words = r.stdout.split("Slurm job ")
        jobid = words[1].split()[0] if len(words) > 1 else ""
        if not c.ok("grade_slurm_submits", r.returncode == 0 and jobid and
                    "make grade-collect RESULTS=" in r.stdout,
                    r.stdout + r.stderr):
            return None
        if not c.ok("grade_slurm_job_ends", cluster.wait_job(jobid, 900),
                    "job %s still queued after 900 s" % jobid):
            return None
        r = make("grade-collect", "RESULTS=" + os.path.join(out, "results"))
        timings["slurm"] = time.monotonic() - start
        return check_outputs(c, "slurm", out, r)
    finally:
        cluster.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--engines", default="local,parallel,slurm")
    ap.add_argument("--keep", action="store_true")
    opts = ap.parse_args()
    c = Checks()
    tmp = tempfile.mkdtemp(prefix="xinu-test-grade-")
    timings, tables = {}, {}
    try:
        subs = make_submissions(tmp)
        for engine in opts.engines.split(","):
            if engine == "local":
                tables[engine] = run_engine(c, "local", subs, tmp,
                                            opts.jobs, timings)
            elif engine == "parallel":
                tables[engine] = run_parallel(c, subs, tmp, opts.jobs,
                                              timings)
            elif engine == "slurm":
                tables[engine] = run_slurm(c, subs, tmp, timings)
        first = tables.get("local")
        for engine, table in tables.items():
            if engine != "local" and first and table:
                c.ok("grade_%s_same_csv_as_local" % engine, table == first,
                     "\n".join(",".join(r) for r in table
                               if r not in first))
    finally:
        if opts.keep:
            print("kept %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    for engine, secs in timings.items():
        print("time %s: %.0f s (5 submissions x 3 programs)"
              % (engine, secs))
    print("%d passed, %d failed, %d skipped" % (c.passed, c.failed,
                                                c.skipped))
    return 1 if c.failed or not c.passed else 0


if __name__ == "__main__":
    sys.exit(main())
