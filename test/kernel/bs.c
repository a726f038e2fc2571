/* bs.c - tests of shared backing stores: get_bs, xmmap, xmunmap, release_bs */

#include <xinu.h>
#include <vm.h>
#include <seal.h>
#include "vmtest.h"
#include "sharetest.h"

#define	VP(n)		(VHEAP_FIRST + (n))	/* a heap page number	*/
#define	VA(vp)		((char *)((vp) << PAGE_SHIFT))

local	volatile int32	bsbad;		/* words read wrong		*/

/*------------------------------------------------------------------------
 *  bs_args  -  In a vcreate'd process: every bad argument is SYSERR
 *		and changes nothing
 *------------------------------------------------------------------------
 */
local	process	bs_args(void)
{
	struct	vmproc	*vm = proctab[getpid()].prvm;
	char	*blk;
	uint32	heap;

	CHECK(get_bs(2, 10) == 10);
	blk = vmalloc(4 * PAGE_SIZE);		/* pages 0-3		*/
	REQUIRE(blk == VA(VP(0)));
	heap = vm->heappages;
	CHECK(xmmap(VP(10), 5, 4) == SYSERR);	/* no such store	*/
	CHECK(xmmap(VP(10), NBS, 4) == SYSERR);
	CHECK(xmmap(VP(10), 2, 0) == SYSERR);
	CHECK(xmmap(VP(10), 2, 11) == SYSERR);	/* past its size	*/
	CHECK(xmmap(VHEAP_FIRST - 1, 2, 4) == SYSERR);	/* below the heap */
	CHECK(xmmap(VP(VHEAP_PAGES - 2), 2, 4) == SYSERR); /* past its end */
	CHECK(xmmap(VP(2), 2, 4) == SYSERR);	/* over the vmalloc'ed	*/
	CHECK(vm->heappages == heap && vm_audit() == OK);
	CHECK(xmmap(VP(10), 2, 4) == OK);
	CHECK(vm->heappages == heap + 4);
	CHECK(allocated_virtual_pages(getpid()) == VHEAP_FIRST + heap + 4);
	CHECK(xmmap(VP(12), 2, 4) == SYSERR);	/* over another mapping	*/
	CHECK(vfree(VA(VP(10)), PAGE_SIZE) == SYSERR);	/* not vmalloc's */
	CHECK(xmunmap(VP(11)) == SYSERR);	/* not where it starts	*/
	CHECK(xmunmap(VP(0)) == SYSERR);	/* a vmalloc'ed block	*/
	CHECK(release_bs(2) == SYSERR);		/* mapped		*/
	CHECK(vmalloc(PAGE_SIZE) == VA(VP(4)));	/* not over it		*/
	CHECK(vm->heappages == heap + 5 && vm_audit() == OK);
	CHECK(xmunmap(VP(10)) == OK);
	CHECK(xmunmap(VP(10)) == SYSERR);
	CHECK(vm->heappages == heap + 1);
	CHECK(release_bs(2) == OK && release_bs(2) == SYSERR);
	CHECK(vm_audit() == OK);
	return OK;
}

/* Every bad argument to get_bs, xmmap, xmunmap and release_bs is SYSERR
 * with nothing changed */
TEST_BOOT(bs_bad_arguments, "vm.ffs=16 vm.swap=64")
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	CHECK(get_bs(NBS, 1) == SYSERR && get_bs((bsd_t)-1, 1) == SYSERR);
	CHECK(get_bs(0, 0) == SYSERR && get_bs(0, BS_MAXPAGES + 1) == SYSERR);
	CHECK(vmsnap_same(&s) && !bstab[0].inuse);
	CHECK(get_bs(3, 10) == 10);
	CHECK(free_swap_pages() == s.swap - 10);	/* its slots	*/
	CHECK(get_bs(3, 11) == SYSERR);		/* larger than it is	*/
	CHECK(get_bs(3, 5) == 10);		/* opened: its size	*/
	CHECK(xmmap(VP(0), 3, 1) == SYSERR);	/* a system process	*/
	CHECK(get_bs(4, 60) == SYSERR);		/* no room in swap	*/
	CHECK(release_bs(3) == OK && release_bs(4) == SYSERR);
	CHECK(vmsnap_same(&s));
	REQUIRE(vrun(bs_args, 0) != SYSERR);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

/*
 * Mappers: vcreate'd processes that map a store at a page of their own
 * and then write or check words on command, so that a test can follow
 * who sees what.  Word w of store page i holds WORD(i, w, salt).
 */
#define	WORD(i, w, salt)	(((uint32)(i) << 16) ^ (uint32)(w) ^ (salt))
#define	MAXM		8

