/* xsh_kill.c - xsh_kill */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_kill  -  Kill a process, given its pid (killing the shell makes
 *		 main start a new one; kill refuses the null process and
 *		 system daemons such as vmm)
 *------------------------------------------------------------------------
 */
shellcmd xsh_kill(int32 nargs, char *args[])
{
	int32	pid;

	if (nargs != 2) {
		return shusage(args[0]);
	}
	if (shnum(args[0], args[1], 0, SHELL_MAXNUM, &pid) == SYSERR) {
		return SYSERR;
	}
	if (pid == NULLPROC) {
		fprintf(stderr, "kill: the null process cannot be killed\n");
		return SYSERR;
	}
	if (pid < NPROC && proctab[pid].prstate != PR_FREE &&
	    (proctab[pid].prflags & PRF_NOKILL)) {
		fprintf(stderr, "kill: %d is a system daemon (%s), "
			"which cannot be killed\n", pid, proctab[pid].prname);
		return SYSERR;
	}
	if (kill(pid) == SYSERR) {
		fprintf(stderr, "kill: %d: no such process\n", pid);
		return SYSERR;
	}
	return OK;
}
