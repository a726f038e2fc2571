/* vmkill.c - vmkill */

#include <xinu.h>
#include <vm.h>

/*
 * How the VM ends a process it cannot let go on: the fault handler
 * (pagefault.c: SEGMENTATION_FAULT, STACK_OVERFLOW, OUT_OF_MEMORY) and
 * the double-fault task's overflow path (stackfault.c) both land here,
 * running as the process itself.  A file of its own, so that neither
 * fault file needs the other.
 */

/*------------------------------------------------------------------------
 *  vmkill  -  Kill the current process for a VM error, with one line
 *------------------------------------------------------------------------
 */
void	vmkill(const char *why)
{
	struct	vmproc	*vm = proctab[currpid].prvm;

	ttyflush();			/* what it wrote comes first	*/
	if (vm != NULL) {
		vm->stats.killed++;
	}
	vmtotal.killed++;
	kprintf("P%d:: %s\n", currpid, why);
	kevent("kill %d %s", currpid, why);
	kill(currpid);
	panic("vmkill: a killed process is running");
}
