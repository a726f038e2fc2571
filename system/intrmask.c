/* intrmask.c - disable, restore, enable */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  disable  -  Disable interrupts and return the previous EFLAGS
 *------------------------------------------------------------------------
 */
intmask	disable(void)
{
	intmask	mask;

	asm volatile("pushfl; popl %0; cli" : "=r"(mask) : : "memory");
	return mask;
}

/*------------------------------------------------------------------------
 *  restore  -  Re-enable interrupts if they were enabled in 'mask'
 *------------------------------------------------------------------------
 */
void	restore(intmask mask)
{
	if (mask & EFLAGS_IF) {
		asm volatile("sti" : : : "memory");
	}
}

/*------------------------------------------------------------------------
 *  enable  -  Enable interrupts
 *------------------------------------------------------------------------
 */
void	enable(void)
{
	asm volatile("sti" : : : "memory");
}
