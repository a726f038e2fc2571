/* putc.c - putc */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  putc  -  Write one character to a device
 *------------------------------------------------------------------------
 */
syscall	putc(did32 descrp, char ch)
{
	intmask	mask;
	int32	rv;

	mask = disable();
	if (isbaddev(descrp)) {
		restore(mask);
		return SYSERR;
	}
	rv = devtab[descrp].dvputc(&devtab[descrp], ch);
	restore(mask);
	return rv;
}
