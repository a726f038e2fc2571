/* pte.h - pte_lookup, pte_set, page_pte, kmap: inline for the fault path */

#ifndef _PTE_H_
#define _PTE_H_

/*
 * A lazy-evict fault looks up six PTEs, sets two, maps three frames in
 * the kmap window and asks for its own PTE three times (page_in's two
 * passes, page_map): as calls they cost 170 instructions of the 1,300
 * it ran over its floor (docs/costs.md).  vm.h includes this file; the
 * host tests, which build vm.h on a 64-bit host with no page tables,
 * get an empty stand-in (test/host/vmstub/pte.h) instead.
 */

/* pte_lookup - the address of the PTE for 'va' in directory 'pd', or
 * NULL when its page table does not exist */
static	inline	pte_t	*pte_lookup(pde_t *pd, uint32 va)
{
	pde_t	pde = pd[PDX(va)];

	if ((pde & PTE_P) == 0) {
		return NULL;
	}
	return (pte_t *)PTE_FRAME(pde) + PTX(va);
}

/* pte_set - set '*pte', the PTE of page 'va' of process 'pid', to 'val',
 * and drop the TLB's copy of the old entry if that address space is
 * loaded (the TLB is not tagged by address space: another directory's
 * entries are not cached now) */
static	inline	void	pte_set(pid32 pid, uint32 va, pte_t *pte, pte_t val)
{
	pte_t	old = *pte;

	*pte = val;
	/* The CPU never caches a not-present entry (Intel SDM 3A, 4.10.2),
	 * so mapping a page that had none, a fault's last step, needs no
	 * flush: one invlpg per fault saved */
	if ((old & PTE_P) != 0 && proctab[pid].prpdbr == read_cr3()) {
		invlpg((void *)va);
	}
}

/* page_pte - the PTE of heap page 'va' of 'pid', or NULL when the process
 * or the page is gone (it may go while a fault blocks) */
static	inline	pte_t	*page_pte(pid32 pid, uint32 va)
{
	pte_t	*pte;

	if (proctab[pid].prstate == PR_FREE || !isvcreated(pid)) {
		return NULL;
	}
	pte = pte_lookup((pde_t *)proctab[pid].prpdbr, va);
	return (pte != NULL && (*pte & PTE_IS_VMALLOC)) ? pte : NULL;
}

/* kmap - map physical frame 'pa' at window slot 'slot' and return the
 * slot's address (interrupts must be disabled).  Not kpte_set: the
 * PTE's address is kept (kmap_pte, paging/kmap.c) */
static	inline	void	*kmap(int32 slot, uint32 pa)
{
	*kmap_pte[slot] = PTE_FRAME(pa) | PTE_P | PTE_W;
	invlpg(kmap_window[slot]);
	return kmap_window[slot];
}

#endif
