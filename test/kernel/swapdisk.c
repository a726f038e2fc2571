/* swapdisk.c - tests of swap on disk: faults that block, I/O in flight */

#include <xinu.h>
#include <vm.h>
#include <seal.h>
#include <vmtable.h>
#include "vmtest.h"

/*
 * Most cases script "kids": vcreate'd processes above the test's
 * priority that carry out one command each time the test signals them.
 * The test runs with interrupts off throughout, so it gets the CPU back
 * exactly when the kid has finished its command or blocked (in swap
 * I/O, or waiting for someone's), and nothing moves on until the test
 * itself blocks (kjoin, sleep, receive).  Kids run with interrupts off
 * too (faults do anyway, and blocking is per process), so the disk's
 * interrupt that ends an I/O is taken only once the test blocks, not
 * while a kid runs.  That makes the states with I/O in flight reachable
 * and inspectable without timing.
 */

#define	DISKSWAP	"+disk vm.swapdev=disk "
#define	KPAGES		16		/* pages a kid may hold		*/

#define	K_ALLOC		1		/* vmalloc 'arg' pages		*/
#define	K_WRITE		2		/* write 'val' to page 'arg'	*/
#define	K_READ		3		/* read page 'arg' into 'val'	*/
#define	K_VERIFY	4		/* check pages 0..arg-1		*/
#define	K_SEGV		5		/* touch an unreserved page	*/
#define	K_EXIT		6		/* end				*/
#define	K_FREE		7		/* vfree page 'arg'		*/

struct	kid	{
	pid32	pid;
	sid32	go, done;		/* test -> kid, kid -> test	*/
	int32	cmd, arg;
	uint32	val;
	char	*p;			/* its heap			*/
	uint32	expect[KPAGES];		/* what each page holds		*/
	uint32	bad;			/* pages found wrong		*/
};

/* A page's words: 'v' in every word but the word index mixed in */
#define	WORD(v, w)	((v) ^ ((w) * 0x9E3779B1))

/*------------------------------------------------------------------------
 *  fillpage, pageok  -  Write a whole page, check a whole page
 *------------------------------------------------------------------------
 */
local	void	fillpage(char *pg, uint32 v)
{
	uint32	w;

	for (w = 0; w < PAGE_SIZE / 4; w++) {
		vm_write(pg + 4 * w, WORD(v, w));
	}
}

local	bool8	pageok(char *pg, uint32 v)
{
	uint32	w;

	for (w = 0; w < PAGE_SIZE / 4; w++) {
		if (vm_read(pg + 4 * w) != WORD(v, w)) {
			return FALSE;
		}
	}
	return TRUE;
}

/*------------------------------------------------------------------------
 *  kidproc  -  Carry out the test's commands
 *------------------------------------------------------------------------
 */
