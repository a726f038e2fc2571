/* netstart.c - netstart, netconfig, net_forget */

#include <xinu.h>

struct	network	NetData;		/* the interface's addresses	*/
struct	netstats netstats;		/* frame counts			*/
bool8	netup;				/* the netin process runs	*/
pid32	netpid = SYSERR;		/* ... and its pid: a system	*/
					/*   process, like vmm		*/

/*------------------------------------------------------------------------
 *  netconfig  -  Take address 'ip' with a 'len'-bit prefix and router
 *		  'router' (0: none)
 *------------------------------------------------------------------------
 */
local	void	netconfig(uint32 ip, int32 len, uint32 router)
{
	NetData.ipmask = len == 0 ? 0 : 0xFFFFFFFF << (32 - len);
	NetData.ipucast = ip;
	NetData.ipprefix = ip & NetData.ipmask;
	NetData.ipbcast = NetData.ipprefix | ~NetData.ipmask;
	NetData.iprouter = router;
	NetData.ipvalid = TRUE;
}

/*------------------------------------------------------------------------
 *  netstart  -  Bring the network up at boot when there is a NIC and
 *		 net=off was not given: start the netin process, wait
 *		 (up to NET_READYWAIT ms) until frames can come in, then
 *		 take the static address of net.ip (and net.gw) or ask
 *		 DHCP.  Prints one banner line with the outcome.
 *------------------------------------------------------------------------
 */
void	netstart(void)
{
	char	a[IP_DOTLEN], m[IP_DOTLEN], r[IP_DOTLEN];
	uint64	start;

	if (ethertab[0].state != ETH_STATE_UP) {
		return;
	}
	if (strcmp(bootcfg.net, "off") == 0) {
		kprintf("  ip       none (net=off)\n");
		return;
	}
	memset(&NetData, 0, sizeof(NetData));
	control(ETHER0, ETH_CTRL_GET_MAC, (int32)NetData.ethucast, 0);
	memset(NetData.ethbcast, 0xFF, ETH_ADDR_LEN);
	arp_init();
	udp_init();
	netpid = create(netin, NETSTK, NETPRIO, "netin", 0);
	if (netpid == SYSERR) {
		kprintf("  ip       none (cannot create netin)\n");
		return;
	}
	netup = TRUE;
	resume(netpid);
	start = clkms;			/* so main's first ping is	*/
	while (control(ETHER0, ETH_CTRL_READY, 0, 0) != TRUE /* answered */
	       && clkms - start < NET_READYWAIT) {
		sleepms(NET_READYPOLL);
	}
	if (bootcfg.netip != 0) {
		netconfig(bootcfg.netip, bootcfg.netlen, bootcfg.netgw);
	} else if (dhcp_run() == SYSERR) {
		kprintf("  ip       none (no DHCP answer; net.ip=a.b.c.d/len "
			"sets one)\n");
		return;
	}
	kprintf("  ip       %s/%d", ip2dot(NetData.ipucast, a),
		masklen(NetData.ipmask));
	if (NetData.iprouter != 0) {
		kprintf(" router %s", ip2dot(NetData.iprouter, r));
	}
	if (NetData.bydhcp) {
		kprintf(" (DHCP from %s, lease %d s)",
			ip2dot(NetData.dhcpserver, m), NetData.lease);
	} else {
		kprintf(" (net.ip)");
	}
	kprintf("\n");
}

/*------------------------------------------------------------------------
 *  net_forget  -  Process 'pid' is being killed: give back everything
 *		   it held in the network (kill's one call into net/)
 *------------------------------------------------------------------------
 */
void	net_forget(
	  pid32		pid		/* the process being killed	*/
	)
{
	udp_forget(pid);		/* a UDP slot it waits on	*/
	icmp_forget(pid);		/* an echo reply it waits for	*/
	arp_forget(pid);		/* an ARP answer it waits for	*/
	ip_forget(pid);			/* the frame it was sending	*/
	dhcp_forget(pid);		/* its dhcp_run's message, slot	*/
	ethunstage(pid);		/* its ETHER0 staging buffer	*/
}
