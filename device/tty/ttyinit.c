/* ttyinit.c - ttyinit */

#include <xinu.h>

struct	ttycblk	ttytab[Ntty];

/*------------------------------------------------------------------------
 *  ttyinit  -  Initialize a tty line and enable its receive interrupt
 *------------------------------------------------------------------------
 */
devcall	ttyinit(struct dentry *devptr)
{
	struct	ttycblk	*typtr = &ttytab[devptr->dvminor];
	uint32	csr = (uint32)devptr->dvcsr;

	typtr->tyihead = typtr->tyitail = typtr->tyibuff;
	typtr->tyisem = semcreate(0);
	typtr->tycsr = devptr->dvcsr;
	outb(csr + UART_IER, UART_IER_RDA);
	set_irq_handler(devptr->dvirq, devptr->dvintr);
	return OK;
}
