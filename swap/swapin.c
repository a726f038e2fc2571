/* swapin.c - swap_in, swap_room, xchg_cancel, xchg_spared, xchg_undo,
	     xchg_unwrite, xchg_holds, xchg_promise */

#include <xinu.h>
#include <vm.h>

/*
 * Swap-in: the mirror of eviction (evict.c).  The fault handler
 * (paging/pagefault.c) looks at the faulting page's PTE, takes a frame
 * and hands a swapped page here with its frame and slot; it sets the
 * PTEs itself, before and after.  Like eviction, this file works on
 * frames and slots only: the one PTE change it makes, a frame's page
 * unmapped for a read (frame_setio), goes through the frame layer.
 *
 * A page swapped back in keeps its slot (ffstab[f].slot), so that its
 * next eviction writes nothing while it stays clean.  With a blocking
 * backend (disk) the read blocks the faulting process: the frame is busy
 * and the PTE says PTE_IN_IO while it lasts (paging/frameio.c), so a
 * second fault on the page waits instead of reading again, and kill
 * undoes the read (swap_ioabort).  The page may be freed meanwhile (its
 * frame is then an orphan, given back here), and a sealed copy may not
 * open (swap/seal.c): the frame goes back, the slot is retired and the
 * handler kills the process (SWAP_CORRUPT).
 *
 * When FFS is full, swap_room makes room: it evicts, or waits for I/O
 * that holds every frame, and when every frame and every slot holds a
 * distinct page, this one among them, a swapped page still comes in.
 * RAM swap moves its copy to a bounce page and gives its slot to the
 * victim (nothing blocks).  Disk swap exchanges through the spare slot
 * instead, with the ordinary kill-safe transfers: the victim is written
 * to the spare (swap_exchange), the handler takes the frame it freed
 * and reads the page as usual, and right after that read the page drops
 * its copy (swap_in), so that swap_limit slots are in use again.  The
 * frame freed by the exchange's write is this fault's: nothing may run
 * between the end of that write and the start of the read, or a new
 * page could take the frame, one page more than FFS and swap hold.  So
 * that write wakes no one (evict_frame), and the handler wakes the
 * waiters (the exchange leaves them 'owed') before it does anything
 * but take the frame.
 *
 * The page's slot may have other holders: PTEs of vclone'd processes
 * or of a store's other mappers still swapped out to it, and a store.
 * Their copy cannot simply be given to the victim, so the exchange
 * makes the PTEs mappings of the incoming page's frame (slot_joinall:
 * read-only but for a store's page, as each of them would have faulted
 * and joined it), and then the slot is held by no one.  They are found
 * by a scan of the page tables (paging/slotpte.c); with RAM swap they
 * are parked first (slot_park), as the victim takes the slot before
 * the frame exists.  Each needs an rmap entry: swap_room checks that
 * the pool has them before it starts.  With disk swap the exchange
 * blocks twice (the victim's write, the page's read), and meanwhile a
 * vclone could take those entries, or clone a holder, which makes one
 * more: so the entries are promised to the exchange from its start
 * (rmap_promised, paging/rmap.c; one exchange is in flight at a time,
 * as there is one spare slot and swap_room waits while any I/O is in
 * flight), vclone and xmmap add the holders they make (xchg_holds,
 * paging/xmmap.c), and the
 * promise ends with the exchange: when the page's slot is read
 * (swap_in, whoever reads it, whatever the read gives), or when the
 * faulting process is killed and no read of the slot is in flight
 * (xchg_cancel, from swap_ioabort).
 *
 * Killed in the page's read, the faulter frees the frame and its end
 * frees the page's slot, so swap is at its limit again, unless others
 * hold that slot.  Then the victim must come back, and it can: the
 * faulter leaves the frame as the victim's write left it (the driver's
 * data reaches a frame only in the reader, after the read: swapdisk.c,
 * sealdev.c), and nothing runs between the write and the read.  So
 * kill undoes the exchange there and then, with no I/O (xchg_undo,
 * from swap_ioabort): every PTE that
 * holds the spare maps the frame again, and the victim gives the spare
 * up, so that FFS is full and swap at its limit, as before the
 * exchange; the page stays in its slot for its other holders.  Those
 * PTEs need rmap entries too: once the victim has its spare
 * (xchg_spared), vclone and xmmap promise one for each holder of it
 * they make, and once it is written (xchg_written) its mappers' are
 * promised too, the entries its eviction has just freed.
 * That part of the promise goes with the exchange, or when a holder
 * reads the victim back first (its swap_in then gives the spare up,
 * as an exchange's page does).  Killed in the victim's write, the
 * faulter leaves the victim in its frame (swap_ioabort: mapped again,
 * or kept when its mappers let it go meanwhile and others hold the
 * spare), and the victim gives the spare up (xchg_unwrite): PTEs that
 * came to hold the spare during the write, an xmmap of the victim's
 * store page or a vclone of that mapper, map the frame first, with
 * the entries promised to them.
 *
 * A store's page (paging/bs.c) comes in the same way, so that it
 * counts once among the F + S pages like any other: the store lets its
 * slot go too (bs_letgo: from slot_drop, or swapin_bounce) and names
 * the page by its frame instead (bs_setframe), a frame kept while the
 * store exists, until its eviction takes a slot again (bs_toslot,
 * evict.c); the store's hold needs no rmap entry (slot_others).
 */

