/* shell.c - shell, runcmd, cmdstart, expand, readline, waitfor */

#include <xinu.h>
#include <shell.h>

/*
 * The Xinu shell.  It reads a line, splits it into words (lexan), finds
 * the command in cmdtab and runs it as a process of its own, named after
 * the command, with (nargs, args) as arguments; args[0] is the command's
 * name.  Without '&' the shell waits, with receive, for the message that
 * says the command ended (however it ended: returned, exited, killed);
 * with '&' it prints the command's pid and goes on.  A word that is
 * exactly $$ becomes the shell's pid, $! the pid of the last command
 * started in the background (scripts use them: kill $!).
 *
 * The shell runs above its commands' priority, so it reads and echoes
 * input while a command computes.  End of file (^D on an empty line)
 * ends the shell; main then starts a new one.  A line longer than
 * SHELL_BUFLEN - 2 characters is refused whole, with a message.  The
 * shell names itself to the tty with TC_INTR, and says when it is at
 * its prompt (TC_PROMPT): there a ^C drops the line being typed and
 * gives a new prompt; once a line is typed, a ^C sends the shell
 * TY_INTRMSG and the command of that line (waited for, or about to
 * start) is killed.  A ^C that comes between the end of a command and
 * the prompt is forgotten.
 *
 * The words reach the command in a heap block that the command copies
 * and frees as it starts; a command killed before it ever ran leaves
 * that block allocated (commands start in the order they were typed,
 * so only a process outside the shell can do that).
 */

#define	TOOLONG	(-10)		/* readline: the line did not fit	*/

/* The words of a command, handed from the shell to the new process */
struct	cmdargs	{
	shellcmd (*func)(int32, char *[]);	/* the command		*/
	int32	nargs;			/* number of words		*/
	uint32	argoff[SHELL_MAXTOK];	/* where each word starts	*/
	char	text[SHELL_BUFLEN + SHELL_MAXTOK];	/* the words	*/
};

/*------------------------------------------------------------------------
 *  cmdstart  -  Body of a command process: copy the words to its own
 *		 stack, free the block the shell made, run the command
 *------------------------------------------------------------------------
 */
local	process	cmdstart(struct cmdargs *blk)
{
	struct	cmdargs	a = *blk;
	char	*args[SHELL_MAXTOK + 1];
	int32	i;

	freemem((char *)blk, sizeof(struct cmdargs));
	for (i = 0; i < a.nargs; i++) {
		args[i] = &a.text[a.argoff[i]];
	}
	args[a.nargs] = NULL;
	return a.func(a.nargs, args);
}

/*------------------------------------------------------------------------
 *  runcmd  -  Start command 'cmd' with words tok[0..ntok-1]; returns its
 *	       pid or SYSERR
 *------------------------------------------------------------------------
 */
local	pid32	runcmd(const struct cmdent *cmd, int32 ntok, char *tok[])
{
	struct	cmdargs	*blk;
	pid32	pid;
	uint32	off, len;
	int32	i;

	blk = (struct cmdargs *)getmem(sizeof(struct cmdargs));
	if (blk == (struct cmdargs *)SYSERR) {
		return SYSERR;
	}
	blk->func = cmd->cfunc;
	blk->nargs = ntok;
	for (i = 0, off = 0; i < ntok; i++, off += len) {
		len = strlen(tok[i]) + 1;
		if (off + len > sizeof(blk->text)) {
			freemem((char *)blk, sizeof(struct cmdargs));
			return SYSERR;
		}
		memcpy(&blk->text[off], tok[i], len);
		blk->argoff[i] = off;
	}
	pid = create(cmdstart, SHELL_CMDSTK, SHELL_CMDPRIO, (char *)cmd->cname,
		     1, blk);
	if (pid == SYSERR) {
		freemem((char *)blk, sizeof(struct cmdargs));
		return SYSERR;
	}
	resume(pid);
	return pid;
}

/*------------------------------------------------------------------------
 *  expand  -  Replace the words $$ and $! by pids, written in 'num'
 *------------------------------------------------------------------------
 */
