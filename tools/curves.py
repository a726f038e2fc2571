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

import xinu
from xinu import qemu, runner, verdict  # noqa: E402  (Boot, qemu_command, ...)

ICOUNT = ["-icount", "shift=6,sleep=off"]   # 64 ns an instruction
WORKLOADS = ["loop", "zipf", "scanhot", "twoproc", "phase"]
# Okabe and Ito's colour-blind-safe palette, and for each policy a
# marker and a dash of its own, so the plots read in grey too; policies
# that fault alike (FIFO, clock and LRU on loop) show as concentric
# hollow markers, the first drawn the largest.  A policy not named here
# takes the next of EXTRA.
STYLE = {"opt": ("#000000", (0, (6, 3)), "", 0),
         "lru": ("#7f7f7f", (0, (1, 1.5)), "o", 13),
         "clock": ("#0072B2", "-", "s", 10),
         "fifo": ("#D55E00", (0, (4, 2)), "D", 7.5),
         "aging": ("#009E73", (0, (8, 2, 2, 2)), "^", 9),
         "random": ("#CC79A7", (0, (2, 2)), "v", 6)}
EXTRA = [("#E69F00", (0, (5, 1, 1, 1, 1, 1)), "P", 8),
         ("#56B4E9", (0, (3, 1)), "X", 7),
         ("#F0E442", (0, (1, 3)), "*", 9)]
DOC_FRAMES = (8, 16, 32)        # the rows of the table in docs/costs.md


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
    b = qemu.Boot(qemu.qemu_command(opts.kernel, append, opts.mem,
                                        ICOUNT))
    status = b.finish(time.monotonic() + opts.timeout)
    console = b.text()
    reason = verdict.test_verdict("wl_play", console, status)
    if reason is not None:
        raise RuntimeError("vm.ffs=%d: %s\n%s" % (frames, reason,
                                                  runner.tail(console)))
    return wl_lines(console)


def plot(rows, policies, opts):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    extra = iter(EXTRA * len(policies))
    styles = {p: STYLE.get(p) or next(extra) for p in policies}
    styles.update((p, STYLE[p]) for p in ("lru", "opt"))
    order = sorted(["lru"] + policies, key=lambda p: -styles[p][3])

    def draw(ax, wl):
        for pol in order + ["opt"]:
            pts = sorted((f, n) for (p, w, f), n in rows.items()
                         if p == pol and w == wl)
            if not pts:
                continue
            color, dash, marker, size = styles[pol]
            ax.plot([p[0] for p in pts], [p[1] for p in pts],
                    color=color, linestyle=dash, linewidth=1.8,
                    marker=marker or None, markersize=size,
                    markerfacecolor="none", markeredgewidth=1.6,
                    label=pol.upper() if pol in ("lru", "opt", "fifo")
                    else pol)
        ax.set_title("%s (%d pages, %d refs)" % (wl, opts.pages, opts.refs))
        ax.set_xlabel("frames (vm.ffs)")
        ax.set_ylabel("page faults")
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=10, handlelength=4)

    for wl in WORKLOADS:
        fig, ax = plt.subplots(figsize=(8, 16 / 3))
        draw(ax, wl)
        fig.tight_layout()
        for ext in ("png", "svg"):
            fig.savefig(os.path.join(opts.out, "%s.%s" % (wl, ext)),
                        dpi=120, metadata=NOSTAMP[ext])
        if opts.docdir and wl in ("zipf", "loop"):
            fig.savefig(os.path.join(opts.docdir, "curves-%s.png" % wl),
                        dpi=120, metadata=NOSTAMP["png"])
        plt.close(fig)
    nrows = (len(WORKLOADS) + 1) // 2
    fig, axes = plt.subplots(nrows, 2, figsize=(14, 4.9 * nrows))
    for ax, wl in zip(axes.flat, WORKLOADS):
        draw(ax, wl)
    for ax in axes.flat[len(WORKLOADS):]:
        ax.set_visible(False)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(opts.out, "all.%s" % ext), dpi=100,
                    metadata=NOSTAMP[ext])
    plt.close(fig)


# No date or version in the files, so that the same curves give the same
# bytes (docs/ keeps the plots in git)
NOSTAMP = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}


def doc_table(rows, policies, refs):
    """The faults/OPT table of docs/costs.md (Markdown) for DOC_FRAMES."""
    cols = ["lru"] + policies
    lines = ["Faults / OPT, written by `make curves` from `curves.csv` "
             "(`docs/curves.csv`; %d references, QEMU -icount: the same "
             "numbers every run):" % refs, "",
             "| workload | frames | OPT faults | %s |"
             % " | ".join(p.upper() if p in ("lru", "fifo") else p
                          for p in cols),
             "|---" * (3 + len(cols)) + "|"]
    for wl in WORKLOADS:
        for fr in DOC_FRAMES:
            opt = rows.get(("opt", wl, fr))
            if not opt:
                continue
            lines.append("| %s | %d | %d | %s |" % (
                wl, fr, opt, " | ".join("%.2f" % (rows[(p, wl, fr)] / opt)
                                        for p in cols)))
    return "\n".join(lines)


def write_docs(path, rows, policies, opts):
    """curves.csv beside the plots in opts.docdir, and the table between
    the curves markers of opts.doc (docs/costs.md)."""
    import docblock             # beside this file
    import shutil
    shutil.copyfile(path, os.path.join(opts.docdir, "curves.csv"))
    if docblock.replace(opts.doc, "curves",
                        doc_table(rows, policies, opts.refs)):
        print("written: %s (curves), %s/curves.csv, curves-*.png"
              % (os.path.relpath(opts.doc), os.path.relpath(opts.docdir)))
    else:
        print("curves.py: no curves markers in %s; not written" % opts.doc)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel",
                    default=os.path.join(xinu.TOP, "compile/test/xinu.elf"))
    ap.add_argument("--yardstick",
                    default=os.path.join(xinu.TOP, "compile/host/yardstick"))
    ap.add_argument("--out", default=os.path.join(xinu.TOP,
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
    ap.add_argument("--doc", default="",
                    help="write the faults/OPT table between this file's "
                    "curves markers, and (with --docdir) the csv and plots")
    ap.add_argument("--docdir", default="",
                    help="folder for curves.csv, curves-zipf.png and "
                    "curves-loop.png (docs)")
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
    if opts.doc and opts.docdir:
        write_docs(path, rows, policies, opts)
    print("written: %s and *.png, *.svg there" % os.path.relpath(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
