/* seek.c - seek */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  seek  -  Move a device's position
 *------------------------------------------------------------------------
 */
syscall	seek(did32 descrp, uint32 pos)
{
	intmask	mask;
	int32	rv;

	mask = disable();
	if (isbaddev(descrp)) {
		restore(mask);
		return SYSERR;
	}
	rv = devtab[descrp].dvseek(&devtab[descrp], pos);
	restore(mask);
	return rv;
}
