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
microseconds from the kernel's 1 ms clock over the whole loop; the column
"us (TSC)" turns the cycles into microseconds at tsc_rate.  The two
microsecond columns disagree when the emulated clock loses ticks.

The network's cases (bench_net_udp, with bench_net_echo on a second
machine: UDP round trip and throughput between two Xinu machines on
one link) are booted by test/nettests.py, once.

Each case boots --runs times (default 3); the table gives the median
and, after it, the spread (lowest-highest) of the runs.

The floor: bench_faults also measures, in the same boot and by the same
method, the work a fault cannot avoid (floor_trap: an int to a handler
that only irets; floor_zero, floor_copy: one page zeroed or copied by
the fault path's own page_zero and page_copy; floor_invlpg), and the
table ends with each fault kind as a ratio to its floor:

    fault_lazy                 trap + zero + invlpg
    fault_swapin               trap + copy + invlpg
    fault_evict_dirty_swapin   trap + 2 copies + 2 invlpg
    fault_evict_clean_swapin   trap + copy + 2 invlpg (a clean page's
                               copy in swap is good: nothing is written)
    fault_lazy_evict           trap + copy + zero + 2 invlpg

bench_evict_every_policy gives fault_lazy_evict_NAME for every policy of
the table (vm.policy=NAME), each against fault_lazy_evict's floor.

bench_seal (vm.swapcrypt=on) adds sealed swap against its bases, all in
its one boot: seal_4k and open_4k (ChaCha20-Poly1305 over one page,
also given in cycles per byte) against copy_4k, and the sealed swap-in
faults against the same faults with the plain backend put back
(plain_fault_swapin, plain_fault_evict_dirty_swapin); bench_seal_disk
does the same on disk swap (disk_sealed_..., disk_plain_...).

--icount runs QEMU with -icount shift=0: the guest's clock and TSC then
count instructions (1 ns each), so cycles become instruction counts and
repeat from run to run whatever the host's load; microseconds are then
virtual too.

--csv FILE writes every measure (case, measure, unit, median, low, high,
runs) and the floor ratios (case "ratio").

The numbers are not judged; bench.py fails (status 1) only when a case
does not boot and PASS, since its numbers are then missing.
"""

import argparse
import csv
import os
import re
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "test"))
import xinu
from xinu import qemu, runner, verdict  # noqa: E402  (Boot, qemu_command, ...)
import nettests                 # noqa: E402  (the two-machine cases)

BENCH_LINE = re.compile(r"^BENCH (\S+) (\S+) (\S+)$", re.M)
FIRST_TEST = "bench_boot"
ICOUNT = ["-icount", "shift=0,sleep=off"]

# Each fault kind's floor: {floor measure: how many}
FLOORS = [
    ("fault_lazy", {"floor_trap": 1, "floor_zero": 1, "floor_invlpg": 1}),
    ("fault_swapin", {"floor_trap": 1, "floor_copy": 1, "floor_invlpg": 1}),
    ("fault_evict_clean_swapin",
     {"floor_trap": 1, "floor_copy": 1, "floor_invlpg": 2}),
    ("fault_evict_dirty_swapin",
     {"floor_trap": 1, "floor_copy": 2, "floor_invlpg": 2}),
    ("fault_lazy_evict",
     {"floor_trap": 1, "floor_copy": 1, "floor_zero": 1, "floor_invlpg": 2}),
    # bench_seal: sealed swap against plain swap and a page copy, in the
    # same boot (vm.swapcrypt=on; the plain backend put back for plain_)
    ("seal_4k", {"copy_4k": 1}),
    ("open_4k", {"copy_4k": 1}),
    ("sealed_fault_swapin", {"plain_fault_swapin": 1}),
    ("sealed_fault_evict_dirty_swapin",
     {"plain_fault_evict_dirty_swapin": 1}),
    ("disk_sealed_fault_swapin", {"disk_plain_fault_swapin": 1}),
    ("disk_sealed_fault_evict_dirty_swapin",
     {"disk_plain_fault_evict_dirty_swapin": 1}),
]
CIPHER = ("seal_4k", "open_4k")     # also given per byte (4096 bytes)


def boot_case(name, args, opts):
    """Boot test=NAME once; returns (reason or None, console, seconds to
    its start line)."""
    extra = ICOUNT if opts.icount else ()
    with qemu.test_boot(opts.kernel, name, args, opts.mem,
                          extra=extra) as boot:
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
    return verdict.test_verdict(name, console, status), console, started


def measures(name, console, started):
    """The (measure, value, unit) triples of one boot, in order."""
    found = []
    if name == FIRST_TEST and started is not None:
        found.append(("boot_to_first_test", "%.0f" % (started * 1000), "ms"))
    found += BENCH_LINE.findall(console)
    return found


def add_values(rows, byname, case, found):
    """Add one boot's (measure, value, unit) triples of 'case' to 'rows',
    one row per measure whose units each hold the values of every run
    ('byname' finds a case's rows)."""
    for measure, value, unit in found:
        if (case, measure) not in byname:
            byname[(case, measure)] = {}
            rows.append((case, measure, byname[(case, measure)]))
        byname[(case, measure)].setdefault(unit, []).append(float(value))


def median(values):
    v = sorted(values)
    return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] +
                                                v[len(v) // 2]) / 2


def number(v):
    return ("%d" % v) if float(v).is_integer() else ("%.2f" % v)


def micro(v):
    """Microseconds to three significant figures or so: 945, 17.8, 2.19."""
    if float(v).is_integer() or v >= 100:
        return "%.0f" % v
    return "%.1f" % v if v >= 10 else "%.2f" % v


def summary(values, fmt=number):
    """'median' or 'median (low-high)' of a list of numbers."""
    if not values:
        return ""
    m = fmt(median(values))
    if len(values) == 1 or min(values) == max(values):
        return m
    return "%s (%s-%s)" % (m, fmt(min(values)), fmt(max(values)))


def table(rows):
    """The rows [(case, measure, {unit: [values]})] as the lines of a
    table under 100 columns: each case on a line of its own, its measures
    indented under it.  A measure with neither cycles nor us gives its
    other units (ms, MHz, faults, ...) where the cycles go."""
    tsc = next((median(u["MHz"]) for _, m, u in rows
                if m == "tsc_rate" and "MHz" in u), None)
    timed, cases = [], {}
    for case, measure, units in rows:
        cycles = units.get("cycles", [])
        other = "  ".join("%s %s" % (summary(v), u) for u, v in units.items()
                          if u not in ("cycles", "us"))
        cells = ("  " + measure, summary(cycles),
                 summary(units.get("us", []), micro),
                 micro(median(cycles) / tsc) if cycles and tsc else "")
        cases.setdefault(case, []).append((cells, other))
        if cells[1] or cells[2]:
            timed.append(cells)
    head = ("measure", "cycles", "us", "us (TSC)")
    widths = [max(len(r[i]) for r in timed + [head]) for i in range(4)]
    widths[0] = max([widths[0]] + [len(c[0]) for r in cases.values()
                                   for c, _ in r])
    lines = columns([head + ("",)], 1, widths + [0])
    for case, measured in cases.items():
        lines.append(case)
        for cells, other in measured:
            if cells[1] or cells[2]:
                lines += columns([cells + (other,)], 1, widths + [0])
            else:
                lines.append(cells[0].ljust(widths[0]) + "  " + other)
    return lines


def columns(out, left, widths=None):
    """Lines of the rows 'out': 'left' columns left-aligned, the rest
    right-aligned but the last, which is left as it is."""
    widths = widths or [max(len(r[i]) for r in out)
                        for i in range(len(out[0]))]
    lines = []
    for r in out:
        cells = [r[i].ljust(widths[i]) for i in range(left)]
        cells += [r[i].rjust(widths[i]) for i in range(left, len(r) - 1)]
        cells.append(r[-1])
        lines.append("  ".join(cells).rstrip())
    return lines


def ratios(rows):
    """[(fault kind, its cycles, its floor's cycles, [ratio per run],
    formula)] from the rows of bench_faults; the ratio of each run is
    taken within that run's boot."""
    cyc = {m: u.get("cycles", []) for _, m, u in rows}
    found = []
    evict = dict(FLOORS)["fault_lazy_evict"]    # bench_evict_every_policy
    for kind, parts in FLOORS + [(m, evict) for m in cyc
                                 if m.startswith("fault_lazy_evict_")]:
        if not cyc.get(kind) or any(not cyc.get(p) for p in parts):
            continue
        runs = min([len(cyc[kind])] + [len(cyc[p]) for p in parts])
        floors = [sum(n * cyc[p][r] for p, n in parts.items())
                  for r in range(runs)]
        per_run = [cyc[kind][r] / floors[r] for r in range(runs)]
        formula = "+".join(("%d %s" % (n, short(p)) if n > 1
                              else short(p)) for p, n in parts.items())
        if list(parts) == [kind.replace("sealed", "plain")]:
            formula = "the same, plain"
        found.append((kind, median(cyc[kind][:runs]), median(floors),
                      per_run, formula))
    return found


def short(measure):
    """A floor measure's name without its "floor_" prefix."""
    return measure[6:] if measure.startswith("floor_") else measure


def ratio_table(found):
    out = [("measure", "cycles", "base", "ratio", "base is")]
    for kind, cycles, floor, per_run, formula in found:
        r = median(per_run)
        digits = 1 if max(per_run) >= 10 else 2
        spread = " (%.*f-%.*f)" % (digits, min(per_run), digits,
                                   max(per_run))
        if len(set("%.*f" % (digits, v) for v in per_run)) == 1:
            spread = ""
        out.append((kind, number(cycles), number(floor),
                    "%.*fx%s" % (digits, r, spread), formula))
    lines = [""] + columns(out, 1)
    for kind, cycles, _, _, _ in found:
        if kind in CIPHER:
            lines.append("%s: %.1f cycles per byte" % (kind, cycles / 4096.0))
    return lines


def write_doc(opts, lines):
    """The table, with its command and date, between the markers
    bench-tcg or bench-icount of the file opts.doc (docs/costs.md)."""
    import docblock             # beside this file
    name = "bench-icount" if opts.icount else "bench-tcg"
    body = ("Written by `make bench%s` on %s:\n\n```\n%s\n```"
            % (" ICOUNT=1" if opts.icount else "",
               time.strftime("%Y-%m-%d", time.gmtime()), "\n".join(lines)))
    if docblock.replace(opts.doc, name, body):
        print("written: %s (%s)" % (os.path.relpath(opts.doc), name))
    else:
        print("bench.py: no %s markers in %s; not written" % (name, opts.doc))


def write_csv(path, rows, found, opts):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["case", "measure", "unit", "median", "low", "high",
                    "runs", "mode"])
        mode = "icount" if opts.icount else "tcg"
        for case, measure, units in rows:
            for unit, v in units.items():
                w.writerow([case, measure, unit, number(median(v)),
                            number(min(v)), number(max(v)), len(v), mode])
        for kind, cycles, floor, per_run, _ in found:
            w.writerow(["ratio", kind, "x floor", "%.3f" % median(per_run),
                        "%.3f" % min(per_run), "%.3f" % max(per_run),
                        len(per_run), mode])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel",
                    default=os.path.join(xinu.TOP, "compile/test/xinu.elf"))
    ap.add_argument("--mem", default="256")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--only", default="",
                    help="space-separated bench case names")
    ap.add_argument("--runs", type=int, default=3,
                    help="boots per case (median and spread)")
    ap.add_argument("--icount", action="store_true",
                    help="QEMU -icount: cycles are instruction counts")
    ap.add_argument("--csv", default="",
                    help="also write the measures and ratios to this file")
    ap.add_argument("--doc", default="",
                    help="and the table between this file's bench markers")
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
    byname = {}
    for name, args in cases:
        for run in range(max(1, opts.runs)):
            reason, console, started = boot_case(name, args, opts)
            if reason is not None:
                failed += 1
                print("FAIL  %s: %s" % (name, reason))
                print(runner.tail(console))
                break
            add_values(rows, byname, name, measures(name, console,
                                                    started))
    if not opts.only or any(n.startswith("bench_net") for n in
                            opts.only.split()):
        reason, console = nettests.bench(opts)
        if reason is not None:
            failed += 1
            print("FAIL  bench_net_udp: %s" % reason)
            print(runner.tail(console))
        else:
            add_values(rows, byname, "bench_net_udp",
                       BENCH_LINE.findall(console))
    lines = ["%s, %d run(s) per case: median (lowest-highest)"
             % ("QEMU -icount (cycles = instructions)" if opts.icount
                else "QEMU TCG", max(1, opts.runs))] + table(rows)
    found = ratios(rows)
    if found:
        lines += ratio_table(found)
    print("\n".join(lines))
    if opts.doc and not opts.only and not failed:
        write_doc(opts, lines)
    if opts.csv:
        write_csv(opts.csv, rows, found, opts)
        print("\nwritten: %s" % os.path.relpath(opts.csv))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
