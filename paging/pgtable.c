/* pgtable.c - kpte_set, pt_missing, pt_ensure, pt_release, stkguard,
	       stkunguard */

#include <xinu.h>
#include <vm.h>

/*
 * Walking and growing a two-level page table.  Heap page tables are
 * made when vmalloc reserves their range (so a fault never needs a new
 * table) and freed when no entry in them is in use.
 *
 * The kernel region's page tables (pginit builds them, kernel_pdbr is
 * their directory) are shared by every directory, so one change to a
 * kernel PTE is seen in every address space at once, and, the TLB not
 * being tagged by address space, one invlpg in whatever directory is
 * loaded drops the old entry everywhere (kpte_set).  Kernel stacks
 * (getstk, for create'd processes) are guarded that way: the page below
 * each is unmapped (stkguard) until freestk gives it back (stkunguard);
 * running into it is a double fault (stackfault.c).
 */

uint32	kernel_pdbr;			/* the kernel's page directory	*/

/*------------------------------------------------------------------------
 *  kpte_set  -  Set the PTE of kernel-region page 'va' to 'val' and drop
 *		 the TLB's copy: the kernel region's page tables are
 *		 shared by every directory, so this is seen in every
 *		 address space (interrupts disabled)
 *------------------------------------------------------------------------
 */
void	kpte_set(uint32 va, pte_t val)
{
	assert(va < KERNEL_END && kernel_pdbr != 0);
	*pte_lookup((pde_t *)kernel_pdbr, va) = val;
	invlpg((void *)va);
}

/*------------------------------------------------------------------------
 *  pt_missing  -  Number of page tables that pages [vpn, vpn+n) lack
 *------------------------------------------------------------------------
 */
uint32	pt_missing(pde_t *pd, uint32 vpn, uint32 n)
{
	uint32	d, missing = 0;

	for (d = vpn >> 10; d <= (vpn + n - 1) >> 10; d++) {
		if ((pd[d] & PTE_P) == 0) {
			missing++;
		}
	}
	return missing;
}

/*------------------------------------------------------------------------
 *  pt_ensure  -  Give pages [vpn, vpn+n) page tables; the caller has
 *		  checked with pt_missing that the PD/PT region has room
 *------------------------------------------------------------------------
 */
void	pt_ensure(pde_t *pd, uint32 vpn, uint32 n)
{
	uint32	d;
	void	*pt;

	for (d = vpn >> 10; d <= (vpn + n - 1) >> 10; d++) {
		if ((pd[d] & PTE_P) == 0) {
			pt = pdpt_alloc();
			assert(pt != NULL);
			pd[d] = (uint32)pt | PTE_P | PTE_W;
		}
	}
}

/*------------------------------------------------------------------------
 *  pt_release  -  Free the page tables of pages [vpn, vpn+n) that no
 *		   longer hold any entry
 *------------------------------------------------------------------------
 */
void	pt_release(pde_t *pd, uint32 vpn, uint32 n)
{
	uint32	d, t;
	pte_t	*pt;

	for (d = vpn >> 10; d <= (vpn + n - 1) >> 10; d++) {
		if ((pd[d] & PTE_P) == 0) {
			continue;
		}
		pt = (pte_t *)PTE_FRAME(pd[d]);
		for (t = 0; t < NENTRIES && pt[t] == 0; t++) {
			;
		}
		if (t == NENTRIES) {
			pd[d] = 0;
			pdpt_free(pt);
		}
	}
}

/*------------------------------------------------------------------------
 *  stkguard  -  Unmap the kernel-region page at 'va', the guard page of
 *		 a kernel stack (interrupts disabled)
 *------------------------------------------------------------------------
 */
void	stkguard(uint32 va)
{
	if (kernel_pdbr == 0) {
		return;			/* before paging: no guard	*/
	}
	assert((va & (PAGE_SIZE - 1)) == 0);
	kpte_set(va, PTE_IS_STACK);
}

/*------------------------------------------------------------------------
 *  stkunguard  -  Map the page at 'va' again if it is a kernel stack's
 *		   guard page (interrupts disabled)
 *------------------------------------------------------------------------
 */
void	stkunguard(uint32 va)
{
	pte_t	*pte;

	if (kernel_pdbr == 0 || va >= KERNEL_END) {
		return;
	}
	pte = pte_lookup((pde_t *)kernel_pdbr, va);
	if (*pte == PTE_IS_STACK) {
		kpte_set(PGROUNDDOWN(va), PGROUNDDOWN(va) | PTE_P | PTE_W);
	}
}
