/* resched.c - resched, resched_cntl */

#include <xinu.h>

struct	defer	Defer;

/*------------------------------------------------------------------------
 *  resched  -  Give the CPU to the highest-priority eligible process
 *		(assumes interrupts are disabled)
 *------------------------------------------------------------------------
 */
void	resched(void)
{
	struct	procent	*ptold, *ptnew;

	if (Defer.ndefers > 0) {
		Defer.attempt = TRUE;
		return;
	}
	ptold = &proctab[currpid];
	if (ptold->prstate == PR_CURR) {
		/* Keep running only if everyone waiting is worse: as in
		 * Xinu, an equal that is waiting runs at every reschedule
		 * (the end of a quantum, or a process made ready)	*/
		if (ptold->prprio > firstkey(readylist)) {
			return;
		}
		ptold->prstate = PR_READY;
		insert(currpid, readylist, ptold->prprio);
	}
	currpid = dequeue(readylist);
	ptnew = &proctab[currpid];
	ptnew->prstate = PR_CURR;
	preempt = QUANTUM;
	if (ptnew != ptold) {
		ctxsw(&ptold->prstkptr, &ptnew->prstkptr, ptnew->prpdbr);
	}
}

/*------------------------------------------------------------------------
 *  resched_cntl  -  Defer rescheduling or end a deferral
 *------------------------------------------------------------------------
 */
status	resched_cntl(
	  int32		defer		/* DEFER_START or DEFER_STOP	*/
	)
{
	switch (defer) {
	case DEFER_START:
		if (Defer.ndefers++ == 0) {
			Defer.attempt = FALSE;
		}
		return OK;
	case DEFER_STOP:
		if (Defer.ndefers <= 0) {
			return SYSERR;
		}
		if (--Defer.ndefers == 0 && Defer.attempt) {
			resched();
		}
		return OK;
	default:
		return SYSERR;
	}
}
