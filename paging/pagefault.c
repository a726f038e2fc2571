/* pagefault.c - pagefault, page_lost, page_map, page_fill,
		 page_join, page_in */

#include <xinu.h>
#include <vm.h>

/*
 * The page-fault path.  intr.S enters through an interrupt gate (IF is
 * clear) and trap() reads CR2 at once, so no other fault can overwrite
 * it.  The handler runs in the faulting process, on its stack and in its
 * address space, with interrupts off throughout, except while it blocks
 * in disk swap I/O (vm.swapdev=disk), when other processes run with
 * their own interrupt state (see page_in and frameio.c).  It starts only
 * with FAULT_STKNEED bytes of stack below the trap frame (stkroom,
 * stackfault.c), so it never overflows while it holds a frame, a slot,
 * an I/O or a kmap window:
 *
 *   less stack than that		  -> STACK_OVERFLOW: killed
 *
 *   write to a shared heap page	  -> page_cow (cow.c): a copy of its
 *					     own, or OUT_OF_MEMORY
 *   not-present heap page (is_vmalloc)  ->  page_in: a zeroed frame, or
 *					     the page read back from swap
 *					     (swap_in and swap_room,
 *					     swap/swapin.c; SWAP_CORRUPT:
 *					     killed when its sealed copy
 *					     did not open)
 *   a stack's guard page		  -> STACK_OVERFLOW: killed
 *   anything else in a vcreate'd process -> SEGMENTATION_FAULT: killed
 *   anything in a system process	  -> register dump, then procfault:
 *					     a kernel bug (panic) when
 *					     interrupts were off, else the
 *					     process is killed
 *
 * A shared page (paging/rmap.c) is mapped read-only in each mapper: a
 * PTE maps a frame writable only when it is the frame's one mapping
 * and no other PTE holds the frame's slot.  A swapped shared page is
 * read by the first mapper to fault; the others find its frame through
 * the slot (frame_ofslot) and map it with no I/O (page_join).
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
	/* Enough stack before anything is taken: the bytes on the trap
	 * frame's own page are mapped, others are stkroom's to check	*/
	if (((uint32)tf & (PAGE_SIZE - 1)) >= FAULT_STKNEED) {
		prptr->prflags |= PRF_INFAULT;
	} else {
		stkroom((uint32)tf);
	}
	if (cr2 >= VHEAP_START) {
		pte = pte_lookup((pde_t *)prptr->prpdbr, cr2);
	}
	if (pte != NULL && (tf->errcode & (PFERR_P | PFERR_W)) ==
	    (PFERR_P | PFERR_W) && (*pte & (PTE_P | PTE_W | PTE_IS_VMALLOC))
	    == (PTE_P | PTE_IS_VMALLOC)) {
		if (page_cow(currpid, PGROUNDDOWN(cr2)) == SYSERR) {
			vmkill("OUT_OF_MEMORY");
		}
		prptr->prflags &= ~PRF_INFAULT;
		return;				/* a shared page, written */
	}
	if (tf->errcode & PFERR_P) {
		pte = NULL;			/* no other protection	*/
	}					/* fault is ours to mend */
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
	prptr->prflags &= ~PRF_INFAULT;
}

/*------------------------------------------------------------------------
 *  page_lost  -  The swap copy of heap page 'va' of 'pid' did not open
 *		  (sealed swap; swap_in or swap_room gave back its frame
 *		  and retired its slot): its PTE names neither; returns
 *		  PAGE_CORRUPT
 *------------------------------------------------------------------------
 */
local	status	page_lost(pid32 pid, uint32 va)
{
	pte_t	*pte = page_pte(pid, va);

	if (pte != NULL) {
		pte_set(pid, va, pte, PTE_IS_VMALLOC);
	}
	return PAGE_CORRUPT;
}

/*------------------------------------------------------------------------
 *  page_map  -  Map frame 'f', which now holds heap page 'va' of 'pid',
 *		 dirty when 'dirty' (its slot holds no copy), and wake the
 *		 waiters for I/O when 'wake'; returns OK.  Writable unless
 *		 other PTEs map the frame (an exchange joined them) or
 *		 hold its slot (a shared page), but for a backing store's
 *		 page, which every mapper writes
 *------------------------------------------------------------------------
 */
local	status	page_map(pid32 pid, uint32 va, int32 f, bool8 dirty,
			 bool8 wake)
{
	int32	slot = ffstab[f].slot;
	pte_t	w = (ffstab[f].nmap == 1 && (slot == NOSLOT ||
		     swap_refs(slot) == 1)) || frame_isstore(f) ? PTE_W : 0;

	pte_set(pid, va, page_pte(pid, va), ffsaddr(f) | PTE_P | w |
		PTE_IS_VMALLOC | (dirty ? PTE_D : 0));
	if (vmpolicy->loaded != NULL) {
		vmpolicy->loaded(f);
	}
	if (wake) {
		frame_iowake();		/* a second fault on it may go on */
	}
	pageout_poke();			/* below the low watermark?	*/
	return OK;
}

/*------------------------------------------------------------------------
 *  page_fill  -  Fill frame 'f', just taken for heap page 'va' of 'pid',
 *		  with zeros (slot NOSLOT: first touch) or the page's copy
 *		  in slot 'slot' (swap_in), and map it; 'owed': waiters
 *		  an exchange left asleep.  OK, or as swap_in
 *------------------------------------------------------------------------
 */