local	uint32	bounce[PAGE_SIZE / sizeof(uint32)]	/* a whole page, */
		__attribute__((aligned(PAGE_SIZE)));	/* for kmap	 */

int32	xchg_slot = NOSLOT;	/* the disk exchange in flight: the	*/
local	pid32	xchg_pid;	/* page's slot, its faulting process	*/
				/* (SYSERR once killed), or NOSLOT	*/
int32	xchg_spare = NOSLOT;	/* the slot its victim takes, from	*/
				/* its write until it is read back	*/
local	uint32	xchg_sparen;	/* of the promise, the entries for	*/
				/* the spare's holders (xchg_undo)	*/

/*------------------------------------------------------------------------
 *  slot_others  -  The PTEs that hold slot 'slot' (its store's hold is
 *		    not one) but the first: the mappings one frame of its
 *		    page takes beyond its owner, an rmap entry each
 *------------------------------------------------------------------------
 */
local	uint32	slot_others(uint32 slot)
{
	uint32	ptes = swap_refs(slot) - swap_isstore(slot);

	return ptes > 1 ? ptes - 1 : 0;
}

/*------------------------------------------------------------------------
 *  xchg_begin  -  A disk exchange of a page of 'pid' in slot 'slot'
 *		   starts: the entries its other holders will take are
 *		   promised (slot_joinable checked that they are free)
 *------------------------------------------------------------------------
 */
local	void	xchg_begin(pid32 pid, uint32 slot)
{
	assert(xchg_slot == NOSLOT && xchg_spare == NOSLOT &&
	       rmap_promised == 0);
	xchg_slot = slot;
	xchg_pid = pid;
	rmap_promised = slot_others(slot);
}

/*------------------------------------------------------------------------
 *  xchg_spared  -  The exchange's victim takes slot 'spare' (evict.c,
 *		    before its write): from now on a vclone or xmmap
 *		    that makes a holder of it promises it an entry
 *------------------------------------------------------------------------
 */
void	xchg_spared(int32 spare)
{
	assert(xchg_slot != NOSLOT && xchg_spare == NOSLOT);
	xchg_spare = spare;
}

/*------------------------------------------------------------------------
 *  xchg_end  -  Slot 'slot''s page was read, or its exchange given up:
 *		 if an exchange is in flight through it, it ends and its
 *		 promise goes (TRUE); if it is the exchange's spare, the
 *		 victim is back and its part of the promise goes
 *------------------------------------------------------------------------
 */
local	bool8	xchg_end(int32 slot)
{
	if (slot != NOSLOT && slot == xchg_spare) {
		rmap_promised -= xchg_sparen;
		xchg_spare = NOSLOT;
		xchg_sparen = 0;
		return FALSE;
	}
	if (slot == NOSLOT || slot != xchg_slot) {
		return FALSE;
	}
	xchg_slot = NOSLOT;
	xchg_spare = NOSLOT;
	xchg_sparen = 0;
	rmap_promised = 0;
	return TRUE;
}

/*------------------------------------------------------------------------
 *  xchg_written  -  The exchange's victim is written to its spare, its
 *		     frame free for the page's read: the entries every
 *		     holder of the spare would take to map the frame
 *		     again (xchg_undo) are promised; those not promised
 *		     yet were its mappers', whose entries the eviction
 *		     has just freed.  A victim freed meanwhile took the
 *		     spare with it: its part of the promise goes
 *------------------------------------------------------------------------
 */
local	void	xchg_written(void)
{
	uint32	need;

	if (xchg_spare == NOSLOT) {
		return;
	}
	if (!swap_inuse(xchg_spare)) {
		xchg_end(xchg_spare);
		return;
	}
	need = slot_others(xchg_spare);
	if (need > xchg_sparen) {
		rmap_promised += need - xchg_sparen;
		xchg_sparen = need;
	}
	assert(rmap_promised <= rmap_nfree);
}

