/* pdpt.c - pdpt_init, pdpt_alloc, pdpt_free, pdpt_free_count */

#include <xinu.h>

/*
 * The PD/PT region: MAX_PT_SIZE frames at the top of the kernel region
 * that hold every page directory and page table.  Being in the kernel
 * region, they are identity mapped in every address space, so the kernel
 * can edit any process's tables without switching directories.  Free
 * frames form a list threaded through their first word, like the kernel
 * heap's free list; a frame is zeroed when it is handed out.
 */

local	uint32	*pdpt_freelist;		/* first free frame, or NULL	*/
local	uint32	pdpt_nfree;		/* frames on the free list	*/

/*------------------------------------------------------------------------
 *  pdpt_init  -  Put every frame of the region on the free list
 *------------------------------------------------------------------------
 */
void	pdpt_init(void)
{
	int32	i;
	uint32	*frame;

	pdpt_freelist = NULL;
	pdpt_nfree = 0;
	for (i = MAX_PT_SIZE - 1; i >= 0; i--) {
		frame = (uint32 *)(PTREGION_START + i * PAGE_SIZE);
		*frame = (uint32)pdpt_freelist;
		pdpt_freelist = frame;
		pdpt_nfree++;
	}
}

/*------------------------------------------------------------------------
 *  pdpt_alloc  -  Take a zeroed frame for a directory or table, or NULL
 *------------------------------------------------------------------------
 */
void	*pdpt_alloc(void)
{
	intmask	mask;
	uint32	*frame;

	mask = disable();
	frame = pdpt_freelist;
	if (frame != NULL) {
		pdpt_freelist = (uint32 *)*frame;
		pdpt_nfree--;
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

	assert((uint32)frame >= PTREGION_START &&
	       (uint32)frame < KERNEL_END &&
	       ((uint32)frame & (PAGE_SIZE - 1)) == 0);
	mask = disable();
	*(uint32 *)frame = (uint32)pdpt_freelist;
	pdpt_freelist = frame;
	pdpt_nfree++;
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
