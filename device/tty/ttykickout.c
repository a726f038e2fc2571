/* ttykickout.c - ttykickout */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttykickout  -  Make sure the transmitter will send what the output
 *		   ring holds: turn on the transmit interrupt, which the
 *		   UART raises at once when its FIFO is empty (interrupts
 *		   disabled)
 *------------------------------------------------------------------------
 */
void	ttykickout(struct ttycblk *typtr)
{
	if (!typtr->tyoheld) {
		outb(typtr->tycsr + UART_IER, UART_IER_RDA | UART_IER_THRE);
	}
}
