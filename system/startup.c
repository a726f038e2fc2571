/* startup.c - startup */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  startup  -  The first process: bring the network up when there is a
 *		NIC, then run one test case (test=NAME on the command
 *		line) or start main
 *------------------------------------------------------------------------
 */
process	startup(void)
{
	netstart();
	if (!isbadpid(netpid)) {	/* a daemon, but one kill may stop */
		proctab[netpid].prflags = PRF_DAEMON;
	}
	if (bootcfg.test[0] != NULLCH) {
		testrun(bootcfg.test);	/* powers off			*/
	}
	resume(create(main, INITSTK, INITPRIO, "main", 0));
	return OK;
}
