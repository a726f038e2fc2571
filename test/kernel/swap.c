/* swap.c - tests of eviction, swap-in, dirty-bit write-back, policies */

#include <xinu.h>
#include <vm.h>
#include <seal.h>
#include "vmtest.h"

/* Touch page i of p: write a pattern or just read */
#define	WR(p, i)	vm_write(PAGE(p, i), 0x5A000000 | (i))
#define	RD(p, i)	vm_read(PAGE(p, i))
#define	STATS(pid)	(proctab[(pid)].prvm->stats)

local	sid32	written;		/* children signal: data written */
local	sid32	hold;			/* children wait here to go on	*/

/* FFS pages: no eviction; FFS+5: five evictions, all written */
local	process	touch_n(int32 n)
{
	char	*p = vmalloc(n * PAGE_SIZE);
	int32	i;

	REQUIRE(p != (char *)SYSERR);
	for (i = 0; i < n; i++) {
		WR(p, i);
	}
	CHECK(used_ffs_frames(getpid()) == (uint32)(n < (int32)ffs_limit ?
					       n : (int32)ffs_limit));
	CHECK(vm_audit() == OK);
	return OK;
}

TEST_BOOT(swap_evicts_only_when_ffs_is_full, "vm.ffs=32 vm.swap=64")
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	REQUIRE(vrun(touch_n, 32) != SYSERR);
	CHECK(vmtotal.evict_dirty + vmtotal.evict_clean == 0);
	CHECK(vmtotal.lazy == 32);
	CHECK(vmsnap_same(&s));
	REQUIRE(vrun(touch_n, 37) != SYSERR);
	CHECK(vmtotal.evict_dirty == 5 && vmtotal.evict_clean == 0);
	CHECK(vmtotal.lazy == 32 + 37);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* Reading back evicted pages: one eviction and one swap-in each; the
 * pages that came back keep their slots */
local	process	readback(int32 unused)
{
	char	*p = vmalloc(37 * PAGE_SIZE);
	pid32	me = getpid();
	int32	i;

	(void)unused;
	for (i = 0; i < 37; i++) {
		WR(p, i);
	}
	CHECK(STATS(me).evict_dirty == 5);
	CHECK(proctab[me].prvm->nslots == 5);
	for (i = 0; i < 5; i++) {	/* pages 0-4 went to swap	*/
		CHECK(RD(p, i) == (0x5A000000 | (uint32)i));
		CHECK(STATS(me).swapins == (uint32)i + 1);
		CHECK(STATS(me).evict_dirty == 5 + (uint32)i + 1);
		CHECK(proctab[me].prvm->nslots == 5 + (uint32)i + 1);
		CHECK(used_ffs_frames(me) == 32);
	}
	CHECK(free_swap_pages() == swap_limit - 10);
	CHECK(vm_audit() == OK);
	return OK;
}

TEST_BOOT(swap_readback_keeps_slots, "vm.ffs=32 vm.swap=64")
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	REQUIRE(vrun(readback, 0) != SYSERR);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* A clean page whose slot copy is good is evicted without a write; once
 * written it is copied again.  With two frames the clock's choices can
 * be followed by hand (A: accessed bit, hand at frame 0 to start):
 *  W0 W1         f0=p0 f1=p1
 *  W2  clears both, evicts p0 (copy)        f0=p2, hand 1
 *  R0  evicts p1 (copy), p0 in (slot kept)  f1=p0, hand 0
 *  R1  clears f0,f1, evicts p2 (copy)       f0=p1, hand 1
 *  R2  evicts p0: clean, no write           f1=p2, hand 0
 *  W0  clears f0,f1, evicts p1: clean       f0=p0 (dirty), hand 1
 *  R1  evicts p2: clean                     f1=p1, hand 0
 *  R2  clears f0,f1, evicts p0: dirty, copy
 */
