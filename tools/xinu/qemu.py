"""qemu.py - the QEMU line of Xinu/VM, its disk images, and one boot.

Every boot of the harness goes through qemu_command: headless, no
reboot, isa-debug-exit on port 0xf4 (status 1 when Xinu halts: the
kernel writes 0; 7 when it refused its command line), no NIC unless one
is asked for, and the kernel's event port (COM2) on a file when asked
(see verdict.py).  Boot runs one QEMU whose console is read and typed
into; test_boot is a boot with test=NAME as make test, make bench and
make curves do it.
"""

import contextlib
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import tempfile
import time

from . import TOP

DEFAULT_TIMEOUT = 60.0  # seconds a boot may take unless told otherwise
DISK_BLOCK = 4096       # bytes per disk block (ATA_BLKSIZ)
HOST_TAG = 0xD15C       # the tag of the pattern disk_image writes
RUNNER_WORDS = ("+disk", "+net", "+cpumax", "+host")


def swap_pages():
    """MAX_SWAP_SIZE from include/paging.h: the pages a disk image holds."""
    with open(os.path.join(TOP, "include/paging.h")) as f:
        m = re.search(r"^#define\s+MAX_SWAP_SIZE\s+(\d+)", f.read(), re.M)
    return int(m.group(1))


def disk_pattern(tag, blk):
    """The 4 KiB block 'blk' as test/kernel/ata.c's pattern() fills it."""
    base = (tag * 0x9E3779B1 & 0xFFFFFFFF) ^ (blk << 12) ^ 0x5A5A0000
    return struct.pack("<1024I", *[base ^ i for i in range(1024)])


def disk_image(path, pages=None):
    """Make a sparse disk image of 'pages' pages (default MAX_SWAP_SIZE)
    at 'path', with the host's pattern (HOST_TAG) in its first, middle
    and last block, which the case ata_host_pattern reads back; returns
    'path'."""
    pages = pages or swap_pages()
    with open(path, "wb") as f:
        f.truncate(pages * DISK_BLOCK)
        for blk in (0, pages // 2, pages - 1):
            f.seek(blk * DISK_BLOCK)
            f.write(disk_pattern(HOST_TAG, blk))
    return path


def drive_args(path, snapshot=False):
    """QEMU's words that attach 'path' as the primary IDE master."""
    return ["-drive", "file=%s,format=raw,if=ide,index=0,media=disk%s"
            % (path.replace(",", ",,"), ",snapshot=on" if snapshot else "")]


@contextlib.contextmanager
def test_boot(kernel, name, args, mem, net=None, extra=()):
    """Boot test=NAME with the words 'args' (TEST_BOOT's), the runner's
    own words (+disk) taken out of the kernel's command line, an e1000
    when 'net' names a backend (see qemu_command), and QEMU options
    'extra' (make bench's -icount).  Yields the Boot; QEMU and the disk
    image are gone afterwards."""
    words = args.split()
    ours = [w for w in words if w.startswith("+")]
    sized = [w for w in ours if re.fullmatch(r"\+disk=[1-9]\d*", w)]
    bad = [w for w in ours if w not in RUNNER_WORDS and w not in sized]
    if bad:
        raise ValueError("unknown runner word %s in TEST_BOOT(%s)"
                         % (bad[0], name))
    append = " ".join(["test=" + name] +
                      [w for w in words if not w.startswith("+")])
    tmp = tempfile.mkdtemp(prefix="xinu-boot-")
    boot = None
    try:
        extra = list(extra)
        if "+disk" in ours or sized:
            pages = int(sized[-1].split("=")[1]) if sized else None
            extra += drive_args(disk_image(os.path.join(tmp, "disk.img"),
                                           pages))
        if "+cpumax" in ours:       # every feature TCG has (RDRAND...)
            extra += ["-cpu", "max"]
        boot = Boot(qemu_command(kernel, append, mem, extra, net=net))
        yield boot
    finally:
        if boot is not None:
            boot.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def nic(netdev, mac=None):
    """QEMU options for one e1000 on backend 'netdev' (QEMU's -netdev
    words after the type: "user", "socket,udp=...")."""
    device = "e1000,netdev=n0" + (",mac=" + mac if mac else "")
    return ["-netdev", netdev + ",id=n0", "-device", device]


# QEMU options of a repeatable run (docs/determinism.md): the guest's
# clocks (the PIT, the TSC, the CMOS clock) count the instructions it
# has run, one nanosecond each, never the host's time; an idle guest
# skips ahead to its next timer (sleep=off) and is never slowed to keep
# pace with the host (align=off); the CMOS clock starts at a fixed date
DETERMINISTIC = ["-icount", "shift=0,sleep=off,align=off",
                 "-rtc", "base=2000-01-01T00:00:00,clock=vm"]


def qemu_command(kernel, append, mem, extra=(), serial="stdio", net=None,
                 events=None, deterministic=False):
    """The QEMU command line that boots 'kernel' headless; with kernel
    None, it boots what 'extra' names (a CD, the network).  The machine
    has no NIC (QEMU's default one is turned off) unless 'net' names a
    -netdev backend for an e1000 (see nic) or 'extra' adds one, and no
    second serial port unless 'events' names the file the kernel's
    event port (COM2) writes to.  'deterministic' adds DETERMINISTIC:
    the same kernel and program then print the same bytes every run
    (not when a disk or a NIC is busy: see docs/determinism.md)."""
    boot = ["-kernel", kernel, "-append", append] if kernel else []
    port = ["-chardev", "file,id=events,path=" + events.replace(",", ",,"),
            "-serial", "chardev:events"] if events else []
    return ["qemu-system-i386", "-m", str(mem), "-no-reboot",
            "-display", "none", "-monitor", "none", "-serial", serial,
            *port, "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-nic", "none", *(nic(net) if net else []),
            *(DETERMINISTIC if deterministic else []), *boot, *extra]


def die_with_parent():
    """A preexec_fn: the child gets SIGKILL when the thread that started
    it ends (PR_SET_PDEATHSIG), so a runner killed with SIGKILL leaves no
    QEMU behind.  Only for a single-threaded runner (batch): a pool
    thread that ends would take its QEMU with it."""
    parent = os.getppid()
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL, 0, 0, 0)      # PR_SET_PDEATHSIG
    if os.getppid() != parent:                  # it died before prctl
        os._exit(1)


class Boot:
    """One QEMU run whose console we read and can type into."""

    def __init__(self, cmd, echo=None, stderr=subprocess.STDOUT,
                 tied=False):
        """Start 'cmd'; its stderr goes with the console unless 'stderr'
        names a file; 'tied' makes it die with this process (see
        die_with_parent)."""
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=stderr,
                                     start_new_session=True,
                                     preexec_fn=die_with_parent if tied
                                     else None)
        self.out = b""
        self.echo = echo

    def text(self):
        return self.out.decode("latin-1").replace("\r", "")

    def pump(self, deadline):
        """Read console output until 'deadline'; False once QEMU is gone."""
        wait = max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([self.proc.stdout], [], [], wait)
        if not ready:
            return True
        data = os.read(self.proc.stdout.fileno(), 65536)
        if not data:
            return False
        self.out += data
        if self.echo is not None:
            self.echo.write(data.decode("latin-1").replace("\r", ""))
            self.echo.flush()
        return True

    def send(self, data):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass

    def finish(self, deadline):
        """Read until QEMU exits or the deadline; returns its status or
        None on timeout (QEMU is then killed)."""
        while time.monotonic() < deadline:
            if not self.pump(deadline):
                return self.proc.wait()
        self.kill()
        return None

    def kill(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
