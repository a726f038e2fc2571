/* sharefuzz.c - a fuzzer of shared pages against a model of who sees what */

#include <xinu.h>
#include <vm.h>
#include <seal.h>
#include <vmtable.h>
#include "vmtest.h"
#include "fuzzwork.h"

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
 * The workers, their commands and the model are fuzzwork.c's (shared
 * with fullfuzz.c); how a page is touched and the driver are here.
 */

#define	NW		8		/* workers at most		*/
#define	NH		6		/* heap pages of each		*/
#define	NS		4		/* store pages			*/
#define	SVP		(VHEAP_FIRST + 64)	/* where the store goes	*/

/* What a run reached (fwr: its steps, clones and clones of clones) */
struct	fcount	{
	int32	kills, midkills;	/* midkills: with a command on	*/
	int32	unfinished;		/* midkills before it ended	*/
	int32	sharedins;		/* swap-ins of a block page whose */
					/* slot another PTE holds	*/
	int32	storeins;		/* swap-ins of store pages	*/
};

local	struct	fcount	fc;

/*------------------------------------------------------------------------
 *  fw_touch  -  Write 'val' to page i of worker 'w''s view, or read it;
 *		 count a swap-in of a page held by another PTE too
 *------------------------------------------------------------------------
 */
local	uint32	fw_touch(struct fw *w, int32 i, bool8 write, uint32 val)
{
	struct	vmstats	*st = &proctab[w->pid].prvm->stats;
	char	*p = fw_page(i);
	pte_t	*pte;
	intmask	mask;
	uint32	ins, slot;
	bool8	shared = FALSE;

	mask = disable();
	pte = pte_lookup((pde_t *)proctab[w->pid].prpdbr, (uint32)p);
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
 *  fw_step  -  One random step on worker 'k' ('free': an entry for a
 *		clone, or -1), in the model too
 *------------------------------------------------------------------------
 */
local	void	fw_step(int32 k, int32 free)
{
	struct	fw	*w = &fws[k];
	int32	op = fw_pick(w, free >= 0), arg = fw_target(w);
	uint32	val = (uint32)rand();

	fwr.new = free;
	fwr.prio = fw_prio();
	if (op == F_CLONE) {
		fws[free].go = semcreate(0);
		fws[free].pid = SYSERR;
	}
	fw_start(k, op, op == F_CHECK ? 0 : arg, val);	/* check all */
	fw_wait(k);
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
	int32	r = rand() % 4, arg = rand() % NH;

	r = r == 0 ? F_CHECK : r == 1 ? F_WRITE :
	    r == 2 && !VHEAP_NEXTFIT ? F_REFILL :
	    fws[k].mapped ? F_UNMAP : F_MAP;
	fw_start(k, r, r == F_CHECK ? 0 : arg, (uint32)rand());
	sleepms(rand() % 3);			/* 0: a yield		*/
	fc.unfinished += semcount(fwr.done) == 0;
	fw_kill(k);
	semreset(fwr.done, 0);			/* it may have ended	*/
	fc.midkills++;
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
 *  fw_act  -  Step 'r' (0-39) of the run on worker 'k': a kill, a kill
 *	       with a command on, or a command
 *------------------------------------------------------------------------
 */
local	void	fw_act(int32 k, int32 r)
{
	if (r < 2) {
		fw_kill(k);
	} else if (r < 4) {
		fw_midkill(k);
	} else {
		fw_step(k, fw_free(k));
	}
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
		fwr.steps, fwr.clones, fwr.deepclones, fc.kills, fc.midkills,
		fc.unfinished);
	kprintf("sharefuzz: %d copies, %d kept writable, %d joins, "
		"%d shared swap-ins, %d store swap-ins, %d swap-ins\n",
		copies, vmtotal.cowkeeps - t0->cowkeeps, joins, fc.sharedins,
		fc.storeins, vmtotal.swapins - t0->swapins);
	CHECK(copies >= steps / 16 && joins >= steps / 16);
	CHECK(fc.sharedins >= steps / 10 && fwr.deepclones >= steps / 16);
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
	semdelete(fwr.done);
	fw_drain(s);
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
	int32	fails = test_failures;

	kprintf("sharefuzz: seed %d (sfseed=%d repeats the steps)\n", seed,
		seed);
	vmsnap_take(&s);
	srand(seed);
	fwr.nw = NW;
	fwr.nh = NH;
	fwr.ns = NS;
	fwr.store = 1;
	fwr.svp = SVP;
	fwr.writes = 16;
	fwr.stores = TRUE;
	fwr.full = FALSE;
	fwr.touch = fw_touch;
	REQUIRE(fw_begin() == OK);
	memset(&fc, 0, sizeof(fc));
	fwr.done = semcreate(0);
	recvclr();
	if (fw_run(steps, fw_act, NULL) != OK) {
		return SYSERR;
	}
	fw_report(&t0, steps);
	fw_end(&s);
	return fw_verdict("sharefuzz", "sfseed", seed, fails);
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
