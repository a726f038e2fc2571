/* ethread.c - ethread */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ethread  -  Wait for a frame and copy it, whole, into 'buf' ('len'
 *		bytes of room); returns its length.  Frames the NIC
 *		marked bad or too long for one ring buffer (all its
 *		pieces) are counted and skipped, and so are frames longer
 *		than ETH_MAXFRAME (QEMU's e1000 passes up to 1522 bytes;
 *		we take no VLAN tags) or than 'len': a frame is never
 *		cut short.  A buffer past the kernel region is filled
 *		from a staging buffer after the frame left the ring
 *		(ethstage.c).
 *------------------------------------------------------------------------
 */
devcall	ethread(
	  struct dentry	*devptr,	/* an Ethernet device		*/
	  char		*buf,		/* where the frame goes		*/
	  int32		len		/* room in buf			*/
	)
{
	struct	ethcblk	*ethptr = &ethertab[devptr->dvminor];
	struct	e1000_rxd *rxd;
	char	*stage;
	intmask	mask;
	int32	n;

	if (ethptr->state != ETH_STATE_UP || len < 0) {
		return SYSERR;
	}
	if (!bufok(buf, len, TRUE)) {
		kprintf("%s: read: bad buffer 0x%x\n", devptr->dvname,
			(uint32)buf);
		return SYSERR;
	}
	stage = ethstage(devptr, "read", buf, len);
	if (stage == (char *)SYSERR) {
		return SYSERR;
	}
	do {
		if (wait(ethptr->isem) == SYSERR) {
			ethunstage(currpid);
			return SYSERR;
		}
		mask = disable();
		rxd = &ethptr->rxring[ethptr->rxhead];
		n = -1;
		if (ethptr->rxskip) {		/* the rest of a long one */
			ethptr->rxskip = !(rxd->status & E1000_RXD_EOP);
		} else if (!(rxd->status & E1000_RXD_EOP)) {
			ethptr->rxerrors++;	/* longer than a buffer	*/
			ethptr->rxskip = TRUE;
		} else if (rxd->errors != 0) {
			ethptr->rxerrors++;
		} else if (rxd->length > ETH_MAXFRAME
			   || (int32)rxd->length > len) {
			ethptr->rxoversize++;
		} else {
			n = rxd->length;
			memcpy(stage, ethptr->rxbufs + ethptr->rxhead
			       * ETH_BUFSIZE, n);
			ethptr->rxframes++;
		}
		rxd->status = 0;
		e1000_barrier();
		e1000_reg(ethptr, E1000_RDT) = ethptr->rxhead;	/* give	*/
		ethptr->rxhead = (ethptr->rxhead + 1) % ETH_NRXD;
		ethptr->rxmissed += e1000_reg(ethptr, E1000_MPC);
		restore(mask);
	} while (n < 0);
	if (stage != buf) {
		memcpy(buf, stage, n);		/* may wait for a swap-in */
	}
	ethunstage(currpid);
	return n;
}
