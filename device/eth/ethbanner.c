/* ethbanner.c - ethbanner */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ethbanner  -  The boot banner's line about the NIC
 *------------------------------------------------------------------------
 */
void	ethbanner(void)
{
	struct	ethcblk	*ethptr = &ethertab[0];
	byte	*m = ethptr->mac;

	if (ethptr->state != ETH_STATE_UP) {
		kprintf("  net      %s\n", ethptr->model == NULL
			? "no NIC (no e1000 on PCI bus 0)" : ethptr->model);
		return;
	}
	kprintf("  net      e1000 %s %02x:%02x:%02x:%02x:%02x:%02x irq %d, "
		"link %s\n", ethptr->model, m[0], m[1], m[2], m[3], m[4],
		m[5], ethptr->irq, control(ETHER0, ETH_CTRL_LINK, 0, 0) == TRUE
		? "up" : "down");
}