/*------------------------------------------------------------------------
 *  xchg_cancel  -  Process 'pid' is being killed, its I/O undone
 *		    (swap_ioabort): the exchange it started ends unless a
 *		    read of the page's slot is in flight, another
 *		    holder's, whose swap_in ends it
 *------------------------------------------------------------------------
 */
void	xchg_cancel(pid32 pid)
{
	if (xchg_slot == NOSLOT) {
		return;
	}
	if (pid == xchg_pid) {
		xchg_pid = SYSERR;
	}
	if (xchg_pid == SYSERR && frame_ofslot(xchg_slot) == SYSERR) {
		xchg_end(xchg_slot);
	}
}

/*------------------------------------------------------------------------
 *  slot_holds  -  How many heap PTEs of 'pid' are swapped out to slot
 *		   'slot' (none for NOSLOT)
 *------------------------------------------------------------------------
 */
local	uint32	slot_holds(pid32 pid, int32 slot)
{
	pid32	p = pid;
	uint32	v = 0, n = 0;

	while (slot != NOSLOT && slot_nextpte(slot, PTE_IS_SWAPPED, &p, &v) &&
	       p == pid) {
		n++;
	}
	return n;
}

/*------------------------------------------------------------------------
 *  xchg_holds  -  How many heap PTEs of 'pid' are swapped out to the
 *		   slots of the exchange in flight, its page's and its
 *		   victim's spare (each a holder more in a vclone of 'pid',
 *		   an entry more for the promise); '*spare' of them to the
 *		   spare
 *------------------------------------------------------------------------
 */
uint32	xchg_holds(pid32 pid, uint32 *spare)
{
	*spare = slot_holds(pid, xchg_spare);
	return slot_holds(pid, xchg_slot) + *spare;
}

/*------------------------------------------------------------------------
 *  xchg_promise  -  'n' more PTEs hold the exchange's slots (a vclone,
 *		     an xmmap), 'spare' of them its spare: promise them
 *		     their entries (the caller checked rmap_room)
 *------------------------------------------------------------------------
 */
void	xchg_promise(uint32 n, uint32 spare)
{
	rmap_promised += n;
	xchg_sparen += spare;
}

/*------------------------------------------------------------------------
 *  swapin_count  -  Count, for the owner of frame 'f', a swap-in, or
 *		     with 'zeroed' a store's page filled with zeros
 *------------------------------------------------------------------------
 */
local	void	swapin_count(int32 f, bool8 zeroed)
{
	struct	vmproc	*vm = proctab[ffstab[f].owner].prvm;

	if (zeroed) {
		vm->stats.lazy++;
		vmtotal.lazy++;
	} else {
		vm->stats.swapins++;
		vmtotal.swapins++;
	}
}

/*------------------------------------------------------------------------
 *  swapin_read  -  Read slot 'slot' into frame 'f' with a backend that
 *		    blocks, the frame busy and its page PTE_IN_IO
 *		    meanwhile; OK, SYSERR when the page was freed during
 *		    the read (the frame and slot are given back), or
 *		    PAGE_CORRUPT when the copy did not open.  The caller
 *		    wakes the waiters once the page's PTE is settled
 *------------------------------------------------------------------------
 */
local	status	swapin_read(int32 f, int32 slot)
{
	status	opened;

	frame_setio(f);
	frame_iostart(f, FIO_READ);
	opened = swapdev->getslot(slot, ffsaddr(f));	/* blocks	*/
	frame_iodone(f);
	if (ffstab[f].owner == FFS_ORPHAN) {	/* the page was freed	*/
		orphan_release(f);		/* while we read	*/
		return SYSERR;
	}
	return opened == SYSERR ? PAGE_CORRUPT : OK;
}

/*------------------------------------------------------------------------
 *  slot_joinable  -  Can the exchange free slot 'slot' (every frame and
 *		      every slot full)?  The rmap pool has an entry for
 *		      each of its other PTE holders (slot_others), not
 *		      counting those promised to an exchange in flight
 *------------------------------------------------------------------------
 */
local	bool8	slot_joinable(uint32 slot)
{
	return slot_others(slot) <= rmap_room();
}

/*------------------------------------------------------------------------
 *  slot_joinall  -  Frame 'f' holds slot 'slot''s page: every PTE that
 *		     names the slot in state 'state' (swapped out to it,
 *		     or parked) maps the frame now, writable when
 *		     'writable' (a store's page, or one PTE alone); but
 *		     the frame's own first mapping, the faulter's, which
 *		     still names the slot when its page needed no read
 *		     (a store's page never written: swap_in)
 *------------------------------------------------------------------------
 */
