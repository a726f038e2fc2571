/* evict.c - swap_evict, swap_evict_again, swap_exchange, swap_evict_frame,
	     evict_some, evict_frame, evict_count, reclaim_slot, slot_share,
	     slot_drop, swaptrace */

#include <xinu.h>
#include <vm.h>

/*
 * Eviction: when a fault needs a frame and FFS is full, the replacement
 * policy names a victim among all processes' heap frames (global
 * replacement).  The victim's data goes to its swap slot only when the
 * slot has no good copy: the page has never been evicted (no slot yet)
 * or it was written since it came back (the D bit).  Its PTE then holds
 * the slot number with is_swapped set, and the frame is free.
 *
 * A victim with no slot needs one.  When swap is full, a resident page
 * that holds a slot gives it up (reclaim_slot): one whose copy is stale
 * (written since it came back) if there is one, else a clean one, whose
 * copy is dropped; either way the page has no copy now, so its next
 * eviction writes it.  This happens only when swap is full, so programs
 * that never fill swap see the same slots and traces as without it.
 * Should the policy's candidates all fail anyway, every frame is tried
 * in turn before anyone is killed.  Eviction therefore fails only when
 * no slot is free and no resident page holds one: every frame and every
 * slot holds a distinct page (swap_room, swapin.c, then still brings a
 * swapped page in: with RAM swap by giving its own slot to the victim,
 * with disk swap by an exchange through the spare slot, swap_exchange).
 *
 * A shared page (a frame with several mappings, paging/rmap.c) goes out
 * once: every mapper's PTE then names the same slot, which each of them
 * holds (slot_share; the slot's reference count, slots.c), and the
 * first to fault on it brings it back for all (pagefault.c).  A shared
 * frame's slot is not reclaimed: other mappers may need its copy; nor
 * is a kept frame's (FFS_KEPT), whose one holder is the store or a
 * PTE swapped out to it, not the frame.  A store's page that gave its
 * slot up in an exchange (paging/bs.c) is evicted as any page with no
 * slot is, and the store holds the slot it takes (bs_toslot), along
 * with its mappers, or alone when the frame was kept.
 *
 * A blocking backend (disk) makes a dirty eviction wait for its write;
 * frames busy with I/O are never victims (see evict_frame and
 * paging/frameio.c).  The trace line is printed before the write, so
 * that it comes before any line of the processes that run meanwhile.
 */

uint32	debug_swapping;			/* trace lines still to print	*/

/*------------------------------------------------------------------------
 *  swaptrace  -  Print one trace line while debug_swapping lasts
 *------------------------------------------------------------------------
 */
void	swaptrace(const char *fmt, uint32 a, uint32 b)
{
	if (debug_swapping > 0) {
		debug_swapping--;
		kprintf(fmt, a, b);
	}
}

/*------------------------------------------------------------------------
 *  slot_share  -  Frame 'f''s first mapper holds slot 'slot' now: the
 *		   others hold it too
 *------------------------------------------------------------------------
 */
local	void	slot_share(int32 f, uint32 slot)
{
	int32	cur = ffstab[f].rmap;	/* past the first, who holds it	*/
	pid32	pid;
	uint32	vpn;

	while (cur != RMAP_END && frame_mapping(f, &cur, &pid, &vpn)) {
		swap_share(pid, slot);
	}
}

/*------------------------------------------------------------------------
 *  slot_drop  -  Frame 'f''s page gives up the copy in its slot: each of
 *		  its mappers lets the slot go, and so does the store
 *		  when it is a store's page, which the frame then names
 *		  (paging/bs.c; interrupts off)
 *------------------------------------------------------------------------
 */
void	slot_drop(int32 f)
{
	int32	cur = RMAP_FIRST, slot = ffstab[f].slot;
	pid32	pid;
	uint32	vpn;

	frame_setslot(f, NOSLOT);
	while (frame_mapping(f, &cur, &pid, &vpn)) {
		swap_free(pid, slot);
	}
	bs_setframe(bs_letgo(slot), f);
}

/*------------------------------------------------------------------------
 *  reclaim_slot  -  Swap is full: take the slot of a resident page, one
 *		     whose copy is stale before one whose copy is good,
 *		     and give it to process 'pid' (SYSERR: a store, for
 *		     a kept frame that holds its page with no slot);
 *		     SYSERR if no resident page holds a slot (interrupts
 *		     off)
 *------------------------------------------------------------------------
 */
