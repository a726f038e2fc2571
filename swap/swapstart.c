/* swapstart.c - swap_start, pageout_start */

#include <xinu.h>
#include <vm.h>
#include <seal.h>

/*
 * Swap's part of the boot, once the devices are up (sysinit calls
 * swap_start after vmminit): the disk backend if the command line asks
 * for it, sealing (vm.swapcrypt, sealdev.c), then the pageout daemon if
 * asked.  Boot code only, kept apart
 * from the files the fault path calls: the fault path wakes the daemon
 * (pageout_poke) but never creates a process.
 */

local	void	pageout_start(void);

/*------------------------------------------------------------------------
 *  swap_start  -  Once the devices are up: swap to DISK0 if the command
 *		   line asks (vm.swapdev=disk) and the disk is there and
 *		   holds every slot, else say why in one line and keep
 *		   RAM swap; the block after the slots, if the disk has
 *		   it, is the reserve (see slots.c); then seal the swap
 *		   (vm.swapcrypt, sealdev.c) and start the pageout daemon
 *		   if asked
 *------------------------------------------------------------------------
 */
void	swap_start(void)
{
	struct	atacblk	*atptr = &atatab[devtab[DISK0].dvminor];
	uint32	nblocks = atptr->atsectors / ATA_BLKSECT;

	if (strcmp(bootcfg.swapdev, "disk") == 0) {
		if (!atptr->atpresent) {
			kprintf("vm.swapdev=disk: no disk on DISK0, swapping"
				" to RAM\n");
		} else if (nblocks < swap_limit) {
			kprintf("vm.swapdev=disk: DISK0 holds %d pages, swap"
				" needs %d; swapping to RAM\n", nblocks,
				swap_limit);
		} else {
			swapdev = &diskswap;
			if (nblocks > swap_limit) {
				swap_addreserve();	/* SYSERR: past	*/
			}				/* the swap area */
			/* Programs keep off swap's blocks, the reserve too */
			control(DISK0, ATA_CTL_SWAPBLKS, swap_limit +
				(swap_reserve() != SYSERR), 0);
		}
	}
	seal_start();
	pageout_start();
}

/*------------------------------------------------------------------------
 *  pageout_start  -  Set the watermarks and start the daemon when the
 *		      command line asks (vm.swapper=on)
 *------------------------------------------------------------------------
 */
local	void	pageout_start(void)
{
	pgo_lowater = bootcfg.lowater >= 0 ? (uint32)bootcfg.lowater
					   : ffs_limit / 100;
	if (pgo_lowater < 1) {
		pgo_lowater = 1;
	}
	pgo_hiwater = bootcfg.hiwater >= 0 ? (uint32)bootcfg.hiwater
					   : ffs_limit * 3 / 100;
	if (pgo_hiwater <= pgo_lowater) {
		pgo_hiwater = pgo_lowater + 1;
	}
	if (pgo_hiwater > ffs_limit) {
		pgo_hiwater = ffs_limit;
	}
	memset(&pgostats, 0, sizeof(pgostats));
	if (strcmp(bootcfg.swapper, "on") != 0) {
		return;
	}
	pgosem = semcreate(0);
	pageoutpid = create(pageout, INITSTK, PGO_PRIO, "pageout", 0);
	if (pgosem == SYSERR || pageoutpid == SYSERR) {
		panic("cannot start the pageout daemon");
	}
	proctab[pageoutpid].prflags = PRF_DAEMON | PRF_NOKILL;
	resume(pageoutpid);
}
