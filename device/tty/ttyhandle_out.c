/* ttyhandle_out.c - ttyhandle_out */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttyhandle_out  -  The transmit FIFO is empty: refill it from the
 *		      output ring; with nothing to send (or output held by
 *		      ^S) turn the transmit interrupt off until ttykickout;
 *		      hand the slots sent and those ttyflush freed to the
 *		      writers (interrupts disabled)
 *------------------------------------------------------------------------
 */
void	ttyhandle_out(struct ttycblk *typtr)
{
	int32	n;

	for (n = 0; n < UART_FIFO_LEN && !typtr->tyoheld &&
		    typtr->tyout.rcount > 0; n++) {
		outb(typtr->tycsr + UART_THR, tyrget(&typtr->tyout));
	}
	if (n == 0) {
		outb(typtr->tycsr + UART_IER, UART_IER_RDA);
	}
	n += typtr->tyofreed;			/* sent by ttyflush	*/
	typtr->tyofreed = 0;
	if (n > 0) {
		signaln(typtr->tyosem, n);	/* blocked writers go on */
	}
}
