/* ethcontrol.c - ethcontrol */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ethcontrol  -  ETH_CTRL_GET_MAC copies the MAC to (byte *)arg1;
 *		   ETH_CTRL_LINK returns TRUE when the link is up;
 *		   ETH_CTRL_READY returns TRUE when, besides, the
 *		   receiver has been on for ETH_RXSETTLE ms (ether.h)
 *------------------------------------------------------------------------
 */
devcall	ethcontrol(
	  struct dentry	*devptr,	/* an Ethernet device		*/
	  int32		func,		/* ETH_CTRL_...			*/
	  int32		arg1,
	  int32		arg2
	)
{
	struct	ethcblk	*ethptr = &ethertab[devptr->dvminor];

	(void)arg2;
	if (ethptr->state != ETH_STATE_UP) {
		return SYSERR;
	}
	switch (func) {
	case ETH_CTRL_GET_MAC:
		if (!bufok((byte *)arg1, ETH_ADDR_LEN, TRUE)) {
			kprintf("%s: control: bad buffer 0x%x\n",
				devptr->dvname, arg1);
			return SYSERR;
		}
		memcpy((byte *)arg1, ethptr->mac, ETH_ADDR_LEN);
		return OK;
	case ETH_CTRL_LINK:
		return (e1000_reg(ethptr, E1000_STATUS) & E1000_STATUS_LU)
			? TRUE : FALSE;
	case ETH_CTRL_READY:
		return (e1000_reg(ethptr, E1000_STATUS) & E1000_STATUS_LU)
			&& clkms - ethptr->rxon >= ETH_RXSETTLE ? TRUE : FALSE;
	default:
		return SYSERR;
	}
}
