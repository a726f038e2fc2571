/* ttyread.c - ttyread */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttyread  -  Read up to 'count' characters from a tty.  It waits for
 *		the first one only, then takes what is readable without
 *		waiting: in cooked mode that is the rest of the line (the
 *		read ends after its NL, or at a ^D, which is consumed); in
 *		raw mode whatever has arrived.  EOF when the first
 *		character is the ^D mark.
 *------------------------------------------------------------------------
 */
devcall	ttyread(struct dentry *devptr, char *buff, int32 count)
{
	struct	ttycblk	*typtr = &ttytab[devptr->dvminor];
	intmask	mask;
	devcall	ch;
	int32	n;

	if (count < 0) {
		return SYSERR;
	}
	if (count == 0) {
		return 0;
	}
	if (!bufok(buff, count, TRUE)) {
		kprintf("%s: read: bad buffer 0x%x\n", devptr->dvname,
			(uint32)buff);
		return SYSERR;
	}
	mask = disable();
	ch = ttygetc(devptr);
	if (ch == EOF) {
		restore(mask);
		return EOF;
	}
	buff[0] = ch;
	n = 1;
	while (n < count && semcount(typtr->tyisem) > 0 &&
	       !(typtr->tyimode == TY_IMCOOKED && ch == '\n')) {
		ch = ttygetc(devptr);
		if (ch == EOF) {
			break;
		}
		buff[n++] = ch;
	}
	restore(mask);
	return n;
}
