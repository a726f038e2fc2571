/* procinit.c - procname, procinit, initstack, newpid */

#include <xinu.h>

/*
 * What create and vcreate share: a free process table entry, its fields,
 * and the first frame on a new stack.
 */

/*------------------------------------------------------------------------
 *  procname  -  Copy a new process's 'name' (NULL: none) into 'buf', of
 *		 PNMLEN bytes; FALSE when the caller may not read it.
 *		 create and vcreate call it before they take anything: the
 *		 name may lie on a heap page in swap, and a copy that
 *		 blocks for the disk and is killed there must hold nothing
 *------------------------------------------------------------------------
 */
bool8	procname(char *buf, const char *name)
{
	int32	i;

	if (name != NULL && !strok(name, PNMLEN - 1)) {
		return FALSE;
	}
	for (i = 0; i < PNMLEN - 1 && name != NULL && name[i] != NULLCH;
	     i++) {
		buf[i] = name[i];
	}
	buf[i] = NULLCH;
	return TRUE;
}

/*------------------------------------------------------------------------
 *  procinit  -  Fill the table entry of a new suspended process, named
 *		 by 'name' (procname's copy)
 *------------------------------------------------------------------------
 */
void	procinit(pid32 pid, char *saddr, uint32 ssize, pri16 priority,
		 const char *name)
{
	struct	procent	*prptr = &proctab[pid];

	prcount++;
	prptr->prstate = PR_SUSP;
	prptr->prprio = priority;
	prptr->prstkbase = saddr;
	prptr->prstklen = ssize;
	memcpy(prptr->prname, name, PNMLEN);
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
