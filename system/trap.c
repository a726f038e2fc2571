/* trap.c - trap, set_irq_handler, trapdump */

#include <xinu.h>

/*
 * trap() is the one C entry for every vector (see intr.S).  Hardware
 * interrupts are acknowledged at the PIC first, because their handlers
 * may call resched and switch away before returning here.  An exception
 * other than the page fault prints a register dump; it is a kernel bug
 * (panic) when it hits the null process or code running with interrupts
 * disabled, and otherwise an error of the running process, which is
 * killed while the rest of the system runs on.
 */

local	void	(*irqhandler[NIRQ])(void);	/* by IRQ line		*/
uint32	irqcount[NIRQ];			/* interrupts seen per line	*/

local	const	char	*excname[NEXCEPTIONS] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range", "invalid opcode", "device not available",
	"double fault", "coprocessor overrun", "invalid TSS",
	"segment not present", "stack fault", "general protection",
	"page fault", "reserved", "x87 error", "alignment check",
	"machine check", "SIMD error", "virtualization", "control protection",
	"reserved", "reserved", "reserved", "reserved", "reserved", "reserved",
	"reserved", "reserved", "security", "reserved"
};

/*------------------------------------------------------------------------
 *  trap  -  Dispatch an exception or a hardware interrupt
 *------------------------------------------------------------------------
 */
void	trap(struct trapframe *tf)
{
	uint32	irq;

	if (tf->vector == VEC_PAGEFAULT) {
		pagefault(tf, read_cr2());
		return;
	}
	if (tf->vector < NEXCEPTIONS) {
		procfault(tf, excname[tf->vector]);
	}
	irq = tf->vector - IRQBASE_VEC;
	if (irq >= NIRQ) {
		return;
	}
	irqcount[irq]++;
	pic_eoi(irq);
	if (irqhandler[irq] != NULL) {
		irqhandler[irq]();
	}
}

/*------------------------------------------------------------------------
 *  procfault  -  An exception the kernel cannot resolve: dump the
 *		  registers, then panic if it hit the kernel itself (the
 *		  null process, or code running with interrupts off), else
 *		  kill the running process
 *------------------------------------------------------------------------
 */
void	procfault(struct trapframe *tf, const char *what)
{
	trapdump(tf, what);
	if (currpid == NULLPROC || (tf->eflags & EFLAGS_IF) == 0) {
		panic("exception in the kernel");
	}
	kprintf("P%d:: killed by %s\n", currpid, what);
	kill(currpid);
	panic("procfault: a killed process is running");
}

/*------------------------------------------------------------------------
 *  set_irq_handler  -  Call 'fn' for each interrupt on line 'irq' and
 *			unmask the line
 *------------------------------------------------------------------------
 */
void	set_irq_handler(uint32 irq, void (*fn)(void))
{
	intmask	mask;

	mask = disable();
	irqhandler[irq] = fn;
	pic_unmask(irq);
	restore(mask);
}

/*------------------------------------------------------------------------
 *  trapdump  -  Print what is needed to find the cause of a trap
 *------------------------------------------------------------------------
 */
void	trapdump(struct trapframe *tf, const char *what)
{
	kprintf("\n*** %s (vector %d, error code 0x%08x) in process %d (%s)\n",
		what, tf->vector, tf->errcode, currpid, proctab[currpid].prname);
	kprintf("    EIP 0x%08x  EFLAGS 0x%08x  CS 0x%04x  CR2 0x%08x  CR3 0x%08x\n",
		tf->eip, tf->eflags, tf->cs, read_cr2(), read_cr3());
	kprintf("    EAX 0x%08x  EBX 0x%08x  ECX 0x%08x  EDX 0x%08x\n",
		tf->eax, tf->ebx, tf->ecx, tf->edx);
	kprintf("    ESI 0x%08x  EDI 0x%08x  EBP 0x%08x  ESP 0x%08x\n",
		tf->esi, tf->edi, tf->ebp, (uint32)(&tf->eflags + 1));
}
