/* vmteardown.c - vmteardown */

#include <xinu.h>
#include <vm.h>

/*
 * The one place the VM learns that a process ends: kill calls
 * vmteardown before it frees the process table entry.  Afterwards no
 * frame, slot, stack frame or page-table page names the process
 * (vm_audit checks it), and its counts in used_ffs_frames and
 * used_swap_frames are back to the free pools, before any waiter runs.
 * Heap pages go through page_release, the same path as vfree, so the
 * two cannot disagree on what a page holds.
 */

/*------------------------------------------------------------------------
 *  vmteardown  -  The VM's hook in kill: return every frame, swap slot,
 *		   stack frame, page table and the page directory of a
 *		   process that is ending (interrupts disabled); TRUE when
 *		   it was vcreate'd (its stacks are back too), FALSE for a
 *		   system process, whose kernel stack is kill's to free.
 *		   Swap I/O it has in flight is undone first (any process,
 *		   system ones too, may evict).  A process may be tearing
 *		   down itself: it is still running on its virtual stack in
 *		   its directory until ctxsw switches away, so stack PTEs
 *		   are left in place and freeing changes no frame's
 *		   contents; nothing can reuse them before the switch.
 *------------------------------------------------------------------------
 */
bool8	vmteardown(pid32 pid)
{
	struct	procent	*prptr = &proctab[pid];
	struct	vmproc	*vm = prptr->prvm;
	pde_t	*pd = (pde_t *)prptr->prpdbr;
	pte_t	*pt;
	uint32	d, t;

	swap_ioabort(pid);		/* its swap I/O in flight, if any */
	if (vm == NULL) {
		return FALSE;
	}
	for (d = PDX(KERNEL_END); d < NENTRIES; d++) {
		if ((pd[d] & PTE_P) == 0) {
			continue;
		}
		pt = (pte_t *)PTE_FRAME(pd[d]);
		for (t = 0; t < NENTRIES; t++) {
			if ((pt[t] & (PTE_IS_STACK | PTE_P)) ==
			    (PTE_IS_STACK | PTE_P)) {
				vstk_free(vm, PTE_FRAME(pt[t]));
			} else if (pt[t] & PTE_IS_VMALLOC) {
				page_release(pid, PGADDR(d, t));
			}
		}
		pdpt_free(pt);
	}
	vm_delete(vm, pd);
	prptr->prvm = NULL;
	return TRUE;
}
