/* startup.c - startup */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  startup  -  The first process: run one test case (test=NAME on the
 *		command line) or start main
 *------------------------------------------------------------------------
 */
process	startup(void)
{
	if (bootcfg.test[0] != NULLCH) {
		testrun(bootcfg.test);	/* powers off			*/
	}
	resume(create(main, INITSTK, INITPRIO, "main", 0));
	return OK;
}
