/* unsleep.c - unsleep */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  unsleep  -  Take a sleeping process off the sleep list, keeping the
 *		delays of the processes after it right
 *------------------------------------------------------------------------
 */
status	unsleep(
	  pid32		pid		/* process to take off		*/
	)
{
	intmask	mask;
	struct	procent	*prptr;
	qid16	next;

	mask = disable();
	if (isbadpid(pid)) {
		restore(mask);
		return SYSERR;
	}
	prptr = &proctab[pid];
	if (prptr->prstate != PR_SLEEP && prptr->prstate != PR_RECTIM) {
		restore(mask);
		return SYSERR;
	}
	next = queuetab[pid].qnext;
	if (next < NPROC) {
		queuetab[next].qkey += queuetab[pid].qkey;
	}
	getitem(pid);
	restore(mask);
	return OK;
}
