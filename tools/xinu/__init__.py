"""xinu - the one harness of Xinu/VM: how it is booted and judged.

make batch (compile/bin/batch runs tools/batch.py), make grade
(grade/grade.py), make bench (tools/bench.py), make curves
(tools/curves.py) and make test (tools/runtests.py) all share these
modules, so a boot, a verdict and a comparison mean one thing everywhere:

  qemu      the QEMU command line, disk images, one boot whose console
            is read and typed into (Boot), a boot with test=NAME
  verdict   the kernel's event channel ("SEQ KIND TEXT *CRC32" on COM2),
            the batch verdict and status, the verdict of a test=NAME
            boot and of a console
  compare   a program's output against its reference: normalization,
            diff and the in-order score make grade gives; NAME.conf
  batch     make batch's boot: stream the console, end with the verdict
  runner    make test: every test, run in a pool and reported
  sandbox   bubblewrap around what a submission brings (make grade,
            make batch SANDBOX=1); also a command of its own
  bochs     the bochs:NAME tests: a test=NAME boot under Bochs

Only the modules above live here; the tests themselves are in test/.
"""

import os

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
