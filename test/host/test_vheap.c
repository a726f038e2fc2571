/* test_vheap.c - host unit tests of paging/vheap.c, compiled unchanged */

#include <stdio.h>
#include <xinu.h>
#include "hunit.h"

/*
 * Pages are named by their offset in the heap: P(i) is the virtual page
 * number of heap page i, and N is the number of heap pages.  layout()
 * checks the whole run list against the runs a case expects; audit()
 * checks the invariants vheap.c promises.  The random case drives the
 * code with thousands of reserves and frees and compares it after each
 * with a model that is just a bitmap of the heap's pages.
 *
 * vm.mk builds this file twice: test_vheap in the default flavour (first
 * fit) and test_vheap_ece465 with -DECE465 (next fit, and the heap
 * after FFS); the cases that depend on the search are chosen by
 * VHEAP_NEXTFIT, the flag paging.h derives from the flavour.
 */

#define	N		VHEAP_PAGES
#define	P(i)		(VHEAP_FIRST + (uint32)(i))

local	struct	vmproc	vm;		/* the heap under test		*/

/*------------------------------------------------------------------------
 *  describe  -  Fail the case, naming 'what' and the actual run list
 *------------------------------------------------------------------------
 */
local	void	describe(const char *what)
{
	char	buf[256];
	struct	vrun	*run;
	uint32	n = 0;

	buf[0] = NULLCH;
	for (run = vm.freeruns; run != NULL && n < sizeof(buf) - 40;
	     run = run->next) {
		n += snprintf(buf + n, sizeof(buf) - n, " (%u,%u)",
			      run->start - VHEAP_FIRST, run->npages);
	}
	tfail("%s; runs (offset,pages):%s", what, buf);
}

/*------------------------------------------------------------------------
 *  layout  -  Is the run list exactly 'n' runs, given as (offset,
 *	       pages) pairs in address order, each in a block of its own
 *	       from getmem, with heappages the pages not in them?
 *------------------------------------------------------------------------
 */
local	bool8	layout(int32 n, ...)
{
	va_list	ap;
	struct	vrun	*run = vm.freeruns;
	uint32	start, npages, free = 0;
	bool8	ok = TRUE;
	int32	i;

	va_start(ap, n);
	for (i = 0; i < n; i++, run = run->next) {
		start = va_arg(ap, uint32);
		npages = va_arg(ap, uint32);
		free += npages;
		if (run == NULL || run->start != P(start) ||
		    run->npages != npages) {
			ok = FALSE;
			break;
		}
	}
	va_end(ap);
	if (!ok || run != NULL) {
		describe("unexpected runs");
		return FALSE;
	}
	if (stub_blocks != n || vm.heappages != N - free) {
		tfail("%d runs in %d blocks, heappages %u (want %u)", n,
		      stub_blocks, vm.heappages, N - free);
		return FALSE;
	}
	return TRUE;
}

/*------------------------------------------------------------------------
 *  audit  -  Check the invariants: runs sorted, non-empty, inside the
 *	      heap, separated by a reserved page; heappages = N - sum of
 *	      runs; one kernel-heap block per run
 *------------------------------------------------------------------------
 */
local	bool8	audit(void)
{
	struct	vrun	*run, *prev = NULL;
	uint32	free = 0;
	int32	nruns = 0;

	for (run = vm.freeruns; run != NULL; prev = run, run = run->next) {
		if (run->npages == 0 || run->start < P(0) ||
		    run->npages > N || run->start - P(0) > N - run->npages) {
			describe("a run is empty or outside the heap");
			return FALSE;
		}
		if (prev != NULL && prev->start + prev->npages >= run->start) {
			describe("runs out of order, overlapping or adjacent");
			return FALSE;
		}
		free += run->npages;
		nruns++;
	}
	if (free + vm.heappages != N || nruns != stub_blocks) {
		tfail("%u free + %u heappages != %u, or %d runs in %d blocks",
		      free, vm.heappages, N, nruns, stub_blocks);
		return FALSE;
	}
	return TRUE;
}

