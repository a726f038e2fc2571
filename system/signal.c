/* signal.c - signal */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  signal  -  Increment a semaphore, releasing a waiter if there is one
 *------------------------------------------------------------------------
 */
syscall	signal(
	  sid32		sem		/* semaphore to signal		*/
	)
{
	intmask	mask;
	struct	sentry	*semptr;

	mask = disable();
	if (isbadsem(sem) || semtab[sem].sstate == S_FREE) {
		restore(mask);
		return SYSERR;
	}
	semptr = &semtab[sem];
	if ((semptr->scount++) < 0) {
		ready(dequeue(semptr->squeue));
	}
	restore(mask);
	return OK;
}
