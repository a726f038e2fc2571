#!/usr/bin/env python3
"""test_aead.py - lib/aead.c (ChaCha20-Poly1305) against the RFC and a library

Runs compile/host/aead (test_aead.c: the RFC 8439 vectors and the
refusal cases) and passes its lines on, then seals CASES random cases
(keys, nonces, AAD of 0 to 64 bytes and messages of 0 to 4096 bytes,
lengths around 16- and 64-byte edges weighted in) through its --hex mode
and compares ciphertext and tag, byte for byte, with Debian's
python3-cryptography (ChaCha20Poly1305), run by /usr/bin/python3.
Prints "ok NAME" or "FAIL NAME: why".
"""

import os
import random
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
PROG = os.path.join(TOP, "compile/host/aead")
CASES = 10000

# the library's side, in Debian's python3 (where python3-cryptography is)
LIBRARY = r'''
import sys
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
for line in sys.stdin:
    k, n, a, m = [b"" if w == "-" else bytes.fromhex(w) for w in line.split()]
    out = ChaCha20Poly1305(k).encrypt(n, m, a)
    ct, tag = out[:-16], out[-16:]
    print((ct.hex() or "-") + " " + tag.hex())
'''


def length(rng, most):
    if rng.random() < 0.3:              # the edges of blocks
        edge = rng.choice((0, 16, 64, 4096))
        return max(0, min(most, edge + rng.randint(-2, 2)))
    return rng.randint(0, most)


def cases(seed):
    rng = random.Random(seed)
    lines = []
    for _ in range(CASES):
        parts = [rng.randbytes(32), rng.randbytes(12),
                 rng.randbytes(length(rng, 64)),
                 rng.randbytes(length(rng, 4096))]
        lines.append(" ".join(p.hex() or "-" for p in parts))
    return "\n".join(lines) + "\n"


def main():
    r = subprocess.run([PROG], capture_output=True, text=True)
    sys.stdout.write(r.stdout)
    failed = r.returncode != 0
    need = subprocess.run([os.path.join(TOP, "compile/bin/need"),
                           "py.cryptography:python3-cryptography"],
                          capture_output=True, text=True)
    name = "aead_against_python3_cryptography"
    if need.returncode != 0:
        print("FAIL %s: cannot install python3-cryptography: %s"
              % (name, need.stderr.strip()[-300:]))
        return 1
    text = cases(8439)
    ours = subprocess.run([PROG, "--hex"], input=text, capture_output=True,
                          text=True)
    theirs = subprocess.run(["/usr/bin/python3", "-c", LIBRARY], input=text,
                            capture_output=True, text=True)
    if ours.returncode or theirs.returncode:
        print("FAIL %s: aead --hex %d, the library %d: %s" % (
            name, ours.returncode, theirs.returncode,
            (ours.stderr + theirs.stderr)[-300:]))
        return 1
    a, b = ours.stdout.splitlines(), theirs.stdout.splitlines()
    bad = [i for i in range(CASES) if i >= len(a) or i >= len(b)
           or a[i] != b[i]]
    if bad or len(a) != CASES:
        first = text.splitlines()[bad[0]][:120] if bad else ""
        print("FAIL %s: %d of %d cases differ (first: %s)"
              % (name, len(bad), CASES, first))
        return 1
    print("ok %s (%d cases, byte for byte, tags included)" % (name, CASES))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