/*------------------------------------------------------------------------
 *  reserve  -  Reserve 'n' pages as vmalloc does (first or next fit);
 *		returns the heap offset of the first, or -1 when none fits
 *		or the kernel heap has no node for a split
 *------------------------------------------------------------------------
 */
local	int32	reserve(uint32 n)
{
	int32	vpn = vheap_find(&vm, n);

	if (vpn == SYSERR || vheap_take(&vm, vpn, n) == SYSERR) {
		return -1;
	}
	return vpn - VHEAP_FIRST;
}

/*------------------------------------------------------------------------
 *  front30  -  A fresh heap with its first 30 pages reserved
 *------------------------------------------------------------------------
 */
local	void	front30(void)
{
	vheap_init(&vm);
	reserve(30);
}

/*------------------------------------------------------------------------
 *  holes  -  front30, then pages [2,4), [10,15) and [20,23) freed again
 *------------------------------------------------------------------------
 */
local	void	holes(void)
{
	front30();
	vheap_give(&vm, P(2), 2);
	vheap_give(&vm, P(10), 5);
	vheap_give(&vm, P(20), 3);
}

local	void	init_makes_one_run(void)
{
	TCHECK(vheap_init(&vm) == OK);
	TCHECK(layout(1, 0, N));
	TCHECK(vm.heappages == 0);
	TCHECK(vheap_find(&vm, N) == (int32)P(0));
	TCHECK(vheap_find(&vm, N + 1) == SYSERR);
	TCHECK(audit());
}

local	void	init_without_memory_fails(void)
{
	struct	vrun	before;

	vm.freeruns = &before;
	vm.heappages = 7;
	stub_nomem = TRUE;
	TCHECK(vheap_init(&vm) == SYSERR);
	TCHECK(vm.freeruns == &before && vm.heappages == 7);
	TCHECK(stub_blocks == 0);
}

#if !VHEAP_NEXTFIT
local	void	find_is_first_fit_lowest(void)
{
	holes();
	TCHECK(layout(4, 2, 2, 10, 5, 20, 3, 30, N - 30));
	TCHECK(vheap_find(&vm, 1) == (int32)P(2));
	TCHECK(vheap_find(&vm, 2) == (int32)P(2));
	TCHECK(vheap_find(&vm, 3) == (int32)P(10));	/* skips [2,4)	*/
	TCHECK(vheap_find(&vm, 5) == (int32)P(10));
	TCHECK(vheap_find(&vm, 6) == (int32)P(30));	/* the tail	*/
	TCHECK(vheap_find(&vm, N - 30) == (int32)P(30));
	TCHECK(vheap_find(&vm, N - 29) == SYSERR);
	TCHECK(layout(4, 2, 2, 10, 5, 20, 3, 30, N - 30));	/* unchanged */
	TCHECK(reserve(3) == 10);	/* reserve = find + take	*/
	TCHECK(reserve(3) == 20);
	TCHECK(reserve(1) == 2);
	TCHECK(layout(3, 3, 1, 13, 2, 30, N - 30));
}

#else
/* Next fit: the search starts after the previous reservation (the
 * cursor), not at the lowest hole */
local	void	find_is_next_fit(void)
{
	holes();				/* cursor: page 30	*/
	TCHECK(vm.cursor == P(30));
	TCHECK(vheap_find(&vm, 1) == (int32)P(30));
	TCHECK(reserve(3) == 30 && vm.cursor == P(33));
	TCHECK(reserve(1) == 33);
	TCHECK(layout(4, 2, 2, 10, 5, 20, 3, 34, N - 34));
}

/* Nothing fits between the cursor and the heap's end: the search wraps
 * to the lowest hole that fits */
