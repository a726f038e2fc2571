/* open.c - open */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  open  -  Open a device, with a name and a mode as the driver wants
 *------------------------------------------------------------------------
 */
syscall	open(did32 descrp, char *name, char *mode)
{
	intmask	mask;
	int32	rv;

	mask = disable();
	if (isbaddev(descrp)) {
		restore(mask);
		return SYSERR;
	}
	rv = devtab[descrp].dvopen(&devtab[descrp], name, mode);
	restore(mask);
	return rv;
}
