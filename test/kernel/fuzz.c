/* fuzz.c - random vmalloc/vfree calls against a model; process lifecycles */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

/*
 * vm_fuzz_calls: a vcreate'd process makes random vmalloc and vfree
 * calls, good and bad, and random page touches, and checks every result
 * against a model of its heap: which pages are reserved (vmalloc is
 * first fit from the lowest page, or in the ECE465 flavour next fit from
 * the page after the previous vmalloc, wrapping) and what each page
 * holds (a fresh page reads zero).  The model covers the heap's first
 * WINDOW pages; for next fit the process reserves the rest of the heap
 * first (the fence), so that the search wraps at the window's end as
 * the model's does.  FFS is small, so touched pages go to swap and come
 * back (at most MAXRESERVED pages are reserved, so FFS + swap always
 * hold them).  The audit, the counters and every reserved page's data
 * are checked every AUDIT_EVERY calls.
 *
 * vm_lifecycles: thousands of processes of every kind are born and end
 * in every way; nothing leaks.
 *
 * Both print the figures they reach (docs/testing.md, "Reliability").
 */

#define	WINDOW		16384		/* heap pages the model covers	*/
#define	MAXRUN		32		/* largest vmalloc or vfree	*/
#define	MAXRESERVED	1024		/* pages reserved at most	*/
#define	NCALLS		6000		/* calls per seed		*/
#define	NFSEEDS		5
#define	AUDIT_EVERY	500

local	byte	reserved[WINDOW];	/* model: page is reserved	*/
local	uint32	value[WINDOW];		/* model: what the page holds	*/
local	uint32	nreserved;
local	uint32	cursor;			/* model: next-fit start	*/
local	uint32	calls, touches, bad;

#define	FENCE		(VHEAP_NEXTFIT ? VHEAP_PAGES - WINDOW : 0)

#define	PAGEADDR(i)	((char *)VHEAP_START + (uint32)(i) * PAGE_SIZE)

/*------------------------------------------------------------------------
 *  rnd  -  A pseudo-random number in [0, n)
 *------------------------------------------------------------------------
 */
local	uint32	rnd(uint32 n)
{
	return ((uint32)rand() << 15 ^ (uint32)rand()) % n;
}

/*------------------------------------------------------------------------
 *  model_scan  -  The lowest page at or above 'from' that starts 'n'
 *		   free pages, or WINDOW
 *------------------------------------------------------------------------
 */
local	uint32	model_scan(uint32 from, uint32 n)
{
	uint32	i, run = 0;

	for (i = from; i < WINDOW; i++) {
		run = reserved[i] ? 0 : run + 1;
		if (run == n) {
			return i + 1 - n;
		}
	}
	return WINDOW;			/* past what the model covers	*/
}

/*------------------------------------------------------------------------
 *  model_find  -  Where vmalloc puts 'n' pages: first fit, or next fit
 *		   from the cursor with a wrap
 *------------------------------------------------------------------------
 */
local	uint32	model_find(uint32 n)
{
	uint32	want = model_scan(VHEAP_NEXTFIT ? cursor : 0, n);

	return (want == WINDOW && VHEAP_NEXTFIT) ? model_scan(0, n) : want;
}

/*------------------------------------------------------------------------
 *  model_all  -  Whether pages [first, first+n) are all reserved
 *------------------------------------------------------------------------
 */
local	bool8	model_all(uint32 first, uint32 n)
{
	uint32	i;

	if (n == 0 || first + n > WINDOW) {
		return FALSE;
	}
	for (i = first; i < first + n; i++) {
		if (!reserved[i]) {
			return FALSE;
		}
	}
	return TRUE;
}

/*------------------------------------------------------------------------
 *  some_reserved  -  A random reserved page, or WINDOW if none is
 *------------------------------------------------------------------------
 */
local	uint32	some_reserved(void)
{
	uint32	i, start;

	if (nreserved == 0) {
		return WINDOW;
	}
	start = rnd(WINDOW);
	for (i = start; ; i = (i + 1) % WINDOW) {
		if (reserved[i]) {
			return i;
		}
	}
}

/*------------------------------------------------------------------------
 *  fuzz_alloc  -  vmalloc of a random size, now and then a bad one
 *------------------------------------------------------------------------
 */
local	void	fuzz_alloc(void)
{
	static	const	uint32	badsize[] = { 0, 0xFFFFFFFF, 0xC0000000 };
	uint32	nbytes, n, want, i;
	char	*p;

	if (rnd(20) == 0) {
		nbytes = badsize[rnd(3)];
		bad += vmalloc(nbytes) != (char *)SYSERR;
		return;
	}
	n = 1 + rnd(MAXRUN);
	nbytes = n * PAGE_SIZE - rnd(PAGE_SIZE);	/* rounds up to n	*/
	want = model_find(n);
	if (want + n > WINDOW || nreserved + n > MAXRESERVED) {
		return;		/* the model cannot follow, or swap fills */
	}
	p = vmalloc(nbytes);
	bad += p != PAGEADDR(want);
	if (p == PAGEADDR(want)) {
		for (i = want; i < want + n; i++) {
			reserved[i] = TRUE;
			value[i] = 0;
		}
		nreserved += n;
		cursor = want + n;
	}
}

