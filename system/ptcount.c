/* ptcount.c - ptcount */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ptcount  -  Return the number of messages in a port, counting those
 *		of senders blocked on a full port as Xinu does, or minus
 *		the number of receivers waiting when it is empty
 *------------------------------------------------------------------------
 */
int32	ptcount(
	  int32		portid		/* port to look at		*/
	)
{
	intmask	mask;
	int32	count, senders;

	mask = disable();
	if (isbadport(portid) || porttab[portid].ptstate != PT_ALLOC) {
		restore(mask);
		return SYSERR;
	}
	count = semcount(porttab[portid].ptrsem);
	senders = semcount(porttab[portid].ptssem);
	if (senders < 0) {
		count -= senders;	/* one message each		*/
	}
	restore(mask);
	return count;
}
