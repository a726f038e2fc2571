/* pagefault.c - pagefault, page_pte, page_in */

#include <xinu.h>
#include <vm.h>

/*
 * The page-fault path.  intr.S enters through an interrupt gate (IF is
 * clear) and trap() reads CR2 at once, so no other fault can overwrite
 * it.  The handler runs in the faulting process, on its stack and in its
 * address space, with interrupts off throughout, except while it blocks
 * in disk swap I/O (vm.swapdev=disk), when other processes run with
 * their own interrupt state (see page_in and frameio.c):
 *
 *   not-present heap page (is_vmalloc)  ->  page_in: a zeroed frame, or
 *					     the page read back from swap
 *					     (SWAP_CORRUPT: killed when
 *					     its sealed copy did not open)
 *   a stack's guard page		  -> STACK_OVERFLOW: killed
 *   anything else in a vcreate'd process -> SEGMENTATION_FAULT: killed
 *   anything in a system process	  -> register dump, then procfault:
 *					     a kernel bug (panic) when
 *					     interrupts were off, else the
 *					     process is killed
 *
 * A fault is never returned from unresolved: that would re-fault forever.
 * (page_in may instead wait for another process's I/O on the page and
 * then finish the fault itself.)
 */

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
	switch (page_in(currpid, PGROUNDDOWN(cr2), pte)) {
	case SYSERR:
		vmkill("OUT_OF_MEMORY");
	case PAGE_CORRUPT:
		vmkill("SWAP_CORRUPT");
	}
}

/*------------------------------------------------------------------------
 *  page_pte  -  The PTE of heap page 'va' of 'pid', or NULL when the
 *		 process or the page is gone (it may go while we block)
 *------------------------------------------------------------------------
 */
local	pte_t	*page_pte(pid32 pid, uint32 va)
{
	pte_t	*pte;

	if (proctab[pid].prstate == PR_FREE || !isvcreated(pid)) {
		return NULL;
	}
	pte = pte_lookup((pde_t *)proctab[pid].prpdbr, va);
	return (pte != NULL && (*pte & PTE_IS_VMALLOC)) ? pte : NULL;
}

/*------------------------------------------------------------------------
 *  page_lost  -  The swap copy in slot 'slot' of heap page 'va' of 'pid'
 *		  did not open (sealed swap): frame 'f' (or SYSERR) goes
 *		  back, the slot is retired, the PTE names neither;
 *		  returns PAGE_CORRUPT
 *------------------------------------------------------------------------
 */
local	status	page_lost(pid32 pid, uint32 va, int32 f, uint32 slot)
{
	pte_t	*pte = page_pte(pid, va);

	if (f != SYSERR) {
		ffstab[f].slot = NOSLOT;
		ffs_free(f);
		vm_freed(f);
	}
	swap_retire(pid, slot);
	if (pte != NULL) {
		pte_set(pid, va, pte, PTE_IS_VMALLOC);
	}
	return PAGE_CORRUPT;
}

/*------------------------------------------------------------------------
 *  page_in  -  Give heap page 'va' of 'pid' a frame holding its data:
 *		zeros on first touch, else its swap copy (interrupts off);
 *		SYSERR when it is a new page and every frame and every
 *		slot already holds a distinct page (or a swapped page then
 *		and disk swap has no reserve block), or when the page or
 *		its process went away while we waited; PAGE_CORRUPT
 *		when its swap copy did not open (sealed swap: the page
 *		is lost, see page_lost)
 *
 *  With a blocking backend (swapdev->blocks) this process may block,
 *  in eviction (writing a victim), in the read of its own page, or
 *  waiting for someone else's I/O on its page (PTE_IN_IO).  Every block
 *  lets other processes change frames and PTEs, so after one the loop
 *  below looks at the page again from the start; a read in flight is
 *  guarded by its busy frame and PTE_IN_IO (frameio.c), so a second
 *  fault on the page waits for it instead of reading again.  With the
 *  RAM backend nothing blocks and the loop runs once, as it always did.
 *
 *  When every frame and every slot holds a distinct page, this one
 *  among them, it still comes in.  RAM swap moves its copy to a bounce
 *  page and gives its slot to the victim (nothing blocks).  Disk swap
 *  exchanges through the spare slot instead, with the ordinary
 *  kill-safe transfers: the victim is written to the spare
 *  (swap_exchange), the loop finds the frame it freed and reads the
 *  page as usual, and right after that read the page drops its copy,
 *  so that swap_limit slots are in use again.  The frame freed by the
 *  exchange's write is this fault's: nothing may run between the end of
 *  that write and the start of the read, or a new page could take the
 *  frame, one page more than FFS and swap hold.  So that write wakes no
 *  one (evict_frame), and the loop wakes the waiters ('owed') before it
 *  does anything but take the frame.
 *------------------------------------------------------------------------
 */
