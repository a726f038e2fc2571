/* xsh_ps.c - xsh_ps */

#include <xinu.h>
#include <shell.h>

/*
 * Stack use is the current depth, not a high-water mark (create does not
 * fill stacks with a pattern to measure one): prstkbase minus the stack
 * pointer saved at the process's last switch, or minus the live stack
 * pointer for the running process (ps itself).
 */

local	const	char	*pstate[] = {	/* by PR_ value			*/
	"free", "curr", "ready", "recv", "sleep", "susp", "wait", "rectim",
	"vmwait"
};

/*------------------------------------------------------------------------
 *  xsh_ps  -  List the processes
 *------------------------------------------------------------------------
 */
shellcmd xsh_ps(int32 nargs, char *args[])
{
	struct	procent	*prptr, pr;
	char	*sp;
	pid32	pid;
	intmask	mask;

	if (nargs != 1) {
		return shusage(args[0]);
	}
	printf("pid name             state   prio parent stack base   size    use\n");
	printf("--- ---------------- ------ ----- ------ ---------- ------ ------\n");
	for (pid = 0; pid < NPROC; pid++) {
		prptr = &proctab[pid];
		mask = disable();	/* a consistent copy of the entry */
		pr = *prptr;
		restore(mask);
		if (pr.prstate == PR_FREE) {
			continue;
		}
		if (pid == currpid) {
			asm volatile("movl %%esp, %0" : "=r"(sp));
		} else {
			sp = pr.prstkptr;
		}
		printf("%3d %-16s %-6s %5d %6d 0x%08x %6d %6d\n", pid, pr.prname,
		       pr.prstate < sizeof(pstate) / sizeof(pstate[0]) ?
		       pstate[pr.prstate] : "?", pr.prprio, pr.prparent,
		       (uint32)pr.prstkbase, pr.prstklen,
		       (uint32)(pr.prstkbase - sp));
	}
	return OK;
}
