/* xsh_vmdemo.c - xsh_vmdemo, vmdemo */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  vmdemo  -  A vcreate'd process for vmstat and vmmap to look at: it
 *	       reserves 'npages', touches every other one, frees nothing,
 *	       and sleeps a minute
 *------------------------------------------------------------------------
 */
local	process	vmdemo(int32 npages)
{
	char	*p;
	int32	i;

	p = vmalloc(npages * PAGE_SIZE);
	if (p == (char *)SYSERR) {
		printf("vmdemo: vmalloc of %d pages failed\n", npages);
		return SYSERR;
	}
	for (i = 0; i < npages; i += 2) {
		p[i * PAGE_SIZE] = 1;
	}
	sleep(60);
	return OK;
}

/*------------------------------------------------------------------------
 *  xsh_vmdemo  -  Start a vmdemo process and print its pid
 *------------------------------------------------------------------------
 */
shellcmd xsh_vmdemo(int32 nargs, char *args[])
{
	int32	npages;
	pid32	pid;

	if (nargs != 2) {
		return shusage(args[0]);
	}
	if (shnum(args[0], args[1], 1, VHEAP_PAGES, &npages) == SYSERR) {
		return SYSERR;
	}
	pid = vcreate(vmdemo, 8192, INITPRIO, "vmdemo", 1, npages);
	if (pid == SYSERR) {
		fprintf(stderr, "vmdemo: cannot create the process\n");
		return SYSERR;
	}
	printf("vmdemo: process %d reserves %d pages, touches %d\n", pid,
	       npages, (npages + 1) / 2);
	resume(pid);
	return OK;
}