local	void	next_fit_wraps_around(void)
{
	holes();
	TCHECK(reserve(N - 30) == 30 && vm.cursor == P(N));
	TCHECK(reserve(3) == 10);		/* [2,4) is too small	*/
	TCHECK(reserve(2) == 13);		/* on from the cursor	*/
	TCHECK(reserve(2) == 20);
	TCHECK(reserve(2) == 2);		/* wraps again		*/
	TCHECK(layout(1, 22, 1));
	TCHECK(reserve(2) == -1);
	TCHECK(reserve(1) == 22 && vm.freeruns == NULL);
	TCHECK(vm.heappages == N && audit());
}

/* A free run that grew down past the cursor (a vfree merged into it) is
 * used from the cursor on, splitting it */
local	void	next_fit_starts_inside_a_run(void)
{
	vheap_init(&vm);
	TCHECK(reserve(4) == 0 && reserve(4) == 4);	/* cursor: 8	*/
	vheap_give(&vm, P(4), 4);
	TCHECK(layout(1, 4, N - 4));
	TCHECK(reserve(2) == 8);
	TCHECK(layout(2, 4, 4, 10, N - 10));
	vheap_give(&vm, P(0), 4);		/* cursor 10, run [0,8)	*/
	TCHECK(reserve(2) == 10);		/* [10,12): the front	*/
	TCHECK(layout(2, 0, 8, 12, N - 12));
	TCHECK(audit());
}

/* With no node for the split, the reservation fails and changes
 * nothing */
local	void	next_fit_split_without_memory(void)
{
	vheap_init(&vm);
	reserve(4);
	reserve(4);
	vheap_give(&vm, P(4), 4);
	stub_nomem = TRUE;
	TCHECK(vheap_find(&vm, 2) == (int32)P(8));
	TCHECK(vheap_take(&vm, P(8), 2) == SYSERR);
	TCHECK(layout(1, 4, N - 4) && vm.cursor == P(8));
	TCHECK(reserve(N - 8) == 8);		/* the back: no node	*/
	TCHECK(layout(1, 4, 4) && vm.cursor == P(N));
	stub_nomem = FALSE;
	TCHECK(audit());
}

#endif

local	void	take_exact_fit_removes_run(void)
{
	holes();
	vheap_take(&vm, P(10), 5);
	TCHECK(layout(3, 2, 2, 20, 3, 30, N - 30));
	vheap_take(&vm, P(2), 2);		/* the first run	*/
	TCHECK(layout(2, 20, 3, 30, N - 30));
	vheap_take(&vm, P(30), N - 30);		/* the last run		*/
	TCHECK(layout(1, 20, 3));
	vheap_take(&vm, P(20), 3);
	TCHECK(vm.freeruns == NULL && vm.heappages == N);
	TCHECK(stub_blocks == 0);
	TCHECK(vheap_find(&vm, 1) == SYSERR);
	TCHECK(audit());
}

local	void	take_splits_the_front_off(void)
{
	holes();
	vheap_take(&vm, P(10), 2);
	TCHECK(layout(4, 2, 2, 12, 3, 20, 3, 30, N - 30));
	vheap_take(&vm, P(30), 1);
	TCHECK(layout(4, 2, 2, 12, 3, 20, 3, 31, N - 31));
	vheap_take(&vm, P(12), 2);
	TCHECK(layout(4, 2, 2, 14, 1, 20, 3, 31, N - 31));
	TCHECK(audit());
}

/* The back or the middle of a run: the middle needs a second node */
local	void	take_back_and_middle(void)
{
	holes();
	TCHECK(vheap_take(&vm, P(13), 2) == OK);
	TCHECK(layout(4, 2, 2, 10, 3, 20, 3, 30, N - 30));
	TCHECK(vm.cursor == P(15));
	TCHECK(vheap_take(&vm, P(31), 2) == OK);
	TCHECK(layout(5, 2, 2, 10, 3, 20, 3, 30, 1, 33, N - 33));
	TCHECK(vm.cursor == P(33) && vm.heappages == 30 - 10 + 4);
	stub_nomem = TRUE;
	TCHECK(vheap_take(&vm, P(11), 1) == SYSERR);
	TCHECK(layout(5, 2, 2, 10, 3, 20, 3, 30, 1, 33, N - 33));
	TCHECK(vm.cursor == P(33));
	TCHECK(audit());
}

