/* recvclr.c - recvclr */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  recvclr  -  Empty the caller's mailbox: the message slot and every
 *		kept child-death note; return the message that was in
 *		the slot, or OK if there was none
 *------------------------------------------------------------------------
 */
umsg32	recvclr(void)
{
	intmask	mask;
	struct	procent	*prptr;
	umsg32	msg = (umsg32)OK;

	mask = disable();
	prptr = &proctab[currpid];
	if (prptr->prhasmsg) {
		msg = prptr->prmsg;
		prptr->prhasmsg = FALSE;
	}
	dropnotes(currpid);
	restore(mask);
	return msg;
}
