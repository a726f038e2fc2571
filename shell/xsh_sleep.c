/* xsh_sleep.c - xsh_sleep */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_sleep  -  Wait a number of seconds
 *------------------------------------------------------------------------
 */
shellcmd xsh_sleep(int32 nargs, char *args[])
{
	int32	secs;

	if (nargs != 2 || shatoi(args[1], &secs) == SYSERR) {
		return shusage(args[0]);
	}
	if (sleep(secs) == SYSERR) {
		fprintf(stderr, "sleep: %s: not between 0 and %d seconds\n",
			args[1], MAXSECONDS);
		return SYSERR;
	}
	return OK;
}
