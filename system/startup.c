/* startup.c - startup */

#include <xinu.h>

/*
 * testrun (test/kernel/testrun.c) is linked only into the test image,
 * compile/test/xinu.elf; in the lab image the weak reference is NULL and
 * test=NAME is refused like a bad command line.
 */

/*------------------------------------------------------------------------
 *  startup  -  The first process: bring the network up when there is a
 *		NIC, then run one test case (test=NAME on the command
 *		line) or start main
 *------------------------------------------------------------------------
 */
process	startup(void)
{
	if (bootcfg.test[0] != NULLCH && testrun == NULL) {
		cmdline_refuse();
		kprintf("test=%s: this image has no test cases "
			"(make test boots compile/test/xinu.elf)\n",
			bootcfg.test);
		poweroff(EXIT_BADARGS);
	}
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
