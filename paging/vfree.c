/* vfree.c - vfree */

#include <xinu.h>
#include <vm.h>

/*------------------------------------------------------------------------
 *  vfree  -  Release a page-aligned run of the caller's virtual heap;
 *	      the run may span several vmalloc results but must be wholly
 *	      reserved, else nothing is freed (carried out by vmm)
 *------------------------------------------------------------------------
 */
syscall	vfree(
	  char		*ptr,		/* first byte of the run	*/
	  uint32	nbytes		/* length of the run in bytes	*/
	)
{
	return vmm_call(VMR_FREE, ptr, nbytes, NULL);
}
