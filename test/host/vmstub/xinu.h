/* xinu.h - stand-in for include/xinu.h in the host tests of paging/vheap.c
 *	    and swap/slots.c */

/*
 * test/host/vm.mk compiles the real paging/vheap.c and swap/slots.c
 * unchanged with the host compiler, with this directory first in the
 * include path, so their "#include <xinu.h>" lands here.  The kernel's
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
 * where and aborts; proctab is a plain array.  The declarations below
 * repeat those of include/prototypes.h that the two files use (that
 * header declares the kernel's libc, which clashes with the host's).
 */

#ifndef _XINU_H_
#define _XINU_H_

#undef	EOF		/* a host stdio.h may have defined it: the	*/
			/* kernel's (-2) wins; the tests use neither	*/
#include "kernel.h"
#include "process.h"
#include "paging.h"
#include "vm.h"

/* system/: the kernel heap, and the panic behind assert */
extern	char	*getmem(uint32);
extern	syscall	freemem(char *, uint32);
extern	void	kpanic_assert(const char *, const char *, int32);

/* paging/vheap.c */
extern	status	vheap_init(struct vmproc *);
extern	int32	vheap_find(struct vmproc *, uint32);
extern	void	vheap_take(struct vmproc *, uint32, uint32);
extern	bool8	vheap_isallocated(struct vmproc *, uint32, uint32);
extern	status	vheap_give(struct vmproc *, uint32, uint32);
extern	void	vheap_destroy(struct vmproc *);

/* swap/slots.c */
extern	void	swap_init(uint32);
extern	int32	swap_alloc(pid32);
extern	void	swap_free(pid32, uint32);
extern	bool8	swap_inuse(uint32);

/* The stand-ins' controls (vmstub.c) */
extern	int32	stub_blocks;	/* getmem blocks not yet freed		*/
extern	bool8	stub_nomem;	/* TRUE: getmem fails (heap exhausted)	*/

#endif