local	int32	reclaim_slot(pid32 pid)
{
	int32	f, slot, take = SYSERR;

	for (f = 0; f < (int32)ffs_limit; f++) {
		if (!frame_evictable(f) || ffstab[f].slot == NOSLOT ||
		    swap_refs(ffstab[f].slot) != 1 ||
		    ffstab[f].owner == FFS_KEPT) {
			continue;	/* a busy frame's slot is in use, */
		}			/* a shared or kept one's others' */
		if (frame_dirty(f)) {
			take = f;		/* its copy is stale anyway */
			break;
		}
		if (take == SYSERR) {
			take = f;		/* the lowest clean one	*/
		}
	}
	if (take == SYSERR) {
		return SYSERR;
	}
	/* The slot changes hands: the count of slots in use does not
	 * change, so this works even while an exchange holds one more */
	slot = ffstab[take].slot;
	swap_move(ffstab[take].owner, pid, slot);
	frame_setslot(take, NOSLOT);	/* next eviction writes it	*/
	return slot;
}

/*------------------------------------------------------------------------
 *  evict_count  -  Count an eviction, written or not, for the process
 *		    whose VM state is 'vm' (NULL: a kept frame's), in
 *		    total and in '*ps'
 *------------------------------------------------------------------------
 */
local	void	evict_count(struct vmproc *vm, struct pgostats *ps, bool8 write)
{
	if (ps != NULL) {
		ps->cleaned += write;
		ps->freed++;
	}
	if (write) {
		vmtotal.evict_dirty++;
	} else {
		vmtotal.evict_clean++;
	}
	if (vm != NULL && write) {
		vm->stats.evict_dirty++;
	} else if (vm != NULL) {
		vm->stats.evict_clean++;
	}
}

/*------------------------------------------------------------------------
 *  evict_frame  -  Move the page in frame 'f' out to swap and free the
 *		    frame; SYSERR if the frame is busy with I/O, or if it
 *		    needs a slot and none is free.  With 'spare' (swap_room's
 *		    exchange) a page with no slot takes the spare one
 *		    (swap_spare), and a blocking write leaves the waiters
 *		    asleep: the caller wakes them (see swapin.c)
 *------------------------------------------------------------------------
 */
local	status	evict_frame(int32 f, struct pgostats *ps, bool8 spare)
{
	struct	ffsframe *fr = &ffstab[f];
	struct	vmproc	*vm;
	int32	slot = fr->slot;
	pid32	by = (fr->owner == FFS_KEPT) ? SYSERR : fr->owner;
	bool8	write;

	if (ps != NULL) {
		ps->scanned++;
	}
	if (!frame_evictable(f)) {
		return SYSERR;
	}
	vm = (fr->owner == FFS_KEPT) ? NULL : proctab[fr->owner].prvm;
	write = (slot == NOSLOT) || frame_dirty(f);
	if (slot == NOSLOT && spare) {
		if ((slot = swap_spare(by)) == SYSERR) {
			return SYSERR;
		}
		xchg_spared(slot);	/* before the write: swapin.c */
		vmtotal.exchanges++;
	} else if (slot == NOSLOT && (slot = swap_alloc(by)) == SYSERR &&
		   (slot = reclaim_slot(by)) == SYSERR) {
		return SYSERR;
	}
	if (fr->slot == NOSLOT) {
		slot_share(f, slot);	/* every mapper holds it now,	*/
		bs_toslot(f, slot);	/* and a store, of its page	*/
	}
	evict_count(vm, ps, write);
	swaptrace(write ? "eviction:: FFS frame 0x%x, swap frame 0x%x copy\n"
			: "eviction:: FFS frame 0x%x, swap frame 0x%x\n", f, slot);
	if (write && swapdev->blocks) {
		/* A write that blocks.  The page is unmapped before the
		 * write begins, so no store can slip in after the backend
		 * took its copy: the owner faults and waits (PTE_IN_IO).
		 * The frame keeps the slot meanwhile and is not handed out
		 * nor chosen.  Kill undoes it (swap_ioabort): the page is
		 * mapped again, dirty, since the slot's copy is not good
		 * (torn, until a write to it ends: vm_audit checks that a
		 * frame holds the page newer meanwhile) */
		frame_setslot(f, slot);
		frame_setio(f);
		frame_iostart(f, FIO_WRITE);
		swap_written(slot);
		swapdev->putslot(slot, ffsaddr(f));	/* blocks	*/
		swap_whole(slot);
		frame_iodone(f);
		if (fr->owner == FFS_ORPHAN) {	/* the page was freed	*/
			orphan_release(f);	/* meanwhile: its slot	*/
		} else {			/* goes with the frame	*/
			vm_evicted(f);
			frame_unmap(f, slot);
			ffs_free(f);
		}
		if (!spare) {		/* all consistent: waiters may run */
			frame_iowake();
		}
		return OK;
	} else if (write) {
		swap_written(slot);
		swapdev->putslot(slot, ffsaddr(f));
		swap_whole(slot);
	}
	vm_evicted(f);
	frame_unmap(f, slot);		/* the PTEs hold the slot now	*/
	ffs_free(f);
	return OK;
}

