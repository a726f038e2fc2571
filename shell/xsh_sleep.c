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

	if (nargs != 2) {
		return shusage(args[0]);
	}
	if (shnum(args[0], args[1], 0, MAXSECONDS, &secs) == SYSERR) {
		return SYSERR;
	}
	sleep(secs);
	return OK;
}
