/* ioabort.c - swap_ioabort, orphan_release */

#include <xinu.h>
#include <vm.h>

/*
 * Swap I/O cut short.  A transfer that blocks (disk swap) keeps its
 * frame busy (paging/frameio.c) while its process waits, and two things
 * can happen meanwhile: the process is killed (kill calls vmteardown,
 * which calls swap_ioabort first), or the page is freed (vfree, or its
 * process's teardown) and its frame becomes an orphan (FFS_ORPHAN),
 * which whoever ends the I/O gives back with the slot it keeps
 * (orphan_release: swap_in, evict_frame, swap_ioabort), but for a
 * write undone while others still hold the slot (a store, a PTE that
 * came during the write): the frame then holds the page's only good
 * copy, and is kept for them.  Both are
 * swap's to settle, since they decide what a slot holds; the frame
 * layer below only frees frames.
 */

/*------------------------------------------------------------------------
 *  orphan_release  -  Give back orphan frame 'f' (its page was freed
 *		       during its I/O, its process's counts with it) and
 *		       the slot it keeps (interrupts disabled)
 *------------------------------------------------------------------------
 */
void	orphan_release(int32 f)
{
	int32	slot = ffstab[f].slot;

	ffs_release(f);
	if (slot != NOSLOT) {
		swap_release(slot);	/* unless a PTE still holds it	*/
	}
	vm_freed(f);
}

/*------------------------------------------------------------------------
 *  swap_ioabort  -  Process 'pid' is being killed (interrupts off, in
 *		     kill, before its VM is torn down): undo the I/O it
 *		     has in flight.  The driver moves data through its
 *		     own buffer, so nothing reaches the frame afterwards.
 *		     A read leaves the page in its slot and frees the
 *		     frame, or, an exchange's whose page others hold,
 *		     gives it back to the victim (xchg_undo); a write
 *		     leaves the page in its frame, mapped and marked
 *		     dirty (the slot's copy is not good), or, if its
 *		     mappers let it go meanwhile while others still hold
 *		     the slot (a store, an xmmap made during the write),
 *		     kept for them, and gives the slot back if it was
 *		     an exchange's spare (xchg_unwrite); an exchange it
 *		     started ends (xchg_cancel)
 *------------------------------------------------------------------------
 */
void	swap_ioabort(pid32 pid)
{
	int32	f = frame_ioframe(pid);
	struct	ffsframe *fr;
	byte	io;

	if (f == SYSERR) {
		xchg_cancel(pid);	/* it may wait for another's read */
		return;
	}
	fr = &ffstab[f];
	io = fr->io;
	frame_iodone(f);
	if (fr->owner == FFS_ORPHAN &&
	    (io == FIO_READ || swap_refs(fr->slot) == 0)) {
		orphan_release(f);	/* its page is gone already	*/
	} else if (io == FIO_READ) {
		frame_unmap(f, fr->slot);	/* the PTE holds the slot */
		if (!xchg_undo(pid, f)) {	/* its victim back in it? */
			ffs_free(f);
			vm_freed(f);
		}
	} else {
		if (fr->owner == FFS_ORPHAN) {	/* others hold the slot	*/
			frame_keep(f);		/* but its copy is bad	*/
		} else {
			frame_remap(f, TRUE);
		}
		xchg_unwrite(f);	/* the spare goes back		*/
	}
	xchg_cancel(pid);		/* an exchange's promise goes	*/
	frame_iowake();			/* kill defers rescheduling	*/
}
