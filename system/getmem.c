/* getmem.c - getmem */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  getmem  -  Allocate heap storage, first fit, from the low end
 *------------------------------------------------------------------------
 */
char	*getmem(
	  uint32	nbytes		/* size of memory requested	*/
	)
{
	intmask	mask;
	struct	memblk	*prev, *curr, *rest;

	mask = disable();
	if (nbytes == 0 || nbytes > memlist.mlength) {
		restore(mask);
		return (char *)SYSERR;
	}
	nbytes = (uint32)roundmb(nbytes);
	prev = &memlist;
	for (curr = memlist.mnext; curr != NULL; curr = curr->mnext) {
		if (curr->mlength == nbytes) {
			prev->mnext = curr->mnext;
			break;
		}
		if (curr->mlength > nbytes) {
			rest = (struct memblk *)((char *)curr + nbytes);
			rest->mnext = curr->mnext;
			rest->mlength = curr->mlength - nbytes;
			prev->mnext = rest;
			break;
		}
		prev = curr;
	}
	if (curr == NULL) {
		restore(mask);
		return (char *)SYSERR;
	}
	memlist.mlength -= nbytes;
	restore(mask);
	return (char *)curr;
}
