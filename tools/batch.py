#!/usr/bin/env python3
"""batch.py - make batch: boot a kernel once and judge it (xinu/batch.py)."""

import sys

from xinu import batch

if __name__ == "__main__":
    sys.exit(batch.main())
