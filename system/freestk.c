/* freestk.c - freestk */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  freestk  -  Free a stack given its highest word and the size it was
 *		asked for: its pages and its guard page, mapped again
 *------------------------------------------------------------------------
 */
syscall	freestk(
	  char		*stkbase,	/* highest word of the stack	*/
	  uint32	nbytes		/* size the stack was given	*/
	)
{
	intmask	mask;
	uint32	top = (uint32)stkbase + sizeof(uint32), size;
	status	rv;

	mask = disable();
	if (nbytes == 0 || (top & (PAGE_SIZE - 1)) != 0 ||
	    nbytes > (uint32)maxheap - (uint32)minheap ||
	    top < (uint32)minheap + PGROUNDUP(nbytes) + PAGE_SIZE ||
	    top > (uint32)maxheap) {
		restore(mask);
		return SYSERR;
	}
	size = PGROUNDUP(nbytes) + PAGE_SIZE;
	stkunguard(top - size);		/* freemem writes a header there */
	rv = freemem((char *)(top - size), size);
	restore(mask);
	return rv;
}
