/* test_slots.c - host unit tests of swap/slots.c, compiled unchanged */

#include <xinu.h>
#include "hunit.h"

/*
 * Two processes, A and B, own slots; proctab (in vmstub.c) points at
 * their VM state so that swap_alloc and swap_free can count each one's
 * slots.  Each case starts from a fresh program state (hunit.h's tcase).
 */

#define	A	5			/* two process IDs		*/
#define	B	7

local	struct	vmproc	vma, vmb;

/*------------------------------------------------------------------------
 *  setup  -  Make the first 'limit' slots free; A and B hold none
 *------------------------------------------------------------------------
 */
local	void	setup(uint32 limit)
{
	proctab[A].prvm = &vma;
	proctab[B].prvm = &vmb;
	swap_init(limit);
}

local	void	first_slots_are_0_1_2(void)
{
	int32	i;

	setup(16);
	TCHECK(free_swap_pages() == 16 && swap_limit == 16);
	for (i = 0; i < 16 && !tfailed(); i++) {
		TCHECK(swap_alloc(A) == i);
		TCHECK(free_swap_pages() == 16 - (uint32)i - 1);
	}
	TCHECK(vma.nslots == 16);
}

local	void	whole_swap_area_in_order(void)
{
	int32	i;

	setup(MAX_SWAP_SIZE);
	for (i = 0; i < MAX_SWAP_SIZE && !tfailed(); i++) {
		TCHECK(swap_alloc(A) == i);
	}
	TCHECK(free_swap_pages() == 0 && swap_alloc(A) == SYSERR);
	for (i = MAX_SWAP_SIZE - 1; i >= 0; i--) {
		swap_free(A, i);
	}
	TCHECK(free_swap_pages() == MAX_SWAP_SIZE && vma.nslots == 0);
	for (i = 0; i < MAX_SWAP_SIZE && !tfailed(); i++) {
		TCHECK(swap_alloc(B) == i);	/* in order again	*/
	}
}

/* The lowest free slot is the next one handed out, whatever the order
 * of the frees */
local	void	free_then_alloc_reuses_lowest(void)
{
	setup(8);
	swap_alloc(A);
	swap_alloc(A);
	swap_alloc(A);
	swap_alloc(A);
	swap_free(A, 2);
	TCHECK(swap_alloc(A) == 2);
	swap_free(A, 1);
	swap_free(A, 3);
	TCHECK(swap_alloc(B) == 1);
	TCHECK(swap_alloc(B) == 3);
	TCHECK(swap_alloc(B) == 4);	/* then the untouched ones	*/
	TCHECK(free_swap_pages() == 3);
}

/* Slots freed high to low, or scattered across the whole area, still
 * come back lowest first */
local	void	scattered_frees_come_back_in_order(void)
{
	int32	i;

	setup(MAX_SWAP_SIZE);
	for (i = 0; i < MAX_SWAP_SIZE; i++) {
		swap_alloc(A);
	}
	for (i = MAX_SWAP_SIZE - 1; i >= 0; i -= 997) {
		swap_free(A, i);
	}
	swap_free(A, 31);
	swap_free(A, 32);
	TCHECK(swap_alloc(B) == 31 && swap_alloc(B) == 32);
	for (i = (MAX_SWAP_SIZE - 1) % 997; i < MAX_SWAP_SIZE && !tfailed();
	     i += 997) {
		TCHECK(swap_alloc(B) == i);
	}
	TCHECK(swap_alloc(B) == SYSERR && free_swap_pages() == 0);
}

local	void	alloc_on_empty_fails(void)
{
	int32	i;

	setup(4);
	for (i = 0; i < 4; i++) {
		swap_alloc(A);
	}
	TCHECK(swap_alloc(A) == SYSERR);
	TCHECK(swap_alloc(B) == SYSERR);
	TCHECK(vma.nslots == 4 && vmb.nslots == 0);
	TCHECK(free_swap_pages() == 0);
	for (i = 0; i < 4; i++) {
		TCHECK(swap_inuse(i));
	}
	swap_free(A, 1);		/* and it recovers		*/
	TCHECK(swap_alloc(B) == 1 && vmb.nslots == 1);
}

local	void	alloc_with_no_swap_fails(void)
{
	setup(0);
	TCHECK(free_swap_pages() == 0);
	TCHECK(swap_alloc(A) == SYSERR && vma.nslots == 0);
	TCHECK(!swap_inuse(0));
}

