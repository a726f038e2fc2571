/* semcreate.c - semcreate, newsem */

#include <xinu.h>

struct	sentry	semtab[NSEM];

/*------------------------------------------------------------------------
 *  newsem  -  Find a free semaphore table entry and mark it used
 *------------------------------------------------------------------------
 */
local	sid32	newsem(void)
{
	static	sid32	nextsem = 0;	/* next entry to look at	*/
	sid32	sem;
	int32	i;

	for (i = 0; i < NSEM; i++) {
		sem = nextsem;
		nextsem = (nextsem + 1) % NSEM;
		if (semtab[sem].sstate == S_FREE) {
			semtab[sem].sstate = S_USED;
			return sem;
		}
	}
	return SYSERR;
}

/*------------------------------------------------------------------------
 *  semcreate  -  Create a semaphore with a nonnegative initial count
 *------------------------------------------------------------------------
 */
sid32	semcreate(
	  int32		count		/* initial count		*/
	)
{
	intmask	mask;
	sid32	sem;

	mask = disable();
	if (count < 0 || (sem = newsem()) == SYSERR) {
		restore(mask);
		return SYSERR;
	}
	semtab[sem].scount = count;
	restore(mask);
	return sem;
}
