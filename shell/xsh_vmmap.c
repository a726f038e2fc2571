/* xsh_vmmap.c - xsh_vmmap */

#include <xinu.h>
#include <shell.h>

#define	MAPRUNS	32		/* heap runs shown at most		*/

struct	maprun	{		/* one reserved run, as printed		*/
	uint32	va;		/* first address			*/
	uint32	npages;
	uint32	resident;	/* pages with a frame			*/
	uint32	swapped;	/* pages in a swap slot			*/
};

/*------------------------------------------------------------------------
 *  maprun_count  -  Count the resident and swapped pages of a run
 *------------------------------------------------------------------------
 */
local	void	maprun_count(pde_t *pd, struct maprun *mr)
{
	uint32	i;
	pte_t	*pte;

	mr->resident = mr->swapped = 0;
	for (i = 0; i < mr->npages; i++) {
		pte = pte_lookup(pd, mr->va + i * PAGE_SIZE);
		mr->resident += (*pte & PTE_P) != 0;
		mr->swapped += (*pte & PTE_IS_SWAPPED) != 0;
	}
}

/*------------------------------------------------------------------------
 *  vmmap  -  Show a vcreate'd process's reserved heap runs (the gaps
 *	      between its free runs) and its stacks; everything is gathered
 *	      with interrupts off, then printed
 *------------------------------------------------------------------------
 */
local	status	vmmap(pid32 pid)
{
	struct	maprun	runs[MAPRUNS];
	struct	vmproc	*vm, vmc;
	struct	vrun	*run;
	int32	n = 0, i;
	uint32	next = VHEAP_FIRST, start;
	intmask	mask;

	mask = disable();
	if (isbadpid(pid) || !isvcreated(pid)) {
		restore(mask);
		return SYSERR;
	}
	vm = proctab[pid].prvm;
	for (run = vm->freeruns; n < MAPRUNS; run = run->next) {
		start = (run == NULL) ? VHEAP_FIRST + VHEAP_PAGES : run->start;
		if (start > next) {
			runs[n].va = next << PAGE_SHIFT;
			runs[n].npages = start - next;
			maprun_count((pde_t *)proctab[pid].prpdbr, &runs[n++]);
		}
		if (run == NULL) {
			break;
		}
		next = run->start + run->npages;
	}
	vmc = *vm;
	restore(mask);

	printf("process %d: %d heap pages reserved, %d resident\n", pid,
	       vmc.heappages, vmc.nframes);
	for (i = 0; i < n; i++) {
		printf("  heap   0x%08x-0x%08x %6d pages: %d resident, "
		       "%d swapped, %d untouched\n", runs[i].va,
		       runs[i].va + runs[i].npages * PAGE_SIZE - 1,
		       runs[i].npages, runs[i].resident, runs[i].swapped,
		       runs[i].npages - runs[i].resident - runs[i].swapped);
	}
	if (n == MAPRUNS) {
		printf("  (only the first %d runs shown)\n", MAPRUNS);
	}
	printf("  stacks 0x%08x-0x%08x %6d frames, a guard page below each\n",
	       vmc.stacktop, VSTACK_TOP - 1, vmc.nstkframes);
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
