/* cow.c - page_cow */

#include <xinu.h>
#include <vm.h>

/*
 * Copy-on-write.  A shared heap page (vclone, share.c) is mapped
 * read-only in every mapper, and CR0.WP makes ring 0 honour that, so
 * the first write to it from any side is a protection fault on a
 * present heap page, which pagefault hands here.  If the writer's PTE
 * is the frame's last mapping, the page becomes the writer's own: it
 * just turns writable (a slot other PTEs still hold is let go first:
 * its copy stays theirs, and the frame, now with no slot, is written
 * at its next eviction).  Otherwise the writer takes a new frame (the
 * same way a first touch does, evicting when FFS is full), copies the
 * page into it and lets go of the shared frame.  So reading shared
 * pages takes no frame, and writing n of them takes exactly n.  A new
 * frame is out of memory exactly when a first touch would be: every
 * frame and every slot already holds a distinct page.
 */

/*------------------------------------------------------------------------
 *  cow_keep  -  The write fault of 'pid' on page 'va' (its PTE 'pte')
 *		 finds frame 'f' with no other mapping: make it the
 *		 writer's own
 *------------------------------------------------------------------------
 */
local	void	cow_keep(pid32 pid, uint32 va, pte_t *pte, int32 f)
{
	int32	slot = ffstab[f].slot;

	if (slot != NOSLOT && swap_refs(slot) > 1) {
		frame_setslot(f, NOSLOT);	/* the copy stays theirs */
		swap_free(pid, slot);
	}
	pte_set(pid, va, pte, *pte | PTE_W);
	proctab[pid].prvm->stats.cowkeeps++;
	vmtotal.cowkeeps++;
}

/*------------------------------------------------------------------------
 *  page_cow  -  A write of 'pid' to its shared heap page 'va' faulted
 *		 (interrupts off): give it a page of its own; OK, or SYSERR
 *		 when there is no room for one (every frame and every slot
 *		 holds a distinct page).  A page that went away (swapped
 *		 out while this blocked) is OK too: the write faults again
 *------------------------------------------------------------------------
 */
status	page_cow(pid32 pid, uint32 va)
{
	pte_t	*pte;
	int32	f, nf;
	bool8	owed = FALSE;

	for (;;) {
		pte = page_pte(pid, va);
		if (pte == NULL || (*pte & PTE_P) == 0 || (*pte & PTE_W)) {
			return OK;		/* settled meanwhile	*/
		}
		f = ffsindex(PTE_FRAME(*pte));
		if (ffstab[f].nmap == 1) {
			cow_keep(pid, va, pte, f);
			return OK;
		}
		nf = ffs_alloc(pid, va >> PAGE_SHIFT);
		if (nf != SYSERR) {
			break;
		}
		if (swap_room(pid, va >> PAGE_SHIFT, NOSLOT, &owed) == SYSERR) {
			return SYSERR;
		}
	}
	page_copy(kmap(KMAP_DST, ffsaddr(nf)), kmap(KMAP_SRC, ffsaddr(f)));
	page_unmap(pid, va, f);
	pte_set(pid, va, pte, ffsaddr(nf) | PTE_P | PTE_W | PTE_IS_VMALLOC |
		PTE_D);
	proctab[pid].prvm->stats.cowcopies++;
	vmtotal.cowcopies++;
	if (vmpolicy->loaded != NULL) {
		vmpolicy->loaded(nf);
	}
	pageout_poke();
	return OK;
}
