/* ptcreate.c - ptcreate */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ptcreate  -  Create a port that holds at most 'count' messages
 *------------------------------------------------------------------------
 */
syscall	ptcreate(
	  int32		count		/* capacity, > 0		*/
	)
{
	intmask	mask;
	int32	i, portid;
	struct	ptentry	*ptptr;

	mask = disable();
	if (count <= 0) {
		restore(mask);
		return SYSERR;
	}
	for (i = 0; i < NPORTS; i++) {
		portid = ptnextid;
		ptnextid = (ptnextid + 1) % NPORTS;
		ptptr = &porttab[portid];
		if (ptptr->ptstate != PT_FREE) {
			continue;
		}
		ptptr->ptssem = semcreate(count);
		ptptr->ptrsem = semcreate(0);
		if (ptptr->ptssem == SYSERR || ptptr->ptrsem == SYSERR) {
			semdelete(ptptr->ptssem);
			semdelete(ptptr->ptrsem);
			break;
		}
		ptptr->ptstate = PT_ALLOC;
		ptptr->ptmaxcnt = count;
		ptptr->ptseq++;
		ptptr->pthead = ptptr->pttail = NULL;
		restore(mask);
		return portid;
	}
	restore(mask);
	return SYSERR;
}
