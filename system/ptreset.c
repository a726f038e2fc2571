/* ptreset.c - ptreset */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ptreset  -  Empty a port and keep it, passing messages to 'disp'
 *------------------------------------------------------------------------
 */
syscall	ptreset(
	  int32		portid,		/* port to reset		*/
	  void		(*disp)(int32)	/* disposer, or NULL		*/
	)
{
	intmask	mask;

	mask = disable();
	if (isbadport(portid) || porttab[portid].ptstate != PT_ALLOC) {
		restore(mask);
		return SYSERR;
	}
	ptclear(&porttab[portid], PT_ALLOC, disp);
	restore(mask);
	return OK;
}
