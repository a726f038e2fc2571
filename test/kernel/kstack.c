/* kstack.c - tests of the guard pages of kernel stacks (create) */

#include <xinu.h>
#include "vmtest.h"

/*
 * getstk puts an unmapped guard page below every kernel stack, so a
 * create'd process that recurses past its stack dies with
 * STACK_OVERFLOW (through the double-fault task) instead of writing
 * over the stack below it.  Stacks come from the top of the heap down,
 * so the process created next lies just below: that neighbour keeps a
 * canary on its stack and checks it after the overflow.
 */

#define	CANARY(i)	(0xC0DE0000 | (uint32)(i))

local	volatile uint32	deepsum;	/* what the recursion returned	*/
local	volatile int32	canarybad;	/* neighbour's wrong words	*/
local	volatile bool8	neighbour_done;
local	sid32	nready, ngo;

local	process	overflower(int32 kib)
{
	deepsum = recurse(kib);
	return OK;
}

/*------------------------------------------------------------------------
 *  neighbour  -  Fill a canary at the top of the stack, wait, check it
 *------------------------------------------------------------------------
 */
local	process	neighbour(int32 unused)
{
	volatile uint32	canary[512];
	int32	i;

	(void)unused;
	for (i = 0; i < 512; i++) {
		canary[i] = CANARY(i);
	}
	signal(nready);
	wait(ngo);
	for (i = 0; i < 512; i++) {
		canarybad += canary[i] != CANARY(i);
	}
	neighbour_done = TRUE;
	return OK;
}

/*------------------------------------------------------------------------
 *  overflow_once  -  Overflow a create'd process of 'ssize' bytes of
 *		      stack with a neighbour below it; TRUE if only the
 *		      overflowing process died, with STACK_OVERFLOW
 *------------------------------------------------------------------------
 */
local	bool8	overflow_once(uint32 ssize)
{
	static	char	out[1024];
	char	want[40];
	pid32	ovf, nb;
	bool8	ok;

	deepsum = 0;
	canarybad = 0;
	neighbour_done = FALSE;
	ovf = create(overflower, ssize, INITPRIO + 1, "overflower", 1,
		     ssize / 1024 + 64);
	nb = create(neighbour, 8192, INITPRIO + 1, "neighbour", 1, 0);
	if (ovf == SYSERR || nb == SYSERR) {
		return FALSE;
	}
	recvclr();
	resume(nb);
	wait(nready);			/* its canary is in place	*/
	kcapture(out, sizeof(out));
	resume(ovf);
	while (receive() != (umsg32)ovf) {
		;
	}
	kcapture(NULL, 0);
	signal(ngo);
	while (receive() != (umsg32)nb) {
		;
	}
	sprintf(want, "P%d:: STACK_OVERFLOW\n", ovf);
	ok = strstr(out, want) != NULL && deepsum == 0 && neighbour_done &&
	     canarybad == 0 && strstr(out, "killed by") == NULL;
	if (!ok) {
		kprintf("stack of %d bytes: neighbour %s, %d canary words "
			"wrong; console:\n%s", ssize,
			neighbour_done ? "done" : "dead", canarybad, out);
	}
	return ok;
}

/* Overflows of stacks of several sizes, one after another in one boot:
 * each kills only its process; the neighbour's stack is intact, the
 * heap comes back whole, and a recursion that fits still works */
TEST(kstack_overflow_kills_only_the_process)
{
	static	const	uint32	sizes[] = { MINSTK, 4096, 8192, 12000,
					    INITSTK, 4096 };
	uint32	heap = memlist.mlength, i;

	nready = semcreate(0);
	ngo = semcreate(0);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		CHECK(overflow_once(sizes[i]));
		CHECK(memlist.mlength == heap);
	}
	deepsum = 0;
	REQUIRE(resume(create(overflower, INITSTK, INITPRIO + 1, "fits", 1,
			      40)) != SYSERR);
	receive();
	CHECK(deepsum == 41 * 240);
	CHECK(memlist.mlength == heap);
	semdelete(nready);
	semdelete(ngo);
	return OK;
}

/*------------------------------------------------------------------------
 *  edge  -  Spin with the stack pointer 8 bytes above the bottom of the
 *	     stack: the next interrupt's frame (12 bytes) runs into the
 *	     guard page while the CPU delivers it
 *------------------------------------------------------------------------
 */
local	process	edge(int32 unused)
{
	struct	procent	*prptr = &proctab[getpid()];
	uint32	bottom;

	(void)unused;
	bottom = (uint32)prptr->prstkbase + sizeof(uint32) -
		 PGROUNDUP(prptr->prstklen);
	asm volatile("movl %0, %%esp\n\t"
		     "sti\n"
		     "1:\tjmp 1b" : : "r"(bottom + 8) : "memory");
	return OK;
}

/* An overflow while an interrupt is delivered: the process dies, and
 * the interrupt it took is acknowledged, so the clock keeps ticking */
TEST(kstack_overflow_in_an_interrupt)
{
	static	char	out[512];
	char	want[40];
	pid32	pid;
	uint32	heap = memlist.mlength, i;

	for (i = 0; i < 3; i++) {
		pid = create(edge, 4096, INITPRIO + 1, "edge", 1, 0);
		REQUIRE(pid != SYSERR);
		recvclr();
		kcapture(out, sizeof(out));
		resume(pid);
		while (receive() != (umsg32)pid) {
			;
		}
		kcapture(NULL, 0);
		sprintf(want, "P%d:: STACK_OVERFLOW\n", pid);
		CHECK(strstr(out, want) != NULL);
		sleepms(5);			/* needs the clock	*/
		CHECK(memlist.mlength == heap);
	}
	return OK;
}
