/* ionull.c - ionull, ioerr */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ionull  -  A device operation that does nothing and succeeds
 *------------------------------------------------------------------------
 */
devcall	ionull(void)
{
	return OK;
}

/*------------------------------------------------------------------------
 *  ioerr  -  A device operation the device does not support
 *------------------------------------------------------------------------
 */
devcall	ioerr(void)
{
	return SYSERR;
}
