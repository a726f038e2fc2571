/* ip.c - ip_martian, ip_dhcpclient, ip_deliver, ip_in, ip_onlink, ip_loop,
	  ip_send, ip_getbuf, ip_freebuf, ip_forget */

#include <xinu.h>

local	uint16	ipident;		/* id of the next datagram	*/
local	char	*sendbufs[NPROC];	/* each process's frame buffer	*/
					/*   while it sends (ip_getbuf)	*/

/*------------------------------------------------------------------------
 *  ip_martian  -  Is 'ip' an address no other host on our link can
 *		   have: 0.0.0.0, a broadcast (all ones, or our
 *		   subnet's), multicast (224/4), loopback (127/8) or our
 *		   own?  ip_in drops datagrams from one, ARP learns none,
 *		   DHCP takes none as ours.
 *------------------------------------------------------------------------
 */
bool8	ip_martian(uint32 ip)
{
	return ip == 0 || ip == IP_BCAST
		|| (ip & IP_MCAST_MASK) == IP_MCAST
		|| (ip >> IP_NETSHIFT) == IP_LOOPNET
		|| (NetData.ipvalid
		    && (ip == NetData.ipucast || ip == NetData.ipbcast));
}

/*------------------------------------------------------------------------
 *  ip_dhcpclient  -  Is the datagram at 'ip' (total 'tlen' bytes, a
 *		      header of 'hlen') a DHCP client's that has no
 *		      address yet: from 0.0.0.0 to UDP port 67?  The one
 *		      martian a DHCP server (a program on port 67) needs.
 *------------------------------------------------------------------------
 */
local	bool8	ip_dhcpclient(struct iphdr *ip, uint32 hlen, uint32 tlen)
{
	struct	udphdr	*uh = (struct udphdr *)((char *)ip + hlen);

	return ip->src == 0 && ip->proto == IP_UDP
		&& tlen >= hlen + UDP_HDR_LEN
		&& ntohs(uh->dport) == DHCP_SERVER_PORT;
}

/*------------------------------------------------------------------------
 *  ip_deliver  -  Hand the checked datagram at 'ip' (its frame at
 *		   'frame') to ICMP or UDP, unless it is not for us or is
 *		   a fragment.  Until we have an address every datagram
 *		   is ours (DHCP's answers may go to the address being
 *		   offered).
 *------------------------------------------------------------------------
 */
local	void	ip_deliver(char *frame, struct iphdr *ip)
{
	uint32	dst = ntohl(ip->dst);

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
		icmp_in(frame, ETH_HDR_LEN + ntohs(ip->len), ip);
		break;
	case IP_UDP:
		udp_in(frame, ETH_HDR_LEN + ntohs(ip->len), ip);
		break;
	default:
		netstats.ipproto++;
		break;
	}
}

/*------------------------------------------------------------------------
 *  ip_in  -  Check an IP frame of 'len' bytes from the wire (netin):
 *	      its version, lengths and checksum, and that its source is
 *	      no martian (ip_martian; a DHCP client's 0.0.0.0 to port 67
 *	      excepted), then deliver it
 *------------------------------------------------------------------------
 */
void	ip_in(char *frame, uint32 len)
{
	struct	iphdr	*ip = (struct iphdr *)(frame + ETH_HDR_LEN);
	uint32	hlen, tlen;

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
	if (ip_martian(ntohl(ip->src)) && !ip_dhcpclient(ip, hlen, tlen)) {
		netstats.ipmartian++;
		return;
	}
	ip_deliver(frame, ip);
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
 *  ip_loop  -  Deliver 'frame', an IP datagram that ip_send built for
 *		our own address, here instead of on the wire: it runs in
 *		the sender's process (its answer, an echo reply, loops
 *		the same way), and its source, our address, is no
 *		martian here.  Interrupts stay off, so netin's ip_in
 *		never runs beside it.
 *------------------------------------------------------------------------
 */
void	ip_loop(char *frame)
{
	intmask	mask;

	mask = disable();
	netstats.looped++;
	ip_deliver(frame, (struct iphdr *)(frame + ETH_HDR_LEN));
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
		ip_loop(frame);
		return OK;
	}
	if (write(ETHER0, frame, ETH_HDR_LEN + IP_HDR_LEN + datalen)
	    == SYSERR) {
		return SYSERR;
	}
	netstats.txframes++;
	return OK;
}

/*------------------------------------------------------------------------
 *  ip_getbuf  -  A frame buffer (ETH_MAXFRAME bytes of kernel heap) in
 *		  which the current process builds a datagram for
 *		  ip_send, or SYSERR.  Sending may wait (for ARP, or for
 *		  local delivery); if the process is killed meanwhile,
 *		  kill frees the buffer (ip_forget).
 *------------------------------------------------------------------------
 */
char	*ip_getbuf(void)
{
	char	*buf;
	intmask	mask;

	mask = disable();		/* no kill between the two	*/
	buf = getmem(ETH_MAXFRAME);
	if (buf != (char *)SYSERR) {
		sendbufs[currpid] = buf;
	}
	restore(mask);
	return buf;
}

/*------------------------------------------------------------------------
 *  ip_freebuf  -  Free the current process's frame buffer 'buf'
 *------------------------------------------------------------------------
 */
void	ip_freebuf(char *buf)
{
	intmask	mask;

	mask = disable();
	sendbufs[currpid] = NULL;
	freemem(buf, ETH_MAXFRAME);
	restore(mask);
}

/*------------------------------------------------------------------------
 *  ip_forget  -  Process 'pid' is being killed (interrupts disabled):
 *		  free the frame buffer it was sending from (each killed
 *		  while it waited for ARP used to leave 1520 bytes of
 *		  kernel heap behind)
 *------------------------------------------------------------------------
 */
void	ip_forget(pid32 pid)
{
	if (sendbufs[pid] != NULL) {
		freemem(sendbufs[pid], ETH_MAXFRAME);
		sendbufs[pid] = NULL;
	}
}
