/* recvclr.c - recvclr */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  recvclr  -  Return a waiting message, or OK if there is none
 *------------------------------------------------------------------------
 */
umsg32	recvclr(void)
{
	intmask	mask;
	umsg32	msg;

	mask = disable();
	msg = proctab[currpid].prhasmsg ? takemsg(currpid) : (umsg32)OK;
	restore(mask);
	return msg;
}
