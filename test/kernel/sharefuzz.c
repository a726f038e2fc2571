/* sharefuzz.c - a fuzzer of shared pages against a model of who sees what */

#include <xinu.h>
#include <vm.h>
#include <seal.h>
#include <vmtable.h>
#include "vmtest.h"

/*
 * Up to NW workers (vcreate'd, or vclone'd from one another, each at a
 * random priority from two below the driver's to two above) each own a
 * heap block of NH pages at the heap's start and may map store 1 (NS
 * pages) at page VHEAP_FIRST + 64.  A seeded random sequence has them
 * write a page, check every page they should see, free and reserve
 * their block again, map and unmap the store, clone, and be killed;
 * the model says what each word must be: a worker's block is its own
 * (a clone starts with a copy), the store is one for all.  vm_audit
 * runs after every step.
 *
 * The mix leans on copy-on-write: most steps are writes, clones are
 * frequent (a full table makes room by a kill), and the steps after a
 * clone favour its parent and the clone, so both write pages they
 * still share, and clones clone again.  Some kills come in the middle
 * of a command that changes only the worker's own pages (a check, a
 * write to its block, a refill, a map or unmap): the driver yields or
 * sleeps 1-2 ms and kills it wherever it is, in a fault, waiting for
 * the disk or for vmm.  The steps come from one seed (sfseed=N, printed
 * when the case fails); where a kill lands depends on timing, the
 * model does not.  The run must reach a minimum of copies, of swap-ins
 * of pages other workers still hold in their slot, and of kills.
 */

#define	NW		8		/* workers at most		*/
#define	NH		6		/* heap pages of each		*/
#define	NS		4		/* store pages			*/
#define	SVP		(VHEAP_FIRST + 64)	/* where the store goes	*/

enum	{ F_WRITE = 1, F_CHECK, F_REFILL, F_MAP, F_UNMAP, F_CLONE };

struct	fw	{
	pid32	pid;			/* SYSERR: no worker here	*/
	sid32	go;
	int32	gen;			/* 0 vcreate'd, else its parent's + 1 */
	bool8	mapped;			/* store 1 mapped at SVP	*/
	uint32	fresh;			/* bit i: block page i unwritten */
					/* since it was inherited	*/
	uint32	heap[NH];		/* what its block's pages hold	*/
};

/* What a run reached */
struct	fcount	{
	int32	steps, clones, deepclones;	/* deep: a clone's clone */
	int32	kills, midkills;	/* midkills: with a command on	*/
	int32	unfinished;		/* midkills before it ended	*/
	int32	sharedins;		/* swap-ins of a block page whose */
					/* slot another PTE holds	*/
	int32	storeins;		/* swap-ins of store pages	*/
};

local	struct	fw	fws[NW];
local	struct	fcount	fc;
local	uint32	fstore[NS];		/* what the store's pages hold	*/
local	char	*fblock;		/* every worker's block		*/
local	sid32	fdone;
local	int32	fhot[2];		/* the last clone's parent, clone */
local	volatile int32	fop, farg, fnew, fprio;	/* the command		*/
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
 *  fw_touch  -  Write 'val' to page i of this worker's view, or read it;
 *		 count a swap-in of a page held by another PTE too
 *------------------------------------------------------------------------
 */
