/* create.c - create, newproc */

#include <xinu.h>

local	pid32	newproc(void *, uint32, pri16, char *, uint32, va_list);

/*------------------------------------------------------------------------
 *  create  -  Create a suspended process that will run 'funcaddr'
 *------------------------------------------------------------------------
 */
pid32	create(
	  void		*funcaddr,	/* first instruction		*/
	  uint32	ssize,		/* stack size in bytes		*/
	  pri16		priority,	/* process priority, > 0	*/
	  char		*name,		/* name (for debugging)		*/
	  uint32	nargs,		/* number of arguments		*/
	  ...
	)
{
	va_list	ap;
	pid32	pid;

	va_start(ap, nargs);
	pid = newproc(funcaddr, ssize, priority, name, nargs, ap);
	va_end(ap);
	return pid;
}

/*------------------------------------------------------------------------
 *  newproc  -  create() with a va_list: a suspended process on a
 *		kernel stack in the kernel's address space
 *------------------------------------------------------------------------
 */
local	pid32	newproc(void *funcaddr, uint32 ssize, pri16 priority, char *name,
		uint32 nargs, va_list ap)
{
	intmask	mask;
	pid32	pid;
	char	*saddr;
	char	pname[PNMLEN];		/* the name, copied first	*/

	mask = disable();
	if (!procname(pname, name)) {
		kprintf("create: bad name 0x%x\n", (uint32)name);
		restore(mask);
		return SYSERR;
	}
	ssize = (uint32)roundmb(ssize < MINSTK ? MINSTK : ssize);
	if (priority < 1 || funcaddr == NULL || nargs > MAXARGS ||
	    (pid = newpid()) == SYSERR ||
	    (saddr = getstk(ssize)) == (char *)SYSERR) {
		restore(mask);
		return SYSERR;
	}
	procinit(pid, saddr, ssize, priority, pname);
	*stklimit(&proctab[pid]) = STACKMAGIC;
	proctab[pid].prpdbr = kernel_pdbr;
	proctab[pid].prstkptr = initstack((uint32 *)saddr, funcaddr,
				nargs, ap);
	restore(mask);
	return pid;
}
