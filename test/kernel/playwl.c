/* playwl.c - the workloads played against the real VM, every policy */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"
#include "../workload/workload.h"

/*
 * Each workload of test/workload/workload.c is played by vcreate'd
 * processes that touch (write) the pages the string names, in order,
 * under each policy of the table in turn; the faults (first touches
 * plus swap-ins) of a play are what make curves compares with OPT and
 * LRU, which the host computes from the same string.  WL_TWOPROC is two
 * processes that hand the turn to each other with two semaphores
 * whenever the string passes from one to the other, so the order of
 * references is the string's whatever the scheduler does.
 *
 * Lines for make curves:  WL policy workload frames refs faults
 * Boot words: wlrefs=N (references per play, default 4000), wlpages=N
 * (pages, default 64), wlspin=N (a busy loop of N turns per reference,
 * default 0: gives the aging policy's 1 ms ticks something to see).
 *
 * FIFO does not look at A bits, so its faults do not depend on timing:
 * they must equal a model of FIFO run here on the same string.
 */

#define	WL_SEED		465

struct	wlplay	{
	uint32	kind, npages, refs, spin;
	sid32	turn[2];	/* WL_TWOPROC: whose turn it is		*/
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
	    wl_init(&g, play.kind, play.npages, WL_SEED) != 0) {
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

	wl_init(&g, play.kind, play.npages, WL_SEED);
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
 *  playone  -  Play the string once; returns its faults
 *------------------------------------------------------------------------
 */
local	uint32	playone(void)
{
	uint32	before = vmtotal.lazy + vmtotal.swapins;
	pid32	a, b = SYSERR;

	play.turn[0] = semcreate(0);
	play.turn[1] = semcreate(0);
	recvclr();
	a = vcreate(player, 8192, INITPRIO + 1, "player0", 1, 0);
	if (play.kind == WL_TWOPROC) {
		b = vcreate(player, 8192, INITPRIO + 1, "player1", 1, 1);
		resume(b);
	}
	resume(a);
	receive();
	if (b != SYSERR) {
		receive();
	}
	semdelete(play.turn[0]);
	semdelete(play.turn[1]);
	return vmtotal.lazy + vmtotal.swapins - before;
}

/*------------------------------------------------------------------------
 *  playall  -  Every workload under every policy; checks FIFO against
 *		its model and that all memory comes back
 *------------------------------------------------------------------------
 */
local	void	playall(void)
{
	struct	vmsnap	s;
	const	char	*name;
	uint32	faults, i;

	play.refs = bootarg_uint("wlrefs", 4000);
	play.npages = bootarg_uint("wlpages", 64);
	play.spin = bootarg_uint("wlspin", 0);
	vmsnap_take(&s);
	for (play.kind = 0; play.kind < WL_KINDS; play.kind++) {
		for (i = 0; (name = vm_policyname(i)) != NULL; i++) {
			CHECK(vm_setpolicy(name, 1) == OK);
			faults = playone();
			kprintf("WL %s %s %u %u %u\n", name, wl_name(play.kind),
				ffs_limit, play.refs, faults);
			CHECK(faults >= (ffs_limit < play.npages ? ffs_limit
					 : 1));
			if (strcmp(name, "fifo") == 0 &&
			    faults != fifo_model(ffs_limit)) {
				kprintf("fifo model: %u faults\n",
					fifo_model(ffs_limit));
				CHECK(faults == fifo_model(ffs_limit));
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
