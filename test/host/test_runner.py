#!/usr/bin/env python3
"""test_runner.py - host tests of the harness (tools/xinu/) and make's
front door

The batch verdicts, the kernel's command-line refusals, the choice of
TESTS=, the report and its logs, the course programs' comparison (pid
renaming) and the script engine, with a fake qemu-system-i386 (a script
first on PATH that prints FAKE_QEMU_OUT as its console, FAKE_QEMU_ERR on
its stderr and FAKE_QEMU_EVENTS as the kernel's event port, then exits
FAKE_QEMU_STATUS or hangs with FAKE_QEMU_HANG) standing in for QEMU.  Prints "ok NAME" or
"FAIL NAME: why" per case, as the C host tests do.
"""

import binascii
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import types
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "test"))
sys.path.insert(0, os.path.join(TOP, "tools"))
from xinu import bochs, compare, qemu, runner, verdict  # noqa: E402

FAKE_QEMU = r'''#!/usr/bin/env python3
import os, sys, time
log = os.environ.get("FAKE_QEMU_ARGS")
if log:
    with open(log, "w") as f:
        f.write("\n".join(sys.argv[1:]))
pidfile = os.environ.get("FAKE_QEMU_PID")
if pidfile:
    with open(pidfile, "w") as f:
        f.write(str(os.getpid()))
for i, word in enumerate(sys.argv):
    if word == "-chardev" and sys.argv[i + 1].startswith("file,id=events,"):
        path = sys.argv[i + 1].split("path=", 1)[1].replace(",,", ",")
        with open(path, "w") as f:
            f.write(os.environ.get("FAKE_QEMU_EVENTS", ""))
sys.stderr.write(os.environ.get("FAKE_QEMU_ERR", ""))
sys.stderr.flush()
sys.stdout.write(os.environ.get("FAKE_QEMU_OUT", ""))
sys.stdout.flush()
if os.environ.get("FAKE_QEMU_HANG"):
    time.sleep(600)
sys.exit(int(os.environ.get("FAKE_QEMU_STATUS", "1")))
'''

BOOT = ("Xinu/VM 0.1\n  RAM      261631 KiB usable\n"
        "  cmdline  /x/xinu.elf \n")
DONE = "\n\nAll user processes have completed.\n\n"
EV_BOOT = "boot Xinu/VM 0.1"           # the kernel's events (kevent.c)
EV_DONE = "halt 0"


def channel(*lines, start=0):
    """The event port's text for the events 'lines' ("kind text") as
    system/kevent.c writes them: "<seq> <kind> <text> *<crc>", numbered
    from 'start'.  The sum is binascii.crc32 (zlib's CRC-32), not the
    runner's code, so these cases pin the definition down."""
    out = ""
    for n, line in enumerate(lines, start):
        body = "%d %s" % (n, line)
        out += "%s *%08x\n" % (body, binascii.crc32(body.encode("latin-1")))
    return out


HALTED = channel(EV_BOOT, EV_DONE)      # booted, ran, halted
# Lines a program may print that look like the kernel's
FORGED = ("P3:: DONE with phase 1\ncmdline: the words were fine\n"
          "PANIC: not really\nP4:: SEGMENTATION_FAULT\n"
          "qemu-system-i386: not QEMU\nXinu/VM 0.1\n")


def opts(**kw):
    o = types.SimpleNamespace(kernel="/nonexistent/xinu.elf", mem="256",
                              timeout=None, jobs=2, only="", list=False,
                              results=None, tty=False)
    o.__dict__.update(kw)
    return o


