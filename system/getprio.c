/* getprio.c - getprio */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  getprio  -  Return the priority of a process
 *------------------------------------------------------------------------
 */
syscall	getprio(
	  pid32		pid		/* process ID			*/
	)
{
	intmask	mask;
	uint32	prio;

	mask = disable();
	if (isbadpid(pid)) {
		restore(mask);
		return SYSERR;
	}
	prio = proctab[pid].prprio;
	restore(mask);
	return prio;
}
