/* slots.c - swap_init, swap_addreserve, swap_alloc, swap_spare, swap_move,
	     holder, swap_share, swap_unhold, slot_gone, swap_free,
	     swap_retire, swap_release, swap_inuse, swap_used, swap_over,
	     swap_reserve, swap_take, swap_setstore, swap_isstore,
	     free_swap_pages (swap_refs, swap_zeroed and swap_written are
	     inline, in vm.h) */

#include <xinu.h>
#include <vm.h>

/*
 * The swap area's slots.  A slot belongs to one heap page from its first
 * eviction until the page is freed: a page swapped back in keeps its
 * slot, so while the page stays clean its copy there is still good and
 * evicting it again writes nothing.  A page may be shared (a frame with
 * several mappings, paging/rmap.c), so a slot keeps a reference count:
 * the PTEs whose page it holds, each one swapped out to it or mapping
 * the frame that keeps it.  Each such PTE counts once in its process's
 * nslots (used_swap_frames), and the slot is free again when the last
 * of them lets it go; the slots in use count each slot once.  A shared
 * backing store (paging/bs.c) holds a slot for each of its pages from
 * get_bs to release_bs (swap_take): one more reference, of no process
 * (pid SYSERR below), and two marks: the slot is a store's (its page is
 * mapped writable by every mapper), and it holds zeros not yet written
 * (swap_in zero-fills instead of reading it).  The lowest-numbered
 * free slot is always the next one handed out (a free map, as for FFS
 * frames), which the swap trace lines show.  Only the first swap_limit
 * slots are used (vm.swap=N shrinks swap for experiments).
 *
 * The reserve.  With disk swap, when DISK0 has a block past the slots
 * (vm.swap=N smaller than the disk), that block is one more slot, number
 * swap_limit, in the same map (swap_addreserve).  Slots in use are
 * counted with it, and the count stays at most swap_limit: swap_alloc
 * refuses once swap_limit slots are in use, whichever they are, so
 * while a page sits in the reserve one ordinary slot stays free, and
 * free_swap_pages counts one less.  Only swap_spare goes past the
 * count: it takes the one free slot left when all swap_limit are in
 * use (the reserve, or the ordinary slot it keeps free), for swap-in's
 * exchange, which gives a slot back right after (see swapin.c).  The
 * reserve is the map's highest number, so the ordinary slots are still
 * handed out lowest first, as without it.
 */

uint32	swap_limit;			/* slots in use			*/
uint32	swap_nretired;			/* slots retired (swap_retire)	*/
/* room for MAX_SWAP_SIZE slots and the reserve past them */
local	uint32	slot_words[FREEMAP_WORDS(MAX_SWAP_SIZE + 1)];
local	uint32	slot_sums[FREEMAP_SUMS(MAX_SWAP_SIZE + 1)];
local	struct	freemap	slot_map = { slot_words, slot_sums, 0, 0, 0 };
uint16	slotref[MAX_SWAP_SIZE + 1];	/* PTEs holding each slot	*/
byte	slotmark[MAX_SWAP_SIZE + 1];	/* SLOT_STORE, SLOT_ZERO, ...	*/

/*------------------------------------------------------------------------
 *  swap_init  -  Make the first 'limit' slots free, with no reserve
 *------------------------------------------------------------------------
 */
void	swap_init(uint32 limit)
{
	swap_limit = limit;
	swap_nretired = 0;
	memset(slotref, 0, sizeof(slotref));
	memset(slotmark, 0, sizeof(slotmark));
	freemap_init(&slot_map, limit, MAX_SWAP_SIZE + 1);
}

/*------------------------------------------------------------------------
 *  swap_addreserve  -  Add slot swap_limit as the reserve (at most
 *			MAX_SWAP_SIZE: the block past a full-size swap
 *			area); SYSERR when there is one already
 *------------------------------------------------------------------------
 */
status	swap_addreserve(void)
{
	if (swap_limit > MAX_SWAP_SIZE || slot_map.limit != swap_limit) {
		return SYSERR;
	}
	freemap_grow(&slot_map);
	return OK;
}

/*------------------------------------------------------------------------
 *  swap_used  -  Slots in use, the reserve among them
 *------------------------------------------------------------------------
 */
uint32	swap_used(void)
{
	return slot_map.limit - slot_map.nfree;
}

/*------------------------------------------------------------------------
 *  swap_over  -  Are more than swap_limit slots in use (an exchange's)?
 *------------------------------------------------------------------------
 */
bool8	swap_over(void)
{
	return swap_used() > swap_limit;
}

/*------------------------------------------------------------------------
 *  swap_reserve  -  The reserve's slot number, or SYSERR when none
 *------------------------------------------------------------------------
 */
int32	swap_reserve(void)
{
	return slot_map.limit > swap_limit ? (int32)swap_limit : SYSERR;
}

/*------------------------------------------------------------------------
 *  holder  -  Process 'pid' holds 'n' more slots (none for SYSERR: a
 *	       backing store)
 *------------------------------------------------------------------------
 */
local	void	holder(pid32 pid, int32 n)
{
	if (pid != SYSERR) {
		proctab[pid].prvm->nslots += n;
	}
}

/*------------------------------------------------------------------------
 *  take  -  Take the lowest free slot for process 'pid', or SYSERR
 *------------------------------------------------------------------------
 */
local	int32	take(pid32 pid)
{
	int32	slot = freemap_take(&slot_map);

	if (slot == SYSERR) {
		return SYSERR;
	}
	slotref[slot] = 1;
	holder(pid, 1);
	return slot;
}

/*------------------------------------------------------------------------
 *  swap_alloc  -  Take the lowest free slot for process 'pid', or SYSERR
 *		   when swap_limit slots are in use (interrupts disabled)
 *------------------------------------------------------------------------
 */
