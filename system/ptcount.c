/* ptcount.c - ptcount */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ptcount  -  Return the number of messages in a port, or minus the
 *		number of receivers waiting when it is empty
 *------------------------------------------------------------------------
 */
int32	ptcount(
	  int32		portid		/* port to look at		*/
	)
{
	intmask	mask;
	int32	count;

	mask = disable();
	if (isbadport(portid) || porttab[portid].ptstate != PT_ALLOC) {
		restore(mask);
		return SYSERR;
	}
	count = semcount(porttab[portid].ptrsem);
	restore(mask);
	return count;
}
