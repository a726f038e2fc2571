/* frameio.c - frame_ioinit, frame_iostart, frame_iodone, frame_iowake,
	       frame_iowait, frame_ioframe */

#include <xinu.h>
#include <vm.h>

/*
 * Swap I/O that blocks (the disk backend).  A process moving a page
 * between a frame and a slot marks the frame busy (ffstab[f].io) for as
 * long as it waits, and the page's PTE holds the frame, not present,
 * with PTE_IN_IO.  Everything else keeps away from a busy frame: FFS
 * does not hand it out (it stays taken), policies and reclaim_slot skip
 * it, and a fault on its page waits in frame_iowait.  A process has at
 * most one I/O in flight (it blocks in it), recorded in iofr[] so that
 * kill can undo it (swap_ioabort, swap/ioabort.c: undoing a transfer is
 * swap's business, this file only keeps the frames' side).
 *
 * Waiting is a broadcast: every waiter sleeps on one semaphore and is
 * woken when any I/O ends, then looks at its page again.  Few processes
 * wait at once, and a waiter need not know which frame it waits for
 * (its page may even change frame meanwhile).
 */

uint32	frame_nio;			/* frames with I/O in flight	*/
local	sid32	iosem = SYSERR;		/* waiters for any I/O's end	*/
local	int32	iofr[NPROC];		/* frame of a process's I/O	*/

/*------------------------------------------------------------------------
 *  frame_ioinit  -  No I/O in flight (at boot)
 *------------------------------------------------------------------------
 */
void	frame_ioinit(void)
{
	int32	i;

	for (i = 0; i < NPROC; i++) {
		iofr[i] = SYSERR;
	}
	frame_nio = 0;
	if (iosem == SYSERR && (iosem = semcreate(0)) == SYSERR) {
		panic("frame_ioinit: no semaphore");
	}
}

/*------------------------------------------------------------------------
 *  frame_iostart  -  The current process starts I/O 'io' on frame 'f',
 *		      whose page's PTE the caller has made PTE_IN_IO
 *------------------------------------------------------------------------
 */
void	frame_iostart(int32 f, byte io)
{
	assert(!frame_busy(f) && iofr[currpid] == SYSERR);
	ffstab[f].io = io;
	ffstab[f].iopid = currpid;
	iofr[currpid] = f;
	frame_nio++;
}

/*------------------------------------------------------------------------
 *  frame_iodone  -  The I/O on frame 'f' has ended: the frame is no
 *		     longer busy.  Nothing reschedules here: the caller
 *		     sets the page's PTE and frees or keeps the frame, and
 *		     only then wakes the waiters (frame_iowake); were
 *		     another process to run in between, it would find an
 *		     idle frame whose PTE still says PTE_IN_IO
 *------------------------------------------------------------------------
 */
void	frame_iodone(int32 f)
{
	assert(frame_busy(f));
	iofr[ffstab[f].iopid] = SYSERR;
	ffstab[f].io = FIO_NONE;
	ffstab[f].iopid = SYSERR;
	frame_nio--;
}

/*------------------------------------------------------------------------
 *  frame_iowake  -  Wake every process waiting for an I/O to end (they
 *		     look at their pages again); may reschedule
 *------------------------------------------------------------------------
 */
void	frame_iowake(void)
{
	int32	n = -semtab[iosem].scount;

	if (n > 0) {
		signaln(iosem, n);
	}
}

/*------------------------------------------------------------------------
 *  frame_iowait  -  Block until some I/O ends (interrupts off); the
 *		     caller then looks at its page again
 *------------------------------------------------------------------------
 */
void	frame_iowait(void)
{
	vmtotal.iowaits++;
	if (proctab[currpid].prvm != NULL) {
		proctab[currpid].prvm->stats.iowaits++;
	}
	wait(iosem);
}

/*------------------------------------------------------------------------
 *  frame_ioframe  -  The frame of the I/O process 'pid' has in flight,
 *		      or SYSERR when it has none
 *------------------------------------------------------------------------
 */
int32	frame_ioframe(pid32 pid)
{
	return iofr[pid];
}
