/* xsh_help.c - xsh_help */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_help  -  List the commands, or show how to use one
 *------------------------------------------------------------------------
 */
shellcmd xsh_help(int32 nargs, char *args[])
{
	const	struct	cmdent	*cmd;
	int32	i;

	if (nargs > 2) {
		return shusage(args[0]);
	}
	if (nargs == 2) {
		cmd = cmdlookup(args[1]);
		if (cmd == NULL) {
			fprintf(stderr, "help: %s: no such command\n", args[1]);
			return SYSERR;
		}
		shusage(cmd->cname);
		printf("  %s\n", cmd->chelp);
		return OK;
	}
	printf("Commands (a line ending in & runs in the background):\n");
	for (i = 0; i < ncmd; i++) {
		printf("  %-9s %-12s %s\n", cmdtab[i].cname, cmdtab[i].cargs,
		       cmdtab[i].chelp);
	}
	return OK;
}
