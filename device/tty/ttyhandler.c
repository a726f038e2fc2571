/* ttyhandler.c - ttyhandler */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttyhandler  -  The UART interrupt: serve every tty line until its IIR
 *		   says nothing is pending (the PIC sees edges, so a line
 *		   left pending would never interrupt again).  Rescheduling
 *		   is deferred to the end: a process woken here must not run
 *		   while a UART still holds its interrupt line up.
 *------------------------------------------------------------------------
 */
void	ttyhandler(void)
{
	struct	ttycblk	*typtr;
	uint32	csr;
	byte	iir;

	resched_cntl(DEFER_START);
	for (typtr = &ttytab[0]; typtr < &ttytab[Ntty]; typtr++) {
		csr = typtr->tycsr;
		while (((iir = inb(csr + UART_IIR)) & UART_IIR_NONE) == 0) {
			switch (iir & UART_IIR_MASK) {
			case UART_IIR_RDA:
			case UART_IIR_TIMEOUT:
				while (inb(csr + UART_LSR) & UART_LSR_DR) {
					ttyhandle_in(typtr, inb(csr + UART_RBR));
				}
				break;
			case UART_IIR_THRE:
				ttyhandle_out(typtr);
				break;
			case UART_IIR_RLS:
				inb(csr + UART_LSR);	/* clears it	*/
				break;
			default:
				inb(csr + UART_MSR);	/* modem status	*/
				break;
			}
		}
	}
	resched_cntl(DEFER_STOP);
}