/*------------------------------------------------------------------------
 *  fuzz_free  -  vfree of a random range around a reserved page: it
 *		  succeeds exactly when the range is page-aligned and
 *		  wholly reserved
 *------------------------------------------------------------------------
 */
local	void	fuzz_free(void)
{
	uint32	first, n, nbytes, i, before;
	char	*ptr;
	bool8	ok;
	status	rv;

	first = some_reserved();
	if (first == WINDOW) {
		return;
	}
	while (first > 0 && reserved[first - 1] && rnd(4) != 0) {
		first--;
	}
	n = 1 + rnd(MAXRUN);
	nbytes = n * PAGE_SIZE - (rnd(2) ? rnd(PAGE_SIZE) : 0);
	ptr = PAGEADDR(first);
	switch (rnd(12)) {
	case 0:
		ptr += 4 * (1 + rnd(1000));	/* misaligned		*/
		break;
	case 1:
		nbytes = 0;
		break;
	case 2:
		nbytes = 0xFFFFF000;		/* far past the heap	*/
		break;
	case 3:
		ptr = (char *)(rnd(2) ? 0 : 0xFFFFF000);	/* outside */
		break;
	}
	ok = ((uint32)ptr & (PAGE_SIZE - 1)) == 0 && ptr == PAGEADDR(first) &&
	     nbytes != 0 && nbytes <= MAXRUN * PAGE_SIZE &&
	     model_all(first, (nbytes + PAGE_SIZE - 1) / PAGE_SIZE);
	before = allocated_virtual_pages(getpid());
	rv = vfree(ptr, nbytes);
	bad += rv != (ok ? OK : SYSERR);
	if (rv == OK && ok) {
		n = (nbytes + PAGE_SIZE - 1) / PAGE_SIZE;
		for (i = first; i < first + n; i++) {
			reserved[i] = FALSE;
		}
		nreserved -= n;
	} else {
		bad += allocated_virtual_pages(getpid()) != before;
	}
}

/*------------------------------------------------------------------------
 *  fuzz_touch  -  Read a reserved page and check it, maybe write it
 *------------------------------------------------------------------------
 */
local	void	fuzz_touch(void)
{
	uint32	i = some_reserved();

	if (i == WINDOW) {
		return;
	}
	bad += vm_read(PAGEADDR(i)) != value[i];
	if (rnd(2)) {
		value[i] = (uint32)getpid() << 24 | touches;
		vm_write(PAGEADDR(i), value[i]);
	}
	touches++;
}

/*------------------------------------------------------------------------
 *  fuzzer  -  NCALLS random calls and touches, checked as it goes
 *------------------------------------------------------------------------
 */
local	process	fuzzer(int32 seed)
{
	uint32	k, r, i;

	srand(seed);
	memset(reserved, 0, sizeof(reserved));
	nreserved = 0;
	cursor = 0;
	if (FENCE > 0) {		/* next fit: wrap at the window	*/
		REQUIRE(vmalloc(WINDOW * PAGE_SIZE) == PAGEADDR(0));
		REQUIRE(vmalloc(FENCE * PAGE_SIZE) == PAGEADDR(WINDOW));
		REQUIRE(vfree(PAGEADDR(0), WINDOW * PAGE_SIZE) == OK);
	}
	for (k = 1; k <= NCALLS; k++) {
		r = rnd(100);
		if (r < 40) {
			fuzz_alloc();
		} else if (r < 80) {
			fuzz_free();
		} else {
			fuzz_touch();
			continue;
		}
		calls++;
		if (k % AUDIT_EVERY == 0) {
			bad += vm_audit() != OK;
			bad += allocated_virtual_pages(getpid()) !=
			       VHEAP_FIRST + FENCE + nreserved;
			for (i = 0; i < WINDOW; i++) {	/* all data right */
				if (reserved[i]) {
					bad += vm_read(PAGEADDR(i)) != value[i];
					touches++;
				}
			}
		}
	}
	return OK;
}

TEST_BOOT(vm_fuzz_calls, "vm.ffs=48 vm.swap=4096")
{
	struct	vmsnap	s;
	uint32	seed;

	vmsnap_take(&s);
	calls = touches = bad = 0;
	for (seed = 1; seed <= NFSEEDS; seed++) {
		REQUIRE(vrun(fuzzer, seed) != SYSERR);
		CHECK(bad == 0);
		CHECK(vm_audit() == OK);
		CHECK(vmsnap_same(&s));
		if (test_failures > 0) {
			kprintf("seed %d: %d bad results\n", seed, bad);
			break;
		}
	}
	kprintf("vm_fuzz_calls: %d calls, %d page touches checked, "
		"%d evictions\n", calls, touches,
		vmtotal.evict_clean + vmtotal.evict_dirty);
	return OK;
}

