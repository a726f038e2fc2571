/* sleep.c - sleep, sleepms */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  sleep  -  Delay the calling process for 'delay' seconds
 *------------------------------------------------------------------------
 */
syscall	sleep(
	  int32		delay		/* seconds to delay		*/
	)
{
	if (delay < 0 || delay > MAXSECONDS) {
		return SYSERR;
	}
	return sleepms(1000 * delay);
}

/*------------------------------------------------------------------------
 *  sleepms  -  Delay the calling process for 'delay' milliseconds
 *------------------------------------------------------------------------
 */
syscall	sleepms(
	  int32		delay		/* milliseconds to delay	*/
	)
{
	intmask	mask;

	if (delay < 0) {
		return SYSERR;
	}
	if (delay == 0) {
		yield();
		return OK;
	}
	mask = disable();
	if (insertd(currpid, sleepq, delay) == SYSERR) {
		restore(mask);
		return SYSERR;
	}
	proctab[currpid].prstate = PR_SLEEP;
	resched();
	restore(mask);
	return OK;
}
