/* ptrecv.c - ptrecv */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ptrecv  -  Take the oldest message from a port, waiting while empty
 *------------------------------------------------------------------------
 */
uint32	ptrecv(
	  int32		portid		/* port to use			*/
	)
{
	intmask	mask;
	struct	ptentry	*ptptr;
	struct	ptnode	*node;
	int32	seq;
	umsg32	msg;

	mask = disable();
	if (isbadport(portid) || porttab[portid].ptstate != PT_ALLOC) {
		restore(mask);
		return (uint32)SYSERR;
	}
	ptptr = &porttab[portid];
	seq = ptptr->ptseq;
	if (wait(ptptr->ptrsem) == SYSERR || ptptr->ptstate != PT_ALLOC ||
	    ptptr->ptseq != seq) {
		restore(mask);		/* port deleted or reset meanwhile */
		return (uint32)SYSERR;
	}
	node = ptptr->pthead;
	msg = node->ptmsg;
	ptptr->pthead = node->ptnext;
	if (ptptr->pthead == NULL) {
		ptptr->pttail = NULL;
	}
	node->ptnext = ptfree;
	ptfree = node;
	signal(ptptr->ptssem);
	restore(mask);
	return msg;
}
