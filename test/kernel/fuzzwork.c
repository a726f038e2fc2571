/* fuzzwork.c - fws, fwr, and the workers, commands and model shared by
 *		sharefuzz.c and fullfuzz.c */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"
#include "fuzzwork.h"

/*
 * Up to fwr.nw workers (vcreate'd, or vclone'd from one another) each
 * own a heap block of fwr.nh pages at the heap's start and may map the
 * store (fwr.ns pages at fwr.svp).  The driver gives a worker one
 * command at a time (fw_start) and, when it ended (fw_wait), makes the
 * model follow (fw_model): a worker's block is its own (a clone starts
 * with a copy), the store is one for all.  The fuzzers differ in how a
 * page is touched (fwr.touch), in the mix of commands (fwr.writes,
 * fwr.stores) and in whether memory is full (fwr.full: a clone or an
 * xmmap may then be refused, and a worker may die of OUT_OF_MEMORY, so
 * the driver polls 'busy' instead of waiting on fwr.done).  The random
 * choices here are the driver's only, in a fixed order per call.
 */

struct	fw	fws[FW_NWMAX];
struct	fwrun	fwr;

/*------------------------------------------------------------------------
 *  fw_begin  -  Reserve the store and start the model with no worker;
 *		 the fuzzer has set fwr's parameters
 *------------------------------------------------------------------------
 */
