/* panic.c - panic, kpanic_assert */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  panic  -  Report a kernel bug and stop the machine for good
 *------------------------------------------------------------------------
 */
void	panic(const char *msg)
{
	disable();
	ttyflush();			/* what processes wrote first	*/
	kprintf("\nPANIC: %s (process %d, %s)\n", msg, currpid,
		proctab[currpid].prname);
	kevent("panic %s (process %d, %s)", msg, currpid,
	       proctab[currpid].prname);
	poweroff(EXIT_PANIC);
}

/*------------------------------------------------------------------------
 *  kpanic_assert  -  A kernel assert failed: name it and where it is
 *------------------------------------------------------------------------
 */
void	kpanic_assert(const char *expr, const char *file, int32 line)
{
	disable();
	ttyflush();
	kprintf("\nPANIC: assertion failed: %s at %s:%d (process %d)\n",
		expr, file, line, currpid);
	kevent("panic assertion failed: %s at %s:%d (process %d)", expr,
	       file, line, currpid);
	poweroff(EXIT_PANIC);
}
