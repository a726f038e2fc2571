/* bs.c - get_bs, release_bs, bs_busy, bs_auditpage, bs_audit */

#include <xinu.h>
#include <vm.h>

/*
 * Shared backing stores, CSC501's names made exact.  Store 'store'
 * (0 .. NBS-1) is 1 .. BS_MAXPAGES pages, zeroed, that any vcreate'd
 * process may map into its heap (xmmap.c); every mapper sees every
 * write at once, since they map the same frame, writable.  A store
 * holds one swap slot per page from get_bs to release_bs (swap_take:
 * one reference of no process, marked as a store's and as zeros not
 * yet written), so a store takes its swap room when it is made; a
 * page of it needs a slot later only after it gave its own up (below).
 * The pages are demand-paged and
 * evicted as heap pages are; a mapper's PTE of a page not in memory
 * names the page's slot.  A page keeps its data while the store exists,
 * mapped or not: when the last PTE mapping a page goes while the frame
 * is newer than the slot, the frame is kept (FFS_KEPT, heap.c) until
 * eviction writes it back.
 *
 * One exception to "a slot per page", so that a store's page counts
 * once among the F + S pages that frames and slots hold, like any
 * other: when every frame and every slot holds a distinct page and a
 * store's swapped page must come in, its slot goes to the victim, as
 * any page's does (the exchange, swap/swapin.c).  The store lets the
 * slot go (bs_letgo) and names the page by its frame instead (bstab's
 * frame[], and the frame's bspage back to the store: bs_setframe);
 * such a frame is always kept while the store exists, mapped or not
 * (FFS_KEPT once no one maps it, heap.c), as it holds the only copy,
 * and release_bs frees it.  Its eviction takes a slot as any page with
 * none does, and the store holds that slot again (bs_toslot).  So each
 * page of a store has exactly one of a slot or a frame that names it,
 * which bs_audit checks.  Since eviction and swap-in change where a
 * store's page lives, the store table and those changes are swap's
 * (swap/bspage.c), below this file.
 */

/*------------------------------------------------------------------------
 *  get_bs  -  Make store 'store' of 'npages' zeroed pages, or open it if
 *	       it exists with at least that many; its size, or SYSERR
 *------------------------------------------------------------------------
 */
syscall	get_bs(
	  bsd_t		store,		/* 0 .. NBS-1			*/
	  uint32	npages		/* 1 .. BS_MAXPAGES		*/
	)
{
	intmask	mask;
	struct	bstore	*bs;
	uint32	i;

	mask = disable();
	if (store >= NBS || npages < 1 || npages > BS_MAXPAGES) {
		restore(mask);
		return SYSERR;
	}
	bs = &bstab[store];
	if (bs->inuse) {
		restore(mask);
		return npages <= bs->npages ? (syscall)bs->npages : SYSERR;
	}
	if (free_swap_pages() < npages) {
		restore(mask);
		return SYSERR;
	}
	for (i = 0; i < npages; i++) {
		bs->slot[i] = swap_take();
		bs->frame[i] = SYSERR;
	}
	bs->inuse = TRUE;
	bs->npages = npages;
	bs->nmaps = 0;
	restore(mask);
	return npages;
}

/*------------------------------------------------------------------------
 *  bs_busy  -  Has a page of store 'bs' swap I/O in flight?
 *------------------------------------------------------------------------
 */
local	bool8	bs_busy(struct bstore *bs)
{
	uint32	i;
	int32	f;

	for (i = 0; i < bs->npages; i++) {
		f = (bs->slot[i] == NOSLOT) ? SYSERR :	/* else never busy */
		    frame_ofslot(bs->slot[i]);
		if (f != SYSERR && frame_busy(f)) {
			return TRUE;
		}
	}
	return FALSE;
}

/*------------------------------------------------------------------------
 *  release_bs  -  Free store 'store''s frames and slots; SYSERR when it
 *		   does not exist or anything maps it
 *------------------------------------------------------------------------
 */
syscall	release_bs(
	  bsd_t		store		/* 0 .. NBS-1			*/
	)
{
	intmask	mask;
	struct	bstore	*bs;
	uint32	i;
	int32	f;

	mask = disable();
	for (;;) {
		if (store >= NBS || !bstab[store].inuse ||
		    bstab[store].nmaps > 0) {
			restore(mask);
			return SYSERR;
		}
		bs = &bstab[store];
		if (!bs_busy(bs)) {
			break;
		}
		frame_iowait();		/* a kept page being written	*/
	}
	for (i = 0; i < bs->npages; i++) {
		f = (bs->slot[i] == NOSLOT) ? bs->frame[i] :
		    frame_ofslot(bs->slot[i]);
		if (f != SYSERR) {
			assert(ffstab[f].owner == FFS_KEPT);
			ffstab[f].bspage = NOBSPAGE;
			ffs_free(f);
			vm_freed(f);
		}
		if (bs->slot[i] != NOSLOT) {
			swap_free(SYSERR, bs->slot[i]);
		}
	}
	bs->inuse = FALSE;
	restore(mask);
	return OK;
}

/*------------------------------------------------------------------------
 *  bs_auditpage  -  Count page 'i' of store 'b''s hold on its slot into
 *		     'held', or check the frame that holds it with none
 *------------------------------------------------------------------------
 */
local	status	bs_auditpage(bsd_t b, uint32 i, uint16 *held)
{
	int32	f = bstab[b].frame[i];

	if (bstab[b].slot[i] != NOSLOT && f == SYSERR) {
		held[bstab[b].slot[i]]++;
		return OK;
	}
	if (bstab[b].slot[i] == NOSLOT && f >= 0 && (uint32)f < ffs_limit &&
	    frame_inuse(f) && ffstab[f].slot == NOSLOT &&
	    ffstab[f].bspage == (int32)(b * BS_MAXPAGES + i)) {
		return OK;
	}
	kprintf("vm_audit: store %d page %d: slot %d, frame %d\n", b, i,
		bstab[b].slot[i], f);
	return SYSERR;
}

/*------------------------------------------------------------------------
 *  bs_audit  -  Count each store's hold on its slots into 'held'; check
 *		 its count of mappings against the processes' xmaps
 *		 (vm_audit, interrupts off)
 *------------------------------------------------------------------------
 */
status	bs_audit(uint16 *held)
{
	uint32	maps[NBS], i;
	struct	xmap	*xm;
	pid32	pid;
	bsd_t	b;

	memset(maps, 0, sizeof(maps));
	for (pid = 0; pid < NPROC; pid++) {
		if (proctab[pid].prstate == PR_FREE || !isvcreated(pid)) {
			continue;
		}
		for (xm = proctab[pid].prvm->xmaps; xm != NULL; xm = xm->next) {
			maps[xm->store]++;
		}
	}
	for (b = 0; b < NBS; b++) {
		if (maps[b] != (bstab[b].inuse ? bstab[b].nmaps : 0)) {
			kprintf("vm_audit: store %d: %d mappings, counts %d\n",
				b, maps[b], bstab[b].nmaps);
			return SYSERR;
		}
		for (i = 0; bstab[b].inuse && i < bstab[b].npages; i++) {
			if (bs_auditpage(b, i, held) == SYSERR) {
				return SYSERR;
			}
		}
	}
	return OK;
}
