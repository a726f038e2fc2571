/* send.c - send */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  send  -  Pass a message to a process; fails if it already has one
 *------------------------------------------------------------------------
 */
syscall	send(
	  pid32		pid,		/* receiver			*/
	  umsg32	msg		/* message			*/
	)
{
	intmask	mask;
	struct	procent	*prptr;

	mask = disable();
	if (isbadpid(pid)) {
		restore(mask);
		return SYSERR;
	}
	prptr = &proctab[pid];
	if (prptr->prhasmsg) {
		restore(mask);
		return SYSERR;
	}
	prptr->prmsg = msg;
	prptr->prhasmsg = TRUE;
	if (prptr->prstate == PR_RECV) {
		ready(pid);
	} else if (prptr->prstate == PR_RECTIM) {
		unsleep(pid);
		ready(pid);
	}
	restore(mask);
	return OK;
}
