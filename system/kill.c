/* kill.c - kill */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  kill  -  End a process: free its resources, tell its parent
 *------------------------------------------------------------------------
 */
syscall	kill(
	  pid32		pid		/* process to kill		*/
	)
{
	intmask	mask;
	struct	procent	*prptr;
	int32	i;

	mask = disable();
	if (isbadpid(pid) || pid == NULLPROC) {
		restore(mask);
		return SYSERR;
	}
	prptr = &proctab[pid];
	if (prptr->prvm == NULL && *stklimit(prptr) != STACKMAGIC) {
		kprintf("P%d:: STACK_OVERFLOW (%s overran its %d-byte stack)\n",
			pid, prptr->prname, prptr->prstklen);
	}
	if (--prcount <= 1) {		/* the last user process ends	*/
		xdone();
	}
	childdone(prptr->prparent, pid);
	dropnotes(pid);
	for (i = 0; i < NDESC; i++) {
		close(prptr->prdesc[i]);
	}
	if (prptr->prvm != NULL) {
		vmteardown(pid);
	} else {
		freestk(prptr->prstkbase, prptr->prstklen);
	}

	switch (prptr->prstate) {
	case PR_CURR:
		prptr->prstate = PR_FREE;	/* suicide		*/
		resched();
		break;				/* not reached		*/

	case PR_SLEEP:
	case PR_RECTIM:
		unsleep(pid);
		prptr->prstate = PR_FREE;
		break;

	case PR_WAIT:
		semtab[prptr->prsem].scount++;
		/* fall through */
	case PR_READY:
		getitem(pid);
		/* fall through */
	default:
		prptr->prstate = PR_FREE;
	}
	restore(mask);
	return OK;
}
