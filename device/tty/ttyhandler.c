/* ttyhandler.c - ttyhandler */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttyhandler  -  Move received characters into the input buffer
 *------------------------------------------------------------------------
 */
void	ttyhandler(void)
{
	struct	ttycblk	*typtr = &ttytab[0];
	uint32	csr = (uint32)typtr->tycsr;
	char	ch;

	while (inb(csr + UART_LSR) & UART_LSR_DR) {
		ch = inb(csr + UART_RBR);
		if (ch == '\r') {
			ch = '\n';
		}
		if (semcount(typtr->tyisem) >= TY_IBUFLEN) {
			continue;
		}
		*typtr->tyitail++ = ch;
		if (typtr->tyitail >= &typtr->tyibuff[TY_IBUFLEN]) {
			typtr->tyitail = typtr->tyibuff;
		}
		signal(typtr->tyisem);
	}
}