local	uint32	fw_touch(int32 i, bool8 write, uint32 val)
{
	struct	vmstats	*st = &proctab[getpid()].prvm->stats;
	char	*p = fw_page(i);
	pte_t	*pte;
	intmask	mask;
	uint32	ins, slot;
	bool8	shared = FALSE;

	mask = disable();
	pte = pte_lookup((pde_t *)proctab[currpid].prpdbr, (uint32)p);
	if (pte != NULL && (*pte & (PTE_P | PTE_IS_SWAPPED)) ==
	    PTE_IS_SWAPPED) {
		slot = PTE_SLOT(*pte);
		shared = swap_refs(slot) > 1 && frame_ofslot(slot) == SYSERR;
	}
	ins = st->swapins;
	restore(mask);
	if (write) {
		vm_write(p, val);
	} else {
		val = vm_read(p);
	}
	if (st->swapins != ins) {
		fc.sharedins += shared && i < NH;
		fc.storeins += i >= NH;
	}
	return val;
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
		fw_touch(farg, TRUE, fval);
		break;
	case F_CHECK:
		for (i = 0; i < NH; i++) {
			fbad += fw_touch(i, FALSE, 0) != w->heap[i];
		}
		for (i = 0; w->mapped && i < NS; i++) {
			fbad += fw_touch(NH + i, FALSE, 0) != fstore[i];
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
		fws[fnew].pid = vclone(self, 8192, fprio, "fw", 2, fnew,
				       FALSE);
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
 *  fw_prio  -  A random priority around the driver's (INITPRIO)
 *------------------------------------------------------------------------
 */
local	pri16	fw_prio(void)
{
	return INITPRIO - 2 + rand() % 5;
}

/*------------------------------------------------------------------------
 *  fw_pick  -  The command for worker 'k' (F_CLONE needs a free entry)
 *------------------------------------------------------------------------
 */
local	int32	fw_pick(struct fw *w, bool8 canclone)
{
	int32	r = rand() % 32;

	if (r < 16) {
		return F_WRITE;
	}
	if (r < 21) {
		return F_CHECK;
	}
	if (r < 22) {
		return VHEAP_NEXTFIT ? F_CHECK : F_REFILL;
	}
	if (r < 25) {
		return w->mapped ? F_UNMAP : F_MAP;
	}
	return canclone ? F_CLONE : F_WRITE;
}

/*------------------------------------------------------------------------
 *  fw_target  -  The page a write of worker 'w' goes to: a store page a
 *		  quarter of the time when mapped, else a block page,
 *		  mostly one it still shares since a clone
 *------------------------------------------------------------------------
 */
local	int32	fw_target(struct fw *w)
{
	int32	i = rand() % NH, j;

	if (w->mapped && rand() % 4 == 0) {
		return NH + rand() % NS;
	}
	for (j = 0; j < NH && rand() % 4 != 0; j++) {
		if (w->fresh & (1U << ((i + j) % NH))) {
			return (i + j) % NH;
		}
	}
	return i;
}

/*------------------------------------------------------------------------
 *  fw_model  -  Worker 'k' carried out the command: the model follows
 *------------------------------------------------------------------------
 */
local	void	fw_model(int32 k)
{
	struct	fw	*w = &fws[k], *c = &fws[fnew];

	switch (fop) {
	case F_WRITE:
		if (farg < NH) {
			w->heap[farg] = fval;
			w->fresh &= ~(1U << farg);
		} else {
			fstore[farg - NH] = fval;
		}
		break;
	case F_REFILL:
		memset(w->heap, 0, sizeof(w->heap));
		w->fresh = 0;
		break;
	case F_MAP:
	case F_UNMAP:
		w->mapped = fop == F_MAP;
		break;
	case F_CLONE:
		memcpy(c->heap, w->heap, sizeof(w->heap));
		c->mapped = w->mapped;
		c->gen = w->gen + 1;
		w->fresh = c->fresh = (1U << NH) - 1;
		fc.clones++;
		fc.deepclones += c->gen >= 2;
		fhot[0] = k;
		fhot[1] = fnew;
		resume(c->pid);
		break;
	}
}

/*------------------------------------------------------------------------
 *  fw_step  -  One random step on worker 'k', in the model too
 *------------------------------------------------------------------------
 */
local	void	fw_step(int32 k, int32 free)
{
	struct	fw	*w = &fws[k];

	fop = fw_pick(w, free >= 0);
	farg = fw_target(w);
	fval = (uint32)rand();
	fnew = free;
	fprio = fw_prio();
	if (fop == F_CLONE) {
		fws[free].go = semcreate(0);
	}
	signal(w->go);
	wait(fdone);
	fw_model(k);
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
	fc.kills++;
}

/*------------------------------------------------------------------------
 *  fw_midkill  -  Start a command on worker 'k' that changes only its
 *		   own pages, let it run a while (or not), and kill it
 *------------------------------------------------------------------------
 */
local	void	fw_midkill(int32 k)
{
	int32	r = rand() % 4;

	fop = r == 0 ? F_CHECK : r == 1 ? F_WRITE :
	      r == 2 && !VHEAP_NEXTFIT ? F_REFILL :
	      fws[k].mapped ? F_UNMAP : F_MAP;
	farg = rand() % NH;
	fval = (uint32)rand();
	signal(fws[k].go);
	sleepms(rand() % 3);			/* 0: a yield		*/
	fc.unfinished += semcount(fdone) == 0;
	fw_kill(k);
	semreset(fdone, 0);			/* it may have ended	*/
	fc.midkills++;
}

/*------------------------------------------------------------------------
 *  fw_new  -  A new vcreate'd worker in entry 'k'
 *------------------------------------------------------------------------
 */
local	status	fw_new(int32 k)
{
	memset(&fws[k], 0, sizeof(fws[k]));
	fws[k].go = semcreate(0);
	fws[k].pid = vcreate(fworker, 8192, fw_prio(), "fw", 2, k, TRUE);
	if (fws[k].pid == SYSERR) {
		return SYSERR;
	}
	resume(fws[k].pid);
	wait(fdone);
	return OK;
}

/*------------------------------------------------------------------------
 *  fw_choose  -  The worker of the next step: after a clone, often its
 *		  parent or the clone, else any
 *------------------------------------------------------------------------
 */
local	int32	fw_choose(void)
{
	int32	k = fhot[rand() % 2];

	return rand() % 2 == 0 && fws[k].pid != SYSERR ? k : rand() % NW;
}

/*------------------------------------------------------------------------
 *  fw_free  -  A free entry for a clone of 'k': the first, or (half the
 *		time when there is none) one made by killing a worker
 *------------------------------------------------------------------------
 */
local	int32	fw_free(int32 k)
{
	int32	free, j;

	for (free = 0; free < NW && fws[free].pid != SYSERR; free++) {
		;
	}
	if (free < NW) {
		return free;
	}
	j = rand() % NW;
	if (j == k || rand() % 2 != 0) {
		return -1;
	}
	fw_kill(j);
	return j;
}

/*------------------------------------------------------------------------
 *  fw_report  -  Print what the run reached since 't0' and check the
 *		  minimums of a run of 'steps' steps
 *------------------------------------------------------------------------
 */
local	void	fw_report(struct vmstats *t0, int32 steps)
{
	int32	copies = vmtotal.cowcopies - t0->cowcopies;
	int32	joins = vmtotal.joins - t0->joins;

	kprintf("sharefuzz: %d steps, %d clones (%d of clones), %d kills "
		"(%d with a command on, %d of them before it ended)\n",
		fc.steps, fc.clones, fc.deepclones, fc.kills, fc.midkills,
		fc.unfinished);
	kprintf("sharefuzz: %d copies, %d kept writable, %d joins, "
		"%d shared swap-ins, %d store swap-ins, %d swap-ins\n",
		copies, vmtotal.cowkeeps - t0->cowkeeps, joins, fc.sharedins,
		fc.storeins, vmtotal.swapins - t0->swapins);
	CHECK(copies >= steps / 16 && joins >= steps / 16);
	CHECK(fc.sharedins >= steps / 10 && fc.deepclones >= steps / 16);
	CHECK(fc.midkills >= steps / 40 && fc.unfinished > 0);
}

/*------------------------------------------------------------------------
 *  fw_end  -  Kill the workers left, release the store, and check that
 *	       everything came back
 *------------------------------------------------------------------------
 */
local	void	fw_end(struct vmsnap *s)
{
	int32	k;

	for (k = 0; k < NW; k++) {
		if (fws[k].pid != SYSERR) {
			fw_kill(k);
		}
	}
	CHECK(release_bs(1) == OK);
	semdelete(fdone);
	recvclr();
	/* The pageout daemon may still be writing a killed worker's page
	 * (now an orphan): its frame and slot come back when the write ends */
	for (k = 0; k < 5000 && frame_nio > 0; k++) {
		sleepms(1);
	}
	CHECK(frame_nio == 0 && vm_audit() == OK);
	CHECK(vmsnap_same(s));
}

/*------------------------------------------------------------------------
 *  sharefuzz  -  The fuzzer: 'steps' steps from seed 'seed', each against
 *		  the model, vm_audit after each; then the minimums
 *------------------------------------------------------------------------
 */
local	status	sharefuzz(uint32 seed, int32 steps)
{
	struct	vmsnap	s;
	struct	vmstats	t0 = vmtotal;
	int32	k, r, fails = test_failures;

	kprintf("sharefuzz: seed %d (sfseed=%d repeats the steps)\n", seed,
		seed);
	vmsnap_take(&s);
	srand(seed);
	REQUIRE(get_bs(1, NS) == NS);
	memset(fstore, 0, sizeof(fstore));
	memset(&fc, 0, sizeof(fc));
	fdone = semcreate(0);
	fbad = 0;
	fblock = (char *)VHEAP_START;
	fhot[0] = fhot[1] = 0;
	recvclr();
	for (k = 0; k < NW; k++) {
		fws[k].pid = SYSERR;
	}
	for (fc.steps = 0; fc.steps < steps && fbad == 0; fc.steps++) {
		k = fw_choose();
		r = rand() % 40;
		if (fws[k].pid == SYSERR) {	/* a new worker there	*/
			REQUIRE(fw_new(k) == OK);
		} else if (r < 2) {
			fw_kill(k);
		} else if (r < 4) {
			fw_midkill(k);
		} else {
			fw_step(k, fw_free(k));
		}
		CHECK(vm_audit() == OK);
	}
	CHECK(fbad == 0);
	fw_report(&t0, steps);
	fw_end(&s);
	if ((int32)test_failures != fails) {
		kprintf("sharefuzz: FAILED with seed %d (sfseed=%d)\n", seed,
			seed);
	}
	return OK;
}

/* RAM swap, unsealed, no daemon: the course's setting */
TEST_BOOT(sharefuzz_model, "vm.ffs=16 vm.swap=96")
{
	return sharefuzz(bootarg_uint("sfseed", 11),
			 bootarg_uint("sfsteps", 8000));
}

/* Two cases per backend of the table (vmtable.h), e.g.
 * sharefuzz_sealed_on_disk and sharefuzz_pageout_on_disk: sealed swap,
 * and the pageout daemon on (sealed as the backend's default says) */
#define	SHAREFUZZ_CASES(dev)						\
	TEST_BOOT(sharefuzz_sealed_on_##dev, "+disk vm.swapdev=" #dev	\
		  " vm.swapcrypt=on vm.ffs=16 vm.swap=96")		\
	{								\
		REQUIRE(strcmp(swapdev->name, #dev) == 0 && seal_on);	\
		CHECK(sharefuzz(bootarg_uint("sfseed", 12),		\
				bootarg_uint("sfsteps", 8000)) == OK);	\
		CHECK(sealstats.opened > 0 && sealstats.failed == 0);	\
		return OK;						\
	}								\
	TEST_BOOT(sharefuzz_pageout_on_##dev, "+disk vm.swapdev=" #dev	\
		  " vm.swapper=on vm.ffs=16 vm.swap=96")		\
	{								\
		REQUIRE(strcmp(swapdev->name, #dev) == 0);		\
		REQUIRE(!isbadpid(pageoutpid));				\
		CHECK(sharefuzz(bootarg_uint("sfseed", 13),		\
				bootarg_uint("sfsteps", 8000)) == OK);	\
		kprintf("pageout: %d wake-ups, %d cleaned, %d freed\n",	\
			pgostats.wakeups, pgostats.cleaned, pgostats.freed); \
		CHECK(pgostats.freed > 0);				\
		return OK;						\
	}
SWAPDEV_TABLE(SHAREFUZZ_CASES)
