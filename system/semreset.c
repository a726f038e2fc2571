/* semreset.c - semreset */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  semreset  -  Set a semaphore's count, making every waiter ready
 *------------------------------------------------------------------------
 */
syscall	semreset(
	  sid32		sem,		/* semaphore to reset		*/
	  int32		count		/* new count, >= 0		*/
	)
{
	intmask	mask;
	struct	sentry	*semptr;
	qid16	semqueue;

	mask = disable();
	if (count < 0 || isbadsem(sem) || semtab[sem].sstate == S_FREE) {
		restore(mask);
		return SYSERR;
	}
	semptr = &semtab[sem];
	semqueue = semptr->squeue;
	resched_cntl(DEFER_START);
	while (nonempty(semqueue)) {
		ready(getfirst(semqueue));
	}
	semptr->scount = count;
	resched_cntl(DEFER_STOP);
	restore(mask);
	return OK;
}