struct	bsm	{
	pid32	pid;
	sid32	go;			/* its next step may start	*/
	uint32	vp;			/* where it maps the store	*/
	int32	first, step;		/* it writes pages first, +step	*/
};

local	struct	bsm	bsms[MAXM];
local	sid32	bsdone;			/* a mapper's step ended	*/
local	volatile uint32	bssalt;		/* what the words hold now	*/
local	volatile int32	bsop;		/* BS_WRITE, BS_CHECK, BS_EXIT	*/
local	uint32	bspages;		/* pages mapped			*/
local	bool8	allwords;		/* every word, or the first	*/
local	bool8	bszeros;		/* check for zeros instead	*/

#define	BS_WRITE	1
#define	BS_CHECK	2
#define	BS_EXIT		3

/*------------------------------------------------------------------------
 *  page_words  -  Write, or check, the words of store page 'i' mapped
 *		   at 'p'
 *------------------------------------------------------------------------
 */
local	void	page_words(char *p, uint32 i, bool8 write)
{
	uint32	w, n = allwords ? PAGE_SIZE / sizeof(uint32) : 1;

	for (w = 0; w < n; w++) {
		if (write) {
			vm_write(p + w * sizeof(uint32), WORD(i, w, bssalt));
		} else {
			bsbad += vm_read(p + w * sizeof(uint32)) !=
				 (bszeros ? 0 : WORD(i, w, bssalt));
		}
	}
}

/*------------------------------------------------------------------------
 *  bs_mapper  -  Map store 1 at bsms[k].vp, then carry out commands
 *------------------------------------------------------------------------
 */
local	process	bs_mapper(int32 k)
{
	struct	bsm	*m = &bsms[k];
	uint32	i;

	CHECK(xmmap(m->vp, 1, bspages) == OK);
	for (;;) {
		signal(bsdone);
		wait(m->go);
		if (bsop == BS_EXIT) {
			return OK;
		}
		for (i = 0; i < bspages; i++) {
			if (bsop == BS_CHECK) {
				page_words(VA(m->vp + i), i, FALSE);
			} else if ((int32)i % m->step == m->first) {
				page_words(VA(m->vp + i), i, TRUE);
			}
		}
	}
}

/*------------------------------------------------------------------------
 *  bs_step  -  Have the n mappers do 'op' and wait for all of them
 *------------------------------------------------------------------------
 */
local	void	bs_step(int32 n, int32 op)
{
	int32	k;

	bsop = op;
	for (k = 0; k < n; k++) {
		signal(bsms[k].go);	/* one step each, none twice	*/
	}
	for (k = 0; k < n; k++) {
		wait(bsdone);
	}
}

/*------------------------------------------------------------------------
 *  bs_start  -  Start n mappers of 'pages' pages of store 1, mapper k at
 *		 heap page 7*k, writing pages k, k+n, ...
 *------------------------------------------------------------------------
 */
