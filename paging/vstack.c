/* vstack.c - vstk_init, vstack_alloc, vstk_free, free_vstk_frames */

#include <xinu.h>
#include <vm.h>

/*
 * Virtual stacks.  Their frames come from a stack area of its own after
 * the swap area (MAX_VSTK_SIZE frames), are mapped eagerly and never
 * evicted: a fault on a stack page could not be handled on that stack.
 * A process's stacks sit high in its address space, the first one just
 * below VSTACK_TOP, each further one below the last; every stack has an
 * unmapped guard page below it, whose PTE is marked PTE_IS_STACK so the
 * fault handlers can tell an overflow from a wild pointer.
 *
 * All vcreate'd processes use the same virtual addresses for their first
 * stack: each sees its own frames there through its own directory, and
 * ctxsw loads the new directory before the new stack pointer.  Freeing a
 * stack frame leaves its contents and PTE alone (see vmteardown).
 */

local	uint16	vstk_stack[MAX_VSTK_SIZE];	/* free frame numbers	*/
local	uint32	vstk_nfree;

#define	vstkaddr(i)	(VSTK_START + (uint32)(i) * PAGE_SIZE)

/*------------------------------------------------------------------------
 *  vstk_init  -  Make every stack frame free, lowest first
 *------------------------------------------------------------------------
 */
void	vstk_init(void)
{
	uint32	i;

	for (i = 0; i < MAX_VSTK_SIZE; i++) {
		vstk_stack[i] = MAX_VSTK_SIZE - 1 - i;
	}
	vstk_nfree = MAX_VSTK_SIZE;
}

/*------------------------------------------------------------------------
 *  vstack_alloc  -  Map a new stack of 'npages' zeroed pages, with a
 *		     guard page below, under the lowest stack of 'vm' in
 *		     directory 'pd'; returns the address just above it, or
 *		     SYSERR with nothing changed (interrupts disabled)
 *------------------------------------------------------------------------
 */
uint32	vstack_alloc(struct vmproc *vm, pde_t *pd, uint32 npages)
{
	uint32	top = vm->stacktop, guard, i;
	uint32	frame;

	if (npages == 0 || npages >= (top - VHEAP_END) / PAGE_SIZE ||
	    npages > vstk_nfree) {
		return SYSERR;
	}
	guard = top - (npages + 1) * PAGE_SIZE;
	if (pt_missing(pd, guard >> PAGE_SHIFT, npages + 1) >
	    pdpt_free_count()) {
		return SYSERR;
	}
	pt_ensure(pd, guard >> PAGE_SHIFT, npages + 1);
	*pte_lookup(pd, guard) = PTE_IS_STACK;
	for (i = 1; i <= npages; i++) {
		frame = vstkaddr(vstk_stack[--vstk_nfree]);
		page_zero(kmap(KMAP_DST, frame));
		*pte_lookup(pd, guard + i * PAGE_SIZE) =
			frame | PTE_P | PTE_W | PTE_IS_STACK;
	}
	vm->stacktop = guard;
	vm->nstkframes += npages;
	return top;
}

/*------------------------------------------------------------------------
 *  vstk_free  -  Give back the stack frame at physical address 'pa'
 *------------------------------------------------------------------------
 */
void	vstk_free(struct vmproc *vm, uint32 pa)
{
	assert(pa >= VSTK_START && pa < PHYS_END && vstk_nfree < MAX_VSTK_SIZE);
	vstk_stack[vstk_nfree++] = (pa - VSTK_START) / PAGE_SIZE;
	vm->nstkframes--;
}

/*------------------------------------------------------------------------
 *  free_vstk_frames  -  Number of free virtual-stack frames
 *------------------------------------------------------------------------
 */
uint32	free_vstk_frames(void)
{
	return vstk_nfree;
}
