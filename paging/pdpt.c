/* pdpt.c - pdpt_init, pdpt_alloc, pdpt_free, pdpt_free_count */

#include <xinu.h>
#include <vm.h>

/*
 * The PD/PT region: MAX_PT_SIZE frames at the top of the kernel region
 * that hold every page directory and page table.  Being in the kernel
 * region, they are identity mapped in every address space, so the kernel
 * edits any process's tables without switching directories.
 *
 * The free list is a stack of frame numbers kept outside the frames, so
 * freeing a frame leaves its contents alone: a process that kills itself
 * frees the directory it is still running on, and that directory must
 * keep working until ctxsw loads the next one (interrupts stay off, so
 * nothing can allocate the frame meanwhile).  A frame is zeroed when it
 * is handed out.
 */

local	uint16	pdpt_stack[MAX_PT_SIZE];	/* free frame numbers	*/
local	uint32	pdpt_nfree;			/* entries in the stack	*/

/*------------------------------------------------------------------------
 *  pdpt_init  -  Make every frame of the region free; the lowest frame
 *		  is handed out first
 *------------------------------------------------------------------------
 */
void	pdpt_init(void)
{
	uint32	i;

	for (i = 0; i < MAX_PT_SIZE; i++) {
		pdpt_stack[i] = MAX_PT_SIZE - 1 - i;
	}
	pdpt_nfree = MAX_PT_SIZE;
}

/*------------------------------------------------------------------------
 *  pdpt_alloc  -  Take a zeroed frame for a directory or table, or NULL
 *------------------------------------------------------------------------
 */
void	*pdpt_alloc(void)
{
	intmask	mask;
	void	*frame = NULL;

	mask = disable();
	if (pdpt_nfree > 0) {
		frame = (void *)(PTREGION_START +
				 pdpt_stack[--pdpt_nfree] * PAGE_SIZE);
		memset(frame, 0, PAGE_SIZE);
	}
	restore(mask);
	return frame;
}

/*------------------------------------------------------------------------
 *  pdpt_free  -  Give a directory or table frame back
 *------------------------------------------------------------------------
 */
void	pdpt_free(void *frame)
{
	intmask	mask;

	assert(ispdptframe(frame));
	mask = disable();
	assert(pdpt_nfree < MAX_PT_SIZE);
	pdpt_stack[pdpt_nfree++] = ((uint32)frame - PTREGION_START) / PAGE_SIZE;
	restore(mask);
}

/*------------------------------------------------------------------------
 *  pdpt_free_count  -  Frames left in the PD/PT region
 *------------------------------------------------------------------------
 */
uint32	pdpt_free_count(void)
{
	return pdpt_nfree;
}