local	process	kidproc(struct kid *k)
{
	int32	i;

	disable();		/* see the top of the file		*/
	for (;;) {
		wait(k->go);
		switch (k->cmd) {
		case K_ALLOC:
			k->p = vmalloc(k->arg * PAGE_SIZE);
			break;
		case K_WRITE:
			fillpage(PAGE(k->p, k->arg), k->val);
			k->expect[k->arg] = k->val;
			break;
		case K_READ:
			k->val = vm_read(PAGE(k->p, k->arg));
			break;
		case K_VERIFY:
			for (i = 0; i < k->arg; i++) {
				k->bad += !pageok(PAGE(k->p, i), k->expect[i]);
			}
			break;
		case K_FREE:
			k->val = vfree(PAGE(k->p, k->arg), PAGE_SIZE);
			break;
		case K_SEGV:
			vm_write((char *)0x10000000, 1);
			break;
		case K_EXIT:
			signal(k->done);
			return OK;
		}
		signal(k->done);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  kstart  -  Make kid 'k' (above the test's priority)
 *------------------------------------------------------------------------
 */
local	status	kstart(struct kid *k)
{
	memset(k, 0, sizeof(*k));
	k->go = semcreate(0);
	k->done = semcreate(0);
	k->pid = vcreate(kidproc, 8192, INITPRIO + 2, "kid", 1, k);
	if (k->go == SYSERR || k->done == SYSERR || k->pid == SYSERR) {
		return SYSERR;
	}
	resume(k->pid);			/* it waits on go at once	*/
	return OK;
}

/*------------------------------------------------------------------------
 *  kstep  -  Give kid 'k' a command; it runs until it is done or blocks.
 *	      TRUE when it is done
 *------------------------------------------------------------------------
 */
local	bool8	kstep(struct kid *k, int32 cmd, int32 arg, uint32 val)
{
	k->cmd = cmd;
	k->arg = arg;
	k->val = val;
	signal(k->go);
	if (semcount(k->done) > 0) {
		wait(k->done);
		return TRUE;
	}
	return FALSE;
}

#define	kjoin(k)	wait((k)->done)		/* the step it blocked in */
#define	kpte(k, i)	pte_lookup((pde_t *)proctab[(k)->pid].prpdbr, \
				   (uint32)PAGE((k)->p, (i)))

/*------------------------------------------------------------------------
 *  busyframe  -  The frame with I/O 'io' in flight other than 'not', or
 *		  SYSERR
 *------------------------------------------------------------------------
 */
local	int32	busyframe(byte io, int32 not)
{
	int32	f;

	for (f = 0; f < (int32)ffs_limit; f++) {
		if (ffstab[f].io == io && f != not) {
			return f;
		}
	}
	return SYSERR;
}

/* No disk attached: one boot line, and swapping to RAM works */
TEST_BOOT(swapdisk_no_disk_falls_back_to_ram, "vm.swapdev=disk vm.ffs=4")
{
	struct	kid	k;

	CHECK(!swapdev->blocks && strcmp(swapdev->name, "ram") == 0);
	REQUIRE(kstart(&k) == OK);
	REQUIRE(kstep(&k, K_ALLOC, 8, 0));
	for (k.arg = 0; k.arg < 8; k.arg++) {
		CHECK(kstep(&k, K_WRITE, k.arg, 100 + k.arg));
	}
	CHECK(vmtotal.evict_dirty == 4);
	CHECK(kstep(&k, K_VERIFY, 8, 0) && k.bad == 0);
	CHECK(vm_audit() == OK);
	return OK;
}

/* Pages go to the disk and come back whole */
TEST_BOOT(swapdisk_pages_round_trip, DISKSWAP "vm.ffs=8")
{
	struct	vmsnap	s;
	struct	kid	k;
	int32	i;

	vmsnap_take(&s);
	REQUIRE(swapdev->blocks && strcmp(swapdev->name, "disk") == 0);
	REQUIRE(kstart(&k) == OK);
	REQUIRE(kstep(&k, K_ALLOC, KPAGES, 0) || (kjoin(&k), TRUE));
	for (i = 0; i < KPAGES; i++) {
		if (!kstep(&k, K_WRITE, i, 0x1000 + i)) {
			kjoin(&k);
		}
		CHECK(vm_audit() == OK);
	}
	if (!kstep(&k, K_VERIFY, KPAGES, 0)) {
		kjoin(&k);
	}
	CHECK(k.bad == 0);
	CHECK(vmtotal.evict_dirty >= KPAGES - 8);
	CHECK(vmtotal.swapins >= 8);
	CHECK(vm_audit() == OK);
	kstep(&k, K_EXIT, 0, 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

/* A write-back in flight: the frame is not handed out, its page is not
 * mapped, a store to the page waits and is not lost, and the policy
 * (each of the table) passes the busy frame over */
local	status	writeback_case(void)
{
	struct	vmsnap	s;
	struct	kid	b, a, d;
	int32	f, g, i, vpn;
	pte_t	*pte;

	vmsnap_take(&s);
	disable();			/* the world moves when we block */
	REQUIRE(kstart(&b) == OK && kstart(&a) == OK && kstart(&d) == OK);
	REQUIRE(kstep(&b, K_ALLOC, 4, 0) || (kjoin(&b), TRUE));
	REQUIRE(kstep(&a, K_ALLOC, 1, 0) || (kjoin(&a), TRUE));
	REQUIRE(kstep(&d, K_ALLOC, 1, 0) || (kjoin(&d), TRUE));
	for (i = 0; i < 4; i++) {	/* FFS (4 frames) is B's, dirty	*/
		REQUIRE(kstep(&b, K_WRITE, i, 0x100 + i));
	}

	/* A's first touch evicts a page of B: A blocks in its write */
	REQUIRE(!kstep(&a, K_WRITE, 0, 0xA0));
	f = busyframe(FIO_WRITE, SYSERR);
	REQUIRE(f != SYSERR && ffstab[f].owner == b.pid);
	vpn = ffstab[f].vpn;
	i = ((vpn << PAGE_SHIFT) - (uint32)b.p) >> PAGE_SHIFT;
	pte = kpte(&b, i);
	CHECK((*pte & (PTE_P | PTE_IN_IO)) == PTE_IN_IO &&
	      PTE_FRAME(*pte) == ffsaddr(f));
	CHECK(frame_nio == 1 && free_ffs_pages() == 0);
	CHECK(vm_audit() == OK);

	/* Policies never name the busy frame */
	for (g = 0; g < 200; g++) {
		CHECK(vmpolicy->victim() != f);
	}

	/* B stores to the page being written: it waits for the write */
	CHECK(!kstep(&b, K_WRITE, i, 0x200 + i));
	CHECK(vmtotal.iowaits == 1);
	CHECK(frame_busy(f) && ffstab[f].owner == b.pid);

	/* D's first touch meanwhile: it must evict another frame */
	CHECK(!kstep(&d, K_WRITE, 0, 0xD0));
	g = busyframe(FIO_WRITE, f);
	CHECK(g != SYSERR && g != f);
	CHECK(vm_audit() == OK);

	kjoin(&a);			/* all three finish		*/
	CHECK(vm_audit() == OK);
	kjoin(&b);
	CHECK(vm_audit() == OK);
	kjoin(&d);
	CHECK(vm_audit() == OK && frame_nio == 0);

	/* The store made during the write-back is there, and stays */
	if (!kstep(&b, K_VERIFY, 4, 0)) {
		kjoin(&b);
	}
	CHECK(b.bad == 0 && b.expect[i] == (uint32)(0x200 + i));
	if (!kstep(&a, K_VERIFY, 1, 0)) {
		kjoin(&a);
	}
	if (!kstep(&d, K_VERIFY, 1, 0)) {
		kjoin(&d);
	}
	if (!kstep(&b, K_VERIFY, 4, 0)) {
		kjoin(&b);
	}
	CHECK(a.bad == 0 && d.bad == 0 && b.bad == 0);
	kstep(&a, K_EXIT, 0, 0);
	kstep(&b, K_EXIT, 0, 0);
	kstep(&d, K_EXIT, 0, 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

/* One case per policy of the table (vmtable.h), e.g.
 * swapdisk_writeback_in_flight_clock; vm.seed only matters to random */
#define	WRITEBACK_CASE(name)						\
	TEST_BOOT(swapdisk_writeback_in_flight_##name,			\
		  DISKSWAP "vm.ffs=4 vm.policy=" #name " vm.seed=7")	\
	{								\
		return writeback_case();				\
	}
VMPOLICY_TABLE(WRITEBACK_CASE)

/* Set up kid 'k' with page 0 on the disk and a free frame, then have it
 * read page 0 back: it blocks in that read */
local	status	reader_blocked(struct kid *k)
{
	int32	i;

	REQUIRE(kstart(k) == OK);
	REQUIRE(kstep(k, K_ALLOC, 8, 0) || (kjoin(k), TRUE));
	for (i = 0; i < 8; i++) {	/* pages 0-3 go to the disk	*/
		if (!kstep(k, K_WRITE, i, 0x300 + i)) {
			kjoin(k);
		}
	}
	REQUIRE(kstep(k, K_FREE, 7, 0) && k->val == OK);
	REQUIRE(free_ffs_pages() == 1);
	REQUIRE(*kpte(k, 0) & PTE_IS_SWAPPED);
	REQUIRE(!kstep(k, K_READ, 0, 0));
	REQUIRE(busyframe(FIO_READ, SYSERR) != SYSERR);
	REQUIRE((*kpte(k, 0) & (PTE_P | PTE_IN_IO)) == PTE_IN_IO);
	return OK;
}

/* A second fault on a page being read waits for that read and issues
 * no other: the disk is read once, and both find the page mapped */
TEST_BOOT(swapdisk_second_fault_waits_for_the_read, DISKSWAP "vm.ffs=4")
{
	struct	kid	k;
	uint32	reads;

	disable();
	REQUIRE(reader_blocked(&k) == OK);
	reads = vmtotal.swapins;
	CHECK(vm_audit() == OK);
	/* The second fault on page 0, as the fault path takes it */
	CHECK(page_in(k.pid, (uint32)PAGE(k.p, 0), kpte(&k, 0)) == OK);
	CHECK(vmtotal.iowaits == 1);
	CHECK(*kpte(&k, 0) & PTE_P);
	kjoin(&k);
	CHECK(k.val == WORD(0x300, 0));
	CHECK(vmtotal.swapins == reads);	/* one read, the kid's	*/
	CHECK(vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  kpush  -  Start kid 'k' and have it write 8 new pages ('base' + i in
 *	      page i), which pushes the other processes' pages out to
 *	      disk; the audit runs after every write
 *------------------------------------------------------------------------
 */
local	status	kpush(struct kid *k, uint32 base)
{
	if (kstart(k) != OK) {
		return SYSERR;
	}
	if (!kstep(k, K_ALLOC, 8, 0)) {
		kjoin(k);
	}
	for (k->arg = 0; k->arg < 8; k->arg++) {
		if (!kstep(k, K_WRITE, k->arg, base + k->arg)) {
			kjoin(k);
		}
		CHECK(vm_audit() == OK);
	}
	return OK;
}

/* A process killed while its own read is in flight: the frame and slot
 * come back once, and the disk's late end of the read harms no one */
TEST_BOOT(swapdisk_kill_reader, DISKSWAP "vm.ffs=4")
{
	struct	vmsnap	s;
	struct	kid	k, o;

	vmsnap_take(&s);
	disable();
	REQUIRE(reader_blocked(&k) == OK);
	CHECK(kill(k.pid) == OK);
	CHECK(vm_audit() == OK && frame_nio == 0);
	CHECK(vmsnap_same(&s));
	/* Another process uses every frame (and the disk) right after */
	REQUIRE(kpush(&o, 0x400) == OK);
	if (!kstep(&o, K_VERIFY, 8, 0)) {
		kjoin(&o);
	}
	CHECK(o.bad == 0);
	kstep(&o, K_EXIT, 0, 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

/* Kills during a write-back of B's page by A: of the writer (the page
 * stays in its frame, dirty, and is written again later), of the owner
 * (the writer gives back frame and slot when the write ends), and of
 * the owner by its own fault (SEGMENTATION_FAULT) */
local	status	writeback_started(struct kid *b, struct kid *a, int32 *fp)
{
	int32	i;

	REQUIRE(kstart(b) == OK && kstart(a) == OK);
	REQUIRE(kstep(b, K_ALLOC, 4, 0) || (kjoin(b), TRUE));
	REQUIRE(kstep(a, K_ALLOC, 1, 0) || (kjoin(a), TRUE));
	for (i = 0; i < 4; i++) {
		REQUIRE(kstep(b, K_WRITE, i, 0x500 + i));
	}
	REQUIRE(!kstep(a, K_WRITE, 0, 0xA5));
	*fp = busyframe(FIO_WRITE, SYSERR);
	REQUIRE(*fp != SYSERR && ffstab[*fp].owner == b->pid);
	return OK;
}

TEST_BOOT(swapdisk_kill_writer, DISKSWAP "vm.ffs=4")
{
	struct	vmsnap	s;
	struct	kid	b, a;
	int32	f;

	vmsnap_take(&s);
	disable();
	REQUIRE(writeback_started(&b, &a, &f) == OK);
	CHECK(kill(a.pid) == OK);
	CHECK(vm_audit() == OK && frame_nio == 0);
	CHECK(ffstab[f].owner == b.pid && !frame_busy(f));
	CHECK(frame_dirty(f));		/* the slot's copy is not good	*/
	sleepms(20);			/* the disk ends the dead write	*/
	CHECK(vm_audit() == OK);
	/* Another process pushes all of B's pages out to disk; B finds
	 * them all whole */
	REQUIRE(kpush(&a, 0x600) == OK);
	if (!kstep(&b, K_VERIFY, 4, 0)) {
		kjoin(&b);
	}
	CHECK(b.bad == 0);
	CHECK(vmtotal.swapins >= 4);
	kstep(&a, K_EXIT, 0, 0);
	kstep(&b, K_EXIT, 0, 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

local	status	owner_dies(int32 how)
{
	struct	vmsnap	s;
	struct	kid	b, a;
	int32	f;

	vmsnap_take(&s);
	disable();
	REQUIRE(writeback_started(&b, &a, &f) == OK);
	if (how == K_SEGV) {
		CHECK(kstep(&b, K_SEGV, 0, 0) == FALSE);  /* it dies	*/
		CHECK(proctab[b.pid].prstate == PR_FREE);
	} else {
		CHECK(kill(b.pid) == OK);
	}
	CHECK(ffstab[f].owner == FFS_ORPHAN && frame_busy(f));
	CHECK(vm_audit() == OK);
	kjoin(&a);			/* the write ends: all back	*/
	CHECK(ffstab[f].owner == a.pid || !frame_inuse(f));
	CHECK(vm_audit() == OK && frame_nio == 0);
	if (!kstep(&a, K_VERIFY, 1, 0)) {
		kjoin(&a);
	}
	CHECK(a.bad == 0);
	kstep(&a, K_EXIT, 0, 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

TEST_BOOT(swapdisk_kill_owner_during_writeback, DISKSWAP "vm.ffs=4")
{
	return owner_dies(0);
}

TEST_BOOT(swapdisk_owner_faults_to_death_during_writeback,
	  DISKSWAP "vm.ffs=4")
{
	return owner_dies(K_SEGV);
}

/* Two faulting processes wait for the disk at once, and a process that
 * runs only when both are blocked in faults (the test, below them) gets
 * the CPU meanwhile.  Once FFS is full, each kid's write evicts a dirty
 * page: the second kid's eviction, while the first one's write is in
 * flight, passes that busy frame over and starts a write of its own */
TEST_BOOT(swapdisk_faulters_overlap, DISKSWAP "vm.ffs=6")
{
	struct	kid	k[2];
	uint32	maxnio = 0, samples = 0, i, j;

	disable();
	for (i = 0; i < 2; i++) {
		REQUIRE(kstart(&k[i]) == OK);
		REQUIRE(kstep(&k[i], K_ALLOC, 8, 0) || (kjoin(&k[i]), TRUE));
	}
	for (j = 0; j < 3; j++) {		/* sweeps of 8 pages each */
		for (i = 0; i < 8; i++) {
			k[0].cmd = k[1].cmd = K_WRITE;
			k[0].arg = k[1].arg = i;
			k[0].val = 0x700 + j * 16 + i;
			k[1].val = 0x800 + j * 16 + i;
			signal(k[0].go);
			signal(k[1].go);
			if (semcount(k[0].done) < 1 &&
			    semcount(k[1].done) < 1) {
				samples++;	/* both are blocked, we run */
				if (frame_nio > maxnio) {
					maxnio = frame_nio;
				}
			}
			wait(k[0].done);
			wait(k[1].done);
			CHECK(vm_audit() == OK);
		}
	}
	CHECK(samples > 0 && maxnio == 2);
	for (i = 0; i < 2; i++) {
		if (!kstep(&k[i], K_VERIFY, 8, 0)) {
			kjoin(&k[i]);
		}
		CHECK(k[i].bad == 0);
	}
	CHECK(vm_audit() == OK);
	return OK;
}

/*
 * Integrity: SOAKPROCS processes, each with SOAKPAGES heap pages (4.5
 * times FFS in all), touch pages in a random order: a touch either
 * rewrites the whole page with a new generation of its pattern or
 * checks every word of it (zeros before its first write), and at the
 * end every page is checked.  touches=N (a program word) sets the
 * touches per process: make test runs SOAKTOUCHES; docs/disk.md gives the
 * numbers of a run with touches=34000 (over 100,000 in all), booted
 * with make batch (see docs/disk.md).
 */
#define	SOAKPROCS	3
#define	SOAKPAGES	48		/* per process; vm.ffs=32	*/
#define	SOAKTOUCHES	1500		/* per process, in make test	*/

local	uint32	soakbad, soakdone;

/*------------------------------------------------------------------------
 *  soakpage  -  Write generation 'gen' of page 'pg' of process 'tag', or
 *		 check that it holds it; TRUE when it does
 *------------------------------------------------------------------------
 */
local	bool8	soakpage(char *pgp, uint32 tag, uint32 pg, uint32 gen,
			 bool8 write)
{
	uint32	w, v = (tag << 24) ^ (pg << 12) ^ gen;

	for (w = 0; w < PAGE_SIZE / 4; w++) {
		if (write) {
			vm_write(pgp + 4 * w, gen == 0 ? 0 : WORD(v, w));
		} else if (vm_read(pgp + 4 * w) != (gen == 0 ? 0 : WORD(v, w))) {
			return FALSE;
		}
	}
	return TRUE;
}

/*------------------------------------------------------------------------
 *  soaker  -  Touch its pages in random order, checking every word
 *------------------------------------------------------------------------
 */
local	process	soaker(uint32 tag, uint32 touches)
{
	char	*p = vmalloc(SOAKPAGES * PAGE_SIZE);
	uint32	gen[SOAKPAGES];
	uint32	t, pg, seed = 12345 + tag * 7919;

	REQUIRE(p != (char *)SYSERR);
	memset(gen, 0, sizeof(gen));
	for (t = 0; t < touches; t++) {
		seed = seed * 1103515245 + 12345;
		pg = (seed >> 8) % SOAKPAGES;
		if ((seed >> 20) & 1) {
			gen[pg]++;
			soakpage(PAGE(p, pg), tag, pg, gen[pg], TRUE);
		} else if (!soakpage(PAGE(p, pg), tag, pg, gen[pg], FALSE)) {
			soakbad++;
		}
	}
	for (pg = 0; pg < SOAKPAGES; pg++) {
		soakbad += !soakpage(PAGE(p, pg), tag, pg, gen[pg], FALSE);
	}
	soakdone += touches;
	return OK;
}

/*------------------------------------------------------------------------
 *  soak  -  Run the soakers side by side and check the outcome
 *------------------------------------------------------------------------
 */
local	status	soak(void)
{
	struct	vmsnap	s;
	uint32	touches = bootarg_uint("touches", SOAKTOUCHES);
	uint64	start = clkms;
	pid32	pid;
	int32	i;

	vmsnap_take(&s);
	soakdone = soakbad = 0;
	recvclr();
	for (i = 0; i < SOAKPROCS; i++) {
		pid = vcreate(soaker, 8192, INITPRIO + 1, "soaker", 2, i + 1,
			      touches);
		REQUIRE(pid != SYSERR);
		resume(pid);
	}
	for (i = 0; i < SOAKPROCS; i++) {
		receive();
	}
	kprintf("soak: %d touches, %d bad pages, %d ms; %d swap-ins, "
		"%d dirty and %d clean evictions, %d I/O waits\n", soakdone,
		soakbad, (uint32)(clkms - start), vmtotal.swapins,
		vmtotal.evict_dirty, vmtotal.evict_clean, vmtotal.iowaits);
	CHECK(soakdone == SOAKPROCS * touches && soakbad == 0);
	CHECK(vmtotal.swapins > 0 && vmtotal.evict_dirty > 0);
	/* The pageout daemon may still be writing a soaker's page (now an
	 * orphan): its frame and slot come back when the write ends */
	for (i = 0; i < 5000 && frame_nio > 0; i++) {
		sleepms(1);
	}
	CHECK(frame_nio == 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

/* One case per policy of the table, e.g. swapdisk_integrity_clock */
#define	INTEGRITY_CASE(name)						\
	TEST_BOOT(swapdisk_integrity_##name,				\
		  DISKSWAP "vm.ffs=32 vm.policy=" #name " vm.seed=3")	\
	{								\
		REQUIRE(swapdev->blocks);				\
		return soak();						\
	}
VMPOLICY_TABLE(INTEGRITY_CASE)

/* Sealed disk swap (the default there) under every policy of the
 * table in one boot; then with vm.swapcrypt=off nothing is sealed */
TEST_BOOT(seal_disk_integrity_every_policy, DISKSWAP "vm.ffs=32 touches=2000")
{
	int32	i;

	REQUIRE(swapdev->blocks && seal_on);
	for (i = 0; vm_policyname(i) != NULL; i++) {
		REQUIRE(vm_setpolicy(vm_policyname(i), 7) == OK);
		kprintf("policy %s\n", vm_policyname(i));
		CHECK(soak() == OK);
	}
	kprintf("sealed %d, opened %d, failed %d\n", sealstats.sealed,
		sealstats.opened, sealstats.failed);
	CHECK(i >= 4 && sealstats.opened > 0 && sealstats.failed == 0);
	return OK;
}

/* Every backend of the table (vmtable.h), unsealed, under every policy
 * of the table in one boot, e.g. swap_integrity_every_policy_on_ram;
 * the disk is attached for every one, and used by the disk's */
#define	BACKEND_CASE(dev)						\
	TEST_BOOT(swap_integrity_every_policy_on_##dev, "+disk "	\
		  "vm.swapdev=" #dev " vm.swapcrypt=off vm.ffs=32 "	\
		  "touches=2000")					\
	{								\
		int32	i;						\
									\
		REQUIRE(strcmp(swapdev->name, #dev) == 0);		\
		for (i = 0; vm_policyname(i) != NULL; i++) {		\
			REQUIRE(vm_setpolicy(vm_policyname(i), 7) == OK); \
			kprintf("policy %s\n", vm_policyname(i));	\
			CHECK(soak() == OK);				\
		}							\
		return OK;						\
	}
SWAPDEV_TABLE(BACKEND_CASE)

TEST_BOOT(seal_disk_off, DISKSWAP "vm.ffs=32 vm.swapcrypt=off touches=2000")
{
	REQUIRE(swapdev->blocks && !seal_on);
	CHECK(soak() == OK);
	CHECK(sealstats.sealed == 0 && sealstats.opened == 0);
	return OK;
}

/* With the pageout daemon: it wakes, writes and frees frames, and the
 * data holds; it is a daemon that cannot be killed */
TEST_BOOT(swapdisk_integrity_pageout,
	  DISKSWAP "vm.ffs=32 vm.swapper=on vm.lowater=2 vm.hiwater=6")
{
	REQUIRE(swapdev->blocks && !isbadpid(pageoutpid));
	CHECK(proctab[pageoutpid].prflags & PRF_DAEMON);
	CHECK(kill(pageoutpid) == SYSERR);
	CHECK(pgo_lowater == 2 && pgo_hiwater == 6);
	CHECK(soak() == OK);
	kprintf("pageout: %d wake-ups, %d scanned, %d cleaned, %d freed\n",
		pgostats.wakeups, pgostats.scanned, pgostats.cleaned,
		pgostats.freed);
	CHECK(pgostats.wakeups > 0 && pgostats.cleaned > 0);
	CHECK(pgostats.freed >= pgostats.cleaned &&
	      pgostats.scanned >= pgostats.freed);
	return OK;
}

/* The daemon with RAM swap, and its default watermarks (1 % and 3 % of
 * FFS, but at least 1 and 2) */
TEST_BOOT(swap_pageout_with_ram_swap, "vm.ffs=32 vm.swapper=on")
{
	REQUIRE(!swapdev->blocks && !isbadpid(pageoutpid));
	CHECK(pgo_lowater == 1 && pgo_hiwater == 2);	/* at least	*/
	CHECK(soak() == OK);
	CHECK(pgostats.wakeups > 0 && pgostats.freed > 0);
	return OK;
}

/* Off by default: no daemon, RAM swap; the default watermarks */
TEST_BOOT(swap_pageout_off_by_default, "vm.ffs=1000")
{
	CHECK(isbadpid(pageoutpid) && !swapdev->blocks);
	CHECK(pgo_lowater == 10 && pgo_hiwater == 30);
	CHECK(strcmp(swapdev->name, "ram") == 0);
	return OK;
}

/*
 * Disk swap full.  With vm.ffs=4 vm.swap=4 on a disk of MAX_SWAP_SIZE
 * blocks, block 4 is the reserve: when every frame and every slot holds
 * a distinct page, a swapped page still comes in by an exchange (the
 * victim goes to the spare slot, the page is read, its slot is given
 * back), so any 8 pages live through any order of touches, and the 9th
 * new page kills its process, and only it.
 */
#define	XFFS		4
#define	XSWAP		4
#define	XPAGES		(XFFS + XSWAP)
#define	XVAL(i, gen)	(0x58000000 | (uint32)(i) << 12 | (uint32)(gen))

local	volatile int32	xbad;		/* wrong pages, failed audits	*/
local	volatile bool8	xended, xlast;	/* ended; touched a page too many */

/*------------------------------------------------------------------------
 *  xfit  -  Write min(n, XPAGES) whole pages, read them back forward,
 *	     backward, strided and at random (rewriting some), checking
 *	     every word and the audit after each pass; then touch the
 *	     pages past XPAGES, if any (new pages: the first one dies)
 *------------------------------------------------------------------------
 */
local	process	xfit(int32 n)
{
	char	*p = vmalloc(n * PAGE_SIZE);
	uint32	gen[XPAGES], m = n < XPAGES ? n : XPAGES, i, k, r = 4242;

	REQUIRE(p != (char *)SYSERR);
	for (i = 0; i < m; i++) {
		gen[i] = 0;
		fillpage(PAGE(p, i), XVAL(i, 0));
	}
	xbad += vm_audit() != OK;
	for (i = 0; i < m; i++) {			/* forward	*/
		xbad += !pageok(PAGE(p, i), XVAL(i, gen[i]));
	}
	xbad += vm_audit() != OK;
	for (i = m; i-- > 0; ) {			/* backward	*/
		xbad += !pageok(PAGE(p, i), XVAL(i, gen[i]));
	}
	xbad += vm_audit() != OK;
	for (k = 0, i = 0; k < m; k++, i = (i + 3) % m) {  /* stride 3	*/
		xbad += !pageok(PAGE(p, i), XVAL(i, gen[i]));
	}
	xbad += vm_audit() != OK;
	for (k = 0; k < 6 * m; k++) {			/* at random	*/
		r = r * 1103515245 + 12345;
		i = (r >> 8) % m;
		xbad += !pageok(PAGE(p, i), XVAL(i, gen[i]));
		if (k % 3 == 0) {
			fillpage(PAGE(p, i), XVAL(i, ++gen[i]));
		}
	}
	xbad += vm_audit() != OK;
	for (i = 0; i < m; i++) {
		xbad += !pageok(PAGE(p, i), XVAL(i, gen[i]));
	}
	xbad += vm_audit() != OK;
	xbad += swap_used() > XSWAP;	/* the reserve counts in	*/
	for (i = m; i < (uint32)n; i++) {
		xlast = TRUE;
		vm_write(PAGE(p, i), XVAL(i, 0));	/* dies here	*/
	}
	xended = TRUE;
	return OK;
}

/*------------------------------------------------------------------------
 *  xrun  -  Run xfit(n) and catch its console; TRUE when it ended with
 *	     no OUT_OF_MEMORY and every page right
 *------------------------------------------------------------------------
 */
local	char	xout[512];

local	pid32	xrun(int32 n)
{
	pid32	pid;

	xbad = 0;
	xended = xlast = FALSE;
	kcapture(xout, sizeof(xout));
	pid = vrun(xfit, n);
	kcapture(NULL, 0);
	return pid;
}

/*------------------------------------------------------------------------
 *  xholder  -  Write 'n' whole pages, let the test go on, check them
 *------------------------------------------------------------------------
 */
local	sid32	xheld, xrelease;

local	process	xholder(int32 n)
{
	char	*p = vmalloc(n * PAGE_SIZE);
	int32	i;

	for (i = 0; i < n; i++) {
		fillpage(PAGE(p, i), XVAL(0x80 + i, 7));
	}
	signal(xheld);
	wait(xrelease);
	for (i = 0; i < n; i++) {
		xbad += !pageok(PAGE(p, i), XVAL(0x80 + i, 7));
	}
	return OK;
}

local	status	xfull_case(void)
{
	struct	vmsnap	s;
	char	want[32];
	pid32	pid, h;
	int32	n;

	REQUIRE(swapdev->blocks && swap_limit == XSWAP && ffs_limit == XFFS);
	CHECK(swap_reserve() == XSWAP);
	vmsnap_take(&s);
	CHECK(s.swap == XSWAP);

	/* 7 and 8 pages live, and take exchanges to do so */
	for (n = XPAGES - 1; n <= XPAGES; n++) {
		REQUIRE(xrun(n) != SYSERR);
		CHECK(xended && xbad == 0 && strstr(xout, "OUT_OF") == NULL);
		CHECK(vm_audit() == OK && vmsnap_same(&s) && swap_used() == 0);
	}
	CHECK(vmtotal.exchanges > 0);

	/* The 9th new page, after all those exchanges, dies */
	pid = xrun(XPAGES + 1);
	sprintf(want, "P%d:: OUT_OF_MEMORY\n", pid);
	CHECK(xlast && !xended && xbad == 0 && strstr(xout, want) != NULL);
	CHECK(vm_audit() == OK && vmsnap_same(&s));

	/* Another process's 3 pages count too, and live on */
	xheld = semcreate(0);
	xrelease = semcreate(0);
	h = vcreate(xholder, 8192, INITPRIO + 1, "xholder", 1, 3);
	REQUIRE(h != SYSERR);
	recvclr();
	resume(h);
	wait(xheld);
	pid = xrun(XPAGES - 3 + 1);
	sprintf(want, "P%d:: OUT_OF_MEMORY\n", pid);
	CHECK(!xended && xbad == 0 && strstr(xout, want) != NULL);
	CHECK(proctab[h].prstate != PR_FREE);
	REQUIRE(xrun(XPAGES - 3) != SYSERR);
	CHECK(xended && xbad == 0 && strstr(xout, "OUT_OF") == NULL);
	CHECK(vm_audit() == OK);
	signal(xrelease);
	while (receive() != (umsg32)h) {
		;
	}
	CHECK(xbad == 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s) && swap_used() == 0);
	semdelete(xheld);
	semdelete(xrelease);
	return OK;
}

/* One case per policy of the table, e.g. swapdisk_full_exchange_clock */
#define	EXCHANGE_CASE(name)						\
	TEST_BOOT(swapdisk_full_exchange_##name, DISKSWAP		\
		  "vm.ffs=4 vm.swap=4 vm.policy=" #name " vm.seed=5")	\
	{								\
		return xfull_case();					\
	}
VMPOLICY_TABLE(EXCHANGE_CASE)

/*
 * Kills and frees during an exchange.  Kid A's 4 pages are on the disk
 * (slots 0-3), kid B's 4 pages fill FFS; A reads its page 0: B's page
 * goes to the reserve (slot 4), then A's page is read.  The test holds
 * the disk channel (atalock), so A waits for it in each transfer with
 * the transfer's state set up, and the test looks and acts then.
 */
#define	XR	XSWAP			/* the reserve's slot		*/

local	struct	atacblk	*xata;
local	uint32	xtrace;			/* trace lines of the exchange	*/

/*------------------------------------------------------------------------
 *  xchg_write  -  Set up A and B and start A's exchange: A waits for
 *		   the channel to write B's page (frame '*fp') to the
 *		   reserve
 *------------------------------------------------------------------------
 */
local	status	xchg_write(struct kid *a, struct kid *b, int32 *fp)
{
	int32	i;

	xata = &atatab[devtab[DISK0].dvminor];
	REQUIRE(kstart(a) == OK && kstart(b) == OK);
	REQUIRE(kstep(a, K_ALLOC, 4, 0) || (kjoin(a), TRUE));
	REQUIRE(kstep(b, K_ALLOC, 4, 0) || (kjoin(b), TRUE));
	for (i = 0; i < 4; i++) {
		REQUIRE(kstep(a, K_WRITE, i, 0x900 + i));
	}
	for (i = 0; i < 4; i++) {		/* A's pages go to disk	*/
		if (!kstep(b, K_WRITE, i, 0xB00 + i)) {
			kjoin(b);
		}
	}
	REQUIRE(free_ffs_pages() == 0 && free_swap_pages() == 0);
	REQUIRE(used_swap_frames(a->pid) == 4 && swap_used() == XSWAP);
	REQUIRE(*kpte(a, 0) & PTE_IS_SWAPPED);
	atalock(xata);				/* the test has the disk */
	debug_swapping = xtrace;
	REQUIRE(!kstep(a, K_READ, 0, 0));
	*fp = busyframe(FIO_WRITE, SYSERR);
	REQUIRE(*fp != SYSERR && ffstab[*fp].owner == b->pid);
	CHECK(ffstab[*fp].slot == XR && vmtotal.exchanges == 1);
	CHECK(swap_used() == XSWAP + 1 && free_swap_pages() == 0);
	CHECK(used_swap_frames(b->pid) == 1 && swap_inuse(XR));
	CHECK(vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  xchg_read  -  From xchg_write's state: let the write go and take the
 *		  channel again, so A waits for it to read its page 0
 *		  into the frame the write freed
 *------------------------------------------------------------------------
 */
local	status	xchg_read(struct kid *a, struct kid *b, int32 f)
{
	ataunlock(xata);		/* A writes, then waits for us	*/
	atalock(xata);			/* ... to read: we have it now	*/
	REQUIRE(busyframe(FIO_READ, SYSERR) == f && frame_nio == 1);
	CHECK(ffstab[f].owner == a->pid && ffstab[f].slot == 0);
	CHECK((*kpte(a, 0) & (PTE_P | PTE_IN_IO)) == PTE_IN_IO);
	CHECK(swap_used() == XSWAP + 1 && used_swap_frames(b->pid) == 1);
	CHECK(vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  xchg_end  -  Check the kids left (NULL: dead) and end them; every
 *		 frame and slot, the reserve too, is back
 *------------------------------------------------------------------------
 */
local	status	xchg_end(struct kid *a, struct kid *b, struct vmsnap *s)
{
	CHECK(vm_audit() == OK);
	if (a != NULL) {
		if (!kstep(a, K_VERIFY, 4, 0)) {
			kjoin(a);
		}
		CHECK(a->bad == 0);
		CHECK(swap_used() <= XSWAP);
		kstep(a, K_EXIT, 0, 0);
	}
	if (b != NULL) {
		if (!kstep(b, K_VERIFY, 4, 0)) {
			kjoin(b);
		}
		CHECK(b->bad == 0);
		CHECK(swap_used() <= XSWAP);
		kstep(b, K_EXIT, 0, 0);
	}
	CHECK(vm_audit() == OK && frame_nio == 0 && vmsnap_same(s));
	CHECK(free_swap_pages() == XSWAP && swap_used() == 0);
	CHECK(!swap_inuse(XR));
	return OK;
}

/* The faulter killed while it waits to write the victim: the victim
 * stays in its frame, dirty, and the reserve is given back */
TEST_BOOT(swapdisk_exchange_kill_faulter_in_write,
	  DISKSWAP "vm.ffs=4 vm.swap=4")
{
	struct	vmsnap	s;
	struct	kid	a, b;
	int32	f;

	vmsnap_take(&s);
	disable();
	REQUIRE(xchg_write(&a, &b, &f) == OK);
	CHECK(kill(a.pid) == OK);
	CHECK(ffstab[f].owner == b.pid && !frame_busy(f) && frame_dirty(f));
	CHECK(ffstab[f].slot == NOSLOT && !swap_inuse(XR));
	CHECK(swap_used() == 0 && vm_audit() == OK);
	ataunlock(xata);
	return xchg_end(NULL, &b, &s);
}

/* The victim's owner killed during the write: the writer gives back
 * the frame and the reserve when it ends, and reads its page */
TEST_BOOT(swapdisk_exchange_kill_victim_owner_in_write,
	  DISKSWAP "vm.ffs=4 vm.swap=4")
{
	struct	vmsnap	s;
	struct	kid	a, b;
	int32	f;

	vmsnap_take(&s);
	disable();
	REQUIRE(xchg_write(&a, &b, &f) == OK);
	CHECK(kill(b.pid) == OK);
	CHECK(ffstab[f].owner == FFS_ORPHAN && frame_busy(f));
	CHECK(vm_audit() == OK);
	ataunlock(xata);
	kjoin(&a);
	CHECK(a.val == WORD(0x900, 0));
	CHECK(!swap_inuse(XR) && swap_used() <= XSWAP);
	return xchg_end(&a, NULL, &s);
}

/* The victim's page freed (vfree) during the write: the same */
TEST_BOOT(swapdisk_exchange_vfree_victim_in_write,
	  DISKSWAP "vm.ffs=4 vm.swap=4")
{
	struct	vmsnap	s;
	struct	kid	a, b;
	int32	f, i;

	vmsnap_take(&s);
	disable();
	REQUIRE(xchg_write(&a, &b, &f) == OK);
	i = ((ffstab[f].vpn << PAGE_SHIFT) - (uint32)b.p) >> PAGE_SHIFT;
	CHECK(kstep(&b, K_FREE, i, 0) && b.val == OK);
	CHECK(ffstab[f].owner == FFS_ORPHAN && vm_audit() == OK);
	ataunlock(xata);
	kjoin(&a);
	CHECK(a.val == WORD(0x900, 0) && !swap_inuse(XR));
	CHECK(vm_audit() == OK);
	kstep(&b, K_EXIT, 0, 0);
	return xchg_end(&a, NULL, &s);
}

/* The faulter killed while it waits to read its page: the page stays
 * in its slot and goes with the faulter; the victim lives on in the
 * reserve and comes back whole */
TEST_BOOT(swapdisk_exchange_kill_faulter_in_read,
	  DISKSWAP "vm.ffs=4 vm.swap=4")
{
	struct	vmsnap	s;
	struct	kid	a, b;
	int32	f;

	vmsnap_take(&s);
	disable();
	REQUIRE(xchg_write(&a, &b, &f) == OK);
	REQUIRE(xchg_read(&a, &b, f) == OK);
	CHECK(kill(a.pid) == OK);
	CHECK(!frame_inuse(f) && frame_nio == 0);
	CHECK(swap_used() == 1 && swap_inuse(XR));
	CHECK(used_swap_frames(b.pid) == 1 && vm_audit() == OK);
	ataunlock(xata);
	return xchg_end(NULL, &b, &s);
}

/* The victim's owner killed during the read: the reserve comes back at
 * once, and the faulter's page arrives and keeps its copy (swap is no
 * longer over its count) */
TEST_BOOT(swapdisk_exchange_kill_victim_owner_in_read,
	  DISKSWAP "vm.ffs=4 vm.swap=4")
{
	struct	vmsnap	s;
	struct	kid	a, b;
	int32	f;

	vmsnap_take(&s);
	disable();
	REQUIRE(xchg_write(&a, &b, &f) == OK);
	REQUIRE(xchg_read(&a, &b, f) == OK);
	CHECK(kill(b.pid) == OK);
	CHECK(!swap_inuse(XR) && swap_used() == XSWAP && vm_audit() == OK);
	ataunlock(xata);
	kjoin(&a);
	CHECK(a.val == WORD(0x900, 0));
	CHECK(ffstab[f].owner == a.pid && ffstab[f].slot == 0);
	CHECK(vm_audit() == OK);
	return xchg_end(&a, NULL, &s);
}

/* Undisturbed: the page arrives without its copy (slot 0 is free
 * again, but swap_limit slots are in use with the reserve), marked
 * dirty; the victim's page comes back from the reserve */
TEST_BOOT(swapdisk_exchange_drops_the_copy,
	  DISKSWAP "vm.ffs=4 vm.swap=4")
{
	struct	vmsnap	s;
	struct	kid	a, b;
	int32	f;
	char	want[64];

	vmsnap_take(&s);
	disable();
	kcapture(xout, sizeof(xout));
	xtrace = 2;			/* the exchange's two lines	*/
	REQUIRE(xchg_write(&a, &b, &f) == OK);
	REQUIRE(xchg_read(&a, &b, f) == OK);
	ataunlock(xata);
	kjoin(&a);
	kcapture(NULL, 0);
	CHECK(a.val == WORD(0x900, 0));
	CHECK(ffstab[f].owner == a.pid && ffstab[f].slot == NOSLOT);
	CHECK(frame_dirty(f) && !swap_inuse(0) && swap_inuse(XR));
	CHECK(swap_used() == XSWAP && free_swap_pages() == 0);
	sprintf(want, "eviction:: FFS frame 0x%x, swap frame 0x%x copy\n", f,
		XR);
	CHECK(strstr(xout, want) != NULL);
	sprintf(want, "swapping:: swap frame 0x0, FFS frame 0x%x\n", f);
	CHECK(strstr(xout, want) != NULL);
	CHECK(vm_audit() == OK);
	return xchg_end(&a, &b, &s);
}

/* No block past the slots (a disk of exactly vm.swap blocks): a
 * swapped page that needs an exchange is OUT_OF_MEMORY, as before */
TEST_BOOT(swapdisk_full_no_reserve_block, "+disk=4 vm.swapdev=disk "
	  "vm.ffs=4 vm.swap=4")
{
	struct	vmsnap	s;
	char	want[32];
	pid32	pid;

	REQUIRE(swapdev->blocks);
	CHECK(swap_reserve() == SYSERR);
	vmsnap_take(&s);
	pid = xrun(XPAGES);
	sprintf(want, "P%d:: OUT_OF_MEMORY\n", pid);
	CHECK(!xended && strstr(xout, want) != NULL);
	CHECK(vmtotal.exchanges == 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	REQUIRE(xrun(XPAGES - 1) != SYSERR);
	CHECK(xended && xbad == 0 && strstr(xout, "OUT_OF") == NULL);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

/* Swap as large as the disk (the runner's images hold MAX_SWAP_SIZE
 * blocks, mkdisk's one more): no reserve */
TEST_BOOT(swapdisk_no_reserve_past_the_swap_area, DISKSWAP "vm.ffs=4")
{
	REQUIRE(swapdev->blocks && swap_limit == MAX_SWAP_SIZE);
	CHECK(swap_reserve() == SYSERR);
	CHECK(free_swap_pages() == MAX_SWAP_SIZE);
	return OK;
}
