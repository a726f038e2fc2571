/* xmmap.c - xm_joins, xm_page, xmmap, xmunmap, xmap_copy, xmap_destroy,
	     page_isstore */

#include <xinu.h>
#include <vm.h>

/*
 * Mapping a shared backing store (bs.c) into a vcreate'd process's heap.
 * xmmap reserves the range in the heap's layout, so vmalloc will not
 * hand it out and vfree refuses it, and sets each page's PTE to name the
 * store page's slot (one more reference), or to map the frame that
 * holds a page with no slot (bs.c; an rmap entry, which xmmap checks
 * for before it changes anything, as it does for a page whose slot a
 * disk exchange is bringing in, whose end maps every PTE that names
 * the slot, or whose slot is the spare that exchange's victim went to,
 * which an undone exchange, or an undone write of the victim, maps
 * back: that entry is promised to it,
 * swap/swapin.c): the first
 * touch finds the
 * page in memory through the slot (page_join) or brings it in, and maps
 * it writable, whichever process touches it.  xmunmap takes the range
 * back and lets each page go as vfree would (page_release); so does
 * the process's end.  A process keeps its mappings in a list by start
 * (vm->xmaps), and each store counts them (nmaps).  Both calls run in
 * the caller with interrupts off and never block, so, like vmm's
 * requests, they are never seen half done.
 */

/*------------------------------------------------------------------------
 *  xm_joins  -  How many rmap entries a mapping of the first 'npages'
 *		 pages of store 'bs' needs: one for each page in a frame
 *		 with no slot that others map, and one for each page whose
 *		 slot a disk exchange is bringing in (its end maps them
 *		 all: swap/swapin.c) or is that exchange's spare, which
 *		 '*promise' counts, '*spare' of them the spare's
 *------------------------------------------------------------------------
 */
local	uint32	xm_joins(struct bstore *bs, uint32 npages, uint32 *promise,
			 uint32 *spare)
{
	uint32	i, n = 0;

	*promise = 0;
	*spare = 0;
	for (i = 0; i < npages; i++) {
		if (bs->slot[i] == NOSLOT) {
			n += ffstab[bs->frame[i]].nmap > 0;
		} else if (bs->slot[i] == xchg_slot) {
			(*promise)++;
		} else if (bs->slot[i] == xchg_spare) {
			(*promise)++;
			(*spare)++;
		}
	}
	return n + *promise;
}

/*------------------------------------------------------------------------
 *  xm_page  -  Heap page 'va' of the caller maps page 'i' of store 'bs':
 *		its PTE names the page's slot, or maps the frame that
 *		holds it with none (bs.c), writable
 *------------------------------------------------------------------------
 */
local	void	xm_page(uint32 va, struct bstore *bs, uint32 i)
{
	pte_t	*pte = pte_lookup((pde_t *)proctab[currpid].prpdbr, va);
	int32	f = bs->frame[i];
	status	added;

	if (bs->slot[i] != NOSLOT) {
		swap_share(currpid, bs->slot[i]);
		pte_set(currpid, va, pte, ((uint32)bs->slot[i] << PAGE_SHIFT) |
			PTE_IS_VMALLOC | PTE_IS_SWAPPED);
		return;
	}
	added = rmap_add(f, currpid, va >> PAGE_SHIFT);	/* xm_joins	*/
	assert(added == OK);				/* counted it	*/
	pte_set(currpid, va, pte, ffsaddr(f) | PTE_P | PTE_W |
		PTE_IS_VMALLOC);
}

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
	uint32	cursor, i, promise, spare;

	mask = disable();
	if (vm == NULL || store >= NBS || !bstab[store].inuse ||
	    npages < 1 || npages > bstab[store].npages ||
	    xm_joins(&bstab[store], npages, &promise, &spare) > rmap_room() ||
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
	xchg_promise(promise, spare);	/* the exchange maps them too	*/
	pt_ensure(pd, virtpage, npages);
	for (i = 0; i < npages; i++) {
		xm_page((virtpage + i) << PAGE_SHIFT, &bstab[store], i);
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
	if (e & (PTE_P | PTE_IN_IO)) {
		return frame_isstore(ffsindex(PTE_FRAME(e)));
	}
	return (e & PTE_IS_SWAPPED) && swap_isstore(PTE_SLOT(e));
}
