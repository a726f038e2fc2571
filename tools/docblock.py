"""docblock.py - rewrite a block of a Markdown file between two markers.

The tables of measured numbers in docs/ are written by the targets that
measure them (make bench, make curves), so they cannot go stale: each
sits between

    <!-- NAME:begin -->
    ...
    <!-- NAME:end -->

and the target replaces what is between the two lines.  A file without
the markers is left alone (the target says so), so a doc can drop a
block without breaking the target.
"""

import os


def markers(name):
    return "<!-- %s:begin -->" % name, "<!-- %s:end -->" % name


def block(text, name):
    """The lines between NAME's markers in 'text', or None."""
    begin, end = markers(name)
    lines = text.split("\n")
    try:
        b = lines.index(begin)
        e = lines.index(end, b + 1)
    except ValueError:
        return None
    return lines[b + 1:e]


def replace(path, name, body):
    """Put 'body' (a string) between NAME's markers in the file 'path';
    False when the file or its markers are missing."""
    if not os.path.exists(path):
        return False
    with open(path) as f:
        text = f.read()
    begin, end = markers(name)
    lines = text.split("\n")
    if block(text, name) is None:
        return False
    b = lines.index(begin)
    e = lines.index(end, b + 1)
    new = lines[:b + 1] + body.rstrip("\n").split("\n") + lines[e:]
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(new))
    os.replace(path + ".tmp", path)
    return True
