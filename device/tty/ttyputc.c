/* ttyputc.c - ttyputc */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttyputc  -  Write one character to a tty
 *------------------------------------------------------------------------
 */
devcall	ttyputc(struct dentry *devptr, char ch)
{
	(void)devptr;
	kputc(ch);
	return OK;
}
