/* semdelete.c - semdelete */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  semdelete  -  Free a semaphore, making every waiter ready
 *------------------------------------------------------------------------
 */
syscall	semdelete(
	  sid32		sem		/* semaphore to delete		*/
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
	semptr->sstate = S_FREE;
	resched_cntl(DEFER_START);
	while (semptr->scount++ < 0) {
		ready(getfirst(semptr->squeue));
	}
	resched_cntl(DEFER_STOP);
	restore(mask);
	return OK;
}
