/* prio.c - make test-grade's sample program: priorities
 *
 * Prints main's priority, changes a child's and prints the change; a
 * kernel whose getprio is off by one gets some lines wrong.
 */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  idle  -  A child that only tells main it ran
 *------------------------------------------------------------------------
 */
local	process	idle(pid32 parent)
{
	send(parent, getprio(getpid()));
	return OK;
}

/*------------------------------------------------------------------------
 *  main  -  Print priorities before and after chprio
 *------------------------------------------------------------------------
 */
process	main(void)
{
	pid32	pid;

	printf("prio: main P%d runs at %d\n", getpid(), getprio(getpid()));
	pid = create(idle, 1024, 15, "idle", 1, getpid());
	printf("prio: P%d created\n", pid);
	printf("prio: chprio returned %d\n", chprio(pid, 30));
	printf("prio: the bad pid gives %d\n", getprio(-1));
	resume(pid);
	printf("prio: P%d ran at %d\n", pid, receive());
	return OK;
}
