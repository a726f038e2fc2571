#!/usr/bin/env python3
"""runtests.py - make test: run the tests of Xinu/VM (xinu/runner.py)."""

import sys

from xinu import runner

if __name__ == "__main__":
    sys.exit(runner.main())
