/* recvtime.c - recvtime */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  recvtime  -  Wait at most 'maxwait' ms for a message; TIMEOUT if
 *		 none arrives
 *------------------------------------------------------------------------
 */
umsg32	recvtime(
	  int32		maxwait		/* ms to wait, >= 0		*/
	)
{
	intmask	mask;
	struct	procent	*prptr;
	umsg32	msg;

	mask = disable();
	if (maxwait < 0) {
		restore(mask);
		return SYSERR;
	}
	prptr = &proctab[currpid];
	if (!prptr->prhasmsg) {
		if (insertd(currpid, sleepq, maxwait) == SYSERR) {
			restore(mask);
			return SYSERR;
		}
		prptr->prstate = PR_RECTIM;
		resched();
	}
	msg = prptr->prhasmsg ? takemsg(currpid) : (umsg32)TIMEOUT;
	restore(mask);
	return msg;
}