local	process	cleanpages(int32 unused)
{
	char	*p = vmalloc(3 * PAGE_SIZE);
	struct	vmstats	*st = &proctab[getpid()].prvm->stats;

	(void)unused;
	WR(p, 0); WR(p, 1); WR(p, 2);
	CHECK(st->evict_dirty == 1 && st->evict_clean == 0);
	RD(p, 0);
	RD(p, 1);
	CHECK(st->evict_dirty == 3 && st->evict_clean == 0);
	CHECK(proctab[getpid()].prvm->nslots == 3);
	RD(p, 2);
	CHECK(st->evict_dirty == 3 && st->evict_clean == 1);
	WR(p, 0);
	RD(p, 1);
	CHECK(st->evict_dirty == 3 && st->evict_clean == 3);
	CHECK(RD(p, 2) == (0x5A000000 | 2));
	CHECK(st->evict_dirty == 4 && st->evict_clean == 3);
	CHECK(st->swapins == 6);
	CHECK(proctab[getpid()].prvm->nslots == 3);
	CHECK(vm_audit() == OK);
	return OK;
}

TEST_BOOT(swap_clean_pages_are_not_written, "vm.ffs=2 vm.swap=8")
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	REQUIRE(vrun(cleanpages, 0) != SYSERR);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* The trace lines follow the clock hand, which persists across
 * processes, and frames and slots are handed out lowest first.  Four
 * frames:
 *  first process writes pages 0-5: pages 0-3 fill frames 0-3; page 4
 *  finds every A bit set, clears them and evicts frame 0 (slot 0); page
 *  5 evicts frame 1 (slot 1); the hand stays at frame 2.
 *  It exits: all frames and slots are free again.
 *  The second process's pages 0-3 land in frames 0-3 again; page 4
 *  sweeps from frame 2 and evicts it (page 2) into slot 0; page 5
 *  evicts frame 3 (page 3) into slot 1.  Reading page 3 back (slot 1):
 *  the hand is at frame 0, page 0, whose A bit the sweep cleared: it
 *  goes to the lowest free slot, 2, and page 3 comes into frame 0.
 */
local	process	tracer(int32 readback)
{
	char	*p = vmalloc(6 * PAGE_SIZE);
	int32	i;

	for (i = 0; i < 6; i++) {
		WR(p, i);
	}
	if (readback) {
		CHECK(RD(p, 3) == (0x5A000000 | 3));
	}
	return OK;
}

TEST_BOOT(swap_trace_follows_the_clock_hand, "vm.ffs=4 vm.swap=16")
{
	static	char	out[1024];

	kcapture(out, sizeof(out));
	debug_swapping = 100;
	vrun(tracer, 0);
	vrun(tracer, 1);
	kcapture(NULL, 0);
	CHECK(strcmp(out,
		"eviction:: FFS frame 0x0, swap frame 0x0 copy\n"
		"eviction:: FFS frame 0x1, swap frame 0x1 copy\n"
		"eviction:: FFS frame 0x2, swap frame 0x0 copy\n"
		"eviction:: FFS frame 0x3, swap frame 0x1 copy\n"
		"eviction:: FFS frame 0x0, swap frame 0x2 copy\n"
		"swapping:: swap frame 0x1, FFS frame 0x0\n") == 0);
	CHECK(debug_swapping == 100 - 6);
	if (test_failures > 0) {
		kprintf("captured:\n%s", out);
	}

	/* debug_swapping counts down and stops the lines at 0 */
	kcapture(out, sizeof(out));
	debug_swapping = 1;
	vrun(tracer, 0);
	kcapture(NULL, 0);
	CHECK(debug_swapping == 0);
	CHECK(strchr(out, '\n') == strrchr(out, '\n') && out[0] == 'e');
	return OK;
}

/* Global replacement: a second process evicts the first one's frames,
 * whose data survives */
local	process	hogger(int32 n)
{
	char	*p = vmalloc(n * PAGE_SIZE);
	int32	i, bad = 0;

	for (i = 0; i < n; i++) {
		WR(p, i);
	}
	signal(written);
	wait(hold);			/* until the other one is done	*/
	for (i = 0; i < n; i++) {
		bad += RD(p, i) != (0x5A000000 | (uint32)i);
	}
	CHECK(bad == 0);
	return OK;
}

