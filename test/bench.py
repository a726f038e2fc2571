#!/usr/bin/env python3
"""bench.py - boot each benchmark case once and print what it measured.

make bench runs it.  The cases are the TEST(bench_...) cases of
test/kernel/bench.c.  Each boots in a fresh QEMU with test=NAME, as in
make test, but one at a time so that they do not compete for the host's
CPUs, and prints lines

    BENCH name value unit

which are gathered into one table.  The host adds a number of its own:
boot_to_first_test, the time from starting QEMU to the console line
"TEST bench_boot: start" (QEMU's start-up, the boot, the kernel's
initialization).  Cases with "+disk" boot with a private disk image, as
in make test.

Per operation the table gives cycles of the guest's time-stamp counter
(under QEMU's TCG it counts at the host's rate: tsc_rate) and
microseconds from the kernel's 1 ms clock over the whole loop; the last
column turns the cycles into microseconds at tsc_rate.  The two
microsecond columns disagree when the emulated clock loses ticks.

The network's cases (bench_net_udp, with bench_net_echo on a second
machine: UDP round trip and throughput between two Xinu machines on
one link) are booted by test/nettests.py.

The numbers are not judged; bench.py fails (status 1) only when a case
does not boot and PASS, since its numbers are then missing.
"""

import argparse
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import runner                   # noqa: E402  (Boot, qemu_command, ...)
import nettests                 # noqa: E402  (the two-machine cases)

BENCH_LINE = re.compile(r"^BENCH (\S+) (\S+) (\S+)$", re.M)
FIRST_TEST = "bench_boot"


def boot_case(name, args, opts):
    """Boot test=NAME once; returns (reason or None, console, seconds to
    its start line)."""
    with runner.test_boot(opts.kernel, name, args, opts.mem) as boot:
        start = time.monotonic()
        deadline = start + opts.timeout
        started = None
        marker = "TEST %s: start" % name
        while started is None and time.monotonic() < deadline:
            if marker in boot.text():
                started = time.monotonic() - start
            elif not boot.pump(deadline):
                break
        status = boot.finish(deadline)
        console = boot.text()
    return runner.test_verdict(name, console, status), console, started


def measures(name, console, started):
    """The (measure, value, unit) triples of one boot, in order."""
    found = []
    if name == FIRST_TEST and started is not None:
        found.append(("boot_to_first_test", "%.0f" % (started * 1000), "ms"))
    found += BENCH_LINE.findall(console)
    return found


def add_rows(rows, case, found):
    """Append case's (measure, value, unit) triples to 'rows', one row
    per measure with its values by unit."""
    byname = {}
    for measure, value, unit in found:
        if measure not in byname:
            byname[measure] = {}
            rows.append((case, measure, byname[measure]))
        byname[measure][unit] = value


def table(rows):
    """Print the rows [(case, measure, {unit: value})] as a table."""
    tsc = next((float(u["MHz"]) for _, m, u in rows
                if m == "tsc_rate" and "MHz" in u), None)
    head = ("case", "measure", "cycles", "us", "us (TSC)", "other")
    out = [head]
    for case, measure, units in rows:
        cycles = units.get("cycles", "")
        by_tsc = ("%.2f" % (float(cycles) / tsc)) if cycles and tsc else ""
        other = "  ".join("%s %s" % (v, u) for u, v in units.items()
                          if u not in ("cycles", "us"))
        out.append((case, measure, cycles, units.get("us", ""), by_tsc,
                    other))
    widths = [max(len(r[i]) for r in out) for i in range(len(head))]
    for r in out:
        cells = [r[0].ljust(widths[0]), r[1].ljust(widths[1])]
        cells += [r[i].rjust(widths[i]) for i in range(2, 5)]
        cells.append(r[5])
        print("  ".join(cells).rstrip())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel",
                    default=os.path.join(runner.TOP, "compile/test/xinu.elf"))
    ap.add_argument("--mem", default="256")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--only", default="",
                    help="space-separated bench case names")
    opts = ap.parse_args()

    try:
        cases = [(n, a) for n, a in runner.kernel_tests(opts)
                 if n.startswith("bench_") and "+net" not in a.split()]
    except runner.NoTestList as e:
        print("bench.py: %s" % e, file=sys.stderr)
        return 1
    if opts.only:
        cases = [(n, a) for n, a in cases if n in opts.only.split()]
    if not cases and "bench_net_udp" not in opts.only.split():
        print("bench.py: no bench_ cases in %s" % opts.kernel, file=sys.stderr)
        return 1

    rows, failed = [], 0
    for name, args in cases:
        reason, console, started = boot_case(name, args, opts)
        if reason is not None:
            failed += 1
            print("FAIL  %s: %s" % (name, reason))
            print(runner.tail(console))
            continue
        add_rows(rows, name, measures(name, console, started))
    if not opts.only or any(n.startswith("bench_net") for n in
                            opts.only.split()):
        reason, console = nettests.bench(opts)
        if reason is not None:
            failed += 1
            print("FAIL  bench_net_udp: %s" % reason)
            print(runner.tail(console))
        else:
            add_rows(rows, "bench_net_udp", BENCH_LINE.findall(console))
    table(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