class FakeQemu(unittest.TestCase):
    """Cases that boot the fake QEMU."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="xinu-test-runner-")
        fake = os.path.join(self.tmp, "qemu-system-i386")
        with open(fake, "w") as f:
            f.write(FAKE_QEMU)
        os.chmod(fake, 0o755)
        self.saved = dict(os.environ)
        os.environ["PATH"] = self.tmp + os.pathsep + os.environ["PATH"]

    def tearDown(self):
        os.environ.clear()
        os.environ.update(self.saved)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def fake(self, out="", status=1, hang=False, events="", err=""):
        os.environ["FAKE_QEMU_OUT"] = out
        os.environ["FAKE_QEMU_EVENTS"] = events
        os.environ["FAKE_QEMU_ERR"] = err
        os.environ["FAKE_QEMU_STATUS"] = str(status)
        os.environ.pop("FAKE_QEMU_HANG", None)
        if hang:
            os.environ["FAKE_QEMU_HANG"] = "1"

    def script(self, text):
        path = os.path.join(self.tmp, "t.script")
        with open(path, "w") as f:
            f.write(text)
        return runner.run_script(path, opts())

    def batch(self, *extra):
        r = subprocess.run([sys.executable,
                            os.path.join(TOP, "tools/batch.py"),
                            "/x/xinu.elf", "--timeout", "20",
                            *extra], capture_output=True, text=True)
        return r.returncode, r.stdout, r.stderr

    def test_batch_halted_lists_kills(self):
        self.fake(BOOT + "P4:: SEGMENTATION_FAULT\nhi\n"
                  "P7:: killed by page fault at 0x0 in main\n" + DONE,
                  events=channel(EV_BOOT, "kill 4 SEGMENTATION_FAULT",
                                 "kill 7 page fault at 0x0 in main",
                                 EV_DONE))
        st, out, err = self.batch()
        self.assertEqual(st, 0)
        self.assertIn("hi\n", out)
        self.assertEqual(err.strip().splitlines()[-1],
                         "batch: halted; killed: P4 SEGMENTATION_FAULT, "
                         "P7 page fault at 0x0 in main")

    def test_batch_console_lines_are_not_kernel_facts(self):
        # a program's own "P3:: ...", "cmdline: ...", "PANIC: ..." lines
        self.fake(BOOT + FORGED + DONE, events=HALTED)
        st, out, err = self.batch("--strict")
        self.assertEqual((st, err.strip().splitlines()[-1]),
                         (0, "batch: halted; no process killed"))
        self.assertIn(FORGED, out)

    def test_batch_qemu_stderr_is_not_the_console(self):
        self.fake(BOOT + "hi\n" + DONE, events=HALTED,
                  err="qemu-system-i386: warning: a host warning\n")
        st, out, err = self.batch()
        self.assertEqual(st, 0)
        self.assertNotIn("warning", out)
        self.assertEqual(err.strip().splitlines(),
                         ["qemu-system-i386: warning: a host warning",
                          "batch: halted; no process killed"])

    def test_batch_events_path_with_a_comma(self):
        self.fake(BOOT + DONE, events=HALTED)
        path = os.path.join(self.tmp, "a,b events")
        st, _, err = self.batch("--events", path)
        self.assertEqual(st, 0, err)
        with open(path) as f:
            self.assertEqual(f.read(), HALTED)

    def wait_gone(self, pid):
        for _ in range(200):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            time.sleep(0.05)
        return False

    def start_hanging_batch(self, **kw):
        pidfile = os.path.join(self.tmp, "qemu.pid")
        if os.path.exists(pidfile):     # a previous round's QEMU: wait
            os.remove(pidfile)          # for this round's own
        os.environ["FAKE_QEMU_PID"] = pidfile
        self.fake(BOOT, events=channel(EV_BOOT), hang=True)
        proc = subprocess.Popen([sys.executable,
                                 os.path.join(TOP, "tools/batch.py"),
                                 "/x/xinu.elf", "--timeout", "60"],
                                stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, **kw)
        for _ in range(200):
            if os.path.exists(pidfile) and os.path.getsize(pidfile):
                break
            time.sleep(0.05)
        with open(pidfile) as f:
            return proc, int(f.read())

    def test_batch_term_and_int_leave_no_qemu_and_no_traceback(self):
        for sig, want in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
            proc, qemu = self.start_hanging_batch()
            time.sleep(0.3)
            proc.send_signal(sig)
            out, err = proc.communicate(timeout=30)
            self.assertEqual(proc.returncode, want, err)
            self.assertNotIn("Traceback", err)
            self.assertTrue(self.wait_gone(qemu), "QEMU left behind")

    def test_batch_qemu_dies_with_a_killed_runner(self):
        proc, qemu = self.start_hanging_batch(start_new_session=True)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
        self.assertTrue(self.wait_gone(qemu), "QEMU outlived SIGKILL")

    def args_of(self, fn):
        """Run fn() with the fake QEMU logging its arguments."""
        log = os.path.join(self.tmp, "args")
        os.environ["FAKE_QEMU_ARGS"] = log
        fn()
        with open(log) as f:
            return f.read().splitlines()

    def test_plus_disk_attaches_a_private_image(self):
        self.fake(BOOT + "TEST t: PASS\n")
        seen = []

        def boot():
            with qemu.test_boot("/x/xinu.elf", "t", "+disk vm.ffs=4",
                                  "256") as b:
                b.finish(time_limit())
                args = open(os.environ["FAKE_QEMU_ARGS"]).read().split()
                drive = args[args.index("-drive") + 1]
                seen.append(drive.split(",")[0][len("file="):])
        args = self.args_of(boot)
        self.assertEqual(args[args.index("-append") + 1], "test=t vm.ffs=4")
        drive = args[args.index("-drive") + 1]
        self.assertIn("format=raw,if=ide", drive)
        self.assertNotIn("snapshot", drive)
        self.assertFalse(os.path.exists(seen[0]))   # removed after

    def test_plus_disk_n_attaches_an_image_of_n_blocks(self):
        self.fake(BOOT + "TEST t: PASS\n")
        sizes = []

        def boot():
            with qemu.test_boot("/x/xinu.elf", "t", "+disk=6 vm.swap=6",
                                  "256") as b:
                b.finish(time_limit())
                args = open(os.environ["FAKE_QEMU_ARGS"]).read().split()
                drive = args[args.index("-drive") + 1]
                sizes.append(os.path.getsize(
                    drive.split(",")[0][len("file="):]))
        args = self.args_of(boot)
        self.assertEqual(args[args.index("-append") + 1], "test=t vm.swap=6")
        self.assertEqual(sizes, [6 * 4096])
        for word in ("+disk=0", "+disk=x", "+disk="):
            with self.assertRaises(ValueError):
                with qemu.test_boot("/x/xinu.elf", "t", word, "256"):
                    pass

    def test_no_plus_disk_no_drive_and_bad_words_refused(self):
        self.fake(BOOT)
        args = self.args_of(lambda: runner.run_kernel_test("t", "vm.ffs=4",
                                                           opts()))
        self.assertNotIn("-drive", args)
        with self.assertRaises(ValueError):
            with qemu.test_boot("/x/xinu.elf", "t", "+disc", "256"):
                pass

    def test_script_disk_directive(self):
        self.fake(BOOT + "xsh $ ")
        log = os.path.join(self.tmp, "args")
        os.environ["FAKE_QEMU_ARGS"] = log
        r = self.script("disk: yes\nexpect: xsh\n")
        self.assertTrue(r.ok, r.detail)
        with open(log) as f:
            self.assertIn("-drive", f.read().splitlines())
        r = self.script("disk: no\nexpect: xsh\n")
        self.assertFalse(r.ok)
        self.assertIn("disk: takes only 'yes'", r.detail)

    def test_batch_disk_is_a_snapshot(self):
        self.fake(BOOT + DONE, events=HALTED)
        os.environ["FAKE_QEMU_ARGS"] = os.path.join(self.tmp, "args")
        st, _, _ = self.batch("--disk", "/d/a,b.img")
        self.assertEqual(st, 0)
        with open(os.environ["FAKE_QEMU_ARGS"]) as f:
            args = f.read().splitlines()
        self.assertEqual(args[args.index("-drive") + 1],
                         "file=/d/a,,b.img,format=raw,if=ide,index=0,"
                         "media=disk,snapshot=on")

    def test_batch_strict_exits_3(self):
        self.fake(BOOT + "P4:: killed by divide error\n" + DONE,
                  events=channel(EV_BOOT, "kill 4 divide error", EV_DONE))
        st, out, err = self.batch("--strict")
        self.assertEqual(st, 3)
        self.assertIn("batch: halted; killed: P4 divide error", err)

    def test_batch_tampered_channel_exits_1(self):
        # a program's stray byte on COM2 merged into the kill line
        self.fake(BOOT + "P4:: killed by divide error\n" + DONE,
                  events=channel(EV_BOOT) + "x"
                  + channel("kill 4 divide error", EV_DONE, start=1))
        st, out, err = self.batch("--strict")
        self.assertEqual((st, err.strip().splitlines()[-1]),
                         (1, "batch: event channel tampered (line 2: not "
                          "an event line)"))

    def test_batch_bad_cmdline_exits_2(self):
        self.fake("cmdline: unknown key 'vm.polcy'\n", status=7,
                  events=channel(EV_BOOT, "cmdline unknown key 'vm.polcy'",
                                 "halt 3"))
        st, out, err = self.batch()
        self.assertEqual(st, 2)
        self.assertEqual(err.strip().splitlines()[-1],
                         "batch: bad command line: cmdline: unknown key "
                         "'vm.polcy'")

    def test_batch_qemu_that_did_not_start_exits_2(self):
        # QEMU's status 1 before any banner is not the kernel's halt
        self.fake(err='qemu-system-i386: Failed to get "write" lock\n'
                  'Is another process using the image [/d/a.img]?\n',
                  status=1)
        st, out, err = self.batch()
        self.assertEqual(st, 2)
        self.assertEqual(err.strip().splitlines()[-1],
                         'batch: QEMU did not start: Failed to get "write" '
                         'lock')

    def test_batch_triple_fault_before_banner_is_not_a_start_error(self):
        self.fake("", status=0)
        st, out, err = self.batch()
        self.assertEqual(st, 1)
        self.assertIn("triple fault", err)

    def test_batch_passes_append_and_mem(self):
        self.fake(BOOT + DONE, events=HALTED)
        os.environ["FAKE_QEMU_ARGS"] = os.path.join(self.tmp, "args")
        st, _, _ = self.batch("--append", "vm.ffs=64 n=3", "--mem", "300")
        with open(os.environ["FAKE_QEMU_ARGS"]) as f:
            args = f.read().split("\n")
        self.assertEqual(st, 0)
        self.assertEqual(args[args.index("-append") + 1], "vm.ffs=64 n=3")
        self.assertEqual(args[args.index("-m") + 1], "300")

    def test_batch_has_no_nic_unless_net(self):
        self.fake(BOOT + DONE, events=HALTED)
        os.environ["FAKE_QEMU_ARGS"] = os.path.join(self.tmp, "args")
        for extra, want in (((), None), (("--net",), "user,id=n0")):
            st, _, _ = self.batch(*extra)
            with open(os.environ["FAKE_QEMU_ARGS"]) as f:
                args = f.read().split("\n")
            self.assertEqual(st, 0)
            self.assertEqual(args[args.index("-nic") + 1], "none")
            if want is None:
                self.assertNotIn("-netdev", args)
            else:
                self.assertEqual(args[args.index("-netdev") + 1], want)
                self.assertEqual(args[args.index("-device", args.index(
                    "-netdev")) + 1], "e1000,netdev=n0")

    def test_batch_deterministic_counts_instructions(self):
        self.fake(BOOT + DONE, events=channel(EV_BOOT, EV_DONE))
        os.environ["FAKE_QEMU_ARGS"] = os.path.join(self.tmp, "args")
        for extra, want in (((), False), (("--deterministic",), True)):
            st, _, _ = self.batch(*extra)
            with open(os.environ["FAKE_QEMU_ARGS"]) as f:
                args = f.read().split("\n")
            self.assertEqual(st, 0)
            self.assertEqual("-icount" in args, want)
            if want:
                self.assertEqual(args[args.index("-icount") + 1],
                                 "shift=0,sleep=off,align=off")
                self.assertIn("clock=vm", args[args.index("-rtc") + 1])
        self.assertEqual(qemu.qemu_command("k", "", 256)[-4:],
                         ["-kernel", "k", "-append", ""])
        cmd = qemu.qemu_command("k", "", 256, deterministic=True)
        self.assertEqual(cmd[cmd.index("-icount"):][:4],
                         qemu.DETERMINISTIC)

    def test_kernel_tests_come_from_the_image(self):
        self.fake(BOOT + "testcase sem_count\ntestcase clock_ffs3 vm.ffs=3 "
                  "vm.debug=2\ntestcases 2\n")
        os.environ["FAKE_QEMU_ARGS"] = os.path.join(self.tmp, "args")
        kernel = os.path.join(self.tmp, "xinu.elf")
        open(kernel, "w").close()
        found = runner.kernel_tests(opts(kernel=kernel))
        with open(os.environ["FAKE_QEMU_ARGS"]) as f:
            args = f.read().split("\n")
        self.assertEqual(args[args.index("-append") + 1], "test=list")
        self.assertEqual(found, [("sem_count", ""),
                                 ("clock_ffs3", "vm.ffs=3 vm.debug=2")])

    def test_kernel_tests_refuse_a_cut_list(self):
        self.fake(BOOT + "testcase sem_count\ntestcases 2\n")
        kernel = os.path.join(self.tmp, "xinu.elf")
        open(kernel, "w").close()
        with self.assertRaises(runner.NoTestList):
            runner.kernel_tests(opts(kernel=kernel))
        self.fake(BOOT + "cmdline: test=list: this image has no test "
                  "cases\n", status=7)
        with self.assertRaises(runner.NoTestList):
            runner.kernel_tests(opts(kernel=kernel))

    def test_a_cut_list_is_one_failed_test_with_its_reason(self):
        self.fake(BOOT + "testcase sem_count\ntestcases 2\n")
        kernel = os.path.join(self.tmp, "xinu.elf")
        open(kernel, "w").close()
        job = [j for j in runner.all_jobs(opts(kernel=kernel))
               if j.name == "test=list"][0]
        res = job.run(opts())
        self.assertFalse(res.ok)
        self.assertIn("1 cases listed", res.detail)
        self.assertIn("1 cases listed", res.output)

    def test_kernel_test_timeout_applies(self):
        self.fake("TEST x: start\n", hang=True)
        res = runner.run_kernel_test("x", "", opts(timeout=1))
        self.assertFalse(res.ok)
        self.assertIn("timeout", res.detail)

    def test_kernel_test_fails_on_bad_cmdline(self):
        self.fake(BOOT + "cmdline: vm.ffs=0 is below 1\n", status=7)
        res = runner.run_kernel_test("x", "", opts())
        self.assertFalse(res.ok)
        self.assertIn("cmdline: vm.ffs=0 is below 1", res.detail)

    def test_script_reject_fails_at_once(self):
        self.fake("xsh $ boom\n", hang=True)
        res = self.script("timeout: 20\nreject: boom\nexpect: never\n")
        self.assertFalse(res.ok)
        self.assertIn("rejected /boom/", res.detail)

    def test_script_qemu_exit_fails_at_once(self):
        self.fake("hello\n", status=1)
        res = self.script("timeout: 20\nexpect: hello\nexpect: world\n")
        self.assertFalse(res.ok)
        self.assertIn("QEMU exited", res.detail)

    def test_script_bad_cmdline_fails_with_line(self):
        self.fake("cmdline: unknown key 'vm.polcy'\n", hang=True)
        res = self.script("timeout: 20\nexpect: xsh\n")
        self.assertFalse(res.ok)
        self.assertIn("cmdline: unknown key 'vm.polcy'", res.detail)

    def test_script_may_want_the_refusal(self):
        self.fake("cmdline: unknown key 'vm.polcy'\n", status=7)
        res = self.script("timeout: 20\nexpect: ^cmdline: unknown key\n"
                          "status: 7\n")
        self.assertTrue(res.ok, res.detail)

    def test_script_timeout_overrides_directive(self):
        self.fake("", hang=True)
        path = os.path.join(self.tmp, "t.script")
        with open(path, "w") as f:
            f.write("timeout: 600\nexpect: never\n")
        res = runner.run_script(path, opts(timeout=1))
        self.assertFalse(res.ok)
        self.assertIn("timeout", res.detail)


def time_limit():
    import time
    return time.monotonic() + 20


class DiskImage(unittest.TestCase):
    """The image +disk boots get: MAX_SWAP_SIZE pages, sparse, the host's
    pattern where test/kernel/ata.c looks for it."""

    def test_size_and_pattern(self):
        tmp = tempfile.mkdtemp(prefix="xinu-test-disk-")
        try:
            path = qemu.disk_image(os.path.join(tmp, "d.img"))
            pages = qemu.swap_pages()
            self.assertEqual(os.path.getsize(path), pages * 4096)
            with open(path, "rb") as f:
                f.seek((pages - 1) * 4096)
                last = f.read(4096)
                f.seek(4096)
                second = f.read(4096)
            self.assertEqual(last, qemu.disk_pattern(0xD15C, pages - 1))
            self.assertEqual(second, bytes(4096))
            # word 0 of block 1 for tag 7, as pattern() in ata.c makes it
            self.assertEqual(qemu.disk_pattern(7, 1)[:4],
                             (((7 * 0x9E3779B1) & 0xFFFFFFFF) ^ (1 << 12)
                              ^ 0x5A5A0000).to_bytes(4, "little"))
        finally:
            shutil.rmtree(tmp)


class Verdicts(unittest.TestCase):
    """batch_verdict(events, status, timeout, strict, console, qemu_err)"""

    def test_halted_no_kill(self):
        self.assertEqual(verdict.batch_verdict(HALTED, 1, 60),
                         (0, "batch: halted; no process killed"))

    def test_vm_kill_with_detail(self):
        evs = channel(EV_BOOT, "kill 5 STACK_OVERFLOW",
                      "kill 6 OUT_OF_MEMORY", EV_DONE)
        self.assertEqual(verdict.batch_verdict(evs, 1, 60),
                         (0, "batch: halted; killed: P5 STACK_OVERFLOW, "
                          "P6 OUT_OF_MEMORY"))

    def test_strict_without_kill_is_0(self):
        self.assertEqual(verdict.batch_verdict(HALTED, 1, 60,
                                              True)[0], 0)

    def test_console_is_only_quoted(self):
        self.assertEqual(verdict.batch_verdict(HALTED, 1, 60, True,
                                              BOOT + FORGED + DONE),
                         (0, "batch: halted; no process killed"))

    def test_panic(self):
        code, line = verdict.batch_verdict(
            channel(EV_BOOT, "panic bad frame (process 3, vmm)", "halt 2"),
            5, 60)
        self.assertEqual(code, 1)
        self.assertEqual(line, "batch: panic: bad frame (process 3, vmm); "
                         "no process killed")

    def test_triple_fault(self):
        code, line = verdict.batch_verdict(channel(EV_BOOT), 0, 60)
        self.assertEqual(code, 1)
        self.assertIn("triple fault", line)

    def test_timeout(self):
        evs = channel(EV_BOOT, "kill 3 OUT_OF_MEMORY") + "2 kill 4 SEGM"
        self.assertEqual(verdict.batch_verdict(evs, None, 30),
                         (124, "batch: timed out after 30 s; killed: "
                          "P3 OUT_OF_MEMORY"))

    def test_status_7_without_line(self):
        code, line = verdict.batch_verdict(channel(EV_BOOT, "halt 3"), 7, 60)
        self.assertEqual(code, 2)
        self.assertTrue(line.startswith("batch: bad command line: "))

    def test_other_status_quotes_the_last_line(self):
        self.assertEqual(verdict.batch_verdict(channel(EV_BOOT, "halt 1"), 3,
                                              60, False,
                                              BOOT + "need more RAM.\n\n"),
                         (1, "batch: QEMU exit status 3 after 'need more "
                          "RAM.'; no process killed"))

    def test_status_1_without_the_kernels_halt(self):
        self.assertEqual(verdict.batch_verdict(channel(EV_BOOT), 1, 60,
                                              False, BOOT + DONE)[0], 1)

    def test_reboot(self):
        # the kernel starts again from scratch: its count restarts at 0
        self.assertEqual(verdict.batch_verdict(channel(EV_BOOT) + HALTED,
                                              1, 60),
                         (1, "batch: rebooted (a second boot banner); "
                          "no process killed"))


TAMPERED = "batch: event channel tampered"


class EventChannel(unittest.TestCase):
    """parse_events(text, timed_out) and the tampered verdict"""

    KILLS = channel(EV_BOOT, "kill 4 SEGMENTATION_FAULT", EV_DONE)

    def tampered(self, text, why, status=1):
        """'text' is tampered for reason 'why' and the verdict says so,
        with status 1, even under STRICT."""
        self.assertEqual(verdict.parse_events(text, False)[1], why)
        self.assertEqual(verdict.batch_verdict(text, status, 60, True),
                         (1, "%s (%s)" % (TAMPERED, why)))

    def test_well_formed_channel_parses(self):
        text = channel(EV_BOOT, "kill 4 page fault at 0x0 in main",
                       "cmdline unknown key 'a *b'", "panic x *1234abcd",
                       "halt")
        self.assertEqual(verdict.parse_events(text, False),
                         ([("boot", "Xinu/VM 0.1"),
                           ("kill", "4 page fault at 0x0 in main"),
                           ("cmdline", "unknown key 'a *b'"),
                           ("panic", "x *1234abcd"), ("halt", "")], None))
        self.assertEqual(verdict.parse_events("", False), ([], None))

    def test_the_kernels_line_format(self):
        # the exact bytes kevent.c writes for its first two events; the
        # sum covers "<seq> <kind> <text>", not the blank before '*'
        self.assertEqual(channel(EV_BOOT, "halt 0"),
                         "0 boot Xinu/VM 0.1 *%08x\n1 halt 0 *%08x\n"
                         % (binascii.crc32(b"0 boot Xinu/VM 0.1"),
                            binascii.crc32(b"1 halt 0")))
        self.assertEqual(binascii.crc32(b"123456789"), 0xCBF43926)
        self.assertEqual(verdict.parse_events("0 halt 0 *fef2fa7b\n",
                                             False), ([("halt", "0")], None))

    def test_a_byte_outside_ascii_is_summed_as_one_byte(self):
        text = channel(EV_BOOT, "panic caf\xe9 (process 3, \xff)")
        self.assertEqual(verdict.parse_events(text, False)[0][1],
                         ("panic", "caf\xe9 (process 3, \xff)"))

    def test_bad_checksum(self):
        text = self.KILLS.replace("kill 4", "kill 5")
        self.tampered(text, "line 2: bad checksum")
        crc = text.splitlines()[2][-8:]
        self.tampered(self.KILLS.replace(crc, crc.upper()),
                      "line 3: not an event line")

    def test_skipped_seq(self):
        self.tampered(channel(EV_BOOT) + channel(EV_DONE, start=2),
                      "line 2: seq 2, wanted 1")

    def test_repeated_seq(self):
        self.tampered(channel(EV_BOOT, "kill 4 SEGMENTATION_FAULT")
                      + channel(EV_DONE, start=1),
                      "line 3: seq 1, wanted 2")

    def test_seq_going_back_or_not_from_0(self):
        self.tampered(channel(EV_BOOT, "kill 4 OUT_OF_MEMORY")
                      + channel(EV_DONE),
                      "line 3: seq 0, wanted 2")
        self.tampered(channel(EV_BOOT, EV_DONE, start=1),
                      "line 1: seq 1, wanted 0")
        self.tampered(channel(EV_BOOT, "00 halt 0"),
                      "line 2: not an event line")

    def test_stray_byte_before_a_line(self):
        self.tampered("x" + self.KILLS, "line 1: not an event line")
        self.tampered("\n" + self.KILLS, "line 1: not an event line")
        self.tampered(self.KILLS.replace("\n", "\r\n", 1),
                      "line 1: not an event line")

    def test_half_line_merged_into_a_kill_line(self):
        # outb(0x2F8, 'x') in a program: the old verdict lost the kill
        text = (channel(EV_BOOT) + "x"
                + channel("kill 4 SEGMENTATION_FAULT", EV_DONE, start=1))
        self.tampered(text, "line 2: not an event line")
        self.assertEqual(verdict.parse_events(text, False)[0],
                         [("boot", "Xinu/VM 0.1")])

    def test_unknown_kind(self):
        self.tampered(channel(EV_BOOT, "halted 0"),
                      "line 2: not an event line")

    def test_partial_last_line_when_qemu_ended_by_itself(self):
        self.tampered(self.KILLS + "3 kill 5 SEG", "line 4: no newline at "
                      "the end")
        self.tampered(self.KILLS[:-1], "line 3: no newline at the end")

    def test_partial_last_line_on_timeout_is_dropped(self):
        text = channel(EV_BOOT, "kill 4 SEGMENTATION_FAULT") + "2 kill 5 SE"
        self.assertEqual(verdict.parse_events(text, True),
                         ([("boot", "Xinu/VM 0.1"),
                           ("kill", "4 SEGMENTATION_FAULT")], None))
        self.assertEqual(verdict.batch_verdict(text, None, 9),
                         (124, "batch: timed out after 9 s; killed: "
                          "P4 SEGMENTATION_FAULT"))

    def test_tampered_beats_panic_cmdline_and_halt(self):
        for lines, status, word in (
                ((EV_BOOT, "panic bad (process 3, m)", "halt 2"), 5,
                 "batch: panic"),
                ((EV_BOOT, "cmdline unknown key 'x'", "halt 3"), 7,
                 "batch: bad command line"),
                ((EV_BOOT, "kill 4 OUT_OF_MEMORY", EV_DONE), 1,
                 "batch: halted")):
            text = channel(*lines).splitlines(True)
            self.assertTrue(verdict.batch_verdict("".join(text), status, 60)
                            [1].startswith(word))
            self.tampered("".join(text[:2] + ["stray\n"] + text[2:]),
                          "line 3: not an event line", status)

    def test_timeout_beats_tampered(self):
        text = channel(EV_BOOT) + "junk\n" + channel(EV_DONE, start=1)
        self.assertEqual(verdict.batch_verdict(text, None, 5),
                         (124, "batch: timed out after 5 s; "
                          "no process killed"))

    def test_a_reboot_may_start_again_at_0(self):
        text = channel(EV_BOOT, "kill 4 OUT_OF_MEMORY") + HALTED
        self.assertEqual(verdict.parse_events(text, False)[1], None)


class Programs(unittest.TestCase):

    def test_pids_renamed_in_order(self):
        a = "P4:: SEGMENTATION_FAULT\nmain: pid 4 ended\nP12 and P4\n"
        b = "P9:: SEGMENTATION_FAULT\nmain: pid 9 ended\nP3 and P9\n"
        self.assertEqual(compare.normalize(a), compare.normalize(b))
        self.assertEqual(compare.normalize(a)[2], "P#2 and P#1")

    def test_pid_mapping_must_agree(self):
        self.assertIsNotNone(compare.compare_output("P4 P5\n", "P4 P4\n"))
        self.assertIsNotNone(compare.compare_output("pid 4\nP5\n",
                                                   "pid 4\nP4\n"))

    def test_blank_and_done_lines_ignored(self):
        self.assertIsNone(compare.compare_output(
            "a\nb\n", "a\n\n   \nb  \n" + DONE))

    def test_no_rename_inside_words(self):
        self.assertEqual(compare.normalize("MP3 pid 42x P7a")[0],
                         "MP3 pid 42x P7a")

    def test_diff_is_unified(self):
        diff = compare.compare_output("one\ntwo\n", "one\nthree\n")
        self.assertIn("-two", diff)
        self.assertIn("+three", diff)
        self.assertTrue(diff.startswith("--- expected"))

    def test_banner_dropped(self):
        self.assertEqual(compare.program_output(BOOT + "hello\n  x\n"),
                         "hello\n  x\n")

    def test_conf(self):
        tmp = tempfile.mkdtemp()
        try:
            path = os.path.join(tmp, "p.conf")
            with open(path, "w") as f:
                f.write("# c\nAPPEND=vm.ffs=64 n=2\nSTRICT=1\n")
            self.assertEqual(compare.parse_conf(path),
                             {"APPEND": "vm.ffs=64 n=2", "STRICT": "1"})
            with open(path, "w") as f:
                f.write("APEND=x\n")
            self.assertRaises(ValueError, compare.parse_conf, path)
        finally:
            shutil.rmtree(tmp)

    def test_run_program_through_batch(self):
        tmp = tempfile.mkdtemp()
        saved = runner.BATCH
        try:
            prog = os.path.join(tmp, "p.c")
            open(prog, "w").close()
            with open(os.path.join(tmp, "p.expected"), "w") as f:
                f.write("main: pid 3 made P4\nP4:: SEGMENTATION_FAULT\n")
            with open(os.path.join(tmp, "p.conf"), "w") as f:
                f.write("APPEND=x=1\nSTRICT=0\nDETERMINISTIC=1\n")
            fake = os.path.join(tmp, "batch")
            with open(fake, "w") as f:
                f.write("#!/bin/sh\necho \"$4 $STRICT $DETERMINISTIC\" > "
                        "%s/args\n"
                        "printf '%s'\nprintf '%s' >&2\nexit ${ST:-0}\n"
                        % (tmp, BOOT + "main: pid 8 made P11\\n"
                           "P11:: SEGMENTATION_FAULT\\n",
                           "batch: halted; killed: P11 SEGMENTATION_FAULT"))
            os.chmod(fake, 0o755)
            runner.BATCH = fake
            res = runner.run_program("p", prog, opts())
            self.assertTrue(res.ok, res.detail + res.tail)
            with open(os.path.join(tmp, "args")) as f:
                self.assertEqual(f.read(), "x=1 0 1\n")
            with open(os.path.join(tmp, "p.expected"), "w") as f:
                f.write("main: pid 3 made P3\n")
            res = runner.run_program("p", prog, opts())
            self.assertFalse(res.ok)
            self.assertIn("+main: pid #1 made P#2", res.tail)
            os.environ["ST"] = "3"
            res = runner.run_program("p", prog, opts())
            del os.environ["ST"]
            self.assertIn("batch exit 3", res.detail)
        finally:
            runner.BATCH = saved
            shutil.rmtree(tmp)


def job(name, ok):
    short = name.split(":")[-1]
    return runner.Job(name, short, lambda o: runner.Result(
        ok, "0.1s" if ok else "0.1s: broke", "" if ok else "    | why",
        "console of " + name))


def jobs():
    return [job("host:test_lib", True), job("vm_lazy", True),
            job("vm_fault", False), job("script:shell", True),
            job("prog:hello", True)]


class Report(unittest.TestCase):

    def run_report(self, **kw):
        out = io.StringIO()
        code = runner.run_tests(opts(**kw), jobs(), out)
        return code, out.getvalue()

    def test_select_full_short_and_globs(self):
        chosen, unknown = runner.select_jobs(jobs(), ["vm_*", "shell",
                                                    "host:test_lib", "nope*"])
        self.assertEqual([j.name for j in chosen],
                         ["host:test_lib", "vm_lazy", "vm_fault",
                          "script:shell"])
        self.assertEqual(unknown, ["nope*"])

    def test_every_listed_name_is_accepted(self):
        code, text = self.run_report(list=True)
        names = text.split()
        self.assertEqual(names, [j.name for j in jobs()])
        for n in names:
            chosen, _ = runner.select_jobs(jobs(), [n])
            self.assertEqual([j.name for j in chosen], [n])

    def test_ends_with_failed_names_and_counts(self):
        tmp = tempfile.mkdtemp()
        try:
            code, text = self.run_report(results=tmp)
            lines = text.strip().splitlines()
            self.assertEqual(code, 1)
            self.assertEqual(lines[-3:], ["Failed tests:", "  vm_fault",
                                          "4 passed, 1 failed"])
            with open(os.path.join(tmp, "vm_fault.result")) as f:
                self.assertEqual(f.read(), "FAIL\n0.1s: broke\n")
            with open(os.path.join(tmp, "prog:hello.output")) as f:
                self.assertEqual(f.read(), "console of prog:hello")
        finally:
            shutil.rmtree(tmp)

    def test_plain_when_not_a_tty(self):
        code, text = self.run_report(tty=False)
        self.assertNotIn("\033", text)
        self.assertNotIn("[1/5]", text)
        self.assertIn("\nPASS  vm_lazy", "\n" + text)

    def test_counter_and_colour_on_a_tty(self):
        code, text = self.run_report(tty=True)
        self.assertIn("[5/5]", text)
        self.assertIn("\033[31mFAIL", text)

    def test_boots_a_private_copy_of_the_kernel(self):
        tmp = tempfile.mkdtemp()
        try:
            kernel = os.path.join(tmp, "xinu.elf")
            with open(kernel, "w") as f:
                f.write("a kernel")
            seen = []

            def look(o):
                with open(o.kernel) as f:
                    seen.append((o.kernel, f.read()))
                return runner.Result(True, "0.1s", "", "")
            runner.run_tests(opts(kernel=kernel), [runner.Job("k", "k", look)],
                             io.StringIO())
            self.assertNotEqual(seen[0][0], kernel)
            self.assertEqual(seen[0][1], "a kernel")
            self.assertFalse(os.path.exists(seen[0][0]))
        finally:
            shutil.rmtree(tmp)

    def test_a_skip_is_shown_and_counted_never_passed(self):
        tmp = tempfile.mkdtemp()
        try:
            skip = runner.Job("net:peer", "peer", lambda o: runner.Result(
                False, "0.1s: no /dev/net/tun", "", "", True))
            out = io.StringIO()
            code = runner.run_tests(opts(results=tmp), [job("vm_lazy", True),
                                                        skip], out)
            lines = out.getvalue().strip().splitlines()
            self.assertEqual(code, 0)
            self.assertIn("SKIP  net:peer", out.getvalue())
            self.assertEqual(lines[-3:], [
                "Skipped tests (not run on this machine):",
                "  net:peer: 0.1s: no /dev/net/tun",
                "1 passed, 0 failed, 1 skipped"])
            with open(os.path.join(tmp, "net:peer.result")) as f:
                self.assertEqual(f.read(), "SKIP\n0.1s: no /dev/net/tun\n")
            code = runner.run_tests(opts(), [skip], io.StringIO())
            self.assertEqual(code, 1)       # nothing passed
        finally:
            shutil.rmtree(tmp)

    def test_a_test_that_cannot_run_here_is_skipped(self):
        import nettests

        def cannot(o):
            raise runner.Skip("no /dev/net/tun")
        nettests.TESTS["cannot"] = cannot
        try:
            res = nettests.run("cannot", opts())
        finally:
            del nettests.TESTS["cannot"]
        self.assertTrue(res.skipped)
        self.assertFalse(res.ok)
        self.assertIn("no /dev/net/tun", res.detail)

    def test_unknown_name_fails(self):
        code, text = self.run_report(only="vm_lazy nosuch")
        self.assertEqual(code, 1)
        self.assertIn("  nosuch", text.splitlines())
        self.assertEqual(text.strip().splitlines()[-1], "1 passed, 1 failed")


class Make(unittest.TestCase):
    """make's front door (make -n and make help only: no builds)."""

    def make(self, *args):
        env = dict(os.environ)
        env.pop("MAKEFLAGS", None)
        env.pop("MAKELEVEL", None)
        return subprocess.run(["make", "--no-print-directory", *args],
                              cwd=TOP, capture_output=True, text=True,
                              env=env)

    def test_help_lists_targets_and_variables(self):
        text = self.make("-s", "help").stdout
        for word in ("make run", "qemu-nox", "make test", "list-tests",
                     "make batch", "make debug", "make qemu-gdb",
                     "make bench", "make iso", "make pxe", "make deploy",
                     "make clean", "make help", "curves", "grade",
                     "APPEND=", "MEM=", "DEFS=", "DISK=", "NET=",
                     "CONSOLE=", "TIMEOUT=", "JOBS=", "TESTS=", "STRICT=",
                     "PROGFLAGS=", "TFTPDIR=", "MAIN=", "GDBPORT=", "LIST=",
                     "SOCK=", "RUNS=", "ICOUNT=", "DETERMINISTIC="):
            self.assertIn(word, text)
        self.assertRegex(text, r"DISK=path\|none")
        self.assertNotRegex(text, r"(DISK|NET)=.*not available yet")

    def test_timeout_and_tests_reach_the_runner(self):
        text = self.make("-n", "test", "LIST=1", "TIMEOUT=7",
                         "TESTS=vm_*").stdout.replace("\\\n", " ")
        line = [l for l in text.splitlines() if "runtests.py" in l][0]
        self.assertIn("--timeout 7", line)
        self.assertIn('--only "vm_*"', line)

    def test_strict_reaches_batch(self):
        text = self.make("-n", "batch", "MAIN=x.c", "STRICT=1").stdout
        self.assertRegex(text, r"STRICT=\"?1")

    def test_deterministic_reaches_batch(self):
        text = self.make("-n", "batch", "MAIN=x.c", "DETERMINISTIC=1").stdout
        self.assertRegex(text, r"DETERMINISTIC=\"?1")
        r = self.make("-n", "batch", "MAIN=x.c", "DETERMINISTIC=yes")
        self.assertEqual(r.returncode, 2)
        self.assertIn("DETERMINISTIC=yes: use 1", r.stderr)

    def test_xv6_aliases(self):
        for target in ("qemu", "qemu-nox", "qemu-gdb"):
            r = self.make("-n", target, "NEED=true")
            self.assertEqual(r.returncode, 0, target + r.stderr)
            self.assertIn("qemu-system-i386" if target != "qemu-gdb"
                          else "compile/bin/debug serve", r.stdout)

    def test_console_unix_does_not_wait_for_a_client(self):
        text = self.make("-n", "run", "CONSOLE=unix", "NEED=true").stdout
        self.assertIn("wait=off", text)

