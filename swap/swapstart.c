/* swapstart.c - swap_start, swapdev_name, pageout_start: the table of
		swap backends */

#include <xinu.h>
#include <vm.h>
#include <vmtable.h>
#include <seal.h>

/*
 * Swap's part of the boot, once the devices are up (sysinit calls
 * swap_start after vmminit): the backend the command line names
 * (vm.swapdev) if its start hook agrees, sealing (vm.swapcrypt,
 * sealdev.c), then the pageout daemon if asked.  Boot code only, kept
 * apart from the files the fault path calls: the fault path wakes the
 * daemon (pageout_poke) but never creates a process.  The table of
 * backends expands SWAPDEV_TABLE (vmtable.h); the first, RAM, is in
 * force until swap_start.
 */

#define	SWAPDEV_DECL(name)	extern const struct swapdev name##swap;
#define	SWAPDEV_ENTRY(name)	&name##swap,

SWAPDEV_TABLE(SWAPDEV_DECL)

const	struct	swapdev	*const swapdevs[] = {
	SWAPDEV_TABLE(SWAPDEV_ENTRY)	/* the default: first		*/
	NULL
};

local	void	pageout_start(void);

/*------------------------------------------------------------------------
 *  swapdev_name  -  Name of backend 'i' of the table, or NULL past the
 *		     last (for the command line)
 *------------------------------------------------------------------------
 */
const	char	*swapdev_name(int32 i)
{
	return swapdevs[i] != NULL ? swapdevs[i]->name : NULL;
}

/*------------------------------------------------------------------------
 *  swap_start  -  Once the devices are up: swap to the backend the
 *		   command line names (vm.swapdev=NAME) if its start hook
 *		   agrees, else keep the default; then seal the swap
 *		   (vm.swapcrypt, sealdev.c) and start the pageout daemon
 *		   if asked
 *------------------------------------------------------------------------
 */
void	swap_start(void)
{
	int32	i;

	for (i = 0; swapdevs[i] != NULL; i++) {
		if (strcmp(bootcfg.swapdev, swapdevs[i]->name) == 0 &&
		    (swapdevs[i]->start == NULL ||
		     swapdevs[i]->start() == OK)) {
			swapdev = swapdevs[i];
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
