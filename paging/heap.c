/* heap.c - heap_alloc, heap_free, page_release */

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
 *		  'pid', which must all be reserved (interrupts disabled)
 *------------------------------------------------------------------------
 */
status	heap_free(pid32 pid, char *ptr, uint32 nbytes)
{
	struct	vmproc	*vm = proctab[pid].prvm;
	pde_t	*pd = (pde_t *)proctab[pid].prpdbr;
	uint32	npages = npages_of(nbytes), vpn = (uint32)ptr >> PAGE_SHIFT;
	uint32	i;

	if (vm == NULL || ((uint32)ptr & (PAGE_SIZE - 1)) != 0 ||
	    !vheap_isallocated(vm, vpn, npages) ||
	    vheap_give(vm, vpn, npages) == SYSERR) {
		return SYSERR;
	}
	for (i = 0; i < npages; i++) {
		page_release(pid, (vpn + i) << PAGE_SHIFT);
	}
	pt_release(pd, vpn, npages);
	return OK;
}

/*------------------------------------------------------------------------
 *  page_release  -  Give back the frame or swap slot behind heap page
 *		     'va' of 'pid' and clear its PTE (interrupts disabled)
 *------------------------------------------------------------------------
 */
void	page_release(pid32 pid, uint32 va)
{
	pte_t	*pte = pte_lookup((pde_t *)proctab[pid].prpdbr, va);
	int32	f;

	if (*pte & PTE_IN_IO) {
		/* Another process is moving the page (its own I/O was undone
		 * by swap_ioabort if it is being killed): the frame stays
		 * busy and taken until that I/O ends, and whoever ends it
		 * gives back the frame and its slot (orphan_release); they
		 * leave this process's counts now */
		f = ffsindex(PTE_FRAME(*pte));
		assert(frame_busy(f) && ffstab[f].owner == pid);
		if (ffstab[f].slot != NOSLOT) {
			proctab[pid].prvm->nslots--;
		}
		proctab[pid].prvm->nframes--;
		ffstab[f].owner = FFS_ORPHAN;
	} else if (*pte & PTE_P) {
		f = ffsindex(PTE_FRAME(*pte));
		if (ffstab[f].slot != NOSLOT) {
			swap_free(pid, ffstab[f].slot);
		}
		ffs_free(f);
		vm_freed(f);
	} else if (*pte & PTE_IS_SWAPPED) {
		swap_free(pid, PTE_SLOT(*pte));
	}
	pte_set(pid, va, pte, 0);
}
