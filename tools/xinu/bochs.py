"""bochs.py - in-kernel tests under a second emulator (make test's bochs:NAME).

QEMU's TCG forgives mistakes that real CPUs and stricter emulators do
not: a missing invlpg, a stale TLB entry, a reserved PTE bit.  Bochs
models the TLB and the paging checks closely, so a subset of the
in-kernel tests (CASES) runs there too.  Each bochs:NAME test boots the
test image from a GRUB ISO of its own (compile/bin/mkiso) whose kernel
command line is test=NAME and the case's words, with COM1 in a file.
Bochs has no isa-debug-exit: the run is over when the console says so
(the case's "TEST NAME: PASS" or "TEST NAME: FAIL" line, a panic, a
second boot banner, a refused command line), and the harness then kills
Bochs by its pid.  The console is judged as QEMU's is
(verdict.test_verdict).

Debian's Bochs 2.7 (the packages in PACKAGES, installed on first use)
has no headless display: its text display ("term") is given a pty of
ours, which we drain.  Its default sound driver kills it without a sound
card, so sound is off, and it is built with its debugger, which waits at
a prompt until a command file (-rc) says "c".  Where Bochs is missing
and cannot be installed the tests SKIP with the reason.
"""

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sysconfig
import tempfile
import termios
import threading
import time

from . import TOP
from .runner import Result, skipped, timed
from .verdict import BANNER, CMDLINE, PANIC, EXIT_DONE, test_verdict

# The subset: boot and the VM's fresh state, lazy allocation, segfaults,
# swap-out and swap-in (every workload under every policy, a full swap
# under every policy, each policy's own case, the clock's trace), virtual
# stacks and a guard-page overflow, the vmalloc/vfree fuzz, process
# lifecycles.  Bochs is far slower than QEMU (vm_lifecycles: 0.4 s there,
# about 20 s under Bochs, the boot included): a case that takes QEMU more
# than a few seconds does not belong here.
CASES = ("vm_fresh_counters",
         "vm_lazy_allocation",
         "vm_segfault_kills_only_the_process",
         "swap_data_integrity",
         "vm_workloads_fifo_matches_model",
         "swap_full_pages_that_fit_live",
         "swap_trace_follows_the_clock_hand",
         "policy_fifo_evicts_the_oldest_fill",
         "policy_aging_evicts_the_least_used_over_ticks",
         "swap_random_policy_is_reproducible",
         "vstack_pingpong_under_preemption",
         "vstack_overflow_kills_only_the_process",
         "vm_fuzz_calls",
         "vm_lifecycles")

BIOS = "/usr/share/bochs/BIOS-bochs-latest"
VGABIOS = "/usr/share/bochs/VGABIOS-lgpl-latest"
TERM_PLUGIN = "/usr/lib/%s/bochs/plugins/libbx_term_gui.so" % (
    sysconfig.get_config_var("MULTIARCH") or "x86_64-linux-gnu")
# compile/bin/need's words: a command or a file each package installs
PACKAGES = ("bochs:bochs", BIOS + ":bochsbios",
            "/usr/share/vgabios/vgabios.bin:vgabios",
            TERM_PLUGIN + ":bochs-term")
NEED = os.path.join(TOP, "compile/bin/need")
MKISO = os.path.join(TOP, "compile/bin/mkiso")
# Bochs's clock: instructions per emulated second.  At its default, 4
# million, a 1 ms tick is 4,000 instructions, and the aging policy's tick
# (every frame in use visited) fills it with 64 frames in use: the guest
# stops.  vm_workloads_fifo_matches_model with "vm.ffs=64 wlrefs=3000"
# ran clock, random and fifo in seconds and then nothing under aging for
# 150 s; at 20 million the whole case takes 6 s (and at vm.ffs=24 aging
# passes at 4 million too).
IPS = 20000000
TIMEOUT = 120.0         # seconds a case may take (make test TIMEOUT= wins)

CONFIG = """\
megs: %(mem)s
cpu: ips=%(ips)d
romimage: file=%(bios)s
vgaromimage: file=%(vgabios)s
ata0-master: type=cdrom, path=%(iso)s, status=inserted
boot: cdrom
com1: enabled=1, mode=file, dev=%(com1)s
display_library: term
sound: driver=dummy
plugin_ctrl: speaker=0
log: %(log)s
"""

_ready = []             # once per run: None, or why Bochs cannot run
_ready_lock = threading.Lock()


