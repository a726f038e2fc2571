/* kill.c - kill */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  lastuser  -  Is 'pid' the only user process left (every other live
 *		 process being the null process or a daemon)?
 *------------------------------------------------------------------------
 */
local	bool8	lastuser(pid32 pid)
{
	pid32	i;

	for (i = 0; i < NPROC; i++) {
		if (i != pid && i != NULLPROC &&
		    proctab[i].prstate != PR_FREE &&
		    (proctab[i].prflags & PRF_DAEMON) == 0) {
			return FALSE;
		}
	}
	return TRUE;
}

/*------------------------------------------------------------------------
 *  kill  -  End a process: free its resources, tell its parent (the
 *	     null process and daemons flagged PRF_NOKILL cannot be killed)
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
	if (isbadpid(pid) || pid == NULLPROC ||
	    (proctab[pid].prflags & PRF_NOKILL)) {
		restore(mask);
		return SYSERR;
	}
	prptr = &proctab[pid];
	if (pid == netpid) {
		netpid = SYSERR;	/* the network stops with it	*/
		netup = FALSE;
	}
	prcount--;
	if (lastuser(pid)) {
		xdone();		/* only system processes left	*/
	}

	/* Waking the parent must not let it run before everything of the
	 * child is back (it may count free frames at once) */
	resched_cntl(DEFER_START);
	childdone(prptr->prparent, pid);
	dropnotes(pid);
	atakill(pid);			/* a disk channel it holds	*/
	net_forget(pid);		/* what it held in the network	*/
	for (i = 0; i < NDESC; i++) {
		close(prptr->prdesc[i]);
	}
	if (!vmteardown(pid)) {		/* a vcreate'd process's stacks	*/
		freestk(prptr->prstkbase, prptr->prstklen);	/* go	*/
	}				/* with the rest of its VM	*/

	switch (prptr->prstate) {
	case PR_SLEEP:
	case PR_RECTIM:
		unsleep(pid);
		break;
	case PR_WAIT:
		semtab[prptr->prsem].scount++;
		getitem(pid);
		break;
	case PR_READY:
	case PR_VMWAIT:
		getitem(pid);
		break;
	}
	prptr->prstate = PR_FREE;
	resched_cntl(DEFER_STOP);
	if (pid == currpid) {
		resched();		/* suicide: never returns	*/
	}
	restore(mask);
	return OK;
}
