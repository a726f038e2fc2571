/* heap.c - heap_alloc, heap_free, page_unmap, page_release */

#include <xinu.h>
#include <vm.h>

/*
 * The work behind vmalloc and vfree, on any vcreate'd process's heap.
 * Both check everything before they change anything, so a failure
 * leaves the run list, the page tables and the counters as they were.
 * A reserved page's PTE has is_vmalloc set and no frame until the first
 * touch (the page-fault handler gives it one).
 */

/*------------------------------------------------------------------------
 *  npages_of  -  Pages needed for 'nbytes' bytes, without overflow
 *------------------------------------------------------------------------
 */
local	uint32	npages_of(uint32 nbytes)
{
	return nbytes / PAGE_SIZE + (nbytes % PAGE_SIZE != 0);
}

/*------------------------------------------------------------------------
 *  heap_alloc  -  Reserve pages for 'nbytes' in the heap of 'pid', first
 *		   or next fit (vheap_find); returns their address or
 *		   SYSERR (interrupts disabled)
 *------------------------------------------------------------------------
 */
char	*heap_alloc(pid32 pid, uint32 nbytes)
{
	struct	vmproc	*vm = proctab[pid].prvm;
	pde_t	*pd = (pde_t *)proctab[pid].prpdbr;
	uint32	npages = npages_of(nbytes), i;
	int32	vpn;

	if (vm == NULL || npages == 0 ||
	    (vpn = vheap_find(vm, npages)) == SYSERR ||
	    pt_missing(pd, vpn, npages) > pdpt_free_count() ||
	    vheap_take(vm, vpn, npages) == SYSERR) {
		return (char *)SYSERR;
	}
	pt_ensure(pd, vpn, npages);
	for (i = 0; i < npages; i++) {
		*pte_lookup(pd, (vpn + i) << PAGE_SHIFT) = PTE_IS_VMALLOC;
	}
	return (char *)(vpn << PAGE_SHIFT);
}

/*------------------------------------------------------------------------
 *  heap_free  -  Free the pages of [ptr, ptr+nbytes) of the heap of
 *		  'pid', which must all be reserved, none by xmmap
 *		  (interrupts disabled)
 *------------------------------------------------------------------------
 */
status	heap_free(pid32 pid, char *ptr, uint32 nbytes)
{
	struct	vmproc	*vm = proctab[pid].prvm;
	pde_t	*pd = (pde_t *)proctab[pid].prpdbr;
	uint32	npages = npages_of(nbytes), vpn = (uint32)ptr >> PAGE_SHIFT;
	uint32	i;

	if (vm == NULL || ((uint32)ptr & (PAGE_SIZE - 1)) != 0 ||
	    !vheap_isallocated(vm, vpn, npages)) {
		return SYSERR;
	}
	for (i = 0; i < npages; i++) {
		if (page_isstore(*pte_lookup(pd, (vpn + i) << PAGE_SHIFT))) {
			return SYSERR;		/* xmunmap's, not ours	*/
		}
	}
	if (vheap_give(vm, vpn, npages) == SYSERR) {
		return SYSERR;
	}
	for (i = 0; i < npages; i++) {
		page_release(pid, (vpn + i) << PAGE_SHIFT);
	}
	pt_release(pd, vpn, npages);
	return OK;
}

/*------------------------------------------------------------------------
 *  page_unmap  -  Heap page 'va' of 'pid' lets go of frame 'f', which
 *		   it maps (present or PTE_IN_IO), and of the frame's slot;
 *		   the frame stays while other PTEs map it, else it is
 *		   freed, or with I/O in flight left as an orphan.  The
 *		   caller changes the PTE
 *------------------------------------------------------------------------
 */
void	page_unmap(pid32 pid, uint32 va, int32 f)
{
	struct	ffsframe *fr = &ffstab[f];
	int32	slot = fr->slot;
	bool8	dirty;

	if (fr->nmap > 1) {
		dirty = frame_dirty(f);
		rmap_del(f, pid, va >> PAGE_SHIFT);
		if (dirty) {
			frame_setdirty(f);	/* its D bit stays	*/
		}
		if (slot != NOSLOT) {
			swap_free(pid, slot);	/* others hold it too	*/
		}
	} else if (frame_busy(f)) {
		/* Another process is moving the page (its own I/O was
		 * undone by swap_ioabort if it is being killed): the frame
		 * stays busy and taken until that I/O ends, and whoever
		 * ends it gives back the frame and its slot
		 * (orphan_release); they leave this process's counts now */
		if (slot != NOSLOT) {
			swap_unhold(pid, slot);
		}
		rmap_clear(f);
		fr->owner = FFS_ORPHAN;
	} else if (fr->bspage != NOBSPAGE ||
		   (slot != NOSLOT && swap_refs(slot) > 1 && frame_dirty(f))) {
		/* Others hold the slot (a store, or PTEs swapped out to
		 * it), and the frame is newer than the slot's copy, or it
		 * is a store's page with no slot (bs.c): it is kept for
		 * them until eviction writes it back */
		if (slot != NOSLOT) {
			swap_free(pid, slot);
		}
		frame_keep(f);
	} else {
		if (slot != NOSLOT) {
			swap_free(pid, slot);
		}
		ffs_free(f);
		vm_freed(f);
	}
}

/*------------------------------------------------------------------------
 *  page_release  -  Give back the frame or swap slot behind heap page
 *		     'va' of 'pid' and clear its PTE (interrupts disabled);
 *		     a shared frame or slot stays with its other holders
 *------------------------------------------------------------------------
 */
void	page_release(pid32 pid, uint32 va)
{
	pte_t	*pte = pte_lookup((pde_t *)proctab[pid].prpdbr, va);
	int32	f;

	if (*pte & (PTE_IN_IO | PTE_P)) {
		f = ffsindex(PTE_FRAME(*pte));
		assert(((*pte & PTE_IN_IO) != 0) == frame_busy(f) &&
		       rmap_has(f, pid, va >> PAGE_SHIFT));
		page_unmap(pid, va, f);
	} else if (*pte & PTE_IS_SWAPPED) {
		swap_free(pid, PTE_SLOT(*pte));
	}
	pte_set(pid, va, pte, 0);
}
