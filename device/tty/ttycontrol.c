/* ttycontrol.c - ttycontrol */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttycontrol  -  Control a tty (no functions yet)
 *------------------------------------------------------------------------
 */
devcall	ttycontrol(struct dentry *devptr, int32 func, int32 arg1, int32 arg2)
{
	(void)devptr; (void)func; (void)arg1; (void)arg2;
	return SYSERR;
}
