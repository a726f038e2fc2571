/* ready.c - ready */

#include <xinu.h>

qid16	readylist;			/* ready processes, by priority	*/

/*------------------------------------------------------------------------
 *  ready  -  Make a process eligible for the CPU and reschedule
 *------------------------------------------------------------------------
 */
status	ready(
	  pid32		pid		/* process to make ready	*/
	)
{
	struct	procent	*prptr;

	if (isbadpid(pid)) {
		return SYSERR;
	}
	prptr = &proctab[pid];
	prptr->prstate = PR_READY;
	insert(pid, readylist, prptr->prprio);
	resched();
	return OK;
}
