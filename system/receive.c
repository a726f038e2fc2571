/* receive.c - receive */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  receive  -  Wait for a message and return it
 *------------------------------------------------------------------------
 */
umsg32	receive(void)
{
	intmask	mask;
	struct	procent	*prptr;
	umsg32	msg;

	mask = disable();
	prptr = &proctab[currpid];
	if (!prptr->prhasmsg) {
		prptr->prstate = PR_RECV;
		resched();
	}
	msg = takemsg(currpid);
	restore(mask);
	return msg;
}
