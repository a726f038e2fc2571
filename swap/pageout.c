/* pageout.c - pageout, pgo_idle, pageout_poke: the pageout daemon */

#include <xinu.h>
#include <vm.h>

/*
 * The pageout daemon (vm.swapper=on; off by default, so that faults
 * evict for themselves and the course's traces stay exact).  A system
 * process, flagged PRF_DAEMON | PRF_NOKILL, that sleeps until a fault
 * leaves fewer than pgo_lowater free FFS frames, then evicts pages the
 * policy chooses (writing the dirty ones) until pgo_hiwater frames are
 * free, or nothing more can go.  With disk swap its writes block it,
 * not the faulting processes, which then usually find a free frame at
 * once.  It never takes the last pgo_hiwater idle frames (in use, no
 * I/O in flight): when most frames are busy with disk reads, the idle
 * ones are the pages their processes have just brought in and not yet
 * touched, and evicting them would have those processes read them again
 * and again (eight processes on vm.ffs=8 sharing a store did, forever);
 * the faults then evict for themselves.  Defaults: 1 % and 3 % of FFS
 * (vm.lowater=N vm.hiwater=N), at least 1 and 2 frames; hiwater is kept
 * above lowater.
 *
 * It runs at a priority above user processes (PGO_PRIO), so that it
 * gets the CPU as soon as it is woken, and gives it up whenever its
 * disk writes block.  The boot starts it (pageout_start, swapstart.c);
 * the fault path only pokes it, and never creates a process.
 */

pid32	pageoutpid = SYSERR;		/* the daemon, if it runs	*/
uint32	pgo_lowater, pgo_hiwater;	/* free-frame watermarks	*/
struct	pgostats pgostats;		/* its work			*/
sid32	pgosem;				/* it sleeps here		*/
local	bool8	pgoasleep;		/* it waits on pgosem		*/

/*------------------------------------------------------------------------
 *  pgo_idle  -  Frames in use with no I/O in flight: those it may evict
 *------------------------------------------------------------------------
 */
local	uint32	pgo_idle(void)
{
	return ffs_limit - free_ffs_pages() - frame_nio;
}

/*------------------------------------------------------------------------
 *  pageout  -  The daemon: wait for a poke, evict up to the high mark
 *------------------------------------------------------------------------
 */
process	pageout(void)
{
	intmask	mask;

	mask = disable();		/* eviction runs with it off	*/
	for (;;) {
		pgoasleep = TRUE;
		wait(pgosem);
		pgostats.wakeups++;
		while (free_ffs_pages() < pgo_hiwater && pgo_idle() >
		       pgo_hiwater && swap_evict(&pgostats) == OK) {
			;
		}
	}
	restore(mask);
	return OK;
}

/*------------------------------------------------------------------------
 *  pageout_poke  -  A fault took a frame (interrupts off, its page
 *		     mapped): wake the daemon if FFS fell below the low
 *		     watermark and it sleeps
 *------------------------------------------------------------------------
 */
void	pageout_poke(void)
{
	if (isbadpid(pageoutpid) || !pgoasleep ||
	    free_ffs_pages() >= pgo_lowater) {
		return;
	}
	pgoasleep = FALSE;
	signal(pgosem);
}