/*
 * Lifecycles: processes of every kind, born and ended in every way,
 * one after another; every 100 the audit runs and all memory (kernel
 * heap and stacks, FFS, swap, PD/PT, virtual stacks) must be back.
 */
#define	NLIVES		8000
#define	CHECK_EVERY	100

local	sid32	lifesem;		/* where a child blocks		*/
local	volatile uint32	lifebad;

local	process	life_quick(void)
{
	return OK;
}

local	process	life_deep(void)
{
	lifebad += recurse(100) == 0;		/* STACK_OVERFLOW	*/
	return OK;
}

/*------------------------------------------------------------------------
 *  life_vm  -  Reserve and touch some heap pages (checking them), maybe
 *		take a second stack, then end as told: 0 return, 1 block
 *		(to be killed), 2 touch an unreserved page
 *------------------------------------------------------------------------
 */
local	process	life_vm(int32 how)
{
	uint32	n = 1 + (uint32)getpid() % 12, i;
	char	*p = vmalloc(n * PAGE_SIZE), *stk;

	if (p == (char *)SYSERR) {
		lifebad++;
		return OK;
	}
	for (i = 0; i < n; i += 2) {
		vm_write(PAGE(p, i), i);
	}
	for (i = 0; i < n; i++) {
		lifebad += vm_read(PAGE(p, i)) != (i % 2 == 0 ? i : 0);
	}
	if (n % 3 == 0) {
		stk = getvirtualstack(PAGE_SIZE);
		lifebad += stk == (char *)SYSERR;
	}
	if (how == 1) {
		wait(lifesem);
	} else if (how == 2) {
		vm_write(PAGE(p, n), 1);	/* SEGMENTATION_FAULT	*/
		lifebad++;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  one_life  -  Start a process of a random kind, end it in a random
 *		 way, and wait for its death note
 *------------------------------------------------------------------------
 */
local	void	one_life(uint32 kind)
{
	pid32	pid;
	pri16	old;

	switch (kind) {
	case 0:					/* created, killed	*/
		pid = create(life_quick, INITSTK, INITPRIO + 1, "life", 0);
		lifebad += kill(pid) != OK;
		break;
	case 1:					/* created, returns	*/
		pid = create(life_quick, 4096, INITPRIO + 1, "life", 0);
		resume(pid);
		break;
	case 2:					/* vcreated, killed	*/
		pid = vcreate(life_vm, 8192, INITPRIO + 1, "life", 1, 0);
		lifebad += kill(pid) != OK;
		break;
	case 3:					/* uses its heap, returns */
		pid = vcreate(life_vm, 8192, INITPRIO + 1, "life", 1, 0);
		resume(pid);
		break;
	case 4:					/* killed while blocked	*/
		pid = vcreate(life_vm, 8192, INITPRIO + 1, "life", 1, 1);
		resume(pid);
		lifebad += kill(pid) != OK;
		break;
	case 5:					/* killed waiting for vmm */
		old = chprio(vmmpid, INITPRIO - 5);
		pid = vcreate(life_vm, 8192, INITPRIO + 1, "life", 1, 0);
		resume(pid);
		lifebad += proctab[pid].prstate != PR_VMWAIT;
		lifebad += kill(pid) != OK;
		chprio(vmmpid, old);
		break;
	case 6:					/* SEGMENTATION_FAULT	*/
		pid = vcreate(life_vm, 8192, INITPRIO + 1, "life", 1, 2);
		resume(pid);
		break;
	default:				/* STACK_OVERFLOW	*/
		pid = create(life_deep, 8192, INITPRIO + 1, "life", 0);
		resume(pid);
		break;
	}
	if (pid == SYSERR) {
		lifebad++;
		return;
	}
	while (receive() != (umsg32)pid) {
		;
	}
}

TEST_BOOT(vm_lifecycles, "vm.ffs=32 vm.swap=1024")
{
	struct	vmsnap	s;
	uint32	k;

	vmsnap_take(&s);
	lifesem = semcreate(0);
	lifebad = 0;
	srand(11);
	recvclr();
	for (k = 1; k <= NLIVES; k++) {
		one_life(k % 400 == 0 ? 6 : k % 400 == 200 ? 7 : rand() % 6);
		if (k % CHECK_EVERY == 0) {
			CHECK(vm_audit() == OK);
			CHECK(vmsnap_same(&s));
			CHECK(lifebad == 0);
			if (test_failures > 0) {
				kprintf("after %d lifecycles: %d bad\n", k,
					lifebad);
				break;
			}
		}
	}
	kprintf("vm_lifecycles: %d processes born and ended\n", k - 1);
	semdelete(lifesem);
	return OK;
}
