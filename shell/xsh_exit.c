/* xsh_exit.c - xsh_exit */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_exit  -  Halt the machine (exit and shutdown); under QEMU it
 *		 powers off
 *------------------------------------------------------------------------
 */
shellcmd xsh_exit(int32 nargs, char *args[])
{
	if (nargs != 1) {
		return shusage(args[0]);
	}
	printf("xsh: halting the machine\n");
	poweroff(EXIT_DONE);
}
