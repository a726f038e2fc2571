/* ptdelete.c - ptdelete */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ptdelete  -  Delete a port, passing each waiting message to 'disp'
 *------------------------------------------------------------------------
 */
syscall	ptdelete(
	  int32		portid,		/* port to delete		*/
	  void		(*disp)(int32)	/* disposer, or NULL		*/
	)
{
	intmask	mask;

	mask = disable();
	if (isbadport(portid) || porttab[portid].ptstate != PT_ALLOC) {
		restore(mask);
		return SYSERR;
	}
	ptclear(&porttab[portid], PT_FREE, disp);
	restore(mask);
	return OK;
}
