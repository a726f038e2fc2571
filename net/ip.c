/* ip.c - ip_in, ip_onlink, ip_loop, ip_send */

#include <xinu.h>

local	uint16	ipident;		/* id of the next datagram	*/

/*------------------------------------------------------------------------
 *  ip_in  -  Check an IP frame of 'len' bytes and hand it to ICMP or
 *	      UDP (netin).  Until we have an address every datagram is
 *	      ours (DHCP's answers may go to the address being offered).
 *------------------------------------------------------------------------
 */
void	ip_in(char *frame, uint32 len)
{
	struct	iphdr	*ip = (struct iphdr *)(frame + ETH_HDR_LEN);
	uint32	hlen, tlen, dst;

	if (len < ETH_HDR_LEN + IP_HDR_LEN) {
		netstats.runts++;
		return;
	}
	hlen = (ip->verlen & 0xF) * 4;
	tlen = ntohs(ip->len);
	if ((ip->verlen >> 4) != 4 || hlen < IP_HDR_LEN || tlen < hlen
	    || ETH_HDR_LEN + tlen > len
	    || inet_cksum(ip, hlen, 0) != 0) {
		netstats.ipbad++;
		return;
	}
	dst = ntohl(ip->dst);
	if (NetData.ipvalid && dst != NetData.ipucast && dst != IP_BCAST
	    && dst != NetData.ipbcast) {
		netstats.ipother++;
		return;
	}
	if (ntohs(ip->frag) & (IP_MF | IP_OFFMASK)) {
		netstats.ipfrag++;
		return;
	}
	netstats.ipin++;
	switch (ip->proto) {
	case IP_ICMP:
		icmp_in(frame, ETH_HDR_LEN + tlen, ip);
		break;
	case IP_UDP:
		udp_in(frame, ETH_HDR_LEN + tlen, ip);
		break;
	default:
		netstats.ipproto++;
		break;
	}
}

/*------------------------------------------------------------------------
 *  ip_onlink  -  Is 'ip' on our link (our subnet, or a broadcast)?
 *------------------------------------------------------------------------
 */
bool8	ip_onlink(uint32 ip)
{
	return ip == IP_BCAST
		|| (NetData.ipvalid && (ip & NetData.ipmask) == NetData.ipprefix);
}

/*------------------------------------------------------------------------
 *  ip_loop  -  Deliver the frame of 'len' bytes, an IP datagram to our
 *		own address, here instead of on the wire: ip_in runs in
 *		the sender's process (its answer, an echo reply, loops
 *		the same way).  Interrupts stay off, so netin's ip_in
 *		never runs beside it.
 *------------------------------------------------------------------------
 */
void	ip_loop(char *frame, uint32 len)
{
	intmask	mask;

	mask = disable();
	netstats.looped++;
	ip_in(frame, len);
	restore(mask);
}

/*------------------------------------------------------------------------
 *  ip_send  -  Send 'frame', whose IP data ('datalen' bytes of protocol
 *		'proto') already follows the room for the Ethernet and IP
 *		headers, to 'dst': fill both headers, find the next hop's
 *		MAC (the router for other subnets) and write it; a
 *		datagram to our own address is delivered here (ip_loop).
 *		Returns OK, TIMEOUT (no ARP answer) or SYSERR.
 *------------------------------------------------------------------------
 */
status	ip_send(
	  char		*frame,		/* ETH_MAXFRAME bytes		*/
	  byte		proto,		/* IP_UDP, IP_ICMP		*/
	  uint32	dst,		/* destination, host order	*/
	  uint32	datalen		/* bytes after the IP header	*/
	)
{
	struct	etherhdr *eh = (struct etherhdr *)frame;
	struct	iphdr	*ip = (struct iphdr *)(frame + ETH_HDR_LEN);
	uint32	hop;
	bool8	self;
	status	st;

	if (datalen > ETH_MTU - IP_HDR_LEN || !netup) {
		return SYSERR;
	}
	self = NetData.ipvalid && dst == NetData.ipucast;
	hop = dst;
	if (self) {
		memcpy(eh->dst, NetData.ethucast, ETH_ADDR_LEN);
	} else {
		if (!ip_onlink(dst)) {
			if (NetData.iprouter == 0) {
				return SYSERR;		/* no route	*/
			}
			hop = NetData.iprouter;
		}
		if ((st = arp_resolve(hop, eh->dst)) != OK) {
			return st;
		}
	}
	memcpy(eh->src, NetData.ethucast, ETH_ADDR_LEN);
	eh->type = htons(ETH_TYPE_IP);
	ip->verlen = IP_VERLEN;
	ip->tos = 0;
	ip->len = htons(IP_HDR_LEN + datalen);
	ip->id = htons(ipident);
	ipident++;
	ip->frag = 0;
	ip->ttl = IP_TTL;
	ip->proto = proto;
	ip->cksum = 0;
	ip->src = htonl(NetData.ipvalid ? NetData.ipucast : 0);
	ip->dst = htonl(dst);
	ip->cksum = inet_cksum(ip, IP_HDR_LEN, 0);
	if (self) {
		ip_loop(frame, ETH_HDR_LEN + IP_HDR_LEN + datalen);
		return OK;
	}
	if (write(ETHER0, frame, ETH_HDR_LEN + IP_HDR_LEN + datalen)
	    == SYSERR) {
		return SYSERR;
	}
	netstats.txframes++;
	return OK;
}
