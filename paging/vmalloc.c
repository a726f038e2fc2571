/* vmalloc.c - vmalloc */

#include <xinu.h>
#include <vm.h>

/*------------------------------------------------------------------------
 *  vmalloc  -  Reserve whole pages of the caller's virtual heap, first
 *		fit from the lowest address (next fit for ECE465); no
 *		frame is used until a page is touched (carried out by the
 *		VM system process)
 *------------------------------------------------------------------------
 */
char	*vmalloc(
	  uint32	nbytes		/* bytes wanted, > 0		*/
	)
{
	char	*addr;

	if (vmm_call(VMR_ALLOC, NULL, nbytes, &addr) == SYSERR) {
		return (char *)SYSERR;
	}
	return addr;
}