int32	swap_alloc(pid32 pid)
{
	if (swap_used() >= swap_limit) {
		return SYSERR;
	}
	return take(pid);
}

/*------------------------------------------------------------------------
 *  swap_spare  -  All swap_limit slots are in use: take the free one
 *		   left (the reserve, or the slot kept free while the
 *		   reserve is in use) for process 'pid'; SYSERR when there
 *		   is none or swap is not full (interrupts disabled)
 *------------------------------------------------------------------------
 */
int32	swap_spare(pid32 pid)
{
	if (swap_used() != swap_limit) {
		return SYSERR;
	}
	return take(pid);
}

/*------------------------------------------------------------------------
 *  swap_move  -  Slot 'slot' of process 'from' goes to process 'to'
 *		  ('to' SYSERR: to a store, for a kept frame that holds
 *		  its page with no slot; interrupts disabled)
 *------------------------------------------------------------------------
 */
void	swap_move(pid32 from, pid32 to, uint32 slot)
{
	assert(swap_inuse(slot));
	holder(from, -1);
	holder(to, 1);
}

/*------------------------------------------------------------------------
 *  swap_share  -  One more PTE, of process 'pid', holds slot 'slot'
 *		   (interrupts disabled)
 *------------------------------------------------------------------------
 */
void	swap_share(pid32 pid, uint32 slot)
{
	assert(swap_inuse(slot) && slotref[slot] > 0);
	slotref[slot]++;
	holder(pid, 1);
}

/*------------------------------------------------------------------------
 *  swap_unhold  -  A PTE of process 'pid' lets slot 'slot' go, but the
 *		    slot stays taken even when it was the last (I/O in
 *		    flight uses it: orphan_release gives it back); TRUE
 *		    when it was the last (interrupts off)
 *------------------------------------------------------------------------
 */
bool8	swap_unhold(pid32 pid, uint32 slot)
{
	assert(swap_inuse(slot) && slotref[slot] > 0);
	holder(pid, -1);
	return --slotref[slot] == 0;
}

/*------------------------------------------------------------------------
 *  slot_gone  -  No one holds slot 'slot' any more: it is free again, or
 *		  retired when its page did not open (SLOT_BAD)
 *------------------------------------------------------------------------
 */
local	void	slot_gone(uint32 slot)
{
	if (slotmark[slot] & SLOT_BAD) {
		swap_nretired++;	/* taken for good, this boot	*/
		return;
	}
	slotmark[slot] = 0;
	freemap_give(&slot_map, slot);
}

/*------------------------------------------------------------------------
 *  swap_free  -  A PTE of process 'pid' lets slot 'slot' go; the slot is
 *		  free when it was the last one holding it (interrupts off)
 *------------------------------------------------------------------------
 */
void	swap_free(pid32 pid, uint32 slot)
{
	if (swap_unhold(pid, slot)) {
		slot_gone(slot);
	}
}

/*------------------------------------------------------------------------
 *  swap_retire  -  Slot 'slot' held a page that did not open (sealed
 *		    swap): the PTE of process 'pid' no longer holds it, and
 *		    once nothing does (other mappers of a shared page, a
 *		    store) it stays taken, never handed out again this
 *		    boot (interrupts off)
 *------------------------------------------------------------------------
 */
void	swap_retire(pid32 pid, uint32 slot)
{
	slotmark[slot] |= SLOT_BAD;
	if (swap_unhold(pid, slot)) {
		slot_gone(slot);
	}
}

/*------------------------------------------------------------------------
 *  swap_release  -  Give back slot 'slot' of a page freed during its I/O
 *		     (swap_unhold let it go), unless a PTE holds it again
 *		     (interrupts off)
 *------------------------------------------------------------------------
 */
void	swap_release(uint32 slot)
{
	if (slotref[slot] == 0) {
		slot_gone(slot);
	}
}

/*------------------------------------------------------------------------
 *  swap_inuse  -  Is slot 'slot' (the reserve too) allocated? (for the
 *		   audit)
 *------------------------------------------------------------------------
 */
bool8	swap_inuse(uint32 slot)
{
	return slot < slot_map.limit && !freemap_isfree(&slot_map, slot);
}

/*------------------------------------------------------------------------
 *  swap_take  -  Take the lowest free slot for a backing store's page,
 *		  which holds zeros (interrupts disabled); SYSERR when
 *		  swap_limit slots are in use
 *------------------------------------------------------------------------
 */
int32	swap_take(void)
{
	int32	slot = swap_alloc(SYSERR);

	if (slot != SYSERR) {
		slotmark[slot] = SLOT_STORE | SLOT_ZERO;
	}
	return slot;
}

/*------------------------------------------------------------------------
 *  swap_setstore  -  Slot 'slot', just taken for a store's page that had
 *		      none (evict.c), is a store's: mark it
 *------------------------------------------------------------------------
 */
void	swap_setstore(uint32 slot)
{
	slotmark[slot] |= SLOT_STORE;
}

/*------------------------------------------------------------------------
 *  swap_isstore  -  Is slot 'slot' a backing store's page?
 *------------------------------------------------------------------------
 */
bool8	swap_isstore(uint32 slot)
{
	return slot <= MAX_SWAP_SIZE && (slotmark[slot] & SLOT_STORE) != 0;
}

/*------------------------------------------------------------------------
 *  free_swap_pages  -  Number of free swap slots, system-wide: those
 *			swap_alloc may still hand out
 *------------------------------------------------------------------------
 */
uint32	free_swap_pages(void)
{
	return swap_used() >= swap_limit ? 0 : swap_limit - swap_used();
}
