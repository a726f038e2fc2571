/* kill.c - kill */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  kill  -  End a process: free its resources, tell its parent (the
 *	     null process and the VM system process cannot be killed)
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
	if (isbadpid(pid) || pid == NULLPROC || pid == vmmpid) {
		restore(mask);
		return SYSERR;
	}
	prptr = &proctab[pid];
	if (prptr->prvm == NULL && *stklimit(prptr) != STACKMAGIC) {
		kprintf("P%d:: STACK_OVERFLOW (%s overran its %d-byte stack)\n",
			pid, prptr->prname, prptr->prstklen);
	}
	if (pid == netpid) {
		netpid = SYSERR;	/* the network stops with it	*/
		netup = FALSE;
	}
	if (--prcount <= 1 + !isbadpid(vmmpid) + !isbadpid(netpid)) {
		xdone();		/* only system processes left	*/
	}

	/* Waking the parent must not let it run before everything of the
	 * child is back (it may count free frames at once) */
	resched_cntl(DEFER_START);
	childdone(prptr->prparent, pid);
	dropnotes(pid);
	atakill(pid);			/* a disk channel it holds	*/
	for (i = 0; i < NDESC; i++) {
		close(prptr->prdesc[i]);
	}
	if (prptr->prvm != NULL) {
		vmteardown(pid);	/* and its virtual stacks	*/
	} else {
		freestk(prptr->prstkbase, prptr->prstklen);
	}

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
