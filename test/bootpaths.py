"""bootpaths.py - tests of the ways Xinu/VM boots besides -kernel

runner.py runs these in its pool beside the in-kernel tests (make test),
one line each as "boot:NAME".  Each builds its boot media in a temporary
folder of its own, boots a fresh QEMU with test=CASE on the kernel
command line and passes on the runner's judgement of an in-kernel test
(status 1 and the line "TEST CASE: PASS"):
  iso      compile/bin/mkiso's GRUB 2 rescue ISO, booted from -cdrom
  pxe      compile/bin/mkpxe's TFTP tree, PXE-booted through QEMU's
           user-mode DHCP and TFTP on an e1000: iPXE loads xinu.grub,
           GRUB loads its modules, grub.cfg and xinu.boot over TFTP;
           then Xinu's own driver brings the network up by DHCP
  deploy   compile/bin/deploy refuses a missing TFTPDIR; fills an empty
           one from that tree; run again with an older kernel in TFTPDIR
           and another grub.cfg in the tree, it replaces the kernel and
           keeps TFTPDIR's grub.cfg; then TFTPDIR PXE-boots
  console  the serial console on a unix socket, as make run CONSOLE=unix
           puts it: a client connects and runs CONSOLE_SESSION
GRUB draws on the serial line before Xinu's banner; its escape sequences
are dropped before judging (its text cannot look like a banner).
"""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time

import xinu
from xinu import qemu, runner, verdict

CASE = "sched_priority_order"       # the in-kernel test every path boots
BIN = os.path.join(xinu.TOP, "compile/bin")
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# The banner line of a network brought up by DHCP on QEMU's user network
DHCP_LINE = re.compile(r"^  ip       10\.0\.2\.15/24 router 10\.0\.2\.2 \(DHCP",
                       re.M)

# The console session, as a person at minicom would have it: ("expect",
# REGEX) waits until the console, after the previous match, matches
# REGEX; ("send", TEXT) types TEXT.  It boots to the shell, runs ps, sees
# the shell listed, and halts the machine with exit.
CONSOLE_APPEND = ""
CONSOLE_SESSION = [("expect", verdict.BANNER.pattern),
                   ("expect", r"xsh \$ "), ("send", "ps\n"),
                   ("expect", r"^ *\d+ shell "), ("expect", r"xsh \$ "),
                   ("send", "exit\n")]
CONSOLE_STATUS = verdict.EXIT_DONE

# The first build installs GRUB's packages; one apt-get at a time
building = threading.Lock()


def build(script, *args):
    """Run compile/bin/SCRIPT; returns None or why it failed."""
    with building:
        r = subprocess.run([os.path.join(BIN, script), *args],
                           capture_output=True, text=True)
    if r.returncode != 0:
        return "%s failed: %s" % (script, r.stderr.strip()[-300:])
    return None


def pxe_media(tftpdir):
    """QEMU options that PXE-boot xinu.grub from 'tftpdir'."""
    return ["-boot", "n", "-device", "e1000,netdev=n0", "-netdev",
            "user,id=n0,tftp=%s,bootfile=xinu.grub" % tftpdir]


def boot_case(media, opts):
    """Boot QEMU from 'media'; returns a reason or None, and the console."""
    boot = qemu.Boot(qemu.qemu_command(None, "", opts.mem, media))
    status = boot.finish(time.monotonic() + runner.limit(opts))
    console = ESCAPES.sub("", boot.text())
    return verdict.test_verdict(CASE, console, status), console


def pxe_tree(tftpdir, opts):
    """mkpxe a tree booting test=CASE; returns None or why it failed."""
    return (build("need", "/usr/lib/ipxe/qemu/efi-e1000.rom:ipxe-qemu")
            or build("mkpxe", tftpdir, opts.kernel, "test=" + CASE))


def test_iso(tmp, opts):
    iso = os.path.join(tmp, "xinu.iso")
    why = build("mkiso", iso, opts.kernel, "test=" + CASE)
    return (why, "") if why else boot_case(["-cdrom", iso], opts)


def test_pxe(tmp, opts):
    why = pxe_tree(tmp, opts)
    if why:
        return why, ""
    why, console = boot_case(pxe_media(tmp), opts)
    if why is None and not DHCP_LINE.search(console):
        why = "the network did not come up after the boot (no DHCP line)"
    return why, console


def test_deploy(tmp, opts):
    src, dst = os.path.join(tmp, "src"), os.path.join(tmp, "tftp")
    why = pxe_tree(src, opts)
    if why is None and build("deploy", src, dst) is None:
        why = "deploy into a missing TFTPDIR succeeded"
    if why is None:
        os.mkdir(dst)
        why = build("deploy", src, dst)
    for f in ("xinu.boot", "xinu.grub", "boot/grub/grub.cfg",
              "boot/grub/i386-pc/normal.mod"):
        if why is None and not os.path.isfile(os.path.join(dst, f)):
            why = "first deploy left out " + f
    if why:
        return why, ""
    with open(os.path.join(dst, "xinu.boot"), "w") as f:
        f.write("an older kernel\n")
    with open(os.path.join(src, "boot/grub/grub.cfg"), "w") as f:
        subprocess.run([os.path.join(BIN, "grubcfg"), "/xinu.boot",
                        "test=no_such_test"], stdout=f, check=True)
    why = build("deploy", src, dst)
    return (why, "") if why else boot_case(pxe_media(dst), opts)


class Console:
    """A client of QEMU's serial console on a unix socket."""

    def __init__(self, path, deadline):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        while True:
            try:
                self.sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)
        self.out = b""

    def text(self):
        return ESCAPES.sub("", self.out.decode("latin-1").replace("\r", ""))

    def pump(self, deadline):
        """Read until 'deadline'; False once QEMU has closed the socket."""
        self.sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            return True
        self.out += data
        return bool(data)

    def expect(self, pattern, pos, deadline):
        """End of the first match of 'pattern' after 'pos', or None."""
        pat = re.compile(pattern, re.M | re.S)
        while True:
            m = pat.search(self.text(), pos)
            if m:
                return m.end()
            if time.monotonic() >= deadline or not self.pump(deadline):
                return None


def test_console(tmp, opts):
    path = os.path.join(tmp, "console.sock")
    serial = "unix:%s,server=on,wait=on" % path
    boot = qemu.Boot(qemu.qemu_command(opts.kernel, CONSOLE_APPEND,
                                           opts.mem, serial=serial))
    deadline = time.monotonic() + runner.limit(opts)
    try:
        con = Console(path, deadline)
    except OSError as e:
        boot.kill()
        return "cannot connect to %s: %s" % (path, e), boot.text()
    pos = 0
    for what, arg in CONSOLE_SESSION:
        if what == "send":
            con.sock.sendall(arg.encode("latin-1"))
            continue
        pos = con.expect(arg, pos, deadline)
        if pos is None:
            boot.kill()
            return "never saw /%s/ on the socket" % arg, con.text()
    while con.pump(deadline) and time.monotonic() < deadline:
        pass
    status = boot.finish(deadline)
    return verdict.judge(con.text(), status, status is None,
                        CONSOLE_STATUS), con.text()


TESTS = {"iso": test_iso, "pxe": test_pxe, "deploy": test_deploy,
         "console": test_console}


def run(name, opts):
    """Run boot-path test 'name'; returns a runner.Result."""
    start = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="xinu-boot-%s-" % name)
    try:
        why, console = TESTS[name](tmp, opts)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return runner.timed(start, why, console)
