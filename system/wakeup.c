/* wakeup.c - wakeup */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  wakeup  -  Make ready every process whose delay has run out
 *		(called from the clock handler, interrupts disabled)
 *------------------------------------------------------------------------
 */
void	wakeup(void)
{
	resched_cntl(DEFER_START);
	while (nonempty(sleepq) && firstkey(sleepq) <= 0) {
		ready(dequeue(sleepq));
	}
	resched_cntl(DEFER_STOP);
}
