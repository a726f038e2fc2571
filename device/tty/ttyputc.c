/* ttyputc.c - ttyputc */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttyoutch  -  Put one character in the output ring, waiting while the
 *		 ring is full, and start the transmitter (interrupts off)
 *------------------------------------------------------------------------
 */
local	void	ttyoutch(struct ttycblk *typtr, char ch)
{
	wait(typtr->tyosem);
	tyrput(&typtr->tyout, ch);
	ttykickout(typtr);
}

/*------------------------------------------------------------------------
 *  ttyputc  -  Write one character to a tty, NL as CR NL
 *------------------------------------------------------------------------
 */
devcall	ttyputc(struct dentry *devptr, char ch)
{
	struct	ttycblk	*typtr = &ttytab[devptr->dvminor];
	intmask	mask;

	mask = disable();
	if (ch == '\n') {
		ttyoutch(typtr, '\r');
	}
	ttyoutch(typtr, ch);
	restore(mask);
	return OK;
}
