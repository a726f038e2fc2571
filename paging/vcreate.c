/* vcreate.c - vcreate, vspawn, vm_new, vm_delete */

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
 *		  the VM state with its list of mapped stores
 *------------------------------------------------------------------------
 */
void	vm_delete(struct vmproc *vm, pde_t *pd)
{
	xmap_destroy(vm);
	pdpt_free(pd);
	vheap_destroy(vm);
	freemem((char *)vm, sizeof(*vm));
}

/*------------------------------------------------------------------------
 *  vspawn  -  The work of vcreate and vclone: a new process with its own
 *	       address space and a virtual stack of 'ssize' bytes; its
 *	       heap is empty, or a copy-on-write copy of the heap of
 *	       'parent' when that is not SYSERR (heap_clone).  The new
 *	       pid, or SYSERR with nothing changed (interrupts disabled)
 *------------------------------------------------------------------------
 */
pid32	vspawn(void *funcaddr, uint32 ssize, pri16 priority, char *name,
	       uint32 nargs, va_list ap, pid32 parent)
{
	struct	vmproc	*vm;
	struct	procent	*prptr;
	pde_t	*pd;
	pid32	pid;
	uint32	npages, top, *ktop;
	char	*ksp;
	char	pname[PNMLEN];		/* the name, copied first	*/

	if (!procname(pname, name)) {
		kprintf("vcreate: bad name 0x%x\n", (uint32)name);
		return SYSERR;
	}
	npages = PGROUNDUP(ssize < MINSTK ? MINSTK : ssize) / PAGE_SIZE;
	if (priority < 1 || funcaddr == NULL || nargs > MAXARGS ||
	    ssize > VSTACK_TOP - VHEAP_END || (pid = newpid()) == SYSERR ||
	    (vm = vm_new(&pd)) == NULL) {
		return SYSERR;
	}
	top = vstack_alloc(vm, pd, npages);
	if (top == (uint32)SYSERR) {
		vm_delete(vm, pd);
		return SYSERR;
	}
	procinit(pid, (char *)(top - sizeof(uint32)), npages * PAGE_SIZE,
		 priority, pname);
	prptr = &proctab[pid];
	prptr->prvm = vm;
	prptr->prpdbr = (uint32)pd;
	if (parent != SYSERR && heap_clone(parent, pid) == SYSERR) {
		vmteardown(pid);		/* as if it never was	*/
		prptr->prstate = PR_FREE;
		prcount--;
		return SYSERR;
	}

	/* Build the first frame in the stack's top page through the kmap
	 * window (STKSLACK bytes below the top of the mapped stack); the
	 * saved stack pointer is the same spot seen from the process's own
	 * address space */
	ktop = (uint32 *)((char *)kmap(KMAP_DST,
		PTE_FRAME(*pte_lookup(pd, top - PAGE_SIZE))) + PAGE_SIZE) - 1;
	ksp = initstack(ktop, funcaddr, nargs, ap);
	prptr->prstkptr = (char *)(top - sizeof(uint32)) - ((char *)ktop - ksp);
	return pid;
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
	pid32	pid;

	mask = disable();
	va_start(ap, nargs);
	pid = vspawn(funcaddr, ssize, priority, name, nargs, ap, SYSERR);
	va_end(ap);
	restore(mask);
	return pid;
}
