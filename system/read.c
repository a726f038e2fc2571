/* read.c - read */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  read  -  Read up to 'count' bytes from a device
 *------------------------------------------------------------------------
 */
syscall	read(did32 descrp, char *buffer, uint32 count)
{
	intmask	mask;
	int32	rv;

	mask = disable();
	if (isbaddev(descrp)) {
		restore(mask);
		return SYSERR;
	}
	rv = devtab[descrp].dvread(&devtab[descrp], buffer, count);
	restore(mask);
	return rv;
}
