/* freemem.c - freemem */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  freemem  -  Return a block to the free list, merging it with free
 *		neighbours; refuses blocks outside the heap or overlapping
 *		free ones
 *------------------------------------------------------------------------
 */
syscall	freemem(
	  char		*blkaddr,	/* start of the block		*/
	  uint32	nbytes		/* size of the block		*/
	)
{
	intmask	mask;
	struct	memblk	*next, *prev, *block;
	uint32	top;

	mask = disable();
	if (nbytes == 0 || (uint32)blkaddr < (uint32)minheap ||
	    (uint32)blkaddr > (uint32)maxheap ||
	    (uint32)maxheap - (uint32)blkaddr < nbytes ||
	    ((uint32)blkaddr & 7) != 0) {
		restore(mask);
		return SYSERR;
	}
	nbytes = (uint32)roundmb(nbytes);
	block = (struct memblk *)blkaddr;

	prev = &memlist;
	next = memlist.mnext;
	while (next != NULL && next < block) {
		prev = next;
		next = next->mnext;
	}
	top = (prev == &memlist) ? 0 : (uint32)prev + prev->mlength;
	if ((prev != &memlist && (uint32)block < top) ||
	    (next != NULL && (uint32)block + nbytes > (uint32)next)) {
		restore(mask);		/* overlaps a free block	*/
		return SYSERR;
	}
	memlist.mlength += nbytes;

	if (top == (uint32)block) {	/* merge with the block before	*/
		prev->mlength += nbytes;
		block = prev;
	} else {
		block->mnext = next;
		block->mlength = nbytes;
		prev->mnext = block;
	}
	if ((uint32)block + block->mlength == (uint32)next) {
		block->mlength += next->mlength;	/* and after	*/
		block->mnext = next->mnext;
	}
	restore(mask);
	return OK;
}
