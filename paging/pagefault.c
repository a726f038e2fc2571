/* pagefault.c - pagefault, vmkill */

#include <xinu.h>
#include <vm.h>

/*
 * The page-fault path.  intr.S enters through an interrupt gate (IF is
 * clear) and trap() reads CR2 at once, so no other fault can overwrite
 * it.  The handler runs in the faulting process, on its stack and in its
 * address space, with interrupts off throughout:
 *
 *   not-present heap page (is_vmalloc)  ->  page_in: a zeroed frame, or
 *					     the page read back from swap
 *   a stack's guard page		  -> STACK_OVERFLOW: killed
 *   anything else in a vcreate'd process -> SEGMENTATION_FAULT: killed
 *   anything in a system process	  -> register dump, then procfault:
 *					     a kernel bug (panic) when
 *					     interrupts were off, else the
 *					     process is killed
 *
 * A fault is never returned from unresolved: that would re-fault forever.
 */

/*------------------------------------------------------------------------
 *  vmkill  -  Kill the current process for a VM error, with one line
 *------------------------------------------------------------------------
 */
void	vmkill(const char *why)
{
	struct	vmproc	*vm = proctab[currpid].prvm;

	ttyflush();			/* what it wrote comes first	*/
	if (vm != NULL) {
		vm->stats.killed++;
	}
	vmtotal.killed++;
	kprintf("P%d:: %s\n", currpid, why);
	kill(currpid);
	panic("vmkill: a killed process is running");
}

/*------------------------------------------------------------------------
 *  pagefault  -  Handle a page fault at address 'cr2' (interrupts off)
 *------------------------------------------------------------------------
 */
void	pagefault(struct trapframe *tf, uint32 cr2)
{
	struct	procent	*prptr = &proctab[currpid];
	pte_t	*pte = NULL;

	if (prptr->prvm == NULL) {
		procfault(tf, "page fault");
	}
	if (cr2 >= VHEAP_START && (tf->errcode & PFERR_P) == 0) {
		pte = pte_lookup((pde_t *)prptr->prpdbr, cr2);
	}
	if (pte != NULL && *pte == PTE_IS_STACK) {
		vmkill("STACK_OVERFLOW");
	}
	if (pte == NULL || (*pte & PTE_IS_VMALLOC) == 0) {
		vmkill("SEGMENTATION_FAULT");
	}
	if (page_in(currpid, PGROUNDDOWN(cr2), pte) == SYSERR) {
		vmkill("OUT_OF_MEMORY");
	}
}

/*------------------------------------------------------------------------
 *  page_in  -  Give heap page 'va' of 'pid' a frame holding its data:
 *		zeros on first touch, else its swap copy (interrupts off);
 *		SYSERR when it is a new page and every frame and every
 *		slot already holds a distinct page
 *------------------------------------------------------------------------
 */
status	page_in(pid32 pid, uint32 va, pte_t *pte)
{
	static	uint32	bounce[PAGE_SIZE / sizeof(uint32)];
	struct	vmproc	*vm = proctab[pid].prvm;
	bool8	swapped = (*pte & PTE_IS_SWAPPED) != 0;
	int32	slot = swapped ? (int32)PTE_SLOT(*pte) : NOSLOT;
	int32	f;

	f = ffs_alloc(pid, va >> PAGE_SHIFT);
	if (f == SYSERR && swap_evict() == OK) {
		f = ffs_alloc(pid, va >> PAGE_SHIFT);
	}
	if (f == SYSERR && swapped) {
		/* Every frame and every slot holds a distinct page, this one
		 * among them: its own slot is the room.  Its copy moves out
		 * of the way and the victim takes the slot */
		swapdev->getslot(slot, (uint32)bounce);	/* identity mapped */
		swap_free(pid, slot);
		slot = NOSLOT;
		if (swap_evict() == OK) {
			f = ffs_alloc(pid, va >> PAGE_SHIFT);
		}
		assert(f != SYSERR);
	}
	if (f == SYSERR) {
		return SYSERR;
	}
	if (swapped) {
		if (slot == NOSLOT) {
			page_copy(kmap(KMAP_DST, ffsaddr(f)), bounce);
		} else {
			swapdev->getslot(slot, ffsaddr(f));
		}
		ffstab[f].slot = slot;		/* a kept copy stays valid */
		vm->stats.swapins++;
		vmtotal.swapins++;
		swaptrace("swapping:: swap frame 0x%x, FFS frame 0x%x\n",
			  PTE_SLOT(*pte), f);
	} else {
		page_zero(kmap(KMAP_DST, ffsaddr(f)));
		vm->stats.lazy++;
		vmtotal.lazy++;
	}
	pte_set(pid, va, pte, ffsaddr(f) | PTE_P | PTE_W | PTE_IS_VMALLOC);
	if (vmpolicy->loaded != NULL) {
		vmpolicy->loaded(f);
	}
	return OK;
}
