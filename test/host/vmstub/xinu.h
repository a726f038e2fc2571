/* xinu.h - stand-in for include/xinu.h in the host tests of paging/vheap.c,
 *	    paging/freemap.c and swap/slots.c */

/*
 * test/host/vm.mk compiles the real paging/vheap.c, paging/freemap.c and
 * swap/slots.c unchanged with the host compiler, with this directory
 * first in the include path, so their "#include <xinu.h>" lands here.  The kernel's
 * own kernel.h, process.h, paging.h and vm.h supply the types, OK and
 * SYSERR, local, assert, the process table entry and the VM structures
 * and sizes, so the tests check the real declarations.  They are
 * included by quoted name from include/ (vm.mk passes -iquote include):
 * include/ is not in the <...> path, so a test's <stdio.h> and friends
 * stay the host's; include them before this file.
 *
 * What needs the kernel is replaced by vmstub.c: getmem and freemem are
 * malloc and free, with a count of blocks not yet given back and a
 * switch that makes getmem fail; a failed assert prints what failed and
 * where and aborts; proctab is a plain array.  vm.h declares the
 * files' functions; the three kernel functions they call are declared
 * below (prototypes.h declares the kernel's libc, which clashes with the
 * host's).
 */

#ifndef _XINU_H_
#define _XINU_H_

#undef	EOF		/* a host stdio.h may have defined it: the	*/
			/* kernel's (-2) wins; the tests use neither	*/
#include "kernel.h"
#include "process.h"
#include "paging.h"
#include "vm.h"

/* system/: the kernel heap, the panic behind assert, random bytes; and
   the host's memcpy and memset for the kernel's (swap/seal.c) */
#include <string.h>
extern	char	*getmem(uint32);
extern	syscall	freemem(char *, uint32);
extern	void	kpanic_assert(const char *, const char *, int32);
extern	void	entropy(byte *, uint32);

/* The stand-ins' controls (vmstub.c) */
extern	int32	stub_blocks;	/* getmem blocks not yet freed		*/
extern	bool8	stub_nomem;	/* TRUE: getmem fails (heap exhausted)	*/

#endif
