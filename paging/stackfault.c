/* stackfault.c - stackfault_init, stkoverflow, stkroom, stackfault */

#include <xinu.h>
#include <vm.h>

/*
 * Every stack has an unmapped guard page below it: a virtual stack's is
 * in the process's own page table (vstack.c), a kernel stack's (getstk,
 * for create'd processes) in the kernel region's page tables (stkguard,
 * pgtable.c).  A guard's PTE is PTE_IS_STACK alone.
 *
 * A process that runs off the bottom of its stack touches its guard
 * page.  When the access is a push (a call, an interrupt), the CPU
 * cannot push the page-fault frame on that same stack either, and the
 * fault becomes a double fault.  Vector 8 is therefore a task gate: the
 * CPU saves the running state in 'tss' and switches to the double-fault
 * task, which has its own stack and the kernel's directory (dftask in
 * intr.S calls stackfault).  stackfault rewrites the saved state so
 * that, when the task returns, the process resumes in stkoverflow on an
 * emergency kernel stack, from which it kills itself.  The CPU saves the
 * stack pointer of before the failed push, and an event pushes up to 16
 * bytes, which may straddle the guard's edge: the overflow is told by an
 * unmapped page at ESP-4 or ESP-16.  Any other double fault is a kernel
 * bug: panic.
 *
 * A stack overflow can also hit while the CPU delivers a hardware
 * interrupt, after the interrupt controller handed it over but before
 * trap() acknowledged it; stackfault acknowledges it then, or that line
 * (the clock's, say) would stay blocked for everyone.
 *
 * The page-fault handler runs on the faulting process's stack as well,
 * and takes things as it goes: a frame, a slot, a frame busy with I/O,
 * a kmap window.  An overflow half-way through would kill the process
 * while it holds them, named by no PTE: a frame taken in the free map
 * that no page owns, and with vm.ffs=1 every later fault out of memory.
 * Rather than track each of them for kill to undo, a fault never starts
 * short of stack: stkroom, pagefault's first step, requires the
 * FAULT_STKNEED bytes below the trap frame to be mapped, or kills the
 * process for STACK_OVERFLOW, on the emergency stack, before anything is
 * taken.  FAULT_STKNEED (vm.h) covers the deepest fault path, a kill
 * from inside the handler and a block in disk swap I/O included (852
 * bytes measured with sealed disk swap, 664 with RAM swap); it is below
 * a page, so the check cannot reach across a guard page to a stack
 * below.  test/kernel/stackedge.c sweeps the stack left at a fault
 * across it.  While the handler runs, the process is marked PRF_INFAULT:
 * an overflow then means FAULT_STKNEED is too small, a kernel bug that
 * panics instead of leaking.
 */

#define	DFSTKLEN	4096

local	uint32	dfstack[DFSTKLEN / sizeof(uint32)];	/* task's stack	*/
local	uint32	emstack[DFSTKLEN / sizeof(uint32)];	/* for the kill	*/
extern	void	dftask(void);		/* in intr.S			*/

/*------------------------------------------------------------------------
 *  stackfault_init  -  Set up the double-fault task and its gate
 *------------------------------------------------------------------------
 */
void	stackfault_init(void)
{
	memset(&dftss, 0, sizeof(dftss));
	dftss.eip = (uint32)dftask;
	dftss.esp = (uint32)&dfstack[DFSTKLEN / sizeof(uint32)];
	dftss.cr3 = kernel_pdbr;
	dftss.eflags = 0x2;		/* reserved bit; IF off		*/
	dftss.cs = KCODE_SEL;
	dftss.ds = dftss.es = dftss.ss = dftss.fs = dftss.gs = KDATA_SEL;
	dftss.iomap = sizeof(struct tss);	/* no I/O bitmap	*/
	tss.iomap = sizeof(struct tss);
	set_idt_task(VEC_DOUBLEFAULT, DFTSS_SEL);
}

/*------------------------------------------------------------------------
 *  stkoverflow  -  Where an overflowing process resumes: kill it
 *------------------------------------------------------------------------
 */
local	void	stkoverflow(void)
{
	vmkill("STACK_OVERFLOW");
}

/*------------------------------------------------------------------------
 *  mapped  -  Whether 'va' is on a present page (or, for a vcreate'd
 *	       process, outside its page tables) in 'prptr''s directory
 *------------------------------------------------------------------------
 */
local	bool8	mapped(struct procent *prptr, uint32 va)
{
	pte_t	*pte = pte_lookup((pde_t *)prptr->prpdbr, va);

	return pte == NULL || (*pte & PTE_P) != 0;
}

/*------------------------------------------------------------------------
 *  stkroom  -  Start of a vcreate'd process's page fault, whose trap
 *		frame is at 'sp': mark the fault in progress when the
 *		FAULT_STKNEED bytes below are mapped, else kill the process
 *		for STACK_OVERFLOW on the emergency stack (interrupts off)
 *------------------------------------------------------------------------
 */
void	stkroom(uint32 sp)
{
	struct	procent	*prptr = &proctab[currpid];

	if (mapped(prptr, sp - FAULT_STKNEED)) {
		prptr->prflags |= PRF_INFAULT;
		return;
	}
	asm volatile("movl %0, %%esp\n\t"
		     "xorl %%ebp, %%ebp\n\t"
		     "call *%1"
		     : : "r"(&emstack[DFSTKLEN / sizeof(uint32)]),
		       "r"(stkoverflow) : "memory");
	__builtin_unreachable();
}

/*------------------------------------------------------------------------
 *  stackfault  -  Run in the double-fault task: send a process whose
 *		   stack pointer is on an unmapped page to stkoverflow
 *------------------------------------------------------------------------
 */
void	stackfault(void)
{
	struct	procent	*prptr = &proctab[currpid];

	if (mapped(prptr, tss.esp - 4) && mapped(prptr, tss.esp - 16)) {
		kprintf("\n*** double fault in process %d (%s)\n", currpid,
			prptr->prname);
		kprintf("    EIP 0x%08x  ESP 0x%08x  EBP 0x%08x  CR2 0x%08x\n",
			tss.eip, tss.esp, tss.ebp, read_cr2());
		kprintf("    EAX 0x%08x  EBX 0x%08x  ECX 0x%08x  EDX 0x%08x\n",
			tss.eax, tss.ebx, tss.ecx, tss.edx);
		panic("double fault");
	}
	if (prptr->prflags & PRF_INFAULT) {
		kprintf("\n*** stack overflow in process %d (%s) inside a page "
			"fault: FAULT_STKNEED (%d) is too small\n", currpid,
			prptr->prname, FAULT_STKNEED);
		panic("stack overflow inside a page fault");
	}
	pic_ack_inservice();
	tss.eip = (uint32)stkoverflow;
	tss.esp = (uint32)&emstack[DFSTKLEN / sizeof(uint32)];
	tss.ebp = 0;
	tss.eflags = 0x2;		/* interrupts stay off		*/
	tss.cs = KCODE_SEL;
	tss.ds = tss.es = tss.ss = tss.fs = tss.gs = KDATA_SEL;
	tss.cr3 = prptr->prpdbr;
}
