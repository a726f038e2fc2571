/* wait.c - wait */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  wait  -  Decrement a semaphore, blocking while its count is negative
 *------------------------------------------------------------------------
 */
syscall	wait(
	  sid32		sem		/* semaphore to wait on		*/
	)
{
	intmask	mask;
	struct	procent	*prptr;
	struct	sentry	*semptr;

	mask = disable();
	if (isbadsem(sem) || semtab[sem].sstate == S_FREE) {
		restore(mask);
		return SYSERR;
	}
	semptr = &semtab[sem];
	if (--(semptr->scount) < 0) {
		prptr = &proctab[currpid];
		prptr->prstate = PR_WAIT;
		prptr->prsem = sem;
		enqueue(currpid, semptr->squeue);
		resched();
	}
	restore(mask);
	return OK;
}
