/* vcreate.c - vcreate, vm_new, vm_delete */

#include <xinu.h>

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
 *  vcreate  -  Create a process with its own address space: the kernel
 *		region, a private heap from VHEAP_START, and its stack
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
	pde_t	*pd;
	pid32	pid;

	mask = disable();
	if ((vm = vm_new(&pd)) == NULL) {
		restore(mask);
		return SYSERR;
	}
	va_start(ap, nargs);
	pid = newproc(funcaddr, ssize, priority, name, nargs, ap);
	va_end(ap);
	if (pid == SYSERR) {
		vm_delete(vm, pd);
		restore(mask);
		return SYSERR;
	}
	proctab[pid].prvm = vm;
	proctab[pid].prpdbr = (uint32)pd;
	restore(mask);
	return pid;
}

/*------------------------------------------------------------------------
 *  vm_delete  -  Free a directory whose heap is empty, and the VM state
 *------------------------------------------------------------------------
 */
void	vm_delete(struct vmproc *vm, pde_t *pd)
{
	pdpt_free(pd);
	vheap_destroy(vm);
	freemem((char *)vm, sizeof(*vm));
}
