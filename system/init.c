/* init.c - init */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  init  -  Initialize a device and its driver
 *------------------------------------------------------------------------
 */
syscall	init(did32 descrp)
{
	intmask	mask;
	int32	rv;

	mask = disable();
	if (isbaddev(descrp)) {
		restore(mask);
		return SYSERR;
	}
	rv = devtab[descrp].dvinit(&devtab[descrp]);
	restore(mask);
	return rv;
}
