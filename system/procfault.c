/* procfault.c - procfault, trapdump, eipname */

#include <xinu.h>

/*
 * An exception the kernel cannot resolve (any but a page fault, or a page
 * fault paging/ does not handle) prints a register dump.  It is a kernel
 * bug (panic) when it hits the null process or code running with
 * interrupts disabled, and otherwise an error of the running process,
 * which is killed while the rest of the system runs on, with the line
 *	P<pid>:: killed by <what> in <function of EIP>
 * (<what> is "page fault at 0x<CR2>" for a page fault), and the same
 * reason goes to the event port as "kill <pid> <why>" (kevent.c), which
 * batch runners read.  What processes wrote to the console before the
 * exception is sent first (ttyflush), so it comes before the dump.
 */

#define	WHERELEN	64		/* "function+0xoffset"		*/
#define	WHYLEN		(WHERELEN + 64)	/* "<what> at 0x<CR2> in <where>" */

local	const	char	*eipname(uint32, char *, bool8);

/*------------------------------------------------------------------------
 *  procfault  -  An exception the kernel cannot resolve: dump the
 *		  registers, then panic if it hit the kernel itself (the
 *		  null process, or code running with interrupts off), else
 *		  kill the running process
 *------------------------------------------------------------------------
 */
void	procfault(struct trapframe *tf, const char *what)
{
	char	where[WHERELEN], why[WHYLEN];
	int32	n = 0;

	ttyflush();
	trapdump(tf, what);
	if (currpid == NULLPROC || (tf->eflags & EFLAGS_IF) == 0) {
		panic("exception in the kernel");
	}
	if (tf->vector == VEC_PAGEFAULT) {
		n = snprintf(why, WHYLEN, "%s at 0x%x", what, read_cr2());
	} else {
		n = snprintf(why, WHYLEN, "%s", what);
	}
	snprintf(why + n, WHYLEN - n, " in %s",
		 eipname(tf->eip, where, FALSE));
	kprintf("P%d:: killed by %s\n", currpid, why);
	kevent("kill %d %s", currpid, why);	/* the batch runner's copy */
	kill(currpid);
	panic("procfault: a killed process is running");
}

/*------------------------------------------------------------------------
 *  eipname  -  Name the function holding code address 'eip', with the
 *		offset when 'withoff' ("main+0x1c"); an address outside
 *		the kernel's code is written in hex into 'buf' (WHERELEN)
 *------------------------------------------------------------------------
 */
local	const	char	*eipname(uint32 eip, char *buf, bool8 withoff)
{
	const	char	*name;
	uint32	off;

	name = ksymlookup(eip, &off);
	if (name == NULL) {
		sprintf(buf, "0x%08x", eip);
		return buf;
	}
	if (!withoff) {
		return name;
	}
	snprintf(buf, WHERELEN, "%s+0x%x", name, off);
	return buf;
}

/*------------------------------------------------------------------------
 *  trapdump  -  Print what is needed to find the cause of a trap
 *------------------------------------------------------------------------
 */
void	trapdump(struct trapframe *tf, const char *what)
{
	char	where[WHERELEN];

	kprintf("\n*** %s (vector %d, error code 0x%08x) in process %d (%s)\n",
		what, tf->vector, tf->errcode, currpid, proctab[currpid].prname);
	kprintf("    EIP 0x%08x (%s)\n", tf->eip, eipname(tf->eip, where, TRUE));
	kprintf("    EFLAGS 0x%08x  CS 0x%04x  CR2 0x%08x  CR3 0x%08x\n",
		tf->eflags, tf->cs, read_cr2(), read_cr3());
	kprintf("    EAX 0x%08x  EBX 0x%08x  ECX 0x%08x  EDX 0x%08x\n",
		tf->eax, tf->ebx, tf->ecx, tf->edx);
	kprintf("    ESI 0x%08x  EDI 0x%08x  EBP 0x%08x  ESP 0x%08x\n",
		tf->esi, tf->edi, tf->ebp, (uint32)(&tf->eflags + 1));
}
