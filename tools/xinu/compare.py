"""compare.py - a program's output against its reference.

make test (prog:NAME) and make grade compare the same way.  The
program's output is the console after the boot banner and its indented
lines (program_output).  Both sides are normalized: blank lines and "All
user processes have completed." dropped, trailing blanks cut, and pid
numbers (the tokens P<digits> and pid <digits>) renamed in order of
first appearance, so P4 and "pid 4" become P#1 and "pid #1" when 4 is
the first pid seen.  With MODE=verdicts only the lines the regex
VERDICTS matches are compared.  compare_output gives a short unified
diff; score_output the fraction of reference lines matched in order
(make grade's partial credit).  parse_conf reads NAME.conf.
"""

import collections
import difflib
import os
import re

from .verdict import BANNER

PID_TOKEN = re.compile(r"\b(P|pid )(\d+)\b")
DONE_LINE = "All user processes have completed."
CONF_KEYS = ("APPEND", "DEFS", "PROGFLAGS", "TIMEOUT", "MEM", "STRICT",
             "NET", "POINTS", "MODE", "VERDICTS", "MAXOUT", "PARTIAL",
             "DETERMINISTIC")


def program_output(console):
    """The program's part of a console: what follows the boot banner and
    the indented lines under it (the whole console if no banner)."""
    lines = console.replace("\r", "").split("\n")
    for i, line in enumerate(lines):
        if BANNER.match(line):
            j = i + 1
            while j < len(lines) and lines[j].startswith(" "):
                j += 1
            return "\n".join(lines[j:])
    return console


def normalize(text):
    """The lines compared for a program: trailing blanks cut, blank lines
    and the kernel's closing line dropped, pids renamed in order of first
    appearance (P4 / pid 4 -> P#1 / pid #1 when 4 is the first)."""
    names = {}

    def rename(m):
        n = names.setdefault(m.group(2), len(names) + 1)
        return "%s#%d" % (m.group(1), n)

    out = []
    for line in text.replace("\r", "").split("\n"):
        line = line.rstrip()
        if not line or line == DONE_LINE:
            continue
        out.append(PID_TOKEN.sub(rename, line))
    return out


def compared_lines(text, verdicts=None):
    """The lines of 'text' a comparison looks at: normalize(text), and
    with a verdicts regex only the lines it matches (searched)."""
    lines = normalize(text)
    if verdicts:
        pat = re.compile(verdicts)
        lines = [l for l in lines if pat.search(l)]
    return lines


def diff_lines(a, b, max_lines=30):
    """A unified diff of two line lists, cut after max_lines lines."""
    diff = list(difflib.unified_diff(a, b, "expected", "got", lineterm="",
                                     n=2))
    if len(diff) > max_lines:
        diff = diff[:max_lines] + ["... (%d more diff lines)"
                                   % (len(diff) - max_lines)]
    return "\n".join(diff)


def compare_output(expected, got, max_lines=30, verdicts=None):
    """None when the normalized texts agree, else a short unified diff.
    With a verdicts regex only the lines it matches are compared."""
    a, b = compared_lines(expected, verdicts), compared_lines(got, verdicts)
    if a == b:
        return None
    return diff_lines(a, b, max_lines)


def matched_in_order(ref, got):
    """How many lines of 'ref' appear in 'got' in the same order: the
    length of their longest common subsequence (bit-parallel, one big
    integer of len(ref) bits, so a runaway output stays cheap)."""
    where = {}
    for i, line in enumerate(ref):
        where[line] = where.get(line, 0) | (1 << i)
    full = (1 << len(ref)) - 1
    v = full
    for line in got:
        u = v & where.get(line, 0)
        v = ((v + u) | (v - u)) & full
    return len(ref) - bin(v).count("1")


Score = collections.namedtuple("Score", "fraction matched total same diff")


def score_output(expected, got, mode="lines", verdicts=None, max_lines=40):
    """Grade a program's output against the reference (both whole program
    outputs, see program_output).  mode "lines" compares every
    normalized line, "verdicts" only those the regex 'verdicts' matches.
    fraction = reference lines matched in order / reference lines (1.0
    when the reference has none and neither has the output); same is
    whether the compared lines are equal; diff is None when they are."""
    if mode not in ("lines", "verdicts"):
        raise ValueError("MODE=%s: use lines or verdicts" % mode)
    if mode == "verdicts" and not verdicts:
        raise ValueError("MODE=verdicts needs VERDICTS=regex")
    pat = verdicts if mode == "verdicts" else None
    a, b = compared_lines(expected, pat), compared_lines(got, pat)
    same = a == b
    matched = matched_in_order(a, b)
    if a:
        fraction = matched / len(a)
    else:
        fraction = 1.0 if not b else 0.0
    return Score(fraction, matched, len(a), same,
                 None if same else diff_lines(a, b, max_lines))


def parse_conf(path):
    """NAME.conf as a dict; KEY=value lines (KEY in any case), # comments;
    POINTS, MODE and VERDICTS (make grade's) are checked here."""
    conf = {}
    if not os.path.exists(path):
        return conf
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, val = line.partition("=")
            key = key.strip().upper()
            if not sep or key not in CONF_KEYS:
                raise ValueError("%s:%d: expected KEY=value with KEY one of "
                                 "%s" % (path, lineno, " ".join(CONF_KEYS)))
            conf[key] = val.strip()
    try:
        if float(conf.get("POINTS", "1")) < 0:
            raise ValueError
    except ValueError:
        raise ValueError("%s: POINTS=%s is not a number >= 0"
                         % (path, conf["POINTS"]))
    if conf.get("MODE", "lines") not in ("lines", "verdicts"):
        raise ValueError("%s: MODE=%s: use lines or verdicts"
                         % (path, conf["MODE"]))
    if conf.get("MODE") == "verdicts" and not conf.get("VERDICTS"):
        raise ValueError("%s: MODE=verdicts needs VERDICTS=regex" % path)
    if "VERDICTS" in conf:
        try:
            re.compile(conf["VERDICTS"])
        except re.error as e:
            raise ValueError("%s: VERDICTS=%s: %s" % (path, conf["VERDICTS"],
                                                      e))
    return conf
