/* bs.c - get_bs, release_bs, bs_busy, bs_audit */

#include <xinu.h>
#include <vm.h>

/*
 * Shared backing stores, CSC501's names made exact.  Store 'store'
 * (0 .. NBS-1) is 1 .. BS_MAXPAGES pages, zeroed, that any vcreate'd
 * process may map into its heap (xmmap.c); every mapper sees every
 * write at once, since they map the same frame, writable.  A store
 * holds one swap slot per page from get_bs to release_bs (swap_take:
 * one reference of no process, marked as a store's and as zeros not
 * yet written), so a store takes its swap room when it is made and a
 * page of it never needs a slot later.  The pages are demand-paged and
 * evicted as heap pages are; a mapper's PTE of a page not in memory
 * names the page's slot.  A page keeps its data while the store exists,
 * mapped or not: when the last PTE mapping a page goes while the frame
 * is newer than the slot, the frame is kept (FFS_KEPT, heap.c) until
 * eviction writes it back.
 */

struct	bstore	bstab[NBS];

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
		f = frame_ofslot(bs->slot[i]);
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
		f = frame_ofslot(bs->slot[i]);
		if (f != SYSERR) {
			assert(ffstab[f].owner == FFS_KEPT);
			ffs_free(f);
			vm_freed(f);
		}
		swap_free(SYSERR, bs->slot[i]);
	}
	bs->inuse = FALSE;
	restore(mask);
	return OK;
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
			held[bstab[b].slot[i]]++;
		}
	}
	return OK;
}
