/* shutil.c - shusage, shnum */

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
 *  shnum  -  Convert word 'word', an argument of command 'cmd', to a
 *	      decimal number in [min, max] (a sign allowed); every
 *	      command's numbers come through here, so a number that is
 *	      not one, or is out of range (overflow included), is refused
 *	      alike: one line on stderr and SYSERR
 *------------------------------------------------------------------------
 */
status	shnum(
	  const	char	*cmd,		/* the command, for the message	*/
	  const	char	*word,		/* the argument			*/
	  int32		min,		/* smallest value accepted	*/
	  int32		max,		/* largest value accepted	*/
	  int32		*value		/* gets the number		*/
	)
{
	const	char	*err;
	int32	v;

	v = strtonum(word, min, max, &err);
	if (err == NULL) {
		*value = v;
		return OK;
	}
	if (strcmp(err, "too large") == 0) {
		fprintf(stderr, "%s: %s is above %d\n", cmd, word, max);
	} else if (strcmp(err, "too small") == 0) {
		fprintf(stderr, "%s: %s is below %d\n", cmd, word, min);
	} else {
		fprintf(stderr, "%s: %s is not a number\n", cmd, word);
	}
	return SYSERR;
}
