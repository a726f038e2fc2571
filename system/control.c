/* control.c - control */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  control  -  Ask a device's driver to do 'func' with two arguments
 *------------------------------------------------------------------------
 */
syscall	control(did32 descrp, int32 func, int32 arg1, int32 arg2)
{
	intmask	mask;
	int32	rv;

	mask = disable();
	if (isbaddev(descrp)) {
		restore(mask);
		return SYSERR;
	}
	rv = devtab[descrp].dvcntl(&devtab[descrp], func, arg1, arg2);
	restore(mask);
	return rv;
}
