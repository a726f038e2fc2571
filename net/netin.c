/* netin.c - netin */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  netin  -  The network input process: read each frame from ETHER0
 *	      and hand it to ARP or IP; everything else is counted and
 *	      dropped.  Replies (ARP, echo) are sent from here, without
 *	      waiting for ARP, so netin never blocks on its own input.
 *------------------------------------------------------------------------
 */
process	netin(void)
{
	static	char	frame[ETH_MAXFRAME];	/* netin alone uses it;	*/
						/*   ethread drops longer */
	struct	etherhdr *eh = (struct etherhdr *)frame;
	int32	n;

	for (;;) {
		n = read(ETHER0, frame, sizeof(frame));
		if (n == SYSERR) {
			return SYSERR;		/* kill stops the network */
		}
		netstats.rxframes++;
		if (n < ETH_HDR_LEN) {
			netstats.runts++;
			continue;
		}
		switch (ntohs(eh->type)) {
		case ETH_TYPE_ARP:
			arp_in(frame, n);
			break;
		case ETH_TYPE_IP:
			ip_in(frame, n);
			break;
		default:
			netstats.badtype++;
			break;
		}
	}
	return OK;
}
