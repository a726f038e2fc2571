/* shell.h - the Xinu shell: limits, the command table, the commands */

#ifndef _SHELL_H_
#define _SHELL_H_

#define	SHELL_PROMPT	"xsh $ "	/* what the shell prints	*/
#define	SHELL_BUFLEN	256		/* longest line + NL + NUL	*/
#define	SHELL_MAXTOK	32		/* most words on a line		*/
#define	SHELL_STK	16384		/* stack of the shell		*/
#define	SHELL_PRIO	50		/* above commands: typing works	*/
					/* while a command computes	*/
#define	SHELL_CMDSTK	16384		/* stack of a command process	*/
#define	SHELL_CMDPRIO	INITPRIO	/* priority of a command	*/
#define	SHELL_MAXNUM	0x7fffffff	/* largest number an argument	*/
					/* may give when no less	*/

/* One entry of the command table (shell/cmdtab.c) */
struct	cmdent	{
	const	char	*cname;		/* what the user types		*/
	shellcmd (*cfunc)(int32, char *[]);	/* its function		*/
	const	char	*cargs;		/* its arguments, for usage	*/
	const	char	*chelp;		/* one line for help		*/
};

extern	const	struct	cmdent	cmdtab[];
extern	const	int32	ncmd;		/* entries in cmdtab		*/

/* shell/ */
extern	process	shell(did32);
extern	int32	lexan(char *, char *, char *[], bool8 *, const char **);
extern	const	struct	cmdent	*cmdlookup(const char *);
extern	shellcmd shusage(const char *);
extern	status	shnum(const char *, const char *, int32, int32, int32 *);

/* The commands: xsh_NAME(nargs, args), args[0] is the command's name */
extern	shellcmd xsh_arp(int32, char *[]);
extern	shellcmd xsh_clear(int32, char *[]);
extern	shellcmd xsh_date(int32, char *[]);
extern	shellcmd xsh_devdump(int32, char *[]);
extern	shellcmd xsh_echo(int32, char *[]);
extern	shellcmd xsh_exit(int32, char *[]);
extern	shellcmd xsh_help(int32, char *[]);
extern	shellcmd xsh_kill(int32, char *[]);
extern	shellcmd xsh_mem(int32, char *[]);
extern	shellcmd xsh_netinfo(int32, char *[]);
extern	shellcmd xsh_ping(int32, char *[]);
extern	shellcmd xsh_ps(int32, char *[]);
extern	shellcmd xsh_sleep(int32, char *[]);
extern	shellcmd xsh_udpecho(int32, char *[]);
extern	shellcmd xsh_uptime(int32, char *[]);
extern	shellcmd xsh_vmdebug(int32, char *[]);
extern	shellcmd xsh_vmdemo(int32, char *[]);
extern	shellcmd xsh_vmmap(int32, char *[]);
extern	shellcmd xsh_vmpolicy(int32, char *[]);
extern	shellcmd xsh_vmstat(int32, char *[]);

#endif
