/* close.c - close */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  close  -  Close a device
 *------------------------------------------------------------------------
 */
syscall	close(did32 descrp)
{
	intmask	mask;
	int32	rv;

	mask = disable();
	if (isbaddev(descrp)) {
		restore(mask);
		return SYSERR;
	}
	rv = devtab[descrp].dvclose(&devtab[descrp]);
	restore(mask);
	return rv;
}
