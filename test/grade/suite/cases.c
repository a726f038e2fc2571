/* cases.c - make test-grade's sample program: verdict lines
 *
 * Three test cases, each ending with a verdict line; only those lines
 * are graded (MODE=verdicts), so the chatter around them may differ.
 */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  verdict  -  Print one test case's verdict line
 *------------------------------------------------------------------------
 */
local	void	verdict(int32 n, bool8 ok)
{
	printf("=== Test case %d %s ===\n", n, ok ? "PASS" : "FAIL");
}

/*------------------------------------------------------------------------
 *  main  -  Run the three cases
 *------------------------------------------------------------------------
 */
process	main(void)
{
	char	*p;

	printf("cases: %d ms since boot (not graded)\n", (int32)clkms);
	p = getmem(64);
	verdict(1, p != (char *)SYSERR);
	freemem(p, 64);
	sleepms(20);
	verdict(2, send(getpid(), 7) == OK && receive() == 7);
	verdict(3, getprio(getpid()) > 0);
	return OK;
}