local	void	expand(int32 ntok, char *tok[], pid32 lastbg,
		       char num[][12])
{
	int32	i;

	for (i = 0; i < ntok; i++) {
		if (strcmp(tok[i], "$$") == 0) {
			sprintf(num[i], "%d", getpid());
			tok[i] = num[i];
		} else if (strcmp(tok[i], "$!") == 0) {
			sprintf(num[i], "%d", lastbg);
			tok[i] = num[i];
		}
	}
}

/*------------------------------------------------------------------------
 *  readline  -  Read one line from 'dev' into 'line' (SHELL_BUFLEN);
 *		 returns its length, EOF, SYSERR, or TOOLONG when the
 *		 line did not fit (it is then read to its end and dropped)
 *------------------------------------------------------------------------
 */
local	int32	readline(did32 dev, char *line)
{
	int32	len, more;

	len = read(dev, line, SHELL_BUFLEN - 1);
	if (len != SHELL_BUFLEN - 1 || line[len - 1] == '\n') {
		return len;
	}
	do {			/* the rest, up to its NL or ^D	*/
		more = read(dev, line, SHELL_BUFLEN - 1);
	} while (more == SHELL_BUFLEN - 1 && line[more - 1] != '\n');
	return TOOLONG;
}

/*------------------------------------------------------------------------
 *  waitfor  -  Wait for foreground command 'child' to end; a ^C kills
 *		it
 *------------------------------------------------------------------------
 */
local	void	waitfor(pid32 child)
{
	umsg32	msg;

	while ((msg = receive()) != (umsg32)child) {
		if (msg == TY_INTRMSG) {
			kill(child);	/* its note comes next	*/
		}			/* else a background one ended	*/
	}
}

/*------------------------------------------------------------------------
 *  shell  -  Read command lines from device 'dev' and run them
 *------------------------------------------------------------------------
 */
process	shell(
	  did32		dev		/* the console to work on	*/
	)
{
	char	line[SHELL_BUFLEN];	/* what was typed		*/
	char	tokbuf[SHELL_BUFLEN + SHELL_MAXTOK];	/* its words	*/
	char	*tok[SHELL_MAXTOK];	/* each word			*/
	char	num[SHELL_MAXTOK][12];	/* $$ and $! as text		*/
	const	struct	cmdent	*cmd;
	const	char	*why;
	int32	len, ntok;
	bool8	background;
	pid32	child, lastbg = 0;

	fprintf(dev, "\nxsh, the Xinu/VM shell: 'help' lists the commands\n\n");
	control(dev, TC_INTR, getpid(), 0);
	for (;;) {
		control(dev, TC_PROMPT, 0, 0);
		recvclr();		/* ^C and notes from before	*/
		fprintf(dev, SHELL_PROMPT);
		len = readline(dev, line);
		if (len == EOF || len == SYSERR) {
			break;
		}
		if (len == TOOLONG) {
			fprintf(dev, "xsh: line longer than %d characters, "
				"ignored\n", SHELL_BUFLEN - 2);
			continue;
		}
		line[len] = NULLCH;
		ntok = lexan(line, tokbuf, tok, &background, &why);
		if (ntok == SYSERR) {
			fprintf(dev, "xsh: %s\n", why);
			continue;
		}
		if (ntok == 0) {
			continue;
		}
		cmd = cmdlookup(tok[0]);
		if (cmd == NULL) {
			fprintf(dev, "xsh: %s: command not found\n", tok[0]);
			continue;
		}
		expand(ntok, tok, lastbg, num);
		child = runcmd(cmd, ntok, tok);
		if (child == SYSERR) {
			fprintf(dev, "xsh: %s: cannot start a process\n",
				tok[0]);
		} else if (background) {
			fprintf(dev, "[%d]\n", child);
			lastbg = child;
		} else {
			waitfor(child);
		}
	}
	control(dev, TC_INTR, 0, 0);
	fprintf(dev, "\n");
	return OK;
}