def ready():
    """None when Bochs can run here (installing it first if need be),
    else why not.  Asked once per run: the tests run in a pool."""
    with _ready_lock:
        if not _ready:
            r = subprocess.run([NEED, *PACKAGES], capture_output=True,
                               text=True)
            why = None
            if r.returncode != 0:
                lines = r.stderr.strip().splitlines() or ["need failed"]
                why = "Bochs is missing and cannot be installed (%s)" \
                    % lines[-1]
            _ready.append(why)
        return _ready[0]


def make_iso(iso, kernel, name, args):
    """The ISO that boots 'kernel' with test=NAME and the case's words;
    None, or why it could not be made."""
    words = ["test=" + name] + args.split()
    r = subprocess.run([MKISO, iso, kernel, *words], capture_output=True,
                       text=True)
    if r.returncode != 0:
        return "mkiso: " + (r.stderr.strip() or "status %d" % r.returncode)
    return None


def over(name, console):
    """Has the kernel said the run is over (so Bochs can be killed)?"""
    return ("TEST %s: PASS" % name in console
            or "TEST %s: FAIL" % name in console
            or PANIC.search(console) is not None
            or CMDLINE.search(console) is not None
            or len(BANNER.findall(console)) > 1)


def read_text(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("latin-1").replace("\r", "")
    except OSError:
        return ""


def start(tmp, iso, mem):
    """Start Bochs on 'iso' in the folder 'tmp'; returns (the process,
    the pty's master end, which the caller drains and closes)."""
    rc, cmds = os.path.join(tmp, "bochsrc"), os.path.join(tmp, "cmds")
    with open(rc, "w") as f:
        f.write(CONFIG % {"mem": mem, "ips": IPS, "bios": BIOS,
                          "vgabios": VGABIOS, "iso": iso, "com1": os.path.join(tmp, "com1"),
                          "log": os.path.join(tmp, "bochs.log")})
    with open(cmds, "w") as f:
        f.write("c\n")          # the debugger's prompt: continue
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 25, 80, 0, 0))
    env = dict(os.environ, TERM="vt100")
    try:
        proc = subprocess.Popen(["bochs", "-q", "-f", rc, "-rc", cmds],
                                stdin=slave, stdout=slave, stderr=slave,
                                cwd=tmp, env=env, start_new_session=True)
    except OSError:
        os.close(master)
        raise
    finally:
        os.close(slave)
    return proc, master


def wait_over(name, proc, master, com1, deadline):
    """Drain the display until the console says the run is over, Bochs
    quits or the deadline passes; returns (console, why Bochs stopped
    early or None, timed out)."""
    while True:
        console = read_text(com1)
        if over(name, console):
            return console, None, False
        if proc.poll() is not None:
            return console, "Bochs quit (status %d)" % proc.returncode, False
        if time.monotonic() >= deadline:
            return console, None, True
        ready_fds, _, _ = select.select([master], [], [], 0.1)
        if ready_fds:
            try:
                os.read(master, 65536)
            except OSError:     # the display closed: Bochs is going
                time.sleep(0.1)


def run(name, args, opts):
    """Boot test=NAME under Bochs and judge its console."""
    start_time = time.monotonic()
    if any(w.startswith("+") for w in args.split()):
        return Result(False, "TEST_BOOT(%s, \"%s\"): the runner's words "
                      "(+disk, +net, ...) have no Bochs machine" % (name, args),
                      "", "")
    why = ready()
    if why:
        return skipped(start_time, why)
    tmp = tempfile.mkdtemp(prefix="xinu-bochs-")
    proc = master = None
    try:
        iso = os.path.join(tmp, "xinu.iso")
        why = make_iso(iso, opts.kernel, name, args)
        if why:
            return Result(False, why, "", "")
        proc, master = start(tmp, iso, opts.mem)
        console, early, late = wait_over(name, proc, master,
                                         os.path.join(tmp, "com1"),
                                         time.monotonic() + (opts.timeout or TIMEOUT))
        reason = test_verdict(name, console, None if late else EXIT_DONE)
        if early and reason == "no PASS line":
            log = read_text(os.path.join(tmp, "bochs.log"))
            reason = "%s before the test's result; its log ends:\n%s" % (
                early, "\n".join(log.strip().splitlines()[-5:]))
        return timed(start_time, reason, console)
    finally:
        if proc is not None and proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        if proc is not None:
            proc.wait()
        if master is not None:
            os.close(master)
        shutil.rmtree(tmp, ignore_errors=True)
