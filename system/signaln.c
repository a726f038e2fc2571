/* signaln.c - signaln */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  signaln  -  Signal a semaphore 'count' times, rescheduling once
 *------------------------------------------------------------------------
 */
syscall	signaln(
	  sid32		sem,		/* semaphore to signal		*/
	  int32		count		/* times to signal, > 0		*/
	)
{
	intmask	mask;
	struct	sentry	*semptr;

	mask = disable();
	if (isbadsem(sem) || semtab[sem].sstate == S_FREE || count <= 0) {
		restore(mask);
		return SYSERR;
	}
	semptr = &semtab[sem];
	resched_cntl(DEFER_START);
	for (; count > 0; count--) {
		if ((semptr->scount++) < 0) {
			ready(dequeue(semptr->squeue));
		}
	}
	resched_cntl(DEFER_STOP);
	restore(mask);
	return OK;
}
