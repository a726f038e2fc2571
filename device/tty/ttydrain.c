/* ttydrain.c - ttydrain */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttydrain  -  The machine is stopping: send, polling, what every tty
 *		 still holds for output, even if held by ^S, so that the
 *		 last lines a program wrote are not lost.  Leaves
 *		 interrupts disabled and wakes no writer.
 *------------------------------------------------------------------------
 */
void	ttydrain(void)
{
	struct	ttycblk	*typtr;

	disable();
	for (typtr = &ttytab[0]; typtr < &ttytab[Ntty]; typtr++) {
		while (typtr->tyout.rcount > 0) {
			while ((inb(typtr->tycsr + UART_LSR) & UART_LSR_THRE)
			       == 0) {
				;
			}
			outb(typtr->tycsr + UART_THR, tyrget(&typtr->tyout));
		}
	}
}
