/* ttygetc.c - ttygetc */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttygetc  -  Read one character from a tty, waiting for it
 *------------------------------------------------------------------------
 */
devcall	ttygetc(struct dentry *devptr)
{
	struct	ttycblk	*typtr = &ttytab[devptr->dvminor];
	char	ch;

	wait(typtr->tyisem);
	ch = *typtr->tyihead++;
	if (typtr->tyihead >= &typtr->tyibuff[TY_IBUFLEN]) {
		typtr->tyihead = typtr->tyibuff;
	}
	return (devcall)(byte)ch;
}
