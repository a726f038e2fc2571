/* yield.c - yield */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  yield  -  Let other processes of the same priority run
 *------------------------------------------------------------------------
 */
syscall	yield(void)
{
	intmask	mask;

	mask = disable();
	resched();
	restore(mask);
	return OK;
}
