/* trap.c - trap, set_irq_handler */

#include <xinu.h>

/*
 * trap() is the one C entry for every vector (see intr.S).  Hardware
 * interrupts are acknowledged at the PIC first, because their handlers
 * may call resched and switch away before returning here.  A page fault
 * goes to paging/ (pagefault), any other exception to procfault
 * (procfault.c), which paging/ also calls for faults it cannot resolve:
 * trap.c -> pagefault.c -> procfault.c, never back.
 */

local	void	(*irqhandler[NIRQ])(void);	/* by IRQ line		*/
uint32	irqcount[NIRQ];			/* interrupts seen per line	*/

local	const	char	*excname[NEXCEPTIONS] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range", "invalid opcode", "device not available",
	"double fault", "coprocessor overrun", "invalid TSS",
	"segment not present", "stack fault", "general protection fault",
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
