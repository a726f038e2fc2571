/* freestk.c - freestk */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  freestk  -  Free a stack given its highest word and its size
 *------------------------------------------------------------------------
 */
syscall	freestk(
	  char		*stkbase,	/* highest word of the stack	*/
	  uint32	nbytes		/* size the stack was given	*/
	)
{
	nbytes = (uint32)roundmb(nbytes);
	return freemem(stkbase + sizeof(uint32) - nbytes, nbytes);
}
