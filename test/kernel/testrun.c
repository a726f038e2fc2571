/* testrun.c - testrun, testlist, testfail, testbody */

#include <xinu.h>

/*
 * Runs one in-kernel test case in its own process and reports on the
 * console with a line the host runner reads:
 *	TEST name: PASS
 *	TEST name: FAIL (why)
 * then powers off with the status (QEMU exits 1 for pass, 3 for fail).
 * test=list prints the cases the image holds instead, which is how the
 * runner learns them.
 */

uint32	test_failures;			/* failed checks so far		*/
local	process	test_status;		/* what the case returned	*/

/*------------------------------------------------------------------------
 *  testfail  -  Record a failed CHECK or REQUIRE
 *------------------------------------------------------------------------
 */
void	testfail(const char *expr, const char *file, int32 line)
{
	test_failures++;
	kprintf("CHECK failed: %s at %s:%d (process %d)\n", expr, file, line,
		currpid);
}

/*------------------------------------------------------------------------
 *  testbody  -  The test process: run the case, keep what it returned
 *------------------------------------------------------------------------
 */
local	process	testbody(const struct xtest *t)
{
	test_status = t->func();
	return OK;
}

/*------------------------------------------------------------------------
 *  testlist  -  Print every test case, one a line with its extra boot
 *		 words ("testcase NAME [WORDS]"), then their number, and
 *		 power off
 *------------------------------------------------------------------------
 */
local	void	testlist(void)
{
	const	struct	xtest	*t;

	for (t = xinu_tests_start; t < xinu_tests_end; t++) {
		kprintf("testcase %s%s%s\n", t->name,
			t->bootargs[0] != NULLCH ? " " : "", t->bootargs);
	}
	kprintf("testcases %d\n", xinu_tests_end - xinu_tests_start);
	poweroff(EXIT_DONE);
}

/*------------------------------------------------------------------------
 *  testrun  -  Run the test case called 'name' (or list them all, for
 *		test=list) and power off
 *------------------------------------------------------------------------
 */
void	testrun(const char *name)
{
	const	struct	xtest	*t;
	pid32	pid;

	if (strcmp(name, "list") == 0) {
		testlist();
	}
	for (t = xinu_tests_start; t < xinu_tests_end; t++) {
		if (strcmp(t->name, name) == 0) {
			break;
		}
	}
	if (t == xinu_tests_end) {
		kprintf("TEST %s: FAIL (no such test)\n", name);
		poweroff(EXIT_FAIL);
	}
	kprintf("TEST %s: start\n", name);
	test_status = SYSERR;
	pid = create(testbody, INITSTK, INITPRIO, (char *)name, 1, t);
	if (pid == SYSERR) {
		kprintf("TEST %s: FAIL (cannot create the test process)\n", name);
		poweroff(EXIT_FAIL);
	}
	resume(pid);
	while (receive() != (umsg32)pid) {
		;			/* wait for the case to end	*/
	}
	if (test_status == OK && test_failures == 0) {
		kprintf("TEST %s: PASS\n", name);
		poweroff(EXIT_DONE);
	}
	kprintf("TEST %s: FAIL (%d failed checks, returned %d)\n", name,
		test_failures, test_status);
	poweroff(EXIT_FAIL);
}
