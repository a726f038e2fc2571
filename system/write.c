/* write.c - write */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  write  -  Write 'count' bytes to a device
 *------------------------------------------------------------------------
 */
syscall	write(did32 descrp, char *buffer, uint32 count)
{
	intmask	mask;
	int32	rv;

	mask = disable();
	if (isbaddev(descrp)) {
		restore(mask);
		return SYSERR;
	}
	rv = devtab[descrp].dvwrite(&devtab[descrp], buffer, count);
	restore(mask);
	return rv;
}