local	void	nslots_counts_per_process(void)
{
	setup(10);
	swap_alloc(A);
	swap_alloc(A);
	swap_alloc(B);
	swap_alloc(A);
	swap_alloc(B);
	TCHECK(vma.nslots == 3 && vmb.nslots == 2);
	swap_free(A, 0);
	TCHECK(vma.nslots == 2 && vmb.nslots == 2);
	swap_free(B, 4);
	swap_free(B, 2);
	TCHECK(vma.nslots == 2 && vmb.nslots == 0);
	TCHECK(vma.nframes == 0 && vma.heappages == 0 && vmb.nframes == 0);
	TCHECK(free_swap_pages() == 8);
}

local	void	inuse_follows_alloc_and_free(void)
{
	uint32	i;

	setup(8);
	for (i = 0; i < 8; i++) {
		TCHECK(!swap_inuse(i));
	}
	swap_alloc(A);
	swap_alloc(A);
	TCHECK(swap_inuse(0) && swap_inuse(1) && !swap_inuse(2));
	swap_free(A, 0);
	TCHECK(!swap_inuse(0) && swap_inuse(1));
	TCHECK(!swap_inuse(8));			/* past the limit	*/
	TCHECK(!swap_inuse(MAX_SWAP_SIZE));
	TCHECK(!swap_inuse(0xFFFFFFFF));
}

/* A smaller limit after use: slots past it are neither free nor in use */
local	void	init_starts_over(void)
{
	setup(8);
	swap_alloc(A);
	swap_alloc(A);
	swap_alloc(A);
	setup(2);
	TCHECK(free_swap_pages() == 2 && swap_limit == 2);
	TCHECK(!swap_inuse(0) && !swap_inuse(1) && !swap_inuse(2));
	TCHECK(swap_alloc(B) == 0 && swap_alloc(B) == 1);
	TCHECK(swap_alloc(B) == SYSERR);
}

/*
 * The reserve (disk swap with a block past the slots): slot 'limit'.
 * At most 'limit' slots are in use, the reserve counted in, except for
 * the one swap_spare hands out when all are: then free_swap_pages is 0
 * and swap_over is TRUE until one is given back.
 */
local	void	reserve_is_the_slot_past_the_limit(void)
{
	int32	i;

	setup(4);
	TCHECK(swap_reserve() == SYSERR && swap_spare(A) == SYSERR);
	TCHECK(swap_addreserve() == OK && swap_reserve() == 4);
	TCHECK(swap_addreserve() == SYSERR);		/* only one	*/
	TCHECK(free_swap_pages() == 4 && swap_used() == 0);
	TCHECK(!swap_inuse(4) && swap_limit == 4);
	for (i = 0; i < 4; i++) {
		TCHECK(swap_spare(A) == SYSERR);	/* not full yet	*/
		TCHECK(swap_alloc(A) == i);		/* lowest first	*/
	}
	TCHECK(swap_alloc(B) == SYSERR && free_swap_pages() == 0);
	TCHECK(!swap_over());
	TCHECK(swap_spare(B) == 4 && vmb.nslots == 1);	/* the reserve	*/
	TCHECK(swap_used() == 5 && swap_over() && free_swap_pages() == 0);
	TCHECK(swap_inuse(4) && swap_spare(B) == SYSERR);
	TCHECK(swap_alloc(B) == SYSERR);
	swap_free(A, 2);			/* the exchange's drop	*/
	TCHECK(!swap_over() && swap_used() == 4 && free_swap_pages() == 0);
	TCHECK(swap_alloc(A) == SYSERR);	/* slot 2 stays free	*/
	TCHECK(swap_spare(A) == 2);		/* the next exchange's	*/
	swap_free(B, 4);
	TCHECK(swap_used() == 4 && !swap_inuse(4) && vmb.nslots == 0);
	swap_free(A, 0);
	TCHECK(free_swap_pages() == 1 && swap_alloc(B) == 0);
	for (i = 0; i < 4; i++) {
		swap_free(i == 0 ? B : A, i);
	}
	TCHECK(free_swap_pages() == 4 && swap_used() == 0);
	TCHECK(vma.nslots == 0 && vmb.nslots == 0);
}

/* A full-size swap area gets its reserve too, number MAX_SWAP_SIZE
 * (compile/bin/mkdisk makes the image one block longer for it); a new
 * start has no reserve until it is added again */
local	void	reserve_past_a_full_area(void)
{
	int32	i;

	setup(MAX_SWAP_SIZE);
	TCHECK(swap_addreserve() == OK && swap_reserve() == MAX_SWAP_SIZE);
	for (i = 0; i < MAX_SWAP_SIZE && !tfailed(); i++) {
		TCHECK(swap_alloc(A) == i);
	}
	TCHECK(swap_alloc(A) == SYSERR && free_swap_pages() == 0);
	TCHECK(swap_spare(A) == MAX_SWAP_SIZE && swap_over());
	TCHECK(swap_inuse(MAX_SWAP_SIZE));
	swap_free(A, MAX_SWAP_SIZE);
	TCHECK(!swap_over() && !swap_inuse(MAX_SWAP_SIZE));
	setup(2);
	TCHECK(swap_addreserve() == OK);
	setup(2);
	TCHECK(swap_reserve() == SYSERR && free_swap_pages() == 2);
	TCHECK(!swap_inuse(2));
}

