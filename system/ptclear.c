/* ptclear.c - ptclear */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ptclear  -  Empty a port, handing each message to 'disp' (if any),
 *		and wake its waiters, who then fail; the port ends in
 *		state 'newstate' (interrupts off; for ptdelete and
 *		ptreset)
 *------------------------------------------------------------------------
 */
void	ptclear(struct ptentry *ptptr, uint16 newstate,
			void (*disp)(int32))
{
	struct	ptnode	*node, *next;

	resched_cntl(DEFER_START);	/* finish before waiters run	*/
	ptptr->ptstate = PT_LIMBO;
	ptptr->ptseq++;
	for (node = ptptr->pthead; node != NULL; node = next) {
		next = node->ptnext;
		if (disp != NULL) {
			disp(node->ptmsg);
		}
		node->ptnext = ptfree;
		ptfree = node;
	}
	ptptr->pthead = ptptr->pttail = NULL;
	if (newstate == PT_ALLOC) {
		semreset(ptptr->ptssem, ptptr->ptmaxcnt);
		semreset(ptptr->ptrsem, 0);
	} else {
		semdelete(ptptr->ptssem);
		semdelete(ptptr->ptrsem);
	}
	ptptr->ptstate = newstate;
	resched_cntl(DEFER_STOP);
}
