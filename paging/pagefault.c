/* pagefault.c - pagefault */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  pagefault  -  Handle a page fault at address 'cr2' (interrupts off)
 *------------------------------------------------------------------------
 */
void	pagefault(struct trapframe *tf, uint32 cr2)
{
	(void)cr2;
	trapdump(tf, "page fault");
	panic("page fault in the kernel");
}
