/* xsh_netinfo.c - xsh_netinfo */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_netinfo  -  Show the NIC, the addresses and every frame count
 *------------------------------------------------------------------------
 */
shellcmd xsh_netinfo(int32 nargs, char *args[])
{
	struct	ethcblk	*ep = &ethertab[0];
	struct	netstats *s = &netstats;
	char	a[IP_DOTLEN], b[IP_DOTLEN], r[IP_DOTLEN];
	byte	*m = ep->mac;

	if (nargs != 1) {
		return shusage(args[0]);
	}
	if (ep->state != ETH_STATE_UP) {
		printf("no NIC (no e1000 on PCI bus 0)\n");
		return OK;
	}
	printf("ETHER0   e1000 %s  MAC %02x:%02x:%02x:%02x:%02x:%02x  "
	       "link %s  irq %d\n", ep->model, m[0], m[1], m[2], m[3], m[4],
	       m[5], control(ETHER0, ETH_CTRL_LINK, 0, 0) == TRUE ? "up"
	       : "down", ep->irq);
	if (!netup) {
		printf("IP       off (net=off)\n");
	} else if (!NetData.ipvalid) {
		printf("IP       none (no DHCP answer)\n");
	} else {
		printf("IP       %s/%d  broadcast %s  router %s  (%s)\n",
		       ip2dot(NetData.ipucast, a), masklen(NetData.ipmask),
		       ip2dot(NetData.ipbcast, b), NetData.iprouter == 0
		       ? "none" : ip2dot(NetData.iprouter, r),
		       NetData.bydhcp ? "DHCP" : "net.ip");
	}
	printf("NIC      rx %d  tx %d  bad %d  oversize %d  missed %d  "
	       "overruns %d  interrupts %d\n", ep->rxframes, ep->txframes,
	       ep->rxerrors, ep->rxoversize, ep->rxmissed, ep->overruns,
	       ep->interrupts);
	printf("in       frames %d  arp %d  ip %d  icmp %d  udp %d  "
	       "echoes %d  sent %d  looped %d\n", s->rxframes, s->arpin,
	       s->ipin, s->icmpin, s->udpin, s->echoes, s->txframes,
	       s->looped);
	printf("dropped  runts %d  type %d  arpbad %d  arpother %d  "
	       "unasked %d\n", s->runts, s->badtype, s->arpbad, s->arpother,
	       s->arpunasked);
	printf("dropped  ipbad %d  martian %d  ipother %d  frag %d  "
	       "proto %d\n", s->ipbad, s->ipmartian, s->ipother, s->ipfrag,
	       s->ipproto);
	printf("dropped  icmpbad %d  udpbad %d  noport %d  full %d\n",
	       s->icmpbad, s->udpbad, s->udpnoport, s->udpfull);
	return OK;
}
