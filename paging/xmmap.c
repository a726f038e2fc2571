/* xmmap.c - xmmap, xmunmap, xmap_copy, xmap_destroy, page_isstore */

#include <xinu.h>
#include <vm.h>

/*
 * Mapping a shared backing store (bs.c) into a vcreate'd process's heap.
 * xmmap reserves the range in the heap's layout, so vmalloc will not
 * hand it out and vfree refuses it, and sets each page's PTE to name the
 * store page's slot (one more reference): the first touch finds the
 * page in memory through the slot (page_join) or brings it in, and maps
 * it writable, whichever process touches it.  xmunmap takes the range
 * back and lets each page go as vfree would (page_release); so does
 * the process's end.  A process keeps its mappings in a list by start
 * (vm->xmaps), and each store counts them (nmaps).  Both calls run in
 * the caller with interrupts off and never block, so, like vmm's
 * requests, they are never seen half done.
 */

/*------------------------------------------------------------------------
 *  xmmap  -  Map the first 'npages' pages of store 'store' at virtual
 *	      page 'virtpage' of the caller's heap; OK, or SYSERR with
 *	      nothing changed
 *------------------------------------------------------------------------
 */
syscall	xmmap(
	  uint32	virtpage,	/* first virtual page number	*/
	  bsd_t		store,		/* 0 .. NBS-1, made by get_bs	*/
	  uint32	npages		/* 1 .. the store's size	*/
	)
{
	intmask	mask;
	struct	vmproc	*vm = proctab[currpid].prvm;
	pde_t	*pd = (pde_t *)proctab[currpid].prpdbr;
	struct	xmap	*xm;
	uint32	cursor, i, va;

	mask = disable();
	if (vm == NULL || store >= NBS || !bstab[store].inuse ||
	    npages < 1 || npages > bstab[store].npages ||
	    !vheap_isfree(vm, virtpage, npages) ||
	    pt_missing(pd, virtpage, npages) > pdpt_free_count() ||
	    (xm = (struct xmap *)getmem(sizeof(*xm))) == (struct xmap *)SYSERR) {
		restore(mask);
		return SYSERR;
	}
	cursor = vm->cursor;		/* vmalloc's next fit goes on	*/
	if (vheap_take(vm, virtpage, npages) == SYSERR) {
		freemem((char *)xm, sizeof(*xm));
		restore(mask);
		return SYSERR;
	}
	vm->cursor = cursor;
	pt_ensure(pd, virtpage, npages);
	for (i = 0; i < npages; i++) {
		va = (virtpage + i) << PAGE_SHIFT;
		swap_share(currpid, bstab[store].slot[i]);
		pte_set(currpid, va, pte_lookup(pd, va),
			((uint32)bstab[store].slot[i] << PAGE_SHIFT) |
			PTE_IS_VMALLOC | PTE_IS_SWAPPED);
	}
	xm->vpn = virtpage;
	xm->npages = npages;
	xm->store = store;
	xm->next = vm->xmaps;
	vm->xmaps = xm;
	bstab[store].nmaps++;
	restore(mask);
	return OK;
}

/*------------------------------------------------------------------------
 *  xmunmap  -  Unmap the store mapped at virtual page 'virtpage' of the
 *		caller's heap (where xmmap put it); OK, or SYSERR with
 *		nothing changed
 *------------------------------------------------------------------------
 */
syscall	xmunmap(
	  uint32	virtpage	/* first page of a mapping	*/
	)
{
	intmask	mask;
	struct	vmproc	*vm = proctab[currpid].prvm;
	struct	xmap	**link, *xm = NULL;
	uint32	i;

	mask = disable();
	for (link = (vm == NULL) ? NULL : &vm->xmaps;
	     link != NULL && (xm = *link) != NULL; link = &xm->next) {
		if (xm->vpn == virtpage) {
			break;
		}
	}
	if (xm == NULL || vheap_give(vm, xm->vpn, xm->npages) == SYSERR) {
		restore(mask);
		return SYSERR;
	}
	for (i = 0; i < xm->npages; i++) {
		page_release(currpid, (xm->vpn + i) << PAGE_SHIFT);
	}
	pt_release((pde_t *)proctab[currpid].prpdbr, xm->vpn, xm->npages);
	*link = xm->next;
	bstab[xm->store].nmaps--;
	freemem((char *)xm, sizeof(*xm));
	restore(mask);
	return OK;
}

/*------------------------------------------------------------------------
 *  xmap_copy  -  Give 'to' (no mappings yet) the mappings of 'from'
 *		  (vclone); SYSERR when the kernel heap is short ('to'
 *		  then holds some, for xmap_destroy)
 *------------------------------------------------------------------------
 */
status	xmap_copy(struct vmproc *from, struct vmproc *to)
{
	struct	xmap	*xm, *copy;

	for (xm = from->xmaps; xm != NULL; xm = xm->next) {
		copy = (struct xmap *)getmem(sizeof(*copy));
		if (copy == (struct xmap *)SYSERR) {
			return SYSERR;
		}
		*copy = *xm;
		copy->next = to->xmaps;
		to->xmaps = copy;
		bstab[xm->store].nmaps++;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  xmap_destroy  -  Forget every mapping of 'vm' (its pages are gone)
 *------------------------------------------------------------------------
 */
void	xmap_destroy(struct vmproc *vm)
{
	struct	xmap	*xm;

	while ((xm = vm->xmaps) != NULL) {
		vm->xmaps = xm->next;
		bstab[xm->store].nmaps--;
		freemem((char *)xm, sizeof(*xm));
	}
}

/*------------------------------------------------------------------------
 *  page_isstore  -  Does heap PTE 'e' hold a store's page (its slot, or
 *		     a frame that keeps it)?
 *------------------------------------------------------------------------
 */
bool8	page_isstore(pte_t e)
{
	int32	slot = NOSLOT;

	if (e & (PTE_P | PTE_IN_IO)) {
		slot = ffstab[ffsindex(PTE_FRAME(e))].slot;
	} else if (e & PTE_IS_SWAPPED) {
		slot = PTE_SLOT(e);
	}
	return slot != NOSLOT && swap_isstore(slot);
}
