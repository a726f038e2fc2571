/* ttygetc.c - ttygetc */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttygetc  -  Read one character from a tty, waiting until one is
 *		readable (in cooked mode, until a whole line is typed);
 *		EOF for the end-of-file mark ^D leaves in cooked mode
 *------------------------------------------------------------------------
 */
devcall	ttygetc(struct dentry *devptr)
{
	struct	ttycblk	*typtr = &ttytab[devptr->dvminor];
	intmask	mask;
	char	ch;

	mask = disable();
	wait(typtr->tyisem);
	ch = tyrget(&typtr->tyin);
	if (typtr->tyimode == TY_IMCOOKED && ch == TY_EOFCH) {
		restore(mask);
		return EOF;
	}
	restore(mask);
	return (devcall)(byte)ch;
}
