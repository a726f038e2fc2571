/* xsh_uptime.c - xsh_uptime */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_uptime  -  Print the time since boot and how many processes exist
 *------------------------------------------------------------------------
 */
shellcmd xsh_uptime(int32 nargs, char *args[])
{
	uint32	secs = clktime;

	if (nargs != 1) {
		return shusage(args[0]);
	}
	printf("up %d days, %02d:%02d:%02d, %d processes\n", secs / 86400,
	       secs / 3600 % 24, secs / 60 % 60, secs % 60, prcount);
	return OK;
}