TEST_BOOT(swap_global_replacement, "vm.ffs=16 vm.swap=64")
{
	struct	vmsnap	s;
	pid32	a, b;

	vmsnap_take(&s);
	hold = semcreate(0);
	written = semcreate(0);
	a = vcreate(hogger, 8192, INITPRIO + 1, "A", 1, 16);
	b = vcreate(hogger, 8192, INITPRIO + 1, "B", 1, 8);
	resume(a);
	wait(written);				/* A wrote 16 pages	*/
	CHECK(used_ffs_frames(a) == 16);
	resume(b);
	wait(written);				/* B wrote 8 pages	*/
	CHECK(used_ffs_frames(a) == 8);
	CHECK(used_ffs_frames(b) == 8);
	CHECK(STATS(a).evict_dirty == 8);
	CHECK(vm_audit() == OK);
	signal(hold);				/* A reads back		*/
	signal(hold);				/* B reads back		*/
	receive();
	receive();
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	semdelete(hold);
	semdelete(written);
	return OK;
}

/* Data integrity under heavy swapping: 2x FFS pages, every word checked
 * in forward, backward and random orders; then several processes */
local	process	integrity(int32 npages)
{
	uint32	*p = (uint32 *)vmalloc(npages * PAGE_SIZE);
	uint32	i, j, k, bad = 0, tag = getpid() << 24;

	REQUIRE(p != (uint32 *)SYSERR);
	srand(npages);			/* the same accesses every run	*/
	for (i = 0; i < (uint32)npages; i++) {
		for (j = 0; j < 1024; j++) {
			p[i * 1024 + j] = tag ^ (i << 10 | j);
		}
	}
	for (i = 0; i < (uint32)npages; i++) {		/* forward	*/
		for (j = 0; j < 1024; j += 7) {
			bad += p[i * 1024 + j] != (tag ^ (i << 10 | j));
		}
	}
	for (i = npages; i-- > 0; ) {			/* backward	*/
		for (j = 0; j < 1024; j++) {
			bad += p[i * 1024 + j] != (tag ^ (i << 10 | j));
		}
	}
	for (k = 0; k < (uint32)npages * 4; k++) {	/* random	*/
		i = rand() % npages;
		j = rand() % 1024;
		bad += p[i * 1024 + j] != (tag ^ (i << 10 | j));
	}
	CHECK(bad == 0);
	CHECK(vm_audit() == OK);
	return OK;
}

