/* vcreate.c - vcreate, vm_new, vm_delete */

#include <xinu.h>
#include <vm.h>

/*------------------------------------------------------------------------
 *  vm_new  -  Make the VM state of a new process: a page directory that
 *	       shares the kernel region's page tables, and an empty heap
 *	       (interrupts disabled); NULL when memory is short
 *------------------------------------------------------------------------
 */
local	struct	vmproc	*vm_new(pde_t **pdp)
{
	struct	vmproc	*vm;
	pde_t	*pd;

	vm = (struct vmproc *)getmem(sizeof(struct vmproc));
	if (vm == (struct vmproc *)SYSERR) {
		return NULL;
	}
	memset(vm, 0, sizeof(*vm));
	vm->stacktop = VSTACK_TOP;
	if (vheap_init(vm) == SYSERR) {
		freemem((char *)vm, sizeof(*vm));
		return NULL;
	}
	pd = pdpt_alloc();
	if (pd == NULL) {
		vheap_destroy(vm);
		freemem((char *)vm, sizeof(*vm));
		return NULL;
	}
	memcpy(pd, (pde_t *)kernel_pdbr, PDX(KERNEL_END) * sizeof(pde_t));
	*pdp = pd;
	return vm;
}

/*------------------------------------------------------------------------
 *  vm_delete  -  Free a directory whose heap and stacks are gone, and
 *		  the VM state
 *------------------------------------------------------------------------
 */
void	vm_delete(struct vmproc *vm, pde_t *pd)
{
	pdpt_free(pd);
	vheap_destroy(vm);
	freemem((char *)vm, sizeof(*vm));
}

/*------------------------------------------------------------------------
 *  vcreate  -  Create a process with its own address space: the kernel
 *		region, a private heap from VHEAP_START, and a virtual
 *		stack of 'ssize' bytes below VSTACK_TOP
 *------------------------------------------------------------------------
 */
pid32	vcreate(
	  void		*funcaddr,	/* first instruction		*/
	  uint32	ssize,		/* stack size in bytes		*/
	  pri16		priority,	/* process priority, > 0	*/
	  char		*name,		/* name (for debugging)		*/
	  uint32	nargs,		/* number of arguments		*/
	  ...
	)
{
	intmask	mask;
	va_list	ap;
	struct	vmproc	*vm;
	struct	procent	*prptr;
	pde_t	*pd;
	pid32	pid;
	uint32	npages, top, *ktop;
	char	*ksp;

	mask = disable();
	if (name != NULL && !strok(name, PNMLEN - 1)) {
		kprintf("vcreate: bad name 0x%x\n", (uint32)name);
		restore(mask);
		return SYSERR;
	}
	npages = PGROUNDUP(ssize < MINSTK ? MINSTK : ssize) / PAGE_SIZE;
	if (priority < 1 || funcaddr == NULL || nargs > MAXARGS ||
	    ssize > VSTACK_TOP - VHEAP_END || (pid = newpid()) == SYSERR ||
	    (vm = vm_new(&pd)) == NULL) {
		restore(mask);
		return SYSERR;
	}
	top = vstack_alloc(vm, pd, npages);
	if (top == (uint32)SYSERR) {
		vm_delete(vm, pd);
		restore(mask);
		return SYSERR;
	}
	procinit(pid, (char *)(top - sizeof(uint32)), npages * PAGE_SIZE,
		 priority, name);
	prptr = &proctab[pid];
	prptr->prvm = vm;
	prptr->prpdbr = (uint32)pd;

	/* Build the first frame in the stack's top page through the kmap
	 * window (STKSLACK bytes below the top of the mapped stack); the
	 * saved stack pointer is the same spot seen from the process's own
	 * address space */
	ktop = (uint32 *)((char *)kmap(KMAP_DST,
		PTE_FRAME(*pte_lookup(pd, top - PAGE_SIZE))) + PAGE_SIZE) - 1;
	va_start(ap, nargs);
	ksp = initstack(ktop, funcaddr, nargs, ap);
	va_end(ap);
	prptr->prstkptr = (char *)(top - sizeof(uint32)) - ((char *)ktop - ksp);
	restore(mask);
	return pid;
}
