/* main.c - main */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  main  -  The first user process: run the shell on the console, and
 *	     start a new one whenever it ends (end of file, kill, crash)
 *------------------------------------------------------------------------
 */
process	main(void)
{
	pid32	shpid;

	for (;;) {
		shpid = create(shell, SHELL_STK, SHELL_PRIO, "shell", 1,
			       CONSOLE);
		if (shpid == SYSERR) {
			kprintf("main: cannot create the shell\n");
			return SYSERR;
		}
		resume(shpid);
		while (receive() != (umsg32)shpid) {
			;
		}
		printf("\nmain: the shell (pid %d) ended; starting a new one\n",
		       shpid);
	}
}