/* vheap_take of pages that are not all free */
local	void	take_reserved_page(void)
{
	holes();
	vheap_take(&vm, P(5), 1);
}

local	void	take_too_many(void)
{
	holes();
	vheap_take(&vm, P(10), 6);
}

local	void	take_misuse_asserts(void)
{
	TCHECK(taborts(take_reserved_page, "vheap"));
	TCHECK(taborts(take_too_many, "vheap"));
}

/* Reserved [0,20) and [25,30); free [20,25) and [30,N) */
local	void	isallocated_inside_and_edges(void)
{
	front30();
	vheap_give(&vm, P(20), 5);
	TCHECK(vheap_isallocated(&vm, P(3), 4));
	TCHECK(vheap_isallocated(&vm, P(0), 20));	/* the whole run */
	TCHECK(vheap_isallocated(&vm, P(0), 1));	/* first page	*/
	TCHECK(vheap_isallocated(&vm, P(19), 1));	/* before a hole */
	TCHECK(vheap_isallocated(&vm, P(25), 5));	/* between holes */
	TCHECK(vheap_isallocated(&vm, P(29), 1));
	TCHECK(!vheap_isallocated(&vm, P(18), 3));	/* into the hole */
	TCHECK(!vheap_isallocated(&vm, P(24), 2));	/* out of it	*/
	TCHECK(!vheap_isallocated(&vm, P(15), 15));	/* across it	*/
	TCHECK(!vheap_isallocated(&vm, P(21), 2));	/* inside it	*/
	TCHECK(!vheap_isallocated(&vm, P(20), 5));	/* exactly it	*/
	TCHECK(!vheap_isallocated(&vm, P(29), 2));	/* into the tail */
	TCHECK(!vheap_isallocated(&vm, P(30), 1));
	TCHECK(!vheap_isallocated(&vm, P(N - 1), 1));	/* last page	*/
}

local	void	isallocated_zero_length_or_below_heap(void)
{
	front30();
	TCHECK(!vheap_isallocated(&vm, P(3), 0));
	TCHECK(!vheap_isallocated(&vm, P(0) - 1, 1));
	TCHECK(!vheap_isallocated(&vm, P(0) - 1, 2));	/* straddles	*/
	TCHECK(!vheap_isallocated(&vm, 0, 1));		/* page 0	*/
	TCHECK(!vheap_isallocated(&vm, 0, P(30)));	/* up to 30	*/
}

/* With every heap page reserved, any page past the heap is still not */
local	void	isallocated_past_heap_end(void)
{
	vheap_init(&vm);
	reserve(N);
	TCHECK(vheap_isallocated(&vm, P(0), N));
	TCHECK(vheap_isallocated(&vm, P(N - 1), 1));
	TCHECK(!vheap_isallocated(&vm, P(N - 1), 2));	/* straddles end */
	TCHECK(!vheap_isallocated(&vm, P(0), N + 1));
	TCHECK(!vheap_isallocated(&vm, P(N), 1));	/* first past	*/
	TCHECK(!vheap_isallocated(&vm, P(0), 0xFFFFFFFF));
	TCHECK(!vheap_isallocated(&vm, P(N - 1), 0xFFFFFFFF));
	TCHECK(!vheap_isallocated(&vm, P(N) + 1, 1));
	TCHECK(!vheap_isallocated(&vm, (VSTACK_TOP >> PAGE_SHIFT) - 1, 1));
	TCHECK(!vheap_isallocated(&vm, 0xFFFFF, 1));	/* top page	*/
	TCHECK(!vheap_isallocated(&vm, 0xFFFFFFFF, 2));	/* wraps to 0	*/
}