local	status	bs_start(int32 n, uint32 pages)
{
	int32	k;

	bsdone = semcreate(0);
	bspages = pages;
	bsbad = 0;
	recvclr();
	for (k = 0; k < n; k++) {
		bsms[k].vp = VP(7 * k);
		bsms[k].first = k;
		bsms[k].step = n;
		bsms[k].go = semcreate(0);
		bsms[k].pid = vcreate(bs_mapper, 8192, INITPRIO - 1, "bsm", 1, k);
		if (bsms[k].pid == SYSERR) {
			return SYSERR;
		}
		resume(bsms[k].pid);
	}
	for (k = 0; k < n; k++) {
		wait(bsdone);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  bs_stop  -  End the n mappers and free the semaphores
 *------------------------------------------------------------------------
 */
local	void	bs_stop(int32 n)
{
	int32	k;

	bsop = BS_EXIT;
	for (k = 0; k < n; k++) {
		signal(bsms[k].go);
	}
	for (k = 0; k < n; k++) {
		receive();
		semdelete(bsms[k].go);
	}
	semdelete(bsdone);
}

/* Two processes map one store at different pages: each sees the other's
 * writes at once, and a store page is one frame however many map it */
TEST_BOOT(bs_two_processes_see_each_others_writes, "vm.ffs=32 vm.swap=64")
{
	static	struct	vminfo	info;
	struct	vmsnap	s;

	vmsnap_take(&s);
	allwords = TRUE;
	REQUIRE(get_bs(1, 8) == 8);
	REQUIRE(bs_start(2, 8) == OK);
	bssalt = 0x11110000;
	bs_step(2, BS_WRITE);			/* each writes half	*/
	CHECK(free_ffs_pages() == ffs_limit - 8);
	bs_step(2, BS_CHECK);			/* each reads it all	*/
	CHECK(bsbad == 0);
	CHECK(free_ffs_pages() == ffs_limit - 8);
	CHECK(used_ffs_frames(bsms[0].pid) == 8 &&
	      used_ffs_frames(bsms[1].pid) == 8);
	CHECK(allocated_virtual_pages(bsms[0].pid) == VHEAP_FIRST + 8);
	CHECK(vm_info(bsms[1].pid, &info) == OK && info.nruns == 1);
	CHECK(info.runs[0].shared == 8 && info.runs[0].cow == 0);
	CHECK(vm_audit() == OK);
	bs_stop(2);
	CHECK(release_bs(1) == OK);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

/*------------------------------------------------------------------------
 *  bs_pass  -  Map store 1 at page 'vp', write (or check) every page's
 *		words, and end
 *------------------------------------------------------------------------
 */
local	process	bs_pass(uint32 vp, bool8 write)
{
	uint32	i;

	CHECK(xmmap(vp, 1, bspages) == OK);
	for (i = 0; i < bspages; i++) {
		page_words(VA(vp + i), i, write);
	}
	CHECK(vm_audit() == OK);
	return OK;
}

/* Run bs_pass at page 'vp' in a vcreate'd process and wait for it */
#define	bs_run(vp, write)	vrun_wait(vcreate(bs_pass, 8192, INITPRIO + 1, \
					  "bs_pass", 2, (vp), (write)))

/* A store keeps its data with nothing mapping it: in frames kept after
 * the last mapper went, then in its slots once they are evicted; a
 * store never written reads zeros */
TEST_BOOT(bs_data_outlives_its_mappers, "vm.ffs=32 vm.swap=64")
{
	struct	vmsnap	s;
	intmask	mask;
	uint32	f;

	vmsnap_take(&s);
	allwords = TRUE;
	REQUIRE(get_bs(1, 6) == 6);
	bspages = 6;
	bsbad = 0;
	bszeros = TRUE;
	REQUIRE(bs_run(VP(3), FALSE) != SYSERR);
	bszeros = FALSE;
	CHECK(bsbad == 0 && free_ffs_pages() == ffs_limit);
	REQUIRE(bs_start(1, 6) == OK);
	bssalt = 0x22220000;
	bs_step(1, BS_WRITE);
	bs_stop(1);
	CHECK(free_ffs_pages() == ffs_limit - 6);	/* kept frames	*/
	CHECK(vm_audit() == OK);
	REQUIRE(bs_run(VP(40), FALSE) != SYSERR);
	CHECK(bsbad == 0 && vm_audit() == OK);
	mask = disable();
	for (f = 0; f < ffs_limit; f++) {
		if (frame_inuse(f)) {
			CHECK(ffstab[f].owner == FFS_KEPT);
			CHECK(swap_evict_frame(f) == OK);
		}
	}
	restore(mask);
	CHECK(free_ffs_pages() == ffs_limit && vm_audit() == OK);
	REQUIRE(bs_run(VP(0), FALSE) != SYSERR);
	CHECK(bsbad == 0);
	CHECK(release_bs(1) == OK);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

/*------------------------------------------------------------------------
 *  eight_mappers  -  Eight processes map a 32-page store; rounds of
 *		      each writing its pages and all checking every word
 *------------------------------------------------------------------------
 */
local	status	eight_mappers(void)
{
	int32	r;

	allwords = TRUE;
	REQUIRE(get_bs(1, 32) == 32 && bs_start(MAXM, 32) == OK);
	for (r = 0; r < 2; r++) {
		bssalt = 0x5A000000 + ((uint32)r << 20);
		bs_step(MAXM, BS_WRITE);
		bs_step(MAXM, BS_CHECK);
		CHECK(vm_audit() == OK);
	}
	bs_stop(MAXM);
	CHECK(bsbad == 0);
	CHECK(release_bs(1) == OK);
	return OK;
}

/* A store mapped by 8 processes, 8 frames, disk swap and the pageout
 * daemon, every word checked in every process, under every policy */
TEST_BOOT(bs_eight_mappers_disk_pageout_every_policy,
	  "+disk vm.swapdev=disk vm.ffs=8 vm.swapper=on")
{
	REQUIRE(swapdev->blocks);
	REQUIRE(every_policy(eight_mappers) == OK);
	CHECK(vmtotal.joins > 0 && pgostats.cleaned > 0);
	return OK;
}

/* The same with RAM swap */
TEST_BOOT(bs_eight_mappers_ram_every_policy, "vm.ffs=8 vm.swap=128")
{
	REQUIRE(every_policy(eight_mappers) == OK);
	CHECK(vmtotal.joins > 0);
	return OK;
}

/*------------------------------------------------------------------------
 *  bs_cloner  -  Map store 1, clone: the child maps it too, writable;
 *		  each sees the other's writes
 *------------------------------------------------------------------------
 */
local	process	bs_kid(void)
{
	bsbad += vm_read(VA(VP(5))) != 0x77;
	vm_write(VA(VP(5)) + 4, 0x88);
	return OK;
}

local	process	bs_cloner(void)
{
	pid32	kid;

	REQUIRE(xmmap(VP(5), 1, 1) == OK);
	vm_write(VA(VP(5)), 0x77);
	kid = vclone(bs_kid, 8192, INITPRIO + 2, "kid", 0);
	REQUIRE(kid != SYSERR);
	CHECK(bstab[1].nmaps == 2 && vm_audit() == OK);
	CHECK(release_bs(1) == SYSERR);
	resume(kid);
	CHECK(vm_read(VA(VP(5)) + 4) == 0x88);
	CHECK(xmunmap(VP(5)) == OK);
	return OK;
}

/* A clone maps its parent's stores too, shared and writable */
TEST_BOOT(bs_clone_shares_mappings, "vm.ffs=16 vm.swap=64")
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	bsbad = 0;
	REQUIRE(get_bs(1, 1) == 1);
	REQUIRE(vrun(bs_cloner, 0) != SYSERR);
	sleepms(20);				/* the clone ends	*/
	CHECK(bsbad == 0 && bstab[1].nmaps == 0);
	CHECK(release_bs(1) == OK);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

/* The writer of a page goes first, a reader of it last: the page is
 * still newer than its slot (the D bit goes with the writer's mapping,
 * so the frame carries it over), and it is kept for the store */
TEST_BOOT(bs_writer_leaves_before_reader, "vm.ffs=16 vm.swap=64")
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	allwords = TRUE;
	REQUIRE(get_bs(1, 1) == 1);
	REQUIRE(bs_start(2, 1) == OK);		/* mapper 0 writes page 0 */
	bssalt = 0x33330000;
	bs_step(2, BS_WRITE);
	bs_step(2, BS_CHECK);			/* mapper 1 maps it too	*/
	CHECK(bsbad == 0 && ffstab[0].nmap == 2);
	CHECK(kill(bsms[0].pid) == OK);		/* the writer goes	*/
	while (receive() != (umsg32)bsms[0].pid) {
		;
	}
	CHECK(frame_dirty(0) && vm_audit() == OK);
	bsop = BS_EXIT;				/* then the reader	*/
	signal(bsms[1].go);
	while (receive() != (umsg32)bsms[1].pid) {
		;
	}
	CHECK(ffstab[0].owner == FFS_KEPT && vm_audit() == OK);
	REQUIRE(bs_run(VP(9), FALSE) != SYSERR);
	CHECK(bsbad == 0);
	semdelete(bsms[0].go);
	semdelete(bsms[1].go);
	semdelete(bsdone);
	CHECK(release_bs(1) == OK);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

/* Sealed swap: a store's page whose copy does not open kills every
 * mapper that touches it (SWAP_CORRUPT), and its slot is retired once
 * nothing holds it, the store last */
TEST_BOOT(bs_page_that_does_not_open, "vm.ffs=16 vm.swap=64 vm.swapcrypt=on")
{
	struct	vmsnap	s;
	intmask	mask;
	uint32	f;
	int32	slot;

	REQUIRE(seal_on && !swapdev->blocks);
	vmsnap_take(&s);
	allwords = TRUE;
	bspages = 2;
	bssalt = 0x44440000;
	REQUIRE(get_bs(1, 2) == 2);
	recvclr();
	REQUIRE(bs_run(VP(0), TRUE) != SYSERR);
	mask = disable();
	for (f = 0; f < ffs_limit; f++) {	/* kept frames: sealed	*/
		if (frame_inuse(f)) {		/* into their slots	*/
			swap_evict_frame(f);
		}
	}
	slot = bstab[1].slot[0];
	((byte *)kmap(KMAP_DST, SWAP_START + slot * PAGE_SIZE))[8] ^= 0x10;
	restore(mask);
	bsbad = 0;
	REQUIRE(bs_run(VP(3), FALSE) != SYSERR);
	REQUIRE(bs_run(VP(5), FALSE) != SYSERR);
	CHECK(vmtotal.killed == 2 && sealstats.failed == 2 && bsbad == 0);
	CHECK(swap_nretired == 0 && swap_refs(slot) == 1);	/* the store */
	CHECK(vm_audit() == OK);
	CHECK(release_bs(1) == OK);
	CHECK(swap_nretired == 1 && swap_inuse(slot));
	CHECK(free_swap_pages() == s.swap - 1 && vm_audit() == OK);
	return OK;
}
