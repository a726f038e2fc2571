/* ttyinit.c - ttyinit */

#include <xinu.h>

struct	ttycblk	ttytab[Ntty];

/*------------------------------------------------------------------------
 *  tyrinit  -  Make an empty ring over 'size' bytes at 'buf'
 *------------------------------------------------------------------------
 */
local	void	tyrinit(struct tyring *r, char *buf, uint32 size)
{
	r->rbuf = buf;
	r->rsize = size;
	r->rhead = r->rcount = 0;
}

/*------------------------------------------------------------------------
 *  ttyinit  -  Initialize a tty line: cooked mode with echo, the UART at
 *		115200 8N1 with FIFOs, and the receive interrupt on (the
 *		transmit interrupt is on only while there is output)
 *------------------------------------------------------------------------
 */
devcall	ttyinit(struct dentry *devptr)
{
	struct	ttycblk	*typtr = &ttytab[devptr->dvminor];
	uint32	csr = (uint32)devptr->dvcsr;

	typtr->tycsr = csr;
	tyrinit(&typtr->tyin, typtr->tyibuff, TY_IBUFLEN);
	tyrinit(&typtr->tyout, typtr->tyobuff, TY_OBUFLEN);
	typtr->tyisem = semcreate(0);
	typtr->tyosem = semcreate(TY_OBUFLEN);
	typtr->tyicursor = 0;
	typtr->tyimode = TY_IMCOOKED;
	typtr->tyiecho = TRUE;
	typtr->tyidrops = 0;
	typtr->tyidiscard = FALSE;
	typtr->tyintrpid = 0;
	typtr->tyiprompt = FALSE;
	typtr->tyoheld = FALSE;
	typtr->tyofreed = 0;

	uartinit(csr);				/* drops stale input	*/
	outb(csr + UART_IER, UART_IER_RDA);
	set_irq_handler(devptr->dvirq, devptr->dvintr);
	return OK;
}
