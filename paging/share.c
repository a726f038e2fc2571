/* share.c - page_share */

#include <xinu.h>
#include <vm.h>

/*
 * Sharing one heap page between two processes: the mechanism under
 * vclone.  Afterwards both PTEs hold the same page: the same frame (one
 * more mapping in its reverse map, rmap.c), or the same swap slot (one
 * more reference, swap/slots.c), or nothing yet.  A shared frame is
 * mapped read-only in every mapper (the fault handler's rule, see
 * pagefault.c), so a write to it faults; a store's page (bs.c) stays
 * writable in both, since every mapper sees every write.
 */

/*------------------------------------------------------------------------
 *  page_share  -  Make heap page 'va' of 'to', reserved and untouched,
 *		   hold what page 'va' of 'from' holds (interrupts off);
 *		   SYSERR, nothing changed, when the page has I/O in
 *		   flight or no rmap entry is free
 *------------------------------------------------------------------------
 */
status	page_share(pid32 from, uint32 va, pid32 to)
{
	pte_t	*src = pte_lookup((pde_t *)proctab[from].prpdbr, va);
	pte_t	*dst = pte_lookup((pde_t *)proctab[to].prpdbr, va);
	int32	f;

	assert(src != NULL && dst != NULL && *dst == PTE_IS_VMALLOC &&
	       (*src & PTE_IS_VMALLOC));
	if (*src & PTE_IN_IO) {
		return SYSERR;
	}
	if (*src & PTE_P) {
		f = ffsindex(PTE_FRAME(*src));
		if (rmap_add(f, to, va >> PAGE_SHIFT) == SYSERR) {
			return SYSERR;
		}
		if (ffstab[f].slot != NOSLOT) {
			swap_share(to, ffstab[f].slot);
		}
		if (!page_isstore(*src)) {	/* copy-on-write	*/
			pte_set(from, va, src, *src & ~PTE_W);
		}
		pte_set(to, va, dst, (*src & ~(PTE_A | PTE_D)));
	} else if (*src & PTE_IS_SWAPPED) {
		swap_share(to, PTE_SLOT(*src));
		pte_set(to, va, dst, *src);
	}
	return OK;
}