/* The same, with the heap untouched (one free run up to its end) */
local	void	isallocated_past_heap_end_free_heap(void)
{
	vheap_init(&vm);
	TCHECK(!vheap_isallocated(&vm, P(N), 1));
	TCHECK(!vheap_isallocated(&vm, P(N) + 1, 1));
	TCHECK(!vheap_isallocated(&vm, (VSTACK_TOP >> PAGE_SHIFT) - 1, 1));
}

local	void	give_merges_neither(void)
{
	front30();
	TCHECK(vheap_give(&vm, P(10), 2) == OK);	/* a new node	*/
	TCHECK(layout(2, 10, 2, 30, N - 30));
	TCHECK(vheap_give(&vm, P(13), 1) == OK);	/* one gap page	*/
	TCHECK(layout(3, 10, 2, 13, 1, 30, N - 30));
	TCHECK(vheap_give(&vm, P(0), 1) == OK);		/* no previous	*/
	TCHECK(layout(4, 0, 1, 10, 2, 13, 1, 30, N - 30));
	TCHECK(audit());
}

local	void	give_merges_previous(void)
{
	front30();
	vheap_give(&vm, P(10), 2);
	TCHECK(vheap_give(&vm, P(12), 3) == OK);
	TCHECK(layout(2, 10, 5, 30, N - 30));
	reserve(N - 30);			/* no next run at all	*/
	TCHECK(layout(1, 10, 5));
	TCHECK(vheap_give(&vm, P(N - 1), 1) == OK);
	TCHECK(layout(2, 10, 5, N - 1, 1));
	TCHECK(vheap_give(&vm, P(N - 3), 2) == OK);	/* joins the last */
	TCHECK(layout(2, 10, 5, N - 3, 3));
	TCHECK(audit());
}

local	void	give_merges_next(void)
{
	front30();
	vheap_give(&vm, P(10), 2);
	TCHECK(vheap_give(&vm, P(7), 3) == OK);
	TCHECK(layout(2, 7, 5, 30, N - 30));
	TCHECK(vheap_give(&vm, P(25), 5) == OK);	/* joins the tail */
	TCHECK(layout(2, 7, 5, 25, N - 25));
	TCHECK(vheap_give(&vm, P(0), 7) == OK);		/* no previous	*/
	TCHECK(layout(2, 0, 12, 25, N - 25));
	TCHECK(audit());
}

local	void	give_merges_both(void)
{
	holes();
	TCHECK(vheap_give(&vm, P(4), 6) == OK);		/* [2,4)+[10,15) */
	TCHECK(layout(3, 2, 13, 20, 3, 30, N - 30));
	TCHECK(vheap_give(&vm, P(23), 7) == OK);	/* and the tail	*/
	TCHECK(layout(2, 2, 13, 20, N - 20));
	TCHECK(vheap_give(&vm, P(15), 5) == OK);
	TCHECK(layout(1, 2, N - 2));
	TCHECK(vheap_give(&vm, P(0), 2) == OK);
	TCHECK(layout(1, 0, N));
	TCHECK(audit());
}

/* Without a node to spare, a give that needs one changes nothing;
 * one that merges needs none and still works */
local	void	give_without_memory_changes_nothing(void)
{
	holes();
	stub_nomem = TRUE;
	TCHECK(vheap_give(&vm, P(6), 2) == SYSERR);	/* needs a node	*/
	TCHECK(vheap_give(&vm, P(0), 1) == SYSERR);
	TCHECK(layout(4, 2, 2, 10, 5, 20, 3, 30, N - 30));
	TCHECK(vheap_give(&vm, P(4), 1) == OK);		/* previous	*/
	TCHECK(vheap_give(&vm, P(9), 1) == OK);		/* next		*/
	TCHECK(vheap_give(&vm, P(15), 5) == OK);	/* both		*/
	TCHECK(layout(3, 2, 3, 9, 14, 30, N - 30));
	stub_nomem = FALSE;
	TCHECK(vheap_give(&vm, P(6), 2) == OK);
	TCHECK(layout(4, 2, 3, 6, 2, 9, 14, 30, N - 30));
	TCHECK(audit());
}

