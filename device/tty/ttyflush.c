/* ttyflush.c - ttyflush */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttyflush  -  Send at once, polling, what every tty holds for output
 *		 (even if held by ^S), so that the kernel's next lines (a
 *		 crash dump, a kill line) come after what processes wrote
 *		 before them.  It never reschedules (a dying process calls
 *		 it, perhaps on a borrowed stack): the freed slots are
 *		 handed to blocked writers by the next transmit interrupt
 *------------------------------------------------------------------------
 */
void	ttyflush(void)
{
	struct	ttycblk	*typtr;
	intmask	mask;
	uint32	n;

	mask = disable();
	for (typtr = &ttytab[0]; typtr < &ttytab[Ntty]; typtr++) {
		for (n = 0; typtr->tyout.rcount > 0; n++) {
			while ((inb(typtr->tycsr + UART_LSR) & UART_LSR_THRE)
			       == 0) {
				;
			}
			outb(typtr->tycsr + UART_THR, tyrget(&typtr->tyout));
		}
		if (n > 0) {
			typtr->tyofreed += n;
			outb(typtr->tycsr + UART_IER,
			     UART_IER_RDA | UART_IER_THRE);
		}
	}
	restore(mask);
}
