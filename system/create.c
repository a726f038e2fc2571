/* create.c - create, newproc, procinit, initstack, newpid */

#include <xinu.h>


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
 *  newproc  -  create() with a va_list, for create and vcreate: a
 *		suspended process on a kernel stack in the kernel's
 *		address space
 *------------------------------------------------------------------------
 */
pid32	newproc(void *funcaddr, uint32 ssize, pri16 priority, char *name,
		uint32 nargs, va_list ap)
{
	intmask	mask;
	pid32	pid;
	char	*saddr;

	mask = disable();
	if (name != NULL && !strok(name, PNMLEN - 1)) {
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
	procinit(pid, saddr, ssize, priority, name);
	*stklimit(&proctab[pid]) = STACKMAGIC;
	proctab[pid].prpdbr = kernel_pdbr;
	proctab[pid].prstkptr = initstack((uint32 *)saddr, funcaddr,
				nargs, ap);
	restore(mask);
	return pid;
}

/*------------------------------------------------------------------------
 *  procinit  -  Fill the table entry of a new suspended process
 *------------------------------------------------------------------------
 */
void	procinit(pid32 pid, char *saddr, uint32 ssize, pri16 priority,
		 char *name)
{
	struct	procent	*prptr = &proctab[pid];
	int32	i;

	prcount++;
	prptr->prstate = PR_SUSP;
	prptr->prprio = priority;
	prptr->prstkbase = saddr;
	prptr->prstklen = ssize;
	for (i = 0; i < PNMLEN - 1 && name != NULL && name[i] != NULLCH;
	     i++) {
		prptr->prname[i] = name[i];
	}
	prptr->prname[i] = NULLCH;
	prptr->prsem = -1;
	prptr->prparent = (pid32)getpid();
	prptr->prhasmsg = FALSE;
	prptr->prdesc[0] = CONSOLE;
	prptr->prdesc[1] = CONSOLE;
	prptr->prdesc[2] = CONSOLE;
	prptr->prvm = NULL;
	prptr->prflags = 0;
}

/*------------------------------------------------------------------------
 *  initstack  -  Lay out a new stack so that ctxsw "returns" into the
 *		  process's function with its arguments, and the function's
 *		  own return goes to userret.  'top' is the stack's highest
 *		  word; it may be an alias mapping of the real stack, so
 *		  the saved pointer is translated by the caller if needed.
 *		  The top STKSLACK bytes stay zero and unused, so code that
 *		  reads a little above its caller's frame (__builtin_apply)
 *		  still reads the process's own stack.
 *------------------------------------------------------------------------
 */
char	*initstack(uint32 *top, void *funcaddr, uint32 nargs, va_list ap)
{
	uint32	*slack = top + 1 - STKSLACK / sizeof(uint32);
	uint32	*base = slack - nargs;
	uint32	*sp;
	uint32	i;

	for (sp = slack; sp <= top; sp++) {
		*sp = 0;		/* the slack: never used	*/
	}
	sp = base;
	for (i = 0; i < nargs; i++) {
		base[i] = va_arg(ap, uint32);
	}
	*--sp = (uint32)INITRET;	/* where the function returns	*/
	*--sp = (uint32)funcaddr;	/* where ctxsw "returns"	*/
	*--sp = 0;			/* ebp				*/
	*--sp = EFLAGS_IF;		/* eflags: interrupts on	*/
	for (i = 0; i < 8; i++) {
		*--sp = 0;		/* eax ... edi for popal	*/
	}
	return (char *)sp;
}

/*------------------------------------------------------------------------
 *  newpid  -  Find a free process table entry
 *------------------------------------------------------------------------
 */
pid32	newpid(void)
{
	static	pid32	nextpid = 1;	/* next slot to look at		*/
	uint32	i;
	pid32	pid;

	for (i = 0; i < NPROC; i++) {
		pid = nextpid;
		nextpid = (nextpid + 1) % NPROC;
		if (pid != NULLPROC && proctab[pid].prstate == PR_FREE) {
			return pid;
		}
	}
	return SYSERR;
}
