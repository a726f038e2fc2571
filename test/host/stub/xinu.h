/* xinu.h - stand-in for include/xinu.h in the host tests of kernel code */

/*
 * test/host/kernel.mk compiles system/getmem.c, queue.c, ... unchanged
 * with this directory first in the include path, so their
 * "#include <xinu.h>" lands here.  The kernel's own headers supply the
 * types, OK/SYSERR, roundmb, the process, semaphore, queue and heap
 * declarations, so the tests check the real macros too; what needs the
 * machine is replaced: interrupts cannot be disabled in a Linux program
 * and need not be (one thread), so disable and restore do nothing.  The
 * test program defines the tables the kernel files use but do not
 * define: proctab (for isbadpid), memlist, minheap and maxheap.
 */

#ifndef _XINU_H_
#define _XINU_H_

#include <kernel.h>
#include <process.h>
#include <semaphore.h>
#include <queue.h>
#include <memory.h>

static	inline	intmask	disable(void)
{
	return 0;
}

static	inline	void	restore(intmask mask)
{
	(void)mask;
}

/* system/: queues */
extern	pid32	enqueue(pid32, qid16);
extern	pid32	dequeue(qid16);
extern	pid32	getfirst(qid16);
extern	pid32	getlast(qid16);
extern	pid32	getitem(pid32);
extern	status	insert(pid32, qid16, int32);
extern	status	insertd(pid32, qid16, int32);
extern	qid16	newqueue(void);

/* system/: kernel memory */
extern	char	*getmem(uint32);
extern	syscall	freemem(char *, uint32);
extern	char	*getstk(uint32);
extern	syscall	freestk(char *, uint32);

#endif
