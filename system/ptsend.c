/* ptsend.c - ptsend */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ptsend  -  Append a message to a port, waiting while it is full
 *------------------------------------------------------------------------
 */
syscall	ptsend(
	  int32		portid,		/* port to use			*/
	  umsg32	msg		/* message to send		*/
	)
{
	intmask	mask;
	struct	ptentry	*ptptr;
	struct	ptnode	*node;
	int32	seq;

	mask = disable();
	if (isbadport(portid) || porttab[portid].ptstate != PT_ALLOC) {
		restore(mask);
		return SYSERR;
	}
	ptptr = &porttab[portid];
	seq = ptptr->ptseq;
	if (wait(ptptr->ptssem) == SYSERR || ptptr->ptstate != PT_ALLOC ||
	    ptptr->ptseq != seq) {
		restore(mask);		/* port deleted or reset meanwhile */
		return SYSERR;
	}
	if (ptfree == NULL) {		/* all ports' nodes are in use:	*/
		signal(ptptr->ptssem);	/* fail, but keep the place	*/
		restore(mask);
		return SYSERR;
	}
	node = ptfree;
	ptfree = node->ptnext;
	node->ptnext = NULL;
	node->ptmsg = msg;
	if (ptptr->pttail == NULL) {
		ptptr->pthead = node;
	} else {
		ptptr->pttail->ptnext = node;
	}
	ptptr->pttail = node;
	signal(ptptr->ptrsem);
	restore(mask);
	return OK;
}
