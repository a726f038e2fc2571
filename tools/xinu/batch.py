"""batch.py - make batch's boot of Xinu/VM.

compile/bin/batch builds the program's kernel and runs tools/batch.py
on it: boot headless, stream the console to stdout, end with one verdict
line on stderr and exit with its status (verdict.batch_verdict).  The
verdict never reads the console, which the program writes too: it reads
the kernel's event port (COM2), attached to the file --events names,
QEMU's exit status and stderr (kept apart from the console), and the
clock.
"""

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time

from .qemu import DEFAULT_TIMEOUT, Boot, drive_args, qemu_command
from .verdict import batch_verdict


class Interrupted(Exception):
    """A signal stopped a batch run; args[0] is its number."""


STOPPING = []           # a signal is being handled: later ones wait


def interrupted(signum, frame):
    """The first SIGINT or SIGTERM stops the run; later ones (compile/
    bin/batch passes its own on, so one often follows) are dropped."""
    if not STOPPING:
        STOPPING.append(signum)
        raise Interrupted(signum)


def sandboxed(opts, evpath):
    """With --sandbox, the bubblewrap words (sandbox.py) that run
    a batch boot's QEMU seeing only the image's and the event file's
    folders (written) and the disk image's (read: snapshot=on writes
    its overlay to the sandbox's /tmp); else nothing."""
    if not opts.sandbox:
        return []
    from . import sandbox
    rw = sorted({os.path.dirname(os.path.abspath(opts.batch)),
                 os.path.dirname(os.path.abspath(evpath))})
    ro = [os.path.dirname(os.path.abspath(opts.disk))] if opts.disk else []
    return sandbox.command([], rw, ro)


def run_batch(opts):
    """Boot once, stream the console, end with the verdict line.  The
    kernel's events go to the file --events (default: a temporary one)
    and QEMU's stderr to a file beside it, copied to our stderr at the
    end.  SIGTERM (and SIGINT, unless it was ignored when we started, as
    in compile/bin/batch, which says it is interrupted itself) ends the
    run with no verdict, status 128+signal, and no QEMU left."""
    out = sys.stdout
    for sig in (signal.SIGTERM, signal.SIGINT):
        if signal.getsignal(sig) != signal.SIG_IGN:
            signal.signal(sig, interrupted)
    tmp = None
    boot = None
    try:
        if opts.events:
            evpath = opts.events
        else:
            tmp = tempfile.mkdtemp(prefix="xinu-batch-")
            evpath = os.path.join(tmp, "events")
        open(evpath, "w").close()
        disk = drive_args(opts.disk, snapshot=True) if opts.disk else []
        with open(evpath + ".qemu-stderr", "w+") as err:
            boot = Boot(sandboxed(opts, evpath) + qemu_command(
                                     opts.batch, opts.append, opts.mem, disk,
                                     net=getattr(opts, "net", None),
                                     events=evpath,
                                     deterministic=opts.deterministic),
                        echo=out, stderr=err, tied=True)
            timeout = opts.timeout or DEFAULT_TIMEOUT
            status = boot.finish(time.monotonic() + timeout)
            boot.kill()
            err.seek(0)
            qemu_err = err.read()
        with open(evpath, encoding="latin-1") as f:
            evtext = f.read()
    except Interrupted as e:
        return 128 + e.args[0]
    finally:                    # ^C or TERM: leave no QEMU behind
        STOPPING.append(0)
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, signal.SIG_IGN)
        if boot is not None:
            boot.kill()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    code, line = batch_verdict(evtext, status, timeout, opts.strict,
                               boot.text(), qemu_err)
    if not boot.text().endswith("\n"):
        out.write("\n")
        out.flush()
    sys.stderr.write(qemu_err)
    print(line, file=sys.stderr, flush=True)
    return code


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("batch", metavar="KERNEL", help="the kernel to boot")
    ap.add_argument("--mem", default="256")
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds before giving up (default 60)")
    ap.add_argument("--append", default="")
    ap.add_argument("--disk", default="",
                    help="a disk image, attached with snapshot=on "
                    "(its file is never written)")
    ap.add_argument("--events", default="",
                    help="the file the kernel's event port writes to "
                    "(default: a temporary one)")
    ap.add_argument("--strict", action="store_true",
                    help="exit 3 when the kernel killed a process")
    ap.add_argument("--deterministic", action="store_true",
                    help="QEMU counts instructions for the guest's "
                    "clocks, so a run repeats exactly")
    ap.add_argument("--net", action="store_const", const="user",
                    default=None, help="an e1000 on QEMU's user network "
                    "(make NET=1)")
    ap.add_argument("--sandbox", action="store_true",
                    help="boot QEMU in sandbox.py's bubblewrap sandbox "
                    "(make batch SANDBOX=1)")
    opts = ap.parse_args()
    if opts.timeout is not None and not opts.timeout > 0:
        ap.error("--timeout %g: use a number of seconds above 0"
                 % opts.timeout)
    try:
        return run_batch(opts)
    except Interrupted as e:    # a second signal in a narrow window
        return 128 + e.args[0]
