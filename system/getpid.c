/* getpid.c - getpid */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  getpid  -  Return the ID of the running process
 *------------------------------------------------------------------------
 */
pid32	getpid(void)
{
	return currpid;
}
