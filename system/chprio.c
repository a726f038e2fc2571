/* chprio.c - chprio */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  chprio  -  Change a process's priority; returns the old one
 *------------------------------------------------------------------------
 */
pri16	chprio(
	  pid32		pid,		/* process ID			*/
	  pri16		newprio		/* new priority, > 0		*/
	)
{
	intmask	mask;
	struct	procent	*prptr;
	pri16	oldprio;

	mask = disable();
	if (isbadpid(pid) || pid == NULLPROC || newprio < 1) {
		restore(mask);
		return (pri16)SYSERR;
	}
	prptr = &proctab[pid];
	oldprio = prptr->prprio;
	prptr->prprio = newprio;
	if (prptr->prstate == PR_READY) {
		getitem(pid);
		insert(pid, readylist, newprio);
	}
	resched();
	restore(mask);
	return oldprio;
}
