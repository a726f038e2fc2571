/* getvirtualstack.c - getvirtualstack */

#include <xinu.h>
#include <vm.h>

/*------------------------------------------------------------------------
 *  getvirtualstack  -  Map a new stack of whole pages, backed at once and
 *			with an unmapped guard page below, in the caller's
 *			address space; returns the address of its highest
 *			word (as getstk does), or SYSERR (carried out by
 *			vmm)
 *------------------------------------------------------------------------
 */
char	*getvirtualstack(
	  uint32	nbytes		/* stack size in bytes, > 0	*/
	)
{
	char	*addr;

	if (vmm_call(VMR_STACK, NULL, nbytes, &addr) == SYSERR) {
		return (char *)SYSERR;
	}
	return addr;
}
