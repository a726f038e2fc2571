/* getstk.c - getstk */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  getstk  -  Allocate stack storage from the high end (last fit): whole
 *	       pages, page-aligned, with an unmapped guard page just below
 *	       them, so that running off the bottom faults instead of
 *	       writing over what lies below; the result is the address of
 *	       the highest word
 *------------------------------------------------------------------------
 */
char	*getstk(
	  uint32	nbytes		/* size of memory requested	*/
	)
{
	intmask	mask;
	struct	memblk	*prev, *curr, *fits, *fitsprev, *next, *above;
	uint32	size, top, lo, hi;

	mask = disable();
	if (nbytes == 0 || nbytes > memlist.mlength) {
		restore(mask);
		return (char *)SYSERR;
	}
	size = PGROUNDUP(nbytes) + PAGE_SIZE;	/* the stack, its guard	*/
	fits = fitsprev = NULL;
	hi = 0;
	prev = &memlist;
	for (curr = memlist.mnext; curr != NULL; curr = curr->mnext) {
		top = PGROUNDDOWN((uint32)curr + curr->mlength);
		if (top >= (uint32)curr + size) {
			fits = curr;
			fitsprev = prev;
			hi = top;
		}
		prev = curr;
	}
	if (fits == NULL) {
		restore(mask);
		return (char *)SYSERR;
	}

	/* Carve [lo, hi) out of the block: what lies above hi (less than
	 * a page) and below lo stay free */
	lo = hi - size;
	next = fits->mnext;
	if ((uint32)fits + fits->mlength > hi) {
		above = (struct memblk *)hi;
		above->mlength = (uint32)fits + fits->mlength - hi;
		above->mnext = next;
		next = above;
	}
	if (lo > (uint32)fits) {
		fits->mlength = lo - (uint32)fits;
		fits->mnext = next;
	} else {
		fitsprev->mnext = next;
	}
	memlist.mlength -= size;
	stkguard(lo);
	restore(mask);
	return (char *)(hi - sizeof(uint32));
}
