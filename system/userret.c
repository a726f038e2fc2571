/* userret.c - userret */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  userret  -  Called when a process returns from its top-level function
 *------------------------------------------------------------------------
 */
void	userret(void)
{
	kill(getpid());
}