/*------------------------------------------------------------------------
 *  evict_some  -  Free one FFS frame by evicting the page the policy
 *		   chooses (see evict_frame for 'ps' and 'spare'); SYSERR
 *		   when no page can go
 *------------------------------------------------------------------------
 */
local	int32	firstpick = SYSERR;	/* the policy's first choice in	*/
					/* the last evict_some		*/

local	status	evict_some(struct pgostats *ps, bool8 spare)
{
	uint32	tries;
	int32	f;

	firstpick = SYSERR;
	for (tries = 0; tries < ffs_limit; tries++) {
		f = vmpolicy->victim();
		if (f == SYSERR) {
			break;
		}
		if (tries == 0) {
			firstpick = f;
		}
		if (evict_frame(f, ps, spare) == OK) {
			return OK;
		}
	}

	/* The policy found nothing that can go (the random policy draws
	 * with replacement and may miss the one frame that can): look at
	 * every frame before anyone is killed */
	for (f = 0; f < (int32)ffs_limit; f++) {
		if (evict_frame(f, ps, spare) == OK) {
			return OK;
		}
	}
	return SYSERR;
}

/*------------------------------------------------------------------------
 *  swap_evict  -  Free one FFS frame by evicting the page the policy
 *		   chooses; SYSERR when no page can go (interrupts off).
 *		   The work is counted in '*ps' unless it is NULL
 *------------------------------------------------------------------------
 */
status	swap_evict(struct pgostats *ps)
{
	return evict_some(ps, FALSE);
}

/*------------------------------------------------------------------------
 *  swap_exchange  -  Every frame and every slot holds a distinct page
 *		      and a swapped one must come in (swap_room, disk
 *		      swap): evict the policy's victim into the spare
 *		      slot (swap_spare), so that swap_limit + 1 slots are
 *		      in use until swap_in drops the incoming page's copy
 *		      (the exchange learns which: xchg_spared).  SYSERR
 *		      when there is no spare (no reserve block).
 *		      A write that blocked leaves the waiters asleep: the
 *		      caller wakes them (interrupts off)
 *------------------------------------------------------------------------
 */
status	swap_exchange(void)
{
	if (firstpick != SYSERR && evict_frame(firstpick, NULL, TRUE) == OK) {
		return OK;
	}
	return evict_some(NULL, TRUE);
}

/*------------------------------------------------------------------------
 *  swap_evict_frame  -  Evict frame 'f' itself (the fault handler, to
 *			 free its rmap entries); SYSERR when it cannot go
 *------------------------------------------------------------------------
 */
status	swap_evict_frame(int32 f)
{
	return evict_frame(f, NULL, FALSE);
}

/*------------------------------------------------------------------------
 *  swap_evict_again  -  Right after a swap_evict that failed for want of
 *			 a slot, and a slot was then freed (swap_room, RAM
 *			 swap, every frame and slot full): evict the frame
 *			 the policy chose first in that attempt, as one
 *			 sweep of the policy would have (the failed
 *			 attempt already moved the clock hand past it),
 *			 else whatever the policy chooses now
 *------------------------------------------------------------------------
 */
status	swap_evict_again(void)
{
	if (firstpick != SYSERR && evict_frame(firstpick, NULL, FALSE) == OK) {
		return OK;
	}
	return evict_some(NULL, FALSE);
}
