/* meminit.c - meminit */

#include <xinu.h>

struct	memblk	memlist;		/* head of the free list	*/
void	*minheap;			/* start of the kernel heap	*/
void	*maxheap;			/* end of the kernel heap	*/

/*------------------------------------------------------------------------
 *  meminit  -  Make the kernel heap one free block: from the end of the
 *		image to the end of usable RAM below 'limit'
 *------------------------------------------------------------------------
 */
void	meminit(uint32 limit)
{
	struct	memblk	*blk;
	uint32	top = ramtop(limit);

	minheap = (void *)roundmb(end);
	maxheap = (void *)truncmb(top);
	if ((uint32)maxheap <= (uint32)minheap + PAGE_SIZE) {
		panic("meminit: no RAM for the kernel heap");
	}
	blk = (struct memblk *)minheap;
	blk->mnext = NULL;
	blk->mlength = (uint32)maxheap - (uint32)minheap;
	memlist.mnext = blk;
	memlist.mlength = blk->mlength;
}
