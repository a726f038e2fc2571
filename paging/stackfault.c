/* stackfault.c - stackfault_init, stackfault, stkoverflow */

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
	pic_ack_inservice();
	tss.eip = (uint32)stkoverflow;
	tss.esp = (uint32)&emstack[DFSTKLEN / sizeof(uint32)];
	tss.ebp = 0;
	tss.eflags = 0x2;		/* interrupts stay off		*/
	tss.cs = KCODE_SEL;
	tss.ds = tss.es = tss.ss = tss.fs = tss.gs = KDATA_SEL;
	tss.cr3 = prptr->prpdbr;
}