/* Next fit puts the fourth reserve after the third, first fit in the
 * hole; either way heappages counts, and a give may span two reserves */
local	void	heappages_counts_reserved_pages(void)
{
	vheap_init(&vm);
	TCHECK(reserve(3) == 0 && vm.heappages == 3);
	TCHECK(reserve(5) == 3 && vm.heappages == 8);
	TCHECK(reserve(7) == 8 && vm.heappages == 15);
	vheap_give(&vm, P(3), 5);
	TCHECK(vm.heappages == 10);
	TCHECK(reserve(2) == (VHEAP_NEXTFIT ? 15 : 3) && vm.heappages == 12);
	TCHECK(vheap_find(&vm, N) == SYSERR);
	if (VHEAP_NEXTFIT) {
		TCHECK(vheap_give(&vm, P(8), 9) == OK);	/* [8,15)+[15,17) */
	} else {
		TCHECK(vheap_give(&vm, P(0), 5) == OK);	/* [0,3)+[3,5)	*/
	}
	TCHECK(vm.heappages == (VHEAP_NEXTFIT ? 3 : 7));
	TCHECK(audit());
}

local	void	destroy_frees_every_node(void)
{
	uint32	i;

	vheap_init(&vm);
	reserve(200);
	for (i = 0; i < 200; i += 2) {
		vheap_give(&vm, P(i), 1);
	}
	TCHECK(stub_blocks == 101 && audit());
	vheap_destroy(&vm);
	TCHECK(vm.freeruns == NULL && vm.heappages == 0);
	TCHECK(stub_blocks == 0);
	vheap_init(&vm);			/* and is usable again	*/
	TCHECK(layout(1, 0, N));
	vheap_destroy(&vm);
	TCHECK(stub_blocks == 0);
}

/*
 * The random case.  The model is one byte per heap page (1: reserved)
 * plus a count per chunk of CHUNK pages, so that "are pages [a,b) all
 * free / all reserved" costs little even for the long tail run.
 */

#define	STEPS		20000
#define	SEED		0x5EEDu
#define	CHUNK		64
#define	NCHUNKS		((N + CHUNK - 1) / CHUNK)

local	byte	used[N];		/* the model: 1 if reserved	*/
local	uint32	chunkused[NCHUNKS];	/* reserved pages per chunk	*/
local	uint32	nused;			/* reserved pages in all	*/
local	uint32	top;			/* pages at or above are free	*/
local	uint32	cursor;			/* page after the last reserve	*/
local	uint32	rng = SEED;

/*------------------------------------------------------------------------
 *  rnd  -  A pseudo-random number below 'n' (xorshift32, fixed seed)
 *------------------------------------------------------------------------
 */
local	uint32	rnd(uint32 n)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng % n;
}

/*------------------------------------------------------------------------
 *  model_count  -  Reserved pages among pages [a, b) of the model
 *------------------------------------------------------------------------
 */
local	uint32	model_count(uint32 a, uint32 b)
{
	uint32	n = 0;

	while (a < b && a % CHUNK != 0) {
		n += used[a++];
	}
	while (a + CHUNK <= b) {
		n += chunkused[a / CHUNK];
		a += CHUNK;
	}
	while (a < b) {
		n += used[a++];
	}
	return n;
}

/*------------------------------------------------------------------------
 *  model_set  -  Mark pages [a, a+n) reserved (1) or free (0)
 *------------------------------------------------------------------------
 */