local	void	slot_joinall(int32 f, uint32 slot, pte_t state, bool8 writable)
{
	pid32	pid = 0;
	uint32	vpn = 0;

	while (slot_nextpte(slot, state, &pid, &vpn)) {
		if (pid != ffstab[f].owner || vpn != ffstab[f].vpn) {
			frame_join(f, pid, vpn, writable);
		}
	}
}

/*------------------------------------------------------------------------
 *  xchg_undo  -  Process 'pid' is being killed in the read of frame 'f'
 *		  (swap_ioabort; its PTE names its slot again): if that
 *		  is its exchange's read, others hold the page's slot
 *		  (else the process's end frees it, and swap is at its
 *		  limit again) and the victim is still in the spare
 *		  only, put the victim back.  The driver never reached
 *		  the frame, which holds the victim's page as it was
 *		  written: every PTE holding the spare maps it again
 *		  (the entries promised to it), and the page gives the
 *		  spare up, so that swap is at its limit.  TRUE when done
 *		  (the frame is in use), FALSE when the caller frees it
 *------------------------------------------------------------------------
 */
bool8	xchg_undo(pid32 pid, int32 f)
{
	int32	spare = xchg_spare;

	if (pid != xchg_pid || ffstab[f].slot != xchg_slot ||
	    swap_refs(xchg_slot) == 1 || spare == NOSLOT || !swap_over() ||
	    frame_ofslot(spare) != SYSERR) {
		return FALSE;
	}
	xchg_end(xchg_slot);		/* the entries are free now	*/
	frame_keep(f);			/* no one maps it for a moment	*/
	vm_freed(f);			/* the read's page never came	*/
	frame_setslot(f, spare);
	slot_joinall(f, spare, PTE_IS_SWAPPED,
		     slot_others(spare) == 0 || frame_isstore(f));
	slot_drop(f);			/* the spare is free again	*/
	if (vmpolicy->loaded != NULL) {
		vmpolicy->loaded(f);
	}
	return TRUE;
}

/*------------------------------------------------------------------------
 *  xchg_unwrite  -  The write of frame 'f' was undone by a kill
 *		     (swap_ioabort; the frame is mapped again, or kept):
 *		     if it was an exchange's victim going to the spare
 *		     and more than swap_limit slots are in use, the
 *		     victim gives the spare up.  PTEs that came to hold
 *		     the spare during the write (xmmap, vclone: its copy
 *		     is no good) map the frame first, with the entries
 *		     promised to them
 *------------------------------------------------------------------------
 */
void	xchg_unwrite(int32 f)
{
	int32	spare = ffstab[f].slot;

	if (spare == NOSLOT || spare != xchg_spare || !swap_over()) {
		return;
	}
	xchg_end(spare);		/* the entries are free now	*/
	slot_joinall(f, spare, PTE_IS_SWAPPED, frame_isstore(f));
	slot_drop(f);			/* the spare is free again	*/
}

/*------------------------------------------------------------------------
 *  slot_park  -  RAM exchange of page 'vpn' of 'pid', whose slot 'slot'
 *		  others hold too: park their PTEs for slot_joinall, and
 *		  each lets the slot go
 *------------------------------------------------------------------------
 */
local	void	slot_park(uint32 slot, pid32 pid, uint32 vpn)
{
	pid32	p = 0;
	uint32	v = 0;

	while (slot_nextpte(slot, PTE_IS_SWAPPED, &p, &v)) {
		if (p != pid || v != vpn) {
			page_park(p, v);
			swap_free(p, slot);
		}
	}
}

/*------------------------------------------------------------------------
 *  swap_in  -  Fill frame 'f', just taken for a page whose copy is in
 *		slot 'slot', from that slot, or with zeros when it is a
 *		store's page never written (interrupts off).  OK when
 *		the frame holds the page, with '*dirty' set when the page
 *		gave up its copy (an exchange: its next eviction writes
 *		it); SYSERR when the page was freed while a blocking read
 *		lasted; PAGE_CORRUPT when its copy did not open: the frame
 *		is free and the slot retired, and the caller's PTE must
 *		name neither.  With a blocking backend the caller maps or
 *		clears the PTE and then wakes the waiters (frame_iowake)
 *------------------------------------------------------------------------
 */
