/* vmteardown.c - vmteardown */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  vmteardown  -  Return every frame, swap slot, page table and the page
 *		   directory of a vcreate'd process that is ending
 *		   (interrupts disabled).  Freeing leaves frame contents
 *		   alone, so a process tearing down itself keeps running on
 *		   its directory until ctxsw switches away.
 *------------------------------------------------------------------------
 */
void	vmteardown(pid32 pid)
{
	struct	procent	*prptr = &proctab[pid];
	pde_t	*pd = (pde_t *)prptr->prpdbr;
	pte_t	*pt;
	uint32	d, t;

	for (d = PDX(KERNEL_END); d < NENTRIES; d++) {
		if ((pd[d] & PTE_P) == 0) {
			continue;
		}
		pt = (pte_t *)PTE_FRAME(pd[d]);
		for (t = 0; t < NENTRIES; t++) {
			if (pt[t] != 0) {
				page_release(pid, PGADDR(d, t));
			}
		}
		pdpt_free(pt);
	}
	vm_delete(prptr->prvm, pd);
	prptr->prvm = NULL;
}