local	void	model_set(uint32 a, uint32 n, byte v)
{
	uint32	i;

	for (i = a; i < a + n; i++) {
		chunkused[i / CHUNK] += v - used[i];
		nused += v - used[i];
		used[i] = v;
	}
	if (v && a + n > top) {
		top = a + n;
	}
}

/*------------------------------------------------------------------------
 *  model_scan  -  The lowest page p >= 'from' that starts 'n' free
 *		   pages in the model, or -1
 *------------------------------------------------------------------------
 */
local	int32	model_scan(uint32 from, uint32 n)
{
	uint32	a, len = 0;

	for (a = from; a < top; a++) {
		len = used[a] ? 0 : len + 1;
		if (len == n) {
			return a + 1 - n;
		}
	}
	a = (top - len > from) ? top - len : from;	/* all free above */
	return (N - a >= n) ? (int32)a : -1;
}

/*------------------------------------------------------------------------
 *  model_fit  -  The model's fit for 'n' pages (first fit, or next fit
 *		  from the cursor with a wrap), or -1
 *------------------------------------------------------------------------
 */
local	int32	model_fit(uint32 n)
{
	int32	a = model_scan(VHEAP_NEXTFIT ? cursor : 0, n);

	return (a < 0 && VHEAP_NEXTFIT) ? model_scan(0, n) : a;
}

/*------------------------------------------------------------------------
 *  model_match  -  Are the runs exactly the model's free stretches?
 *------------------------------------------------------------------------
 */
local	bool8	model_match(void)
{
	struct	vrun	*run;
	uint32	pos = 0, a, b;

	for (run = vm.freeruns; run != NULL; run = run->next) {
		a = run->start - VHEAP_FIRST;
		b = a + run->npages;
		if (model_count(pos, a) != a - pos || model_count(a, b) != 0) {
			return FALSE;
		}
		pos = b;
	}
	return model_count(pos, N) == N - pos && vm.heappages == nused;
}

/*------------------------------------------------------------------------
 *  random_step  -  One random reserve, free or query, checked against
 *		    the model
 *------------------------------------------------------------------------
 */
local	void	random_step(int32 step)
{
	uint32	r = rnd(100), n, a, len;
	int32	want, got;
	bool8	needsnode;

	if (r < 45) {				/* reserve		*/
		n = r < 1 ? N / 2 + rnd(N) : r < 5 ? 1 + rnd(300) : 1 + rnd(16);
		want = model_fit(n);
		got = reserve(n);
		if (got != want) {
			tfail("step %d: reserve(%u) at %d, model says %d",
			      step, n, got, want);
		} else if (got >= 0) {
			model_set(got, n, 1);
			cursor = got + n;
		}
	} else if (r < 80) {			/* free a reserved range */
		for (a = rnd(top + 1); a < top && !used[a]; a++) {
			;
		}
		if (a >= top) {
			return;
		}
		n = rnd(20) == 0 ? N : 32;	/* now and then a long one */
		for (len = 1; len < n && a + len < N && used[a + len]; len++) {
			;
		}
		len = 1 + rnd(len);
		needsnode = (a == 0 || used[a - 1]) &&
			    (a + len == N || used[a + len]);
		stub_nomem = rnd(10) == 0;
		got = vheap_give(&vm, P(a), len);
		want = stub_nomem && needsnode ? SYSERR : OK;
		stub_nomem = FALSE;
		if (got != want) {
			tfail("step %d: give(%u, %u) gave %d, want %d", step,
			      a, len, got, want);
		} else if (got == OK) {
			model_set(a, len, 0);
		}
	} else {				/* ask about a range	*/
		a = rnd(top + 64 < N ? top + 64 : N);
		len = rnd(40);
		want = len > 0 && a + len <= N &&
		       model_count(a, a + len) == len;
		if (vheap_isallocated(&vm, P(a), len) != want) {
			tfail("step %d: isallocated(%u, %u) is not %d", step,
			      a, len, want);
		}
	}
}

