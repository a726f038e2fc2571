/* vclone.c - vclone, heap_inio, heap_clone */

#include <xinu.h>
#include <vm.h>

/*
 * vclone: a vcreate whose heap starts as a copy-on-write copy of the
 * caller's.  The child gets the caller's heap layout (the same free
 * runs, reserved pages and next-fit cursor: vheap_copy), page tables
 * for the same ranges, and each reserved page shared (page_share): a
 * resident page's frame is mapped read-only in both, a swapped page's
 * slot is held by both, and a page never touched stays untouched in
 * both (each side's first touch gives it a zeroed frame of its own).
 * From then on the two heaps are separate: vmalloc and vfree on one
 * side never change the other, and the first write to a shared page
 * copies it (page_cow, cow.c).  The stores the caller maps (xmmap.c)
 * are mapped in the child too, at the same pages, and stay shared
 * writable.  The child's stack is its own.
 *
 * The whole copy is done with interrupts off and nothing blocks in it,
 * after every I/O in flight on the caller's heap has ended (a page in
 * I/O has no settled place to share), and after checking that the
 * PD/PT region and the reverse map have room: it succeeds whole or
 * changes nothing.  The reverse map's room leaves out the entries
 * promised to a disk exchange in flight (swap/swapin.c), and a child's
 * PTE swapped out to that exchange's slot is one more holder to map
 * its frame at the end, and one swapped out to the spare its victim
 * went to one more to map the victim's if the exchange is undone: one
 * more entry promised (xchg_holds, xchg_promise).
 */

/*------------------------------------------------------------------------
 *  heap_inio  -  Has a heap page of 'pid' swap I/O in flight?
 *------------------------------------------------------------------------
 */
local	bool8	heap_inio(pid32 pid)
{
	pde_t	*pd = (pde_t *)proctab[pid].prpdbr;
	pte_t	*pt;
	uint32	d, t;

	for (d = PDX(VHEAP_START); d < PDX(VHEAP_END); d++) {
		if ((pd[d] & PTE_P) == 0) {
			continue;
		}
		pt = (pte_t *)PTE_FRAME(pd[d]);
		for (t = 0; t < NENTRIES; t++) {
			if ((pt[t] & (PTE_P | PTE_IN_IO)) == PTE_IN_IO) {
				return TRUE;
			}
		}
	}
	return FALSE;
}

/*------------------------------------------------------------------------
 *  heap_clone  -  Give 'child' (new, empty heap) a copy-on-write copy of
 *		   the heap of 'parent', which has no I/O in flight;
 *		   SYSERR when the PD/PT region, the reverse map (its
 *		   entries not promised) or the kernel heap is short
 *		   (the caller tears the child down)
 *------------------------------------------------------------------------
 */
status	heap_clone(pid32 parent, pid32 child)
{
	struct	vmproc	*pvm = proctab[parent].prvm;
	pde_t	*ppd = (pde_t *)proctab[parent].prpdbr;
	pde_t	*cpd = (pde_t *)proctab[child].prpdbr;
	pte_t	*pt;
	uint32	d, t, tables = 0, spare, joins = xchg_holds(parent, &spare);
	status	shared;

	for (d = PDX(VHEAP_START); d < PDX(VHEAP_END); d++) {
		tables += (ppd[d] & PTE_P) != 0;
	}
	if (tables > pdpt_free_count() ||
	    pvm->nframes + joins > rmap_room() ||
	    vheap_copy(pvm, proctab[child].prvm) == SYSERR ||
	    xmap_copy(pvm, proctab[child].prvm) == SYSERR) {
		return SYSERR;
	}
	xchg_promise(joins, spare);	/* the exchange maps them too	*/
	for (d = PDX(VHEAP_START); d < PDX(VHEAP_END); d++) {
		if ((ppd[d] & PTE_P) == 0) {
			continue;
		}
		pt_ensure(cpd, d * NENTRIES, 1);
		pt = (pte_t *)PTE_FRAME(ppd[d]);
		for (t = 0; t < NENTRIES; t++) {
			if ((pt[t] & PTE_IS_VMALLOC) == 0) {
				continue;
			}
			*pte_lookup(cpd, PGADDR(d, t)) = PTE_IS_VMALLOC;
			shared = page_share(parent, PGADDR(d, t), child);
			assert(shared == OK);
		}
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  vclone  -  Create a process like vcreate whose heap is a copy-on-write
 *	       copy of the caller's (its addresses, contents and vmalloc
 *	       bookkeeping); SYSERR when the caller was not vcreate'd or
 *	       memory for the copy is short
 *------------------------------------------------------------------------
 */
pid32	vclone(
	  void		*funcaddr,	/* first instruction		*/
	  uint32	ssize,		/* stack size in bytes		*/
	  pri16		priority,	/* process priority, > 0	*/
	  char		*name,		/* name (for debugging)		*/
	  uint32	nargs,		/* number of arguments		*/
	  ...
	)
{
	intmask	mask;
	va_list	ap;
	pid32	pid;

	mask = disable();
	if (!isvcreated(currpid)) {
		restore(mask);
		return SYSERR;
	}
	while (heap_inio(currpid)) {
		frame_iowait();		/* someone moves one of its pages */
	}
	va_start(ap, nargs);
	pid = vspawn(funcaddr, ssize, priority, name, nargs, ap, currpid);
	va_end(ap);
	restore(mask);
	return pid;
}