# A stand-in for Bochs: writes FAKE_BOCHS_COM1 to the file its config
# names for COM1, its pid to FAKE_BOCHS_PID, then waits to be killed (or
# exits FAKE_BOCHS_STATUS at once)
FAKE_BOCHS = r"""#!/usr/bin/env python3
import os, re, sys, time
rc = open(sys.argv[sys.argv.index("-f") + 1]).read()
com1 = re.search(r"^com1: .*dev=(.*)$", rc, re.M).group(1)
with open(os.environ["FAKE_BOCHS_PID"], "w") as f:
    f.write(str(os.getpid()))
with open(com1, "w") as f:
    f.write(os.environ.get("FAKE_BOCHS_COM1", ""))
sys.stdout.write("a display that must be drained " * 4000)
sys.stdout.flush()
if "FAKE_BOCHS_STATUS" in os.environ:
    sys.exit(int(os.environ["FAKE_BOCHS_STATUS"]))
time.sleep(600)
"""


class Bochs(unittest.TestCase):
    """The bochs:NAME tests' harness, with stand-ins for Bochs, mkiso
    and need (the real Bochs runs in make test's bochs:NAME tests)."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="xinu-test-bochs-")
        self.saved = (dict(os.environ), bochs.NEED, bochs.MKISO,
                      list(bochs._ready))
        for name, text in (("bochs", FAKE_BOCHS),
                           ("mkiso", "#!/bin/sh\n: >\"$1\"\n"),
                           ("need", "#!/bin/sh\nexit 0\n")):
            path = os.path.join(self.tmp, name)
            with open(path, "w") as f:
                f.write(text)
            os.chmod(path, 0o755)
        os.environ["PATH"] = self.tmp + os.pathsep + os.environ["PATH"]
        os.environ["FAKE_BOCHS_PID"] = os.path.join(self.tmp, "pid")
        bochs.NEED = os.path.join(self.tmp, "need")
        bochs.MKISO = os.path.join(self.tmp, "mkiso")
        bochs._ready.clear()

    def tearDown(self):
        env, bochs.NEED, bochs.MKISO, ready = self.saved
        os.environ.clear()
        os.environ.update(env)
        bochs._ready[:] = ready
        shutil.rmtree(self.tmp, ignore_errors=True)

    def boot(self, com1, **kw):
        os.environ["FAKE_BOCHS_COM1"] = com1
        os.environ.update({k: str(v) for k, v in kw.items()})
        return bochs.run("x", "vm.ffs=4", opts(timeout=20))

    def assert_gone(self):
        with open(os.environ["FAKE_BOCHS_PID"]) as f:
            pid = int(f.read())
        with self.assertRaises(ProcessLookupError):
            os.kill(pid, 0)

    def test_pass_line_ends_the_run_and_bochs_is_killed(self):
        res = self.boot(BOOT + "TEST x: start\nTEST x: PASS\n")
        self.assertTrue(res.ok, res.detail)
        self.assert_gone()

    def test_fail_panic_reboot_and_refusal_fail(self):
        for console, why in (
                ("TEST x: FAIL at swap.c:12\n", "no PASS line"),
                ("PANIC: page fault\n", "PANIC: page fault"),
                (BOOT + "TEST x: start\n" + BOOT, "rebooted"),
                ("cmdline: vm.ffs=0 is below 1\n", "cmdline: vm.ffs=0")):
            res = self.boot(BOOT + console)
            self.assertFalse(res.ok, console)
            self.assertIn(why, res.detail)
            self.assert_gone()

    def test_bochs_quitting_early_says_so(self):
        res = self.boot(BOOT + "TEST x: start\n", FAKE_BOCHS_STATUS=1)
        self.assertFalse(res.ok)
        self.assertIn("Bochs quit (status 1)", res.detail)

    def test_timeout_applies(self):
        os.environ["FAKE_BOCHS_COM1"] = BOOT + "TEST x: start\n"
        res = bochs.run("x", "", opts(timeout=1))
        self.assertFalse(res.ok)
        self.assertIn("timeout", res.detail)
        self.assert_gone()

    def test_no_bochs_is_a_skip_with_the_reason(self):
        with open(bochs.NEED, "w") as f:
            f.write("#!/bin/sh\necho 'need: could not install bochs; "
                    "install them and retry' >&2\nexit 1\n")
        res = self.boot(BOOT + "TEST x: PASS\n")
        self.assertTrue(res.skipped)
        self.assertFalse(res.ok)
        self.assertIn("Bochs is missing and cannot be installed (need: "
                      "could not install bochs", res.detail)

    def test_runner_words_have_no_bochs_machine(self):
        res = bochs.run("x", "+disk vm.swapdev=disk", opts())
        self.assertFalse(res.ok)
        self.assertIn("+disk", res.detail)

    def test_jobs_are_named_in_full_and_need_their_case(self):
        jobs = runner.bochs_jobs({bochs.CASES[0]: ""})
        self.assertEqual([j.name for j in jobs],
                         ["bochs:" + n for n in bochs.CASES])
        self.assertEqual(runner.select_jobs(jobs, ["vm_*"]), ([], ["vm_*"]))
        res = jobs[1].run(opts())
        self.assertFalse(res.ok)
        self.assertIn("not a case of the test image", res.detail)


class Result(unittest.TestResult):
    """Prints "ok NAME" / "FAIL NAME: why" per case."""

    def addSuccess(self, test):
        super().addSuccess(test)
        print("ok %s" % test._testMethodName, flush=True)

    def report(self, test, err):
        why = self._exc_info_to_string(err, test).strip().splitlines()
        print("FAIL %s: %s" % (test._testMethodName,
                               (why[-1] if why else "?")[:200]), flush=True)
        sys.stderr.write("\n".join(why) + "\n")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.report(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self.report(test, err)


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromModule(
        sys.modules[__name__])
    result = Result()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
