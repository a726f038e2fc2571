/* semcount.c - semcount */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  semcount  -  Return a semaphore's count
 *------------------------------------------------------------------------
 */
syscall	semcount(
	  sid32		sem		/* semaphore to read		*/
	)
{
	intmask	mask;
	int32	count;

	mask = disable();
	if (isbadsem(sem) || semtab[sem].sstate == S_FREE) {
		restore(mask);
		return SYSERR;
	}
	count = semtab[sem].scount;
	restore(mask);
	return count;
}
