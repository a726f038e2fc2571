/* getstk.c - getstk */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  getstk  -  Allocate stack storage, last fit, from the high end; the
 *	       result is the address of the highest word
 *------------------------------------------------------------------------
 */
char	*getstk(
	  uint32	nbytes		/* size of memory requested	*/
	)
{
	intmask	mask;
	struct	memblk	*prev, *curr, *fits, *fitsprev;

	mask = disable();
	if (nbytes == 0 || nbytes > memlist.mlength) {
		restore(mask);
		return (char *)SYSERR;
	}
	nbytes = (uint32)roundmb(nbytes);
	fits = fitsprev = NULL;
	prev = &memlist;
	for (curr = memlist.mnext; curr != NULL; curr = curr->mnext) {
		if (curr->mlength >= nbytes) {
			fits = curr;
			fitsprev = prev;
		}
		prev = curr;
	}
	if (fits == NULL) {
		restore(mask);
		return (char *)SYSERR;
	}
	if (fits->mlength == nbytes) {
		fitsprev->mnext = fits->mnext;
	} else {
		fits->mlength -= nbytes;
		fits = (struct memblk *)((char *)fits + fits->mlength);
	}
	memlist.mlength -= nbytes;
	restore(mask);
	return (char *)((uint32)fits + nbytes - sizeof(uint32));
}
