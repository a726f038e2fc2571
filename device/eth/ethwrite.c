/* ethwrite.c - ethwrite */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ethwrite  -  Send the frame of 'len' bytes at 'buf' (headers
 *		 included, no CRC); waits for a free descriptor.  A
 *		 buffer past the kernel region is copied into a staging
 *		 buffer before the descriptor is taken (ethstage.c).
 *------------------------------------------------------------------------
 */
devcall	ethwrite(
	  struct dentry	*devptr,	/* an Ethernet device		*/
	  char		*buf,		/* the frame			*/
	  int32		len		/* its length			*/
	)
{
	struct	ethcblk	*ethptr = &ethertab[devptr->dvminor];
	struct	e1000_txd *txd;
	char	*stage;
	intmask	mask;

	if (ethptr->state != ETH_STATE_UP || len < ETH_HDR_LEN
	    || len > ETH_MAXFRAME) {
		return SYSERR;
	}
	if (!bufok(buf, len, FALSE)) {
		kprintf("%s: write: bad buffer 0x%x\n", devptr->dvname,
			(uint32)buf);
		return SYSERR;
	}
	stage = ethstage(devptr, "write", buf, len);
	if (stage == (char *)SYSERR) {
		return SYSERR;
	}
	if (stage != buf) {
		memcpy(stage, buf, len);	/* may wait for a swap-in */
	}
	if (wait(ethptr->osem) == SYSERR) {
		ethunstage(currpid);
		return SYSERR;
	}
	mask = disable();
	txd = &ethptr->txring[ethptr->txtail];
	memcpy(ethptr->txbufs + ethptr->txtail * ETH_BUFSIZE, stage, len);
	txd->length = len;
	txd->cmd = E1000_TXD_EOP | E1000_TXD_IFCS | E1000_TXD_RS;
	txd->status = 0;
	ethptr->txtail = (ethptr->txtail + 1) % ETH_NTXD;
	e1000_barrier();
	e1000_reg(ethptr, E1000_TDT) = ethptr->txtail;
	ethptr->txframes++;
	ethunstage(currpid);
	restore(mask);
	return len;
}
