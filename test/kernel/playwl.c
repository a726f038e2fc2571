/* playwl.c - the workloads played against the real VM, every policy */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"
#include "../workload/workload.h"
#include "../workload/cpmodel.h"

/*
 * Each workload of test/workload/workload.c is played by vcreate'd
 * processes that touch (write) the pages the string names, in order,
 * under each policy of the table in turn; the faults (first touches
 * plus swap-ins) of a play are what make curves compares with OPT and
 * LRU, which the host computes from the same string.  WL_TWOPROC is two
 * processes that hand the turn to each other with two semaphores
 * whenever the string passes from one to the other, so the order of
 * references is the string's whatever the scheduler does.  A player
 * that is done keeps its frames until the faults are counted: were it
 * to end first, the other would find free frames the string's model
 * does not have.
 *
 * Lines for make curves:  WL policy workload frames refs faults
 * Boot words: wlrefs=N (references per play, default 4000), wlpages=N
 * (pages, default 64), wlseed=N (default 465), wlspin=N (a busy loop
 * of N turns per reference, default 0: paces the string against the
 * 1 ms ticks the aging policy samples A bits on).
 *
 * FIFO does not look at A bits, so its faults do not depend on timing:
 * they must equal a model of FIFO run here on the same string.  Nor do
 * CLOCK-Pro's: it reads A bits only when it evicts or fills, never on a
 * tick, so they must equal test/workload/cpmodel.c's.
 */

struct	wlplay	{
	uint32	kind, npages, refs, spin, seed;
	sid32	turn[2];	/* WL_TWOPROC: whose turn it is		*/
	sid32	done;		/* a player has played its part		*/
	sid32	release;	/* the faults are counted: players end	*/
};

local	struct	wlplay	play;

/*------------------------------------------------------------------------
 *  player  -  Touch the pages of process 'me' of the string, in order
 *------------------------------------------------------------------------
 */
local	process	player(int32 me)
{
	struct	wlgen	g;
	char	*p = vmalloc(play.npages * PAGE_SIZE);
	uint32	i, k, page, proc, cur = 0;

	if (p == (char *)SYSERR ||
	    wl_init(&g, play.kind, play.npages, play.seed) != 0) {
		CHECK(p != (char *)SYSERR);
		return SYSERR;
	}
	for (i = 0; i < play.refs; i++) {
		page = wl_next(&g, &proc);
		if (proc != cur) {		/* the turn passes	*/
			if (proc == (uint32)me) {
				wait(play.turn[me]);
			} else {
				signal(play.turn[proc]);
			}
			cur = proc;
		}
		if (proc != (uint32)me) {
			continue;
		}
		vm_write(PAGE(p, page), i);
		for (k = 0; k < play.spin; k++) {
			asm volatile("");
		}
	}
	signal(play.done);		/* keep our frames until the	*/
	wait(play.release);		/* other player is done too	*/
	return OK;
}

/*------------------------------------------------------------------------
 *  fifo_model  -  Faults of FIFO with 'frames' frames on the string
 *------------------------------------------------------------------------
 */
local	uint32	fifo_model(uint32 frames)
{
	struct	wlgen	g;
	bool8	in[WL_MAXPAGES] = { FALSE };
	uint32	queue[WL_MAXPAGES], head = 0, n = 0, faults = 0, i, page, proc;

	wl_init(&g, play.kind, play.npages, play.seed);
	for (i = 0; i < play.refs; i++) {
		page = wl_next(&g, &proc);
		if (in[page]) {
			continue;
		}
		faults++;
		if (n == frames) {		/* evict the oldest	*/
			in[queue[head]] = FALSE;
			head = (head + 1) % WL_MAXPAGES;
			n--;
		}
		queue[(head + n++) % WL_MAXPAGES] = page;
		in[page] = TRUE;
	}
	return faults;
}

/*------------------------------------------------------------------------
 *  clockpro_model  -  Faults of CLOCK-Pro with 'frames' frames on the
 *		       string (test/workload/cpmodel.c)
 *------------------------------------------------------------------------
 */
local	uint32	clockpro_model(uint32 frames)
{
	return cp_model(play.kind, play.npages, play.seed, play.refs, frames);
}

/* The policies whose faults a model gives exactly */
local	const	struct	{
	const	char	*name;
	uint32	(*model)(uint32 frames);
} models[] = {
	{ "fifo", fifo_model },
	{ "clockpro", clockpro_model }
};
#define	NMODELS	(sizeof(models) / sizeof(models[0]))

/*------------------------------------------------------------------------
 *  playone  -  Play the string once; returns its faults
 *------------------------------------------------------------------------
 */
local	uint32	playone(void)
{
	uint32	before, faults;
	int32	n = play.kind == WL_TWOPROC ? 2 : 1, i;
	uint64	tick = clkms;

	/* Start on a clock tick's edge, so aging's ticks fall at the same
	 * references every run: what came before (the console's pace, which
	 * is the host's) must not shift them */
	while (*(volatile uint64 *)&clkms == tick) {
		;
	}
	before = vmtotal.lazy + vmtotal.swapins;
	play.turn[0] = semcreate(0);
	play.turn[1] = semcreate(0);
	play.done = semcreate(0);
	play.release = semcreate(0);
	recvclr();
	for (i = n - 1; i >= 0; i--) {
		resume(vcreate(player, 8192, INITPRIO + 1, "player", 1, i));
	}
	for (i = 0; i < n; i++) {
		wait(play.done);
	}
	faults = vmtotal.lazy + vmtotal.swapins - before;
	signal(play.release);
	signal(play.release);
	for (i = 0; i < n; i++) {
		receive();
	}
	semdelete(play.turn[0]);
	semdelete(play.turn[1]);
	semdelete(play.done);
	semdelete(play.release);
	return faults;
}

/*------------------------------------------------------------------------
 *  playall  -  Every workload under every policy; checks FIFO and
 *		CLOCK-Pro against their models and that all memory
 *		comes back
 *------------------------------------------------------------------------
 */
local	void	playall(void)
{
	struct	vmsnap	s;
	const	char	*name;
	uint32	faults, i, m;

	play.refs = bootarg_uint("wlrefs", 4000);
	play.npages = bootarg_uint("wlpages", 64);
	play.spin = bootarg_uint("wlspin", 0);
	play.seed = bootarg_uint("wlseed", 465);
	vmsnap_take(&s);
	for (play.kind = 0; play.kind < WL_KINDS; play.kind++) {
		for (i = 0; (name = vm_policyname(i)) != NULL; i++) {
			CHECK(vm_setpolicy(name, 1) == OK);
			faults = playone();
			kprintf("WL %s %s %u %u %u\n", name, wl_name(play.kind),
				ffs_limit, play.refs, faults);
			CHECK(faults >= (ffs_limit < play.npages ? ffs_limit
					 : 1));
			for (m = 0; m < NMODELS; m++) {
				if (strcmp(name, models[m].name) == 0 &&
				    faults != models[m].model(ffs_limit)) {
					kprintf("%s model: %u faults\n", name,
						models[m].model(ffs_limit));
					CHECK(faults == models[m].model(
					      ffs_limit));
				}
			}
			CHECK(vm_audit() == OK);
			CHECK(vmsnap_same(&s));
		}
	}
	vm_setpolicy("clock", 1);
}

/* make curves boots this with its own vm.ffs= and wl* words */
TEST(wl_play)
{
	playall();
	return OK;
}

TEST_BOOT(vm_workloads_fifo_matches_model, "vm.ffs=24 wlrefs=3000")
{
	playall();
	return OK;
}