local	void	random_against_bitmap(void)
{
	int32	step;

	vheap_init(&vm);
	for (step = 0; step < STEPS && !tfailed(); step++) {
		random_step(step);
		if (!audit()) {
			tfail("step %d: invariants broken", step);
		} else if (!model_match()) {
			describe("runs differ from the model");
		}
	}
	TCHECK(nused > 0 && stub_blocks > 10);	/* it did get mixed up	*/
	vheap_destroy(&vm);
	TCHECK(stub_blocks == 0);
}

/* vheap_isfree: wholly inside one free run of the heap */
local	void	isfree_needs_one_free_run(void)
{
	holes();
	TCHECK(vheap_isfree(&vm, P(10), 5) && vheap_isfree(&vm, P(11), 2));
	TCHECK(!vheap_isfree(&vm, P(9), 2) && !vheap_isfree(&vm, P(14), 2));
	TCHECK(!vheap_isfree(&vm, P(10), 0) && !vheap_isfree(&vm, P(0), 1));
	TCHECK(vheap_isfree(&vm, P(N - 1), 1) && !vheap_isfree(&vm, P(N - 1), 2));
	TCHECK(!vheap_isfree(&vm, VHEAP_FIRST - 1, 1));
	vheap_destroy(&vm);
}

/* vheap_copy: the same runs, reserved count and cursor, as a copy */
local	void	copy_is_the_same_layout(void)
{
	struct	vmproc	to;

	holes();
	TCHECK(vheap_init(&to) == OK);
	TCHECK(vheap_copy(&vm, &to) == OK);
	TCHECK(to.heappages == vm.heappages && to.cursor == vm.cursor);
	TCHECK(vheap_find(&to, 5) == vheap_find(&vm, 5));
	vheap_give(&to, P(0), 2);		/* one side only	*/
	TCHECK(vheap_isallocated(&vm, P(0), 2));
	vheap_destroy(&to);
	vheap_destroy(&vm);
}

int	main(void)
{
	tcase("isfree_needs_one_free_run", isfree_needs_one_free_run);
	tcase("copy_is_the_same_layout", copy_is_the_same_layout);
	tcase("init_makes_one_run", init_makes_one_run);
	tcase("init_without_memory_fails", init_without_memory_fails);
#if VHEAP_NEXTFIT
	tcase("find_is_next_fit", find_is_next_fit);
	tcase("next_fit_wraps_around", next_fit_wraps_around);
	tcase("next_fit_starts_inside_a_run", next_fit_starts_inside_a_run);
	tcase("next_fit_split_without_memory",
	      next_fit_split_without_memory);
#else
	tcase("find_is_first_fit_lowest", find_is_first_fit_lowest);
#endif
	tcase("take_exact_fit_removes_run", take_exact_fit_removes_run);
	tcase("take_splits_the_front_off", take_splits_the_front_off);
	tcase("take_back_and_middle", take_back_and_middle);
	tcase("take_misuse_asserts", take_misuse_asserts);
	tcase("isallocated_inside_and_edges", isallocated_inside_and_edges);
	tcase("isallocated_zero_length_or_below_heap",
	      isallocated_zero_length_or_below_heap);
	tcase("isallocated_past_heap_end", isallocated_past_heap_end);
	tcase("isallocated_past_heap_end_free_heap",
	      isallocated_past_heap_end_free_heap);
	tcase("give_merges_neither", give_merges_neither);
	tcase("give_merges_previous", give_merges_previous);
	tcase("give_merges_next", give_merges_next);
	tcase("give_merges_both", give_merges_both);
	tcase("give_without_memory_changes_nothing",
	      give_without_memory_changes_nothing);
	tcase("heappages_counts_reserved_pages",
	      heappages_counts_reserved_pages);
	tcase("destroy_frees_every_node", destroy_frees_every_node);
	tcase("random_against_bitmap", random_against_bitmap);
	return tdone();
}
