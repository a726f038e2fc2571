/* vmalloc.c - vmalloc */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  vmalloc  -  Reserve whole pages of the caller's virtual heap, first
 *		fit from the lowest address; no frame is used until a
 *		page is touched
 *------------------------------------------------------------------------
 */
char	*vmalloc(
	  uint32	nbytes		/* bytes wanted, > 0		*/
	)
{
	intmask	mask;
	char	*addr;

	mask = disable();
	addr = heap_alloc(currpid, nbytes);
	restore(mask);
	return addr;
}