local	status	page_fill(pid32 pid, uint32 va, int32 f, int32 slot,
			  bool8 owed)
{
	struct	vmproc	*vm = proctab[pid].prvm;
	bool8	dirty = FALSE;
	status	got;

	if (slot == NOSLOT) {
		page_zero(kmap(KMAP_DST, ffsaddr(f)));
		vm->stats.lazy++;
		vmtotal.lazy++;
		return page_map(pid, va, f, FALSE, owed);
	}
	got = swap_in(f, slot, &dirty);
	if (got == PAGE_CORRUPT) {
		page_lost(pid, va);
	}
	if (got != OK) {
		if (swapdev->blocks) {
			frame_iowake();		/* the PTE is settled	*/
		}
		return got;
	}
	return page_map(pid, va, f, dirty, owed || swapdev->blocks);
}

/*------------------------------------------------------------------------
 *  page_join  -  Heap page 'va' of 'pid' is swapped out to a slot whose
 *		  page frame 'f' holds now (another mapper brought it
 *		  in, or it was kept): map the same frame, read-only but
 *		  for a store's page, with no I/O.  OK,
 *		  or PAGE_AGAIN when the frame is busy (after a wait) or
 *		  the reverse map is full (the frame was evicted from its
 *		  other mappers: this fault reads it as their first)
 *------------------------------------------------------------------------
 */
local	status	page_join(pid32 pid, uint32 va, int32 f)
{
	int32	slot = ffstab[f].slot;
	pte_t	bits = swap_isstore(slot) ? PTE_W : 0;

	if (ffstab[f].owner == FFS_KEPT) {
		bits |= PTE_D;		/* newer than its slot's copy	*/
	}
	if (frame_busy(f)) {
		frame_iowait();
		return PAGE_AGAIN;
	}
	if (rmap_add(f, pid, va >> PAGE_SHIFT) == SYSERR) {
		swap_evict_frame(f);	/* idle, with a slot: it goes	*/
		return PAGE_AGAIN;
	}
	pte_set(pid, va, page_pte(pid, va), ffsaddr(f) | PTE_P | bits |
		PTE_IS_VMALLOC);
	proctab[pid].prvm->stats.joins++;
	vmtotal.joins++;
	return OK;
}

/*------------------------------------------------------------------------
 *  page_in  -  Give heap page 'va' of 'pid' a frame holding its data:
 *		zeros on first touch, else its swap copy (interrupts off);
 *		SYSERR when it is a new page and every frame and every
 *		slot already holds a distinct page (or a swapped page then
 *		and disk swap has no reserve block, or the rmap pool has
 *		no entry for its slot's other holders, see swap_room), or
 *		when the page or its process went away while we waited;
 *		PAGE_CORRUPT when its swap copy did not open (sealed
 *		swap: the page is lost, see page_lost)
 *
 *  The swap-in protocols, the exchange when every frame and every slot
 *  is full among them, are swap's (swap/swapin.c); this loop reads the
 *  PTE, takes a frame and hands over.  With a blocking backend
 *  (swapdev->blocks) this process may block, in eviction (writing a
 *  victim), in the read of its own page, or waiting for someone else's
 *  I/O on its page (PTE_IN_IO).  Every block lets other processes
 *  change frames and PTEs, so after one the loop looks at the page
 *  again from the start; a read in flight is guarded by its busy frame
 *  and PTE_IN_IO (frameio.c), so a second fault on the page waits for
 *  it instead of reading again; a fault on another PTE of the same
 *  shared page finds the busy frame through the slot and waits too.  With the RAM backend nothing blocks
 *  and the loop runs once.  After a disk exchange ('owed') the frame
 *  the exchange freed is this fault's: the loop takes it before it
 *  wakes anyone (see swapin.c).
 *------------------------------------------------------------------------
 */
status	page_in(pid32 pid, uint32 va, pte_t *pte)
{
	bool8	owed = FALSE;
	int32	slot, held, f;

	for (;;) {
		pte = page_pte(pid, va);
		f = SYSERR;
		slot = (pte != NULL && (*pte & PTE_IS_SWAPPED)) ?
		       (int32)PTE_SLOT(*pte) : NOSLOT;
		held = (slot == NOSLOT) ? SYSERR : frame_ofslot(slot);
		if (pte != NULL && (*pte & (PTE_P | PTE_IN_IO)) == 0 &&
		    held == SYSERR) {
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
		if (held != SYSERR) {		/* its frame is in memory */
			if (page_join(pid, va, held) == OK) {
				return OK;	/* a shared page, in memory */
			}
			continue;
		}
		if (f != SYSERR) {
			return page_fill(pid, va, f, slot, owed);
		}
		f = swap_room(pid, va >> PAGE_SHIFT, slot, &owed);
		if (f == PAGE_CORRUPT) {
			return page_lost(pid, va);
		}
		if (f == SYSERR) {
			return SYSERR;		/* out of memory	*/
		}
		if (f != PAGE_AGAIN) {		/* a RAM exchange	*/
			return page_map(pid, va, f, FALSE, owed);
		}
	}
}
