#!/usr/bin/env python3
"""curves.py - fault curves: faults vs frames for every policy, OPT, LRU.

make curves runs it.  For each frame count it boots the test image once
with test=wl_play vm.ffs=FRAMES (test/kernel/playwl.c): a process plays
each workload of test/workload/workload.c against the real VM under
every policy of the kernel's table, and prints

    WL policy workload frames refs faults

The host program compile/host/yardstick plays the same strings (the
same generator, pages and seed) through Belady's OPT and exact LRU.
The boots run QEMU with -icount, so the guest's clock counts
instructions and the aging policy's 1 ms ticks fall at the same
references every run: the curves repeat exactly.  Each reference is
followed by a busy loop of --spin turns (3 instructions each); with 64 ns
an instruction a 1 ms tick is 15,625 instructions, so it covers at most
about 16 references (fewer when they fault).

Outputs in --out (compile/curves/): curves.csv (workload, policy,
frames, refs, faults, faults/OPT), and per workload WORKLOAD.png and
WORKLOAD.svg, plus all.png / all.svg with all of them side by side.
"""

import argparse
import concurrent.futures
import csv
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import runner                   # noqa: E402  (Boot, qemu_command, ...)

ICOUNT = ["-icount", "shift=6,sleep=off"]   # 64 ns an instruction
WORKLOADS = ["loop", "zipf", "scanhot", "twoproc", "phase"]
STYLE = {"opt": ("black", "--"), "lru": ("grey", ":")}


def wl_lines(text):
    """{(policy, workload, frames): faults} from WL lines."""
    found = {}
    for line in text.splitlines():
        f = line.split()
        if len(f) == 6 and f[0] == "WL":
            found[(f[1], f[2], int(f[3]))] = int(f[5])
    return found


def boot(frames, opts):
    append = ("test=wl_play vm.ffs=%d wlrefs=%d wlpages=%d wlseed=%d "
              "wlspin=%d" % (frames, opts.refs, opts.pages, opts.seed,
                             opts.spin))
    b = runner.Boot(runner.qemu_command(opts.kernel, append, opts.mem,
                                        ICOUNT))
    status = b.finish(time.monotonic() + opts.timeout)
    console = b.text()
    reason = runner.test_verdict("wl_play", console, status)
    if reason is not None:
        raise RuntimeError("vm.ffs=%d: %s\n%s" % (frames, reason,
                                                  runner.tail(console)))
    return wl_lines(console)


def plot(rows, policies, opts):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def draw(ax, wl):
        for pol in policies + ["lru", "opt"]:
            pts = sorted((f, n) for (p, w, f), n in rows.items()
                         if p == pol and w == wl)
            if not pts:
                continue
            color, ls = STYLE.get(pol, (None, "-"))
            ax.plot([p[0] for p in pts], [p[1] for p in pts], ls,
                    color=color, marker="" if pol in STYLE else ".",
                    label=pol.upper() if pol in STYLE else pol)
        ax.set_title("%s (%d pages, %d refs)" % (wl, opts.pages, opts.refs))
        ax.set_xlabel("frames (vm.ffs)")
        ax.set_ylabel("page faults")
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)

    for wl in WORKLOADS:
        fig, ax = plt.subplots(figsize=(6, 4))
        draw(ax, wl)
        fig.tight_layout()
        for ext in ("png", "svg"):
            fig.savefig(os.path.join(opts.out, "%s.%s" % (wl, ext)), dpi=80)
        plt.close(fig)
    fig, axes = plt.subplots((len(WORKLOADS) + 1) // 2, 2,
                             figsize=(10, 3.5 * ((len(WORKLOADS) + 1) // 2)))
    for ax, wl in zip(axes.flat, WORKLOADS):
        draw(ax, wl)
    for ax in axes.flat[len(WORKLOADS):]:
        ax.set_visible(False)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(opts.out, "all.%s" % ext), dpi=70)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel",
                    default=os.path.join(runner.TOP, "compile/test/xinu.elf"))
    ap.add_argument("--yardstick",
                    default=os.path.join(runner.TOP, "compile/host/yardstick"))
    ap.add_argument("--out", default=os.path.join(runner.TOP,
                                                  "compile/curves"))
    ap.add_argument("--mem", default="256")
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--frames", default="4 6 8 12 16 20 24 32 40 48 56 64")
    ap.add_argument("--pages", type=int, default=64)
    ap.add_argument("--refs", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=465)
    ap.add_argument("--spin", type=int, default=300)
    ap.add_argument("--no-plot", action="store_true")
    opts = ap.parse_args()
    frames = [int(f) for f in opts.frames.split()]
    os.makedirs(opts.out, exist_ok=True)

    rows = {}
    out = subprocess.run([opts.yardstick, str(opts.pages), str(opts.refs),
                          str(opts.seed)] + [str(f) for f in frames],
                         check=True, capture_output=True, text=True).stdout
    rows.update(wl_lines(out))
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
        try:
            for found in pool.map(lambda f: boot(f, opts), frames):
                rows.update(found)
        except RuntimeError as e:
            print("curves.py: %s" % e, file=sys.stderr)
            return 1
    policies = sorted({p for p, _, _ in rows} - {"opt", "lru"})
    print("%d boots in %.0f s (QEMU -icount); faults / OPT:"
          % (len(frames), time.monotonic() - start))

    path = os.path.join(opts.out, "curves.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["workload", "policy", "frames", "refs", "faults",
                    "faults_over_opt"])
        for (pol, wl, fr), n in sorted(rows.items(),
                                       key=lambda r: (r[0][1], r[0][0],
                                                      r[0][2])):
            opt = rows.get(("opt", wl, fr))
            w.writerow([wl, pol, fr, opts.refs, n,
                        "%.3f" % (n / opt) if opt else ""])
    head = ["workload", "frames"] + ["opt"] + [p for p in ["lru"] + policies]
    print("  ".join("%8s" % h for h in head))
    for wl in WORKLOADS:
        for fr in frames:
            opt = rows[("opt", wl, fr)]
            cells = [wl, str(fr), str(opt)]
            cells += ["%.2f" % (rows[(p, wl, fr)] / opt)
                      for p in ["lru"] + policies]
            print("  ".join("%8s" % c for c in cells))
    if not opts.no_plot:
        plot(rows, policies, opts)
    print("written: %s and *.png, *.svg there" % os.path.relpath(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
