/* sharefuzz.c - a fuzzer of shared pages against a model of who sees what */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

/*
 * Up to NW workers (vcreate'd, or vclone'd from one another) each own a
 * heap block of NH pages at the heap's start and may map store 1 (NS
 * pages) at page VHEAP_FIRST + 64.  A seeded random sequence has them
 * write a page, check every page they should see, free and reserve
 * their block again, map and unmap the store, clone, and be killed;
 * the model says what each word must be: a worker's block is its own
 * (a clone starts with a copy), the store is one for all.  vm_audit
 * runs after every step.
 */

#define	NW		5		/* workers at most		*/
#define	NH		6		/* heap pages of each		*/
#define	NS		4		/* store pages			*/
#define	SVP		(VHEAP_FIRST + 64)	/* where the store goes	*/
#define	STEPS		400

enum	{ F_WRITE = 1, F_CHECK, F_REFILL, F_MAP, F_UNMAP, F_CLONE };

struct	fw	{
	pid32	pid;			/* SYSERR: no worker here	*/
	sid32	go;
	bool8	mapped;			/* store 1 mapped at SVP	*/
	uint32	heap[NH];		/* what its block's pages hold	*/
};

local	struct	fw	fws[NW];
local	uint32	fstore[NS];		/* what the store's pages hold	*/
local	char	*fblock;		/* every worker's block		*/
local	sid32	fdone;
local	volatile int32	fop, farg, fnew;	/* the command		*/
local	volatile uint32	fval;
local	volatile int32	fbad;		/* words seen wrong		*/

/*------------------------------------------------------------------------
 *  fw_page  -  The address of page i of worker 'w''s view: its block
 *		(i < NH) or the store
 *------------------------------------------------------------------------
 */
local	char	*fw_page(int32 i)
{
	return i < NH ? PAGE(fblock, i) : (char *)((SVP + i - NH) << PAGE_SHIFT);
}

/*------------------------------------------------------------------------
 *  fw_do  -  Carry out the command for worker 'k'
 *------------------------------------------------------------------------
 */
local	void	fw_do(int32 k, process (*self)(int32, bool8))
{
	struct	fw	*w = &fws[k];
	int32	i;

	switch (fop) {
	case F_WRITE:
		vm_write(fw_page(farg), fval);
		break;
	case F_CHECK:
		for (i = 0; i < NH; i++) {
			fbad += vm_read(fw_page(i)) != w->heap[i];
		}
		for (i = 0; w->mapped && i < NS; i++) {
			fbad += vm_read(fw_page(NH + i)) != fstore[i];
		}
		break;
	case F_REFILL:
		fbad += vfree(fblock, NH * PAGE_SIZE) != OK;
		fbad += vmalloc(NH * PAGE_SIZE) != fblock;
		break;
	case F_MAP:
		fbad += xmmap(SVP, 1, NS) != OK;
		break;
	case F_UNMAP:
		fbad += xmunmap(SVP) != OK;
		break;
	case F_CLONE:
		fws[fnew].pid = vclone(self, 8192, INITPRIO - 1, "fw", 2,
				       fnew, FALSE);
		fbad += fws[fnew].pid == SYSERR;
		break;
	}
}

/*------------------------------------------------------------------------
 *  fworker  -  Worker 'k': reserve its block (unless a clone), then carry
 *		out commands forever
 *------------------------------------------------------------------------
 */
local	process	fworker(int32 k, bool8 first)
{
	if (first) {
		fbad += vmalloc(NH * PAGE_SIZE) != fblock;
		signal(fdone);
	}
	for (;;) {
		wait(fws[k].go);
		fw_do(k, fworker);
		signal(fdone);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  fw_step  -  One random step on worker 'k', in the model too
 *------------------------------------------------------------------------
 */
local	void	fw_step(int32 k, int32 free)
{
	struct	fw	*w = &fws[k];
	int32	r = rand() % 16, i;

	fop = r < 7 ? F_WRITE : r < 11 ? F_CHECK :
	      r < 12 ? (VHEAP_NEXTFIT ? F_CHECK : F_REFILL) :
	      r < 14 ? (w->mapped ? F_UNMAP : F_MAP) :
	      (free >= 0 ? F_CLONE : F_CHECK);
	farg = rand() % (w->mapped ? NH + NS : NH);
	fval = (uint32)rand();
	fnew = free;
	if (fop == F_CLONE) {
		fws[free].go = semcreate(0);
	}
	signal(w->go);
	wait(fdone);
	switch (fop) {
	case F_WRITE:
		if (farg < NH) {
			w->heap[farg] = fval;
		} else {
			fstore[farg - NH] = fval;
		}
		break;
	case F_REFILL:
		for (i = 0; i < NH; i++) {
			w->heap[i] = 0;
		}
		break;
	case F_MAP:
	case F_UNMAP:
		w->mapped = fop == F_MAP;
		break;
	case F_CLONE:
		memcpy(fws[free].heap, w->heap, sizeof(w->heap));
		fws[free].mapped = w->mapped;
		resume(fws[free].pid);
		break;
	}
}

/*------------------------------------------------------------------------
 *  fw_kill  -  Kill worker 'k'
 *------------------------------------------------------------------------
 */
local	void	fw_kill(int32 k)
{
	CHECK(kill(fws[k].pid) == OK);		/* (its note goes to	*/
	semdelete(fws[k].go);			/* its parent, maybe a	*/
						/* worker)		*/
	fws[k].pid = SYSERR;
}

/* The fuzzer: every step against the model, vm_audit after each */
TEST_BOOT(sharefuzz_model, "vm.ffs=12 vm.swap=64")
{
	struct	vmsnap	s;
	int32	step, k, free;

	vmsnap_take(&s);
	srand(11);
	REQUIRE(get_bs(1, NS) == NS);
	memset(fstore, 0, sizeof(fstore));
	fdone = semcreate(0);
	fbad = 0;
	fblock = (char *)VHEAP_START;
	recvclr();
	for (k = 0; k < NW; k++) {
		fws[k].pid = SYSERR;
	}
	for (step = 0; step < STEPS && fbad == 0; step++) {
		k = rand() % NW;
		for (free = 0; free < NW && fws[free].pid != SYSERR; free++) {
			;
		}
		if (fws[k].pid == SYSERR) {	/* a new worker there	*/
			memset(&fws[k], 0, sizeof(fws[k]));
			fws[k].go = semcreate(0);
			fws[k].pid = vcreate(fworker, 8192, INITPRIO - 1, "fw",
					     2, k, TRUE);
			REQUIRE(fws[k].pid != SYSERR);
			resume(fws[k].pid);
			wait(fdone);
		} else if (rand() % 20 == 0) {
			fw_kill(k);
		} else {
			fw_step(k, free < NW ? free : -1);
		}
		CHECK(vm_audit() == OK);
	}
	CHECK(fbad == 0);
	kprintf("sharefuzz: %d steps, %d joins, %d copies, %d kept writable\n",
		step, vmtotal.joins, vmtotal.cowcopies, vmtotal.cowkeeps);
	for (k = 0; k < NW; k++) {
		if (fws[k].pid != SYSERR) {
			fw_kill(k);
		}
	}
	CHECK(release_bs(1) == OK);
	semdelete(fdone);
	recvclr();
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	CHECK(vmtotal.cowcopies > 0 && vmtotal.joins > 0);
	return OK;
}
