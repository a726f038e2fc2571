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
	struct	vmproc	vm;
	struct	vmstats	t;
	char	name[PNMLEN];
	intmask	mask;
	pid32	pid;
	bool8	live;

	if (nargs != 1) {
		return shusage(args[0]);
	}
	mask = disable();
	t = vmtotal;
	restore(mask);
	printf("FFS      %6d of %6d frames used\n",
	       ffs_limit - free_ffs_pages(), ffs_limit);
	printf("swap     %6d of %6d slots used\n",
	       swap_limit - free_swap_pages(), swap_limit);
	printf("PD/PT    %6d of %6d frames used\n",
	       MAX_PT_SIZE - pdpt_free_count(), MAX_PT_SIZE);
	printf("vstacks  %6d of %6d frames used\n",
	       MAX_VSTK_SIZE - free_vstk_frames(), MAX_VSTK_SIZE);
	printf("policy   %s, debug_swapping %d\n", vmpolicy->name,
	       debug_swapping);
	printf("faults   %d first-touch, %d swap-in, %d killed\n", t.lazy,
	       t.swapins, t.killed);
	printf("evicted  %d clean, %d dirty (written back)\n", t.evict_clean,
	       t.evict_dirty);
	printf("\npid name             heap frames slots stack   lazy swapin"
	       "  clean  dirty\n");
	for (pid = 0; pid < NPROC; pid++) {
		mask = disable();
		live = proctab[pid].prstate != PR_FREE && isvcreated(pid);
		if (live) {
			vm = *proctab[pid].prvm;
			memcpy(name, proctab[pid].prname, PNMLEN);
		}
		restore(mask);
		if (live) {
			printf("%3d %-16s %5d %6d %5d %5d %6d %6d %6d %6d\n", pid,
			       name, vm.heappages, vm.nframes, vm.nslots,
			       vm.nstkframes, vm.stats.lazy, vm.stats.swapins,
			       vm.stats.evict_clean, vm.stats.evict_dirty);
		}
	}
	return OK;
}