status	page_in(pid32 pid, uint32 va, pte_t *pte)
{
	static	uint32	bounce[PAGE_SIZE / sizeof(uint32)]	/* a whole */
			__attribute__((aligned(PAGE_SIZE)));	/* page: kmap */
	struct	vmproc	*vm;
	bool8	swapped, wake, owed = FALSE;
	pte_t	dirty = 0;
	int32	slot, f;
	status	opened;

	for (;;) {
		pte = page_pte(pid, va);
		f = SYSERR;
		if (pte != NULL && (*pte & (PTE_P | PTE_IN_IO)) == 0) {
			f = ffs_alloc(pid, va >> PAGE_SHIFT);
		}
		if (f == SYSERR && owed) {
			owed = FALSE;
			frame_iowake();		/* may reschedule:	*/
			continue;		/* look again		*/
		}
		if (pte == NULL) {
			return SYSERR;		/* gone while we blocked */
		}
		if (*pte & PTE_P) {
			return OK;		/* another fault did it	*/
		}
		if (*pte & PTE_IN_IO) {		/* read or written now:	*/
			frame_iowait();		/* wait for it, look again */
			continue;
		}
		swapped = (*pte & PTE_IS_SWAPPED) != 0;
		slot = swapped ? (int32)PTE_SLOT(*pte) : NOSLOT;
		if (f != SYSERR) {
			break;
		}
		vmtotal.selfevicts++;
		if (swap_evict(NULL) == OK) {	/* it may have blocked:	*/
			continue;		/* look again		*/
		}
		if (frame_nio > 0) {		/* every frame is busy	*/
			frame_iowait();
			continue;
		}
		if (!swapped) {
			return SYSERR;
		}
		if (swapdev->blocks) {
			/* Every frame and every slot holds a distinct page,
			 * this one among them: exchange through the spare
			 * slot (see above), or none is left (README) */
			if (swap_exchange() == SYSERR) {
				return SYSERR;
			}
			owed = TRUE;		/* it may have blocked:	*/
			continue;		/* look again		*/
		}
		/* Its own slot is the room.  Its copy moves out of the way
		 * and the victim takes the slot (nothing blocks) */
		if (swapdev->getslot(slot, (uint32)bounce) == SYSERR) {
			return page_lost(pid, va, SYSERR, slot);
		}					/* identity mapped */
		swap_free(pid, slot);
		slot = NOSLOT;
		if (swap_evict_again() == OK) {
			f = ffs_alloc(pid, va >> PAGE_SHIFT);
		}
		assert(f != SYSERR);
		break;
	}

	vm = proctab[pid].prvm;
	wake = owed;			/* an exchange's waiters, if any */
	if (swapped) {
		ffstab[f].slot = slot;		/* a kept copy stays valid */
		vm->stats.swapins++;
		vmtotal.swapins++;
		if (slot == NOSLOT) {
			page_copy(kmap(KMAP_DST, ffsaddr(f)), bounce);
		} else if (!swapdev->blocks) {
			if (swapdev->getslot(slot, ffsaddr(f)) == SYSERR) {
				return page_lost(pid, va, f, slot);
			}
		} else {
			/* The PTE names the busy frame while the read lasts:
			 * a fault on the page waits, kill undoes the read */
			pte_set(pid, va, pte, ffsaddr(f) | PTE_IS_VMALLOC |
					      PTE_IN_IO);
			frame_iostart(f, FIO_READ);
			opened = swapdev->getslot(slot, ffsaddr(f));
			frame_iodone(f);		/* (it blocked)	*/
			if (ffstab[f].owner == FFS_ORPHAN) {
				/* The page was freed while we read */
				orphan_release(f);
				frame_iowake();
				return SYSERR;
			}
			if (opened == SYSERR) {
				opened = page_lost(pid, va, f, slot);
				frame_iowake();
				return opened;
			}
			pte = page_pte(pid, va);
			wake = TRUE;	/* once the page is mapped	*/
		}
		swaptrace("swapping:: swap frame 0x%x, FFS frame 0x%x\n",
			  slot == NOSLOT ? PTE_SLOT(*pte) : (uint32)slot, f);
		if (slot != NOSLOT && swap_over()) {
			/* An exchange: the page gives up its copy, so that
			 * swap_limit slots are in use again; its next
			 * eviction writes it */
			swap_free(pid, slot);
			ffstab[f].slot = NOSLOT;
			dirty = PTE_D;
		}
	} else {
		page_zero(kmap(KMAP_DST, ffsaddr(f)));
		vm->stats.lazy++;
		vmtotal.lazy++;
	}
	pte_set(pid, va, pte, ffsaddr(f) | PTE_P | PTE_W | PTE_IS_VMALLOC |
			      dirty);
	if (vmpolicy->loaded != NULL) {
		vmpolicy->loaded(f);
	}
	if (wake) {
		frame_iowake();		/* a second fault on it may go on */
	}
	pageout_poke();			/* below the low watermark?	*/
	return OK;
}
