/* xsh_vmmap.c - xsh_vmmap */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  vmmap  -  Show a vcreate'd process's reserved heap runs and its
 *	      stacks, from one snapshot
 *------------------------------------------------------------------------
 */
local	status	vmmap(pid32 pid)
{
	struct	vminfo	info;
	struct	vmrunmap *mr;
	uint32	i;

	if (vm_info(pid, &info) == SYSERR || !info.vcreated) {
		return SYSERR;
	}
	printf("process %d: %d heap pages reserved, %d resident\n", pid,
	       info.heappages, info.nframes);
	for (i = 0; i < info.nruns; i++) {
		mr = &info.runs[i];
		printf("  heap   0x%08x-0x%08x %6d pages: %d resident, "
		       "%d swapped, %d untouched", mr->va,
		       mr->va + mr->npages * PAGE_SIZE - 1, mr->npages,
		       mr->resident, mr->swapped,
		       mr->npages - mr->resident - mr->swapped);
		if (mr->shared > 0) {
			printf("; %d shared (%d copy-on-write, %d a "
			       "store's)", mr->shared, mr->cow,
			       mr->shared - mr->cow);
		}
		printf("\n");
	}
	if (info.moreruns) {
		printf("  (only the first %d runs shown)\n", VMINFO_RUNS);
	}
	printf("  stacks 0x%08x-0x%08x %6d frames, a guard page below each\n",
	       info.stacktop, VSTACK_TOP - 1, info.nstkframes);
	return OK;
}

/*------------------------------------------------------------------------
 *  xsh_vmmap  -  Show the map of one vcreate'd process, or of all
 *------------------------------------------------------------------------
 */
shellcmd xsh_vmmap(int32 nargs, char *args[])
{
	int32	pid;

	if (nargs > 2) {
		return shusage(args[0]);
	}
	if (nargs == 2 &&
	    shnum(args[0], args[1], 0, SHELL_MAXNUM, &pid) == SYSERR) {
		return SYSERR;
	}
	if (nargs == 2) {
		if (vmmap(pid) == SYSERR) {
			fprintf(stderr, "vmmap: %s is not a vcreate'd process\n",
				args[1]);
			return SYSERR;
		}
		return OK;
	}
	for (pid = 0; pid < NPROC; pid++) {
		vmmap(pid);
	}
	return OK;
}