status	fw_begin(void)
{
	int32	k;

	assert(fwr.nw <= FW_NWMAX && fwr.nh <= FW_NHMAX &&
	       fwr.ns <= FW_NSMAX);
	if (get_bs(fwr.store, fwr.ns) != fwr.ns) {
		return SYSERR;
	}
	memset(fwr.storeval, 0, sizeof(fwr.storeval));
	fwr.block = (char *)VHEAP_START;
	fwr.hot[0] = fwr.hot[1] = 0;
	fwr.bad = 0;
	fwr.clones = fwr.deepclones = fwr.clonefails = fwr.mapfails = 0;
	for (k = 0; k < fwr.nw; k++) {
		fws[k].pid = SYSERR;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  fw_page  -  The address of page i of a worker's view: its block
 *		(i < nh) or the store
 *------------------------------------------------------------------------
 */
char	*fw_page(int32 i)
{
	return i < fwr.nh ? PAGE(fwr.block, i) :
	       (char *)((fwr.svp + i - fwr.nh) << PAGE_SHIFT);
}

/*------------------------------------------------------------------------
 *  fw_do  -  Carry out worker 'k''s command
 *------------------------------------------------------------------------
 */
local	void	fw_do(int32 k, process (*self)(int32, bool8))
{
	struct	fw	*w = &fws[k];
	int32	i;

	switch (w->op) {
	case F_WRITE:
		fwr.touch(w, w->arg, TRUE, w->val);
		break;
	case F_CHECK:
		for (i = 0; i < fwr.nh; i++) {
			if (w->arg == 0 || w->heap[i] != 0) {
				fwr.bad += fwr.touch(w, i, FALSE, 0) !=
					   w->heap[i];
			}
		}
		for (i = 0; w->mapped && i < fwr.ns; i++) {
			fwr.bad += fwr.touch(w, fwr.nh + i, FALSE, 0) !=
				   fwr.storeval[i];
		}
		break;
	case F_REFILL:
		fwr.bad += vfree(fwr.block, fwr.nh * PAGE_SIZE) != OK;
		fwr.bad += vmalloc(fwr.nh * PAGE_SIZE) != fwr.block;
		break;
	case F_MAP:
		w->mapped = xmmap(fwr.svp, fwr.store, fwr.ns) == OK;
		break;
	case F_UNMAP:
		fwr.bad += xmunmap(fwr.svp) != OK;
		break;
	case F_CLONE:
		fws[fwr.new].pid = vclone(self, 8192, fwr.prio, "fw", 2,
					  fwr.new, FALSE);
		break;
	}
}

/*------------------------------------------------------------------------
 *  fw_ended  -  Worker 'k''s command (or its start) ended: tell the driver
 *------------------------------------------------------------------------
 */
local	void	fw_ended(int32 k)
{
	fws[k].busy = FALSE;
	if (fwr.done != SYSERR) {
		signal(fwr.done);
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
		fwr.bad += vmalloc(fwr.nh * PAGE_SIZE) != fwr.block;
		fw_ended(k);
	}
	for (;;) {
		wait(fws[k].go);
		fw_do(k, fworker);
		fw_ended(k);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  fw_prio  -  A random priority around the driver's (INITPRIO)
 *------------------------------------------------------------------------
 */
pri16	fw_prio(void)
{
	return INITPRIO - 2 + rand() % 5;
}

/*------------------------------------------------------------------------
 *  fw_pick  -  The command for worker 'w' (F_CLONE needs a free entry):
 *		fwr.writes in 32 are writes
 *------------------------------------------------------------------------
 */
int32	fw_pick(struct fw *w, bool8 canclone)
{
	int32	r = rand() % 32;

	if (r < fwr.writes) {
		return F_WRITE;
	}
	if (r < 21) {
		return F_CHECK;
	}
	if (r < 22) {
		return VHEAP_NEXTFIT ? F_CHECK : F_REFILL;
	}
	if (r < 25 && fwr.stores) {
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
int32	fw_target(struct fw *w)
{
	int32	i = rand() % fwr.nh, j;

	if (w->mapped && rand() % 4 == 0) {
		return fwr.nh + rand() % fwr.ns;
	}
	for (j = 0; j < fwr.nh && rand() % 4 != 0; j++) {
		if (w->fresh & (1U << ((i + j) % fwr.nh))) {
			return (i + j) % fwr.nh;
		}
	}
	return i;
}

/*------------------------------------------------------------------------
 *  fw_choose  -  The worker of the next step: after a clone, often its
 *		  parent or the clone, else any
 *------------------------------------------------------------------------
 */
int32	fw_choose(void)
{
	int32	k = fwr.hot[rand() % 2];

	return rand() % 2 == 0 && fws[k].pid != SYSERR ? k : rand() % fwr.nw;
}

/*------------------------------------------------------------------------
 *  fw_start  -  Start command 'op' on worker 'k'
 *------------------------------------------------------------------------
 */
void	fw_start(int32 k, int32 op, int32 arg, uint32 val)
{
	struct	fw	*w = &fws[k];

	w->op = op;
	w->arg = arg;
	w->val = val;
	w->pre = 0;
	w->busy = TRUE;
	signal(w->go);
}

/*------------------------------------------------------------------------
 *  fw_wait  -  Wait until worker 'k''s command ended or it died; TRUE
 *		when it ended
 *------------------------------------------------------------------------
 */
bool8	fw_wait(int32 k)
{
	if (fwr.done != SYSERR) {
		wait(fwr.done);
		return TRUE;
	}
	while (fws[k].busy && proctab[fws[k].pid].prstate != PR_FREE) {
		sleepms(1);
	}
	return !fws[k].busy;
}

/*------------------------------------------------------------------------
 *  fw_cloned  -  Worker 'k' cloned itself into entry fwr.new (or was
 *		  refused): the model follows, and the clone starts
 *------------------------------------------------------------------------
 */
local	void	fw_cloned(int32 k)
{
	struct	fw	*w = &fws[k], *c = &fws[fwr.new];

	if (c->pid == SYSERR) {		/* no room for the copy	*/
		semdelete(c->go);
		fwr.clonefails++;
		fwr.bad += !fwr.full;
		return;
	}
	memcpy(c->heap, w->heap, sizeof(w->heap));
	c->mapped = w->mapped;
	c->gen = w->gen + 1;
	c->busy = FALSE;
	w->fresh = c->fresh = (1U << fwr.nh) - 1;
	fwr.clones++;
	fwr.deepclones += c->gen >= 2;
	fwr.hot[0] = k;
	fwr.hot[1] = fwr.new;
	resume(c->pid);
}

/*------------------------------------------------------------------------
 *  fw_model  -  Worker 'k' carried out its command: the model follows
 *------------------------------------------------------------------------
 */
void	fw_model(int32 k)
{
	struct	fw	*w = &fws[k];

	switch (w->op) {
	case F_WRITE:
		if (w->arg < fwr.nh) {
			w->heap[w->arg] = w->val;
			w->fresh &= ~(1U << w->arg);
		} else {
			fwr.storeval[w->arg - fwr.nh] = w->val;
		}
		break;
	case F_REFILL:
		memset(w->heap, 0, sizeof(w->heap));
		w->fresh = 0;
		break;
	case F_MAP:			/* (the worker set 'mapped')	*/
		fwr.mapfails += !w->mapped;
		fwr.bad += !w->mapped && !fwr.full;
		break;
	case F_UNMAP:
		w->mapped = FALSE;
		break;
	case F_CLONE:
		fw_cloned(k);
		break;
	}
}

/*------------------------------------------------------------------------
 *  fw_new  -  A new vcreate'd worker in entry 'k'
 *------------------------------------------------------------------------
 */
status	fw_new(int32 k)
{
	memset(&fws[k], 0, sizeof(fws[k]));
	fws[k].go = semcreate(0);
	fws[k].busy = TRUE;
	fws[k].pid = vcreate(fworker, 8192, fw_prio(), "fw", 2, k, TRUE);
	if (fws[k].pid == SYSERR) {
		return SYSERR;
	}
	resume(fws[k].pid);
	return fw_wait(k) ? OK : SYSERR;
}

/*------------------------------------------------------------------------
 *  fw_drain  -  Every worker gone: release the store and check that all
 *		 memory came back (the state of 's')
 *------------------------------------------------------------------------
 */
void	fw_drain(struct vmsnap *s)
{
	int32	i;

	CHECK(release_bs(fwr.store) == OK);
	recvclr();
	/* The pageout daemon or a disk exchange may still be writing a
	 * killed worker's page (now an orphan): its frame and slot come
	 * back when the write ends */
	for (i = 0; i < 5000 && frame_nio > 0; i++) {
		sleepms(1);
	}
	CHECK(frame_nio == 0 && vm_audit() == OK);
	CHECK(vmsnap_same(s));
}

/*------------------------------------------------------------------------
 *  fw_verdict  -  The end of a run of fuzzer 'name' from seed 'seed'
 *		   (boot argument 'arg' repeats it): no word seen wrong,
 *		   and the seed printed again when a check failed since
 *		   the run began with 'fails' failures.  OK
 *------------------------------------------------------------------------
 */
status	fw_verdict(
	  const char	*name,		/* the fuzzer			*/
	  const char	*arg,		/* its seed's boot argument	*/
	  uint32	seed,		/* the run's seed		*/
	  int32		fails		/* test_failures at the start	*/
	)
{
	CHECK(fwr.bad == 0);
	if ((int32)test_failures != fails) {
		kprintf("%s: FAILED with seed %d (%s=%d)\n", name, seed, arg,
			seed);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  fw_run  -  'steps' steps (fewer once a word is seen wrong), each on
 *	       the worker fw_choose picks: a new worker where there is
 *	       none, else 'act' with a roll from 0 to 39; then 'after'
 *	       (unless NULL) and vm_audit.  OK, or SYSERR when a worker
 *	       cannot be made
 *------------------------------------------------------------------------
 */
status	fw_run(
	  int32		steps,		/* steps to run			*/
	  void		(*act)(int32, int32),	/* the step on a worker	*/
	  void		(*after)(void)	/* after each step, or NULL	*/
	)
{
	int32	k, r;

	for (fwr.steps = 0; fwr.steps < steps && fwr.bad == 0;
	     fwr.steps++) {
		k = fw_choose();
		r = rand() % 40;
		if (fws[k].pid == SYSERR) {	/* a new worker there	*/
			REQUIRE(fw_new(k) == OK);
		} else {
			act(k, r);
		}
		if (after != NULL) {
			after();
		}
		CHECK(vm_audit() == OK);
	}
	return OK;
}
