/* xsh_vmstat.c - xsh_vmstat */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_vmstat  -  Show the use of FFS, swap, the PD/PT region and the
 *		   stack area, the fault counts, and each vcreate'd
 *		   process's share
 *------------------------------------------------------------------------
 */
shellcmd xsh_vmstat(int32 nargs, char *args[])
{
	struct	vminfo	info;
	struct	vmstats	*t = &info.total, *s = &info.stats;
	pid32	pid;

	if (nargs != 1) {
		return shusage(args[0]);
	}
	vm_info(getpid(), &info);
	printf("FFS      %6d of %6d frames used\n", info.ffs_used,
	       info.ffs_limit);
	printf("swap     %6d of %6d slots used", info.swap_used,
	       info.swap_limit);
	if (info.swap_reserve != SYSERR) {
		printf(" (reserve: slot %d)", info.swap_reserve);
	}
	printf("\n");
	printf("PD/PT    %6d of %6d frames used\n", info.pdpt_used,
	       MAX_PT_SIZE);
	printf("vstacks  %6d of %6d frames used\n", info.vstk_used,
	       MAX_VSTK_SIZE);
	printf("policy   %s, debug_swapping %d\n", info.policy,
	       debug_swapping);
	printf("faults   %d first-touch, %d swap-in, %d killed\n", t->lazy,
	       t->swapins, t->killed);
	printf("evicted  %d clean, %d dirty (written back)\n", t->evict_clean,
	       t->evict_dirty);
	if (t->joins + t->cowcopies + t->cowkeeps > 0) {
		printf("shared   %d faults joined a frame another brought in; "
		       "writes: %d copied, %d made writable\n", t->joins,
		       t->cowcopies, t->cowkeeps);
	}
	if (strcmp(info.swapdev, "ram") != 0) {
		printf("swapdev  %s, %d waits for another's swap I/O\n",
		       info.swapdev, t->iowaits);
	}
	if (info.swapcrypt) {
		printf("sealed   %d pages out, %d opened, %d did not open "
		       "(%d slots retired)\n", info.sealed, info.opened,
		       info.sealfails, info.retired);
	}
	if (info.swapper) {
		printf("pageout  free %d-%d: %d wake-ups, %d scanned, "
		       "%d cleaned, %d freed\n", info.lowater, info.hiwater,
		       info.pageout.wakeups, info.pageout.scanned,
		       info.pageout.cleaned, info.pageout.freed);
	}
	printf("\npid name             heap frames slots stack   lazy swapin"
	       "  clean  dirty\n");
	for (pid = 0; pid < NPROC; pid++) {
		if (vm_info(pid, &info) == OK && info.vcreated) {
			printf("%3d %-16s %5d %6d %5d %5d %6d %6d %6d %6d\n", pid,
			       info.name, info.heappages, info.nframes,
			       info.nslots, info.nstkframes, s->lazy,
			       s->swapins, s->evict_clean, s->evict_dirty);
		}
	}
	return OK;
}
