/* getc.c - getc */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  getc  -  Read one character from a device
 *------------------------------------------------------------------------
 */
syscall	getc(did32 descrp)
{
	intmask	mask;
	int32	rv;

	mask = disable();
	if (isbaddev(descrp)) {
		restore(mask);
		return SYSERR;
	}
	rv = devtab[descrp].dvgetc(&devtab[descrp]);
	restore(mask);
	return rv;
}
