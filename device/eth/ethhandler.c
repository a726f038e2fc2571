/* ethhandler.c - ethhandler */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ethhandler  -  The e1000 interrupt: read (and so clear) the causes,
 *		   count the frames that arrived into isem and the
 *		   transmit descriptors done into osem.  Frames stay in
 *		   the ring: the netin process copies them out (ethread).
 *------------------------------------------------------------------------
 */
void	ethhandler(void)
{
	struct	ethcblk	*ethptr = &ethertab[0];
	uint32	icr, n;

	if (ethptr->state != ETH_STATE_UP) {
		return;
	}
	icr = e1000_reg(ethptr, E1000_ICR);
	if (icr == 0) {
		return;			/* another device on the line	*/
	}
	ethptr->interrupts++;
	resched_cntl(DEFER_START);
	if (icr & E1000_ICR_RXO) {
		ethptr->overruns++;
	}
	n = 0;
	while (ethptr->rxring[ethptr->rxseen].status & E1000_RXD_DD) {
		ethptr->rxseen = (ethptr->rxseen + 1) % ETH_NRXD;
		n++;
	}
	if (n > 0) {
		signaln(ethptr->isem, n);
	}
	n = 0;
	while (ethptr->txclean != ethptr->txtail
	       && (ethptr->txring[ethptr->txclean].status & E1000_TXD_DD)) {
		ethptr->txclean = (ethptr->txclean + 1) % ETH_NTXD;
		n++;
	}
	if (n > 0) {
		signaln(ethptr->osem, n);
	}
	resched_cntl(DEFER_STOP);
}
