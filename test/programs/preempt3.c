/* preempt3.c - three processes of equal priority share the CPU by
 *		preemption alone: make test's prog:preempt3
 *
 * Each counter prints its name and a count, then spins for a few
 * milliseconds; none of them blocks, so only the clock's preemption
 * (QUANTUM, 10 ms) passes the CPU from one to the next, and where a
 * quantum ends depends on how fast the host runs the guest.  The order
 * of the lines therefore differs from run to run, except when QEMU
 * counts instructions for its clock (-icount): preempt3.conf sets
 * DETERMINISTIC=1, and preempt3.expected is what that run prints.
 */

#include <xinu.h>

#define	NCOUNT	10		/* lines each counter prints		*/
#define	SPIN	1000000		/* iterations of the busy-wait (a few	*/
				/*   ms: a quantum holds two or three)	*/

/*------------------------------------------------------------------------
 *  counter  -  Print our name and a count NCOUNT times, spinning between
 *------------------------------------------------------------------------
 */
local	process	counter(char name)
{
	int32	i;
	volatile int32	j;

	for (i = 1; i <= NCOUNT; i++) {
		kprintf("%c %d\n", name, i);
		for (j = 0; j < SPIN; j++) {
			;
		}
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  main  -  Start three counters at main's priority, wait for all three
 *------------------------------------------------------------------------
 */
process	main(void)
{
	pid32	pid[3];
	int32	i;

	for (i = 0; i < 3; i++) {
		pid[i] = create(counter, 4096, getprio(getpid()), "counter", 1,
				'A' + i);
	}
	for (i = 0; i < 3; i++) {
		resume(pid[i]);
	}
	for (i = 0; i < 3; i++) {
		receive();
	}
	kprintf("preempt3: all three counters ended\n");
	return OK;
}
