/* xsh_echo.c - xsh_echo */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_echo  -  Print the words, separated by one blank
 *------------------------------------------------------------------------
 */
shellcmd xsh_echo(int32 nargs, char *args[])
{
	int32	i;

	for (i = 1; i < nargs; i++) {
		printf("%s%s", args[i], i + 1 < nargs ? " " : "");
	}
	printf("\n");
	return OK;
}
