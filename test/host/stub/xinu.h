/* xinu.h - stand-in for include/xinu.h in the host tests of kernel code */

/*
 * test/host/kernel.mk compiles system/getmem.c, queue.c, ... unchanged
 * with this directory first in the include path, so their
 * "#include <xinu.h>" lands here, and this passes on to the real one:
 * the tests see the kernel's own types, macros and prototypes.  What
 * needs the machine is replaced in kunit.c: interrupts cannot be
 * disabled in a Linux program and need not be (one thread), so disable
 * and restore do nothing.  The test program defines the tables the
 * kernel files use but do not define: proctab (for isbadpid), memlist,
 * minheap and maxheap.
 */

#include_next <xinu.h>