status	swap_in(int32 f, int32 slot, bool8 *dirty)
{
	pid32	pid = ffstab[f].owner;
	bool8	zeroed = swap_zeroed(slot), mine;
	status	got = OK;

	frame_setslot(f, slot);		/* a kept copy stays valid	*/
	swapin_count(f, zeroed);
	if (zeroed) {			/* a store's page, never written: */
		page_zero(kmap(KMAP_DST, ffsaddr(f)));	/* clean, it is	*/
	} else {			/* zeros again once evicted unwritten */
		got = swapdev->blocks ? swapin_read(f, slot) :
		      swapdev->getslot(slot, ffsaddr(f)) == SYSERR ?
		      PAGE_CORRUPT : OK;
	}
	mine = xchg_end(slot);		/* its promise is free now	*/
	if (got == PAGE_CORRUPT) {
		ffs_free(f);
		swap_retire(pid, slot);
	}
	if (got != OK) {
		return got;
	}
	if (!zeroed) {
		swaptrace("swapping:: swap frame 0x%x, FFS frame 0x%x\n",
			  slot, f);
	}
	if (swap_over() && slot_joinable(slot)) {
		/* An exchange: the page gives up its copy, so that
		 * swap_limit slots are in use again; the slot's other
		 * holders map the frame first (their entries were the
		 * exchange's, if it was this page's) */
		if (slot_others(slot) > 0) {
			slot_joinall(f, slot, PTE_IS_SWAPPED,
				     frame_isstore(f));
		}
		slot_drop(f);
		*dirty = TRUE;
	}
	assert(!mine || !swap_over());
	return OK;
}

/*------------------------------------------------------------------------
 *  swapin_bounce  -  RAM swap, every frame and every slot full: bring
 *		      page 'vpn' of 'pid' in from slot 'slot' by way of
 *		      the bounce page, its slot going to the victim;
 *		      the frame that now holds it, or PAGE_CORRUPT when
 *		      its copy did not open (the slot is retired)
 *------------------------------------------------------------------------
 */
local	int32	swapin_bounce(pid32 pid, uint32 vpn, int32 slot)
{
	int32	f = SYSERR, page;
	bool8	zeroed = swap_zeroed(slot);

	if (zeroed) {			/* a store's page, never written */
		page_zero(bounce);
	} else if (swapdev->getslot(slot, (uint32)bounce) == SYSERR) {
		swap_retire(pid, slot);		/* (identity mapped)	*/
		return PAGE_CORRUPT;
	}
	if (slot_others(slot) > 0) {
		slot_park(slot, pid, vpn);	/* a shared copy	*/
	}
	swap_free(pid, slot);
	page = bs_letgo(slot);		/* a store's lets it go too	*/
	if (swap_evict_again() == OK) {
		f = ffs_alloc(pid, vpn);
	}
	assert(f != SYSERR);
	bs_setframe(page, f);		/* and names the page by 'f'	*/
	swapin_count(f, zeroed);
	page_copy(kmap(KMAP_DST, ffsaddr(f)), bounce);
	slot_joinall(f, slot, PTE_IS_SWAPPED | PTE_IN_IO, frame_isstore(f));
	if (!zeroed) {
		swaptrace("swapping:: swap frame 0x%x, FFS frame 0x%x\n",
			  slot, f);
	}
	return f;
}

/*------------------------------------------------------------------------
 *  swap_room  -  FFS is full and page 'vpn' of 'pid' needs a frame: its
 *		  copy is in slot 'slot', or it is new (NOSLOT).  Evict
 *		  for it, or wait for I/O, or exchange (see above);
 *		  PAGE_AGAIN when the caller must look at the page again
 *		  (this may have blocked: with '*owed' set, an exchange
 *		  left the waiters asleep for the caller to wake), SYSERR
 *		  when every frame and every slot holds a distinct page
 *		  and this one is new (or the rmap pool has no entry for
 *		  each of its slot's other PTE holders, or disk swap has
 *		  no reserve block),
 *		  PAGE_CORRUPT as for swap_in with no frame, else
 *		  the frame the page now occupies, filled (RAM exchange)
 *------------------------------------------------------------------------
 */
int32	swap_room(pid32 pid, uint32 vpn, int32 slot, bool8 *owed)
{
	vmtotal.selfevicts++;
	if (swap_evict(NULL) == OK) {
		return PAGE_AGAIN;
	}
	if (frame_nio > 0) {			/* every frame is busy	*/
		frame_iowait();
		return PAGE_AGAIN;
	}
	if (slot == NOSLOT || !slot_joinable(slot)) {
		return SYSERR;		/* new, or the rmap pool is short */
	}
	if (swapdev->blocks) {
		xchg_begin(pid, slot);
		if (swap_exchange() == SYSERR) {
			xchg_end(slot);
			return SYSERR;		/* no reserve (docs/disk.md) */
		}
		xchg_written();
		*owed = TRUE;
		return PAGE_AGAIN;
	}
	return swapin_bounce(pid, vpn, slot);
}
