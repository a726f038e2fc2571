/* vmm.c - vmminit, vmm, vmm_call */

#include <xinu.h>
#include <vm.h>

/*
 * The VM system process "vmm" carries out vmalloc, vfree and
 * getvirtualstack for their callers.  It is a system process: it runs on
 * a kernel stack with the kernel's directory, so it never depends on the
 * caller's mappings, and it edits the caller's page tables in the PD/PT
 * region, which every directory maps.  It is the only writer of heap
 * layouts, so they need no other locking.
 *
 * A caller puts its request in vmreq[its pid], joins vmm's queue in
 * state PR_VMWAIT, signals vmmsem and reschedules.  PR_VMWAIT is a real
 * blocking state: resched() never keeps a process that is not PR_CURR,
 * and only vmm makes a waiting caller ready, after storing
 * its result.  So a call returns only once it has been served, whatever
 * vmm's priority is next to the caller's: above (the signal switches to
 * vmm at once), equal or below (vmm is ready, or runs once the caller
 * blocks).  vmm takes requests in arrival order and does each with
 * interrupts off (a request is never half done).  Killing a waiting
 * caller just takes it off the queue: its request was never started;
 * vmmsem may then count one more request than the queue holds, which
 * vmm skips.  kill() refuses vmm (a daemon), so a queued call is
 * always served.
 */

struct	vmreq	{
	int32	op;		/* VMR_ALLOC, VMR_FREE or VMR_STACK	*/
	char	*addr;		/* in: vfree's pointer; out: the address */
				/* vmalloc or getvirtualstack returns	*/
	uint32	nbytes;		/* size argument			*/
	status	status;		/* OK, or SYSERR: nothing was done	*/
};

local	struct	vmreq	vmreq[NPROC];	/* one pending request per pid	*/
local	qid16	vmmq;			/* callers, in arrival order	*/
local	sid32	vmmsem;			/* counts queued callers	*/
pid32	vmmpid = SYSERR;		/* the VM system process	*/

/*------------------------------------------------------------------------
 *  vmm_do  -  Carry out one request for process 'pid'
 *------------------------------------------------------------------------
 */
local	status	vmm_do(pid32 pid, struct vmreq *rq)
{
	struct	procent	*prptr = &proctab[pid];
	uint32	top;

	switch (rq->op) {
	case VMR_ALLOC:
		rq->addr = heap_alloc(pid, rq->nbytes);
		return rq->addr == (char *)SYSERR ? SYSERR : OK;
	case VMR_FREE:
		return heap_free(pid, rq->addr, rq->nbytes);
	case VMR_STACK:
		if (prptr->prvm == NULL) {
			return SYSERR;
		}
		top = vstack_alloc(prptr->prvm, (pde_t *)prptr->prpdbr,
				   PGROUNDUP(rq->nbytes) / PAGE_SIZE);
		if (top == (uint32)SYSERR) {
			return SYSERR;
		}
		rq->addr = (char *)(top - sizeof(uint32));
		return OK;
	default:
		return SYSERR;
	}
}

/*------------------------------------------------------------------------
 *  vmm  -  The VM system process: serve requests forever
 *------------------------------------------------------------------------
 */
local	process	vmm(void)
{
	intmask	mask;
	pid32	pid;

	for (;;) {
		wait(vmmsem);
		mask = disable();
		pid = getfirst(vmmq);
		if (pid != EMPTY) {		/* else: caller was killed */
			vmreq[pid].status = vmm_do(pid, &vmreq[pid]);
			ready(pid);
		}
		restore(mask);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  vmminit  -  Start the VM system process
 *------------------------------------------------------------------------
 */
void	vmminit(void)
{
	vmmq = newqueue();
	vmmsem = semcreate(0);
	vmmpid = create(vmm, INITSTK, VMM_PRIO, "vmm", 0);
	if (vmmpid == SYSERR || vmmsem == SYSERR || vmmq == (qid16)SYSERR) {
		panic("cannot start the VM system process");
	}
	proctab[vmmpid].prflags = PRF_DAEMON | PRF_NOKILL;
	resume(vmmpid);
}

/*------------------------------------------------------------------------
 *  vmm_call  -  Have vmm carry out a request for the caller and wait for
 *		 it; OK with the address in '*addrp' (when not NULL), or
 *		 SYSERR when it failed or there is no vmm
 *------------------------------------------------------------------------
 */
status	vmm_call(int32 op, char *addr, uint32 nbytes, char **addrp)
{
	intmask	mask;
	struct	procent	*prptr = &proctab[currpid];
	struct	vmreq	*rq = &vmreq[currpid];

	mask = disable();
	if (isbadpid(vmmpid) || currpid == vmmpid || currpid == NULLPROC ||
	    Defer.ndefers > 0) {
		restore(mask);		/* no vmm, or we cannot block	*/
		return SYSERR;
	}
	rq->op = op;
	rq->addr = addr;
	rq->nbytes = nbytes;
	rq->status = SYSERR;
	prptr->prstate = PR_VMWAIT;
	enqueue(currpid, vmmq);
	signal(vmmsem);			/* vmm may serve us right here	*/
	while (prptr->prstate == PR_VMWAIT) {
		resched();		/* back only once vmm readied us */
	}
	if (addrp != NULL) {
		*addrp = rq->addr;
	}
	restore(mask);
	return rq->status;
}
