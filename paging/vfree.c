/* vfree.c - vfree */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  vfree  -  Release a page-aligned run of the caller's virtual heap;
 *	      the run may span several vmalloc results but must be wholly
 *	      reserved, else nothing is freed
 *------------------------------------------------------------------------
 */
syscall	vfree(
	  char		*ptr,		/* first byte of the run	*/
	  uint32	nbytes		/* length of the run in bytes	*/
	)
{
	intmask	mask;
	status	rv;

	mask = disable();
	rv = heap_free(currpid, ptr, nbytes);
	restore(mask);
	return rv;
}
