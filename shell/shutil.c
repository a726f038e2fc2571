/* shutil.c - shusage, shatoi */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  shusage  -  Print the one-line usage of command 'name'; returns
 *		SYSERR, for a command to return with it
 *------------------------------------------------------------------------
 */
shellcmd shusage(const char *name)
{
	const	struct	cmdent	*cmd = cmdlookup(name);

	if (cmd != NULL) {
		fprintf(stderr, "usage: %s%s%s\n", cmd->cname,
			cmd->cargs[0] != NULLCH ? " " : "", cmd->cargs);
	}
	return SYSERR;
}

/*------------------------------------------------------------------------
 *  shatoi  -  Convert a whole word to a decimal number (a sign allowed);
 *	       SYSERR if it is not one
 *------------------------------------------------------------------------
 */
status	shatoi(const char *s, int32 *value)
{
	char	*end;
	long	v;

	if (*s == NULLCH || isspace((byte)*s)) {
		return SYSERR;
	}
	v = strtol(s, &end, 10);
	if (*end != NULLCH) {
		return SYSERR;
	}
	*value = (int32)v;
	return OK;
}