/* A slot changes hands: the count in use stays, the owners' counts
 * move (reclaim_slot) */
local	void	move_keeps_the_count(void)
{
	setup(2);
	swap_alloc(A);
	swap_alloc(A);
	swap_move(A, B, 1);
	TCHECK(vma.nslots == 1 && vmb.nslots == 1 && swap_used() == 2);
	TCHECK(swap_inuse(1));
	swap_free(B, 1);
	TCHECK(vmb.nslots == 0 && free_swap_pages() == 1);
}

/* A shared slot is free only once every holder has let it go, and
 * each holder counts it once */
local	void	shared_slot_freed_by_last_holder(void)
{
	setup(8);
	TCHECK(swap_alloc(A) == 0 && swap_refs(0) == 1);
	swap_share(B, 0);
	swap_share(B, 0);
	TCHECK(swap_refs(0) == 3 && vma.nslots == 1 && vmb.nslots == 2);
	TCHECK(swap_used() == 1 && free_swap_pages() == 7);
	swap_free(A, 0);
	swap_free(B, 0);
	TCHECK(swap_inuse(0) && swap_refs(0) == 1 && swap_alloc(A) == 1);
	swap_free(B, 0);
	TCHECK(!swap_inuse(0) && swap_refs(0) == 0 && vmb.nslots == 0);
	TCHECK(swap_alloc(B) == 0);
}

/* A slot let go during I/O (swap_unhold) stays taken until
 * swap_release, which leaves it if a holder came back */
local	void	unheld_slot_waits_for_release(void)
{
	setup(8);
	swap_alloc(A);
	TCHECK(swap_unhold(A, 0) && swap_inuse(0) && vma.nslots == 0);
	swap_release(0);
	TCHECK(!swap_inuse(0));
	swap_alloc(A);
	swap_share(B, 0);
	TCHECK(!swap_unhold(A, 0));
	swap_release(0);
	TCHECK(swap_inuse(0) && swap_refs(0) == 1);
}

/* A retired slot counts once, when its last holder lets it go */
local	void	shared_slot_retires_once(void)
{
	setup(8);
	swap_alloc(A);
	swap_share(B, 0);
	swap_retire(A, 0);
	TCHECK(swap_nretired == 0 && swap_refs(0) == 1);
	swap_retire(B, 0);
	TCHECK(swap_nretired == 1 && swap_inuse(0) && swap_alloc(A) == 1);
}

/* Freeing a free slot, or one past the limit, is a kernel bug */
local	void	free_twice(void)
{
	setup(8);
	swap_alloc(A);
	swap_free(A, 0);
	swap_free(A, 0);
}

local	void	free_past_limit(void)
{
	setup(8);
	swap_free(A, 8);
}

local	void	bad_free_asserts(void)
{
	TCHECK(taborts(free_twice, "slotref"));
	TCHECK(taborts(free_past_limit, "swap_inuse"));
}

int	main(void)
{
	tcase("shared_slot_freed_by_last_holder",
	      shared_slot_freed_by_last_holder);
	tcase("unheld_slot_waits_for_release", unheld_slot_waits_for_release);
	tcase("shared_slot_retires_once", shared_slot_retires_once);
	tcase("first_slots_are_0_1_2", first_slots_are_0_1_2);
	tcase("whole_swap_area_in_order", whole_swap_area_in_order);
	tcase("free_then_alloc_reuses_lowest", free_then_alloc_reuses_lowest);
	tcase("scattered_frees_come_back_in_order",
	      scattered_frees_come_back_in_order);
	tcase("alloc_on_empty_fails", alloc_on_empty_fails);
	tcase("alloc_with_no_swap_fails", alloc_with_no_swap_fails);
	tcase("nslots_counts_per_process", nslots_counts_per_process);
	tcase("inuse_follows_alloc_and_free", inuse_follows_alloc_and_free);
	tcase("init_starts_over", init_starts_over);
	tcase("reserve_is_the_slot_past_the_limit",
	      reserve_is_the_slot_past_the_limit);
	tcase("reserve_past_a_full_area", reserve_past_a_full_area);
	tcase("move_keeps_the_count", move_keeps_the_count);
	tcase("bad_free_asserts", bad_free_asserts);
	return tdone();
}
