/* xsh_clear.c - xsh_clear */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_clear  -  Clear the terminal (ANSI: cursor home, erase screen)
 *------------------------------------------------------------------------
 */
shellcmd xsh_clear(int32 nargs, char *args[])
{
	if (nargs != 1) {
		return shusage(args[0]);
	}
	printf("\033[H\033[2J");
	return OK;
}