TEST_BOOT(swap_data_integrity, "vm.ffs=64 vm.swap=512")
{
	struct	vmsnap	s;
	int32	i;

	vmsnap_take(&s);
	REQUIRE(vrun(integrity, 128) != SYSERR);
	CHECK(vmtotal.swapins > 0);
	CHECK(vmsnap_same(&s));
	for (i = 0; i < 4; i++) {
		resume(vcreate(integrity, 8192, INITPRIO, "integ", 1, 48));
	}
	for (i = 0; i < 4; i++) {
		receive();
	}
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* Sealed RAM swap (vm.swapcrypt=on) under every policy of the table,
 * one after another in one boot (a policy is switched with no page
 * resident): every word comes back, every page opens */
TEST_BOOT(seal_ram_integrity_every_policy,
	  "vm.ffs=64 vm.swap=512 vm.swapcrypt=on")
{
	struct	vmsnap	s;
	int32	i;

	REQUIRE(seal_on && !swapdev->blocks);
	vmsnap_take(&s);
	for (i = 0; vm_policyname(i) != NULL; i++) {
		REQUIRE(vm_setpolicy(vm_policyname(i), 7) == OK);
		kprintf("policy %s\n", vm_policyname(i));
		REQUIRE(vrun(integrity, 128) != SYSERR);
	}
	kprintf("sealed %d, opened %d, failed %d\n", sealstats.sealed,
		sealstats.opened, sealstats.failed);
	CHECK(i >= 4 && sealstats.sealed > 0 && sealstats.opened > 0);
	CHECK(sealstats.failed == 0 && swap_nretired == 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

/* The reference string of the textbooks, run through the real fault
 * path, against the clock algorithm worked by hand: 3 frames give 14
 * faults (victims 7 1 2 0 3 4 2 0 3 1 2), 4 frames give 9 (7 1 2 3 4) */
local	const	int32	refstr[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2,
				     1, 2, 0, 1, 7, 0, 1 };
local	uint32	refaults;

local	process	reference(int32 unused)
{
	char	*p = vmalloc(8 * PAGE_SIZE);
	uint32	i;
	struct	vmstats	*st = &proctab[getpid()].prvm->stats;

	(void)unused;
	for (i = 0; i < sizeof(refstr) / sizeof(refstr[0]); i++) {
		RD(p, refstr[i]);
	}
	refaults = st->lazy + st->swapins;
	return OK;
}

TEST_BOOT(swap_clock_reference_string_3_frames, "vm.ffs=3 vm.swap=16")
{
	vrun(reference, 0);
	CHECK(refaults == 14);
	return OK;
}

TEST_BOOT(swap_clock_reference_string_4_frames, "vm.ffs=4 vm.swap=16")
{
	vrun(reference, 0);
	CHECK(refaults == 9);
	return OK;
}

/* The random policy: the same seed gives the same victims */
local	char	victims[2][64];

/*------------------------------------------------------------------------
 *  victimlist  -  The FFS frame numbers of the eviction lines in 'trace'
 *------------------------------------------------------------------------
 */
local	void	victimlist(const char *trace, char *list, uint32 size)
{
	const	char	*ev = "eviction:: FFS frame 0x";
	uint32	n = 0;

	while ((trace = strstr(trace, ev)) != NULL && n + 1 < size) {
		trace += strlen(ev);
		list[n++] = *trace;
	}
	list[n] = NULLCH;
}

local	void	random_run(uint32 seed, char *list)
{
	static	char	trace[4096];

	vm_setpolicy("random", seed);
	kcapture(trace, sizeof(trace));
	debug_swapping = 60;
	vrun(integrity, 12);
	kcapture(NULL, 0);
	victimlist(trace, list, sizeof(victims[0]));
}

TEST_BOOT(swap_random_policy_is_reproducible, "vm.ffs=4 vm.policy=random")
{
	CHECK(strcmp(vmpolicy->name, "random") == 0);
	random_run(7, victims[0]);
	random_run(7, victims[1]);
	CHECK(strlen(victims[0]) > 20);
	CHECK(strcmp(victims[0], victims[1]) == 0);
	random_run(8, victims[1]);
	CHECK(strcmp(victims[0], victims[1]) != 0);	/* seeds differ	*/
	return OK;
}

/* Out of frames and slots: only the process that asked dies, and all
 * memory can be used again afterwards */
local	process	keeper(int32 n)
{
	char	*p = vmalloc(n * PAGE_SIZE);
	int32	i, bad = 0;

	for (i = 0; i < n; i++) {
		WR(p, i);
	}
	signal(written);
	wait(hold);
	for (i = 0; i < n; i++) {
		bad += RD(p, i) != (0x5A000000 | (uint32)i);
	}
	CHECK(bad == 0);
	return OK;
}

TEST_BOOT(swap_out_of_memory_kills_the_asker, "vm.ffs=8 vm.swap=8")
{
	struct	vmsnap	s;
	char	out[256], want[64];
	pid32	a, b;

	vmsnap_take(&s);
	hold = semcreate(0);
	written = semcreate(0);
	a = vcreate(keeper, 8192, INITPRIO + 1, "keeper", 1, 4);
	resume(a);
	wait(written);
	kcapture(out, sizeof(out));
	b = vrun(touch_n, 20);			/* 4 + 20 > 8 + 8	*/
	kcapture(NULL, 0);
	sprintf(want, "P%d:: OUT_OF_MEMORY\n", b);
	CHECK(strstr(out, want) != NULL);
	CHECK(proctab[a].prstate != PR_FREE);
	CHECK(vm_audit() == OK);
	signal(hold);
	CHECK(receive() == (umsg32)a);
	CHECK(vmsnap_same(&s));
	REQUIRE(vrun(touch_n, 16) != SYSERR);	/* all of it again	*/
	CHECK(vmsnap_same(&s));
	semdelete(hold);
	semdelete(written);
	return OK;
}
