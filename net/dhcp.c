/* dhcp.c - dhcp_run, dhcp_forget, getlocalip */

#include <xinu.h>

/*
 * A DHCP client (RFC 2131) for the boot: DISCOVER, take the first
 * OFFER, REQUEST it, and on ACK take the address, mask (option 1) and
 * router (option 3).  The broadcast flag asks servers to answer to the
 * broadcast address, since we have no address to be answered at.  An
 * answer is read whole (the message buffer holds the largest datagram,
 * so no option is cut off), and an offer or ack of an address no host
 * can have (ip_martian: 0.0.0.0, 127.0.0.1, a broadcast, ...; or, by
 * the mask the ack gives, its subnet's broadcast or network number) is
 * refused: the next round asks again.  A router no host can be, or one
 * off the subnet, is left out (with 255.255.255.255 as the router,
 * every datagram off the subnet went to the Ethernet broadcast).
 */

#define	BOOTP_REQUEST	1
#define	BOOTP_REPLY	2
#define	BOOTP_BCAST	0x8000		/* flags: answer by broadcast	*/
#define	DHCP_COOKIE	0x63825363
#define	DHCP_FIXED	240		/* bytes before the options	*/
#define	DHCP_OPTLEN	(UDP_MAXDATA - DHCP_FIXED)	/* the rest of	*/
					/*   the largest datagram	*/
#define	DHCP_MASK	0xFFFFFF00	/* when the ack gives none	*/
#define	DHCP_PTPMASK	0xFFFFFFFE	/* /31 and /32: no broadcast	*/
					/*   or network number		*/

#define	OPT_PAD		0
#define	OPT_MASK	1
#define	OPT_ROUTER	3
#define	OPT_REQIP	50
#define	OPT_LEASE	51
#define	OPT_TYPE	53
#define	OPT_SERVER	54
#define	OPT_PARAMS	55
#define	OPT_END		255

#define	DHCPDISCOVER	1
#define	DHCPOFFER	2
#define	DHCPREQUEST	3
#define	DHCPACK		5
#define	DHCPNAK		6

struct	dhcpmsg	{
	byte	op, htype, hlen, hops;
	uint32	xid;
	uint16	secs, flags;
	uint32	ciaddr, yiaddr, siaddr, giaddr;
	byte	chaddr[16];
	char	sname[64];
	char	file[128];
	uint32	cookie;
	byte	opts[DHCP_OPTLEN];
} __attribute__((packed));

/* What a process running dhcp_run holds, for kill (dhcp_forget) */
struct	dhcpheld {
	struct	dhcpmsg	*msg;		/* its message buffer, or NULL	*/
	uid32	slot;			/* its UDP slot			*/
};
local	struct	dhcpheld dhcpheld[NPROC];

/* What an answer said */
struct	dhcpinfo {
	int32	type;			/* DHCPOFFER, ...		*/
	uint32	yiaddr, mask, router, server, lease;
};

/*------------------------------------------------------------------------
 *  dhcp_xid  -  A transaction id no exchange of this boot had before
 *		 (one more than the last), so a late answer to an earlier
 *		 one is never taken for this one's.  (Each run used to
 *		 start from the MAC plus the clock in ms: two runs in one
 *		 millisecond had the same id.)  The first is made of the
 *		 MAC and the clock, so machines and boots differ.
 *------------------------------------------------------------------------
 */
local	uint32	dhcp_xid(void)
{
	static	uint32	lastxid;
	static	bool8	started;
	intmask	mask;
	uint32	xid;

	mask = disable();
	if (!started) {
		lastxid = ((uint32)NetData.ethucast[2] << 24
			   | NetData.ethucast[3] << 16
			   | NetData.ethucast[4] << 8 | NetData.ethucast[5])
			  ^ (uint32)clkms;
		started = TRUE;
	}
	xid = ++lastxid;
	restore(mask);
	return xid;
}

/*------------------------------------------------------------------------
 *  dhcp_build  -  Fill 'm' as a message of 'type' (requesting 'reqip'
 *		   from 'server' when not 0); returns its length
 *------------------------------------------------------------------------
 */
local	int32	dhcp_build(struct dhcpmsg *m, int32 type, uint32 xid,
			   uint32 reqip, uint32 server)
{
	byte	*o = m->opts;

	memset(m, 0, sizeof(*m));
	m->op = BOOTP_REQUEST;
	m->htype = ARP_HTYPE_ETH;
	m->hlen = ETH_ADDR_LEN;
	m->xid = htonl(xid);
	m->flags = htons(BOOTP_BCAST);
	memcpy(m->chaddr, NetData.ethucast, ETH_ADDR_LEN);
	m->cookie = htonl(DHCP_COOKIE);
	*o++ = OPT_TYPE; *o++ = 1; *o++ = type;
	if (reqip != 0) {
		*o++ = OPT_REQIP; *o++ = 4;
		*(uint32 *)o = htonl(reqip); o += 4;
	}
	if (server != 0) {
		*o++ = OPT_SERVER; *o++ = 4;
		*(uint32 *)o = htonl(server); o += 4;
	}
	*o++ = OPT_PARAMS; *o++ = 2; *o++ = OPT_MASK; *o++ = OPT_ROUTER;
	*o++ = OPT_END;
	return (char *)o - (char *)m;
}

/*------------------------------------------------------------------------
 *  optaddr  -  The address in option data 'p' of length 'n', or 0
 *------------------------------------------------------------------------
 */
local	uint32	optaddr(const byte *p, uint32 n)
{
	return n >= 4 ? (uint32)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]
		      : 0;
}

/*------------------------------------------------------------------------
 *  dhcp_parse  -  Read answer 'm' of 'len' bytes to 'xid' into 'info';
 *		   SYSERR when it is not one
 *------------------------------------------------------------------------
 */
local	status	dhcp_parse(struct dhcpmsg *m, int32 len, uint32 xid,
			   struct dhcpinfo *info)
{
	byte	*o = m->opts, *end = (byte *)m + len;
	uint32	code, n;

	if (len < DHCP_FIXED || m->op != BOOTP_REPLY
	    || ntohl(m->xid) != xid || ntohl(m->cookie) != DHCP_COOKIE
	    || memcmp(m->chaddr, NetData.ethucast, ETH_ADDR_LEN) != 0) {
		return SYSERR;
	}
	memset(info, 0, sizeof(*info));
	info->yiaddr = ntohl(m->yiaddr);
	while (o < end && *o != OPT_END) {
		code = *o++;
		if (code == OPT_PAD) {
			continue;
		}
		if (o >= end || o + 1 + *o > end) {
			return SYSERR;
		}
		n = *o++;
		switch (code) {
		case OPT_TYPE:	info->type = n >= 1 ? o[0] : 0;	break;
		case OPT_MASK:	info->mask = optaddr(o, n);	break;
		case OPT_ROUTER: info->router = optaddr(o, n);	break;
		case OPT_SERVER: info->server = optaddr(o, n);	break;
		case OPT_LEASE:	info->lease = optaddr(o, n);	break;
		}
		o += n;
	}
	return info->type != 0 ? OK : SYSERR;
}

/*------------------------------------------------------------------------
 *  dhcp_ask  -  Send 'out' ('len' bytes) and wait for an answer of type
 *		 'want' (or a NAK) to 'xid'; OK with 'info' filled, or
 *		 SYSERR after DHCP_WAIT ms
 *------------------------------------------------------------------------
 */
local	status	dhcp_ask(uid32 slot, struct dhcpmsg *m, int32 len, uint32 xid,
			 int32 want, struct dhcpinfo *info)
{
	uint64	start = clkms;
	int32	n;

	if (udp_sendto(slot, IP_BCAST, DHCP_SERVER_PORT, (char *)m, len)
	    != OK) {
		return SYSERR;
	}
	while (clkms - start < DHCP_WAIT) {
		n = udp_recv(slot, (char *)m, sizeof(*m),
			     DHCP_WAIT - (clkms - start));
		if (n < 0) {
			return SYSERR;
		}
		if (dhcp_parse(m, n, xid, info) == OK
		    && (info->type == want || info->type == DHCPNAK)) {
			return info->type == want ? OK : SYSERR;
		}
	}
	return SYSERR;
}

/*------------------------------------------------------------------------
 *  dhcp_hostpart  -  Can a host have 'ip' on the subnet of 'mask': is
 *		      its host part neither all zeros (the network
 *		      number) nor all ones (the broadcast)?  (On a /31 or
 *		      /32 there are neither.)
 *------------------------------------------------------------------------
 */
local	bool8	dhcp_hostpart(uint32 ip, uint32 mask)
{
	return mask >= DHCP_PTPMASK
		|| ((ip & ~mask) != 0 && (ip & ~mask) != ~mask);
}

/*------------------------------------------------------------------------
 *  dhcp_lease  -  Take the address, mask and router that 'ack' gives
 *		   into NetData; SYSERR, NetData untouched, when the
 *		   address is its subnet's broadcast or network number.
 *		   A mask that is missing or not contiguous is /24, and a
 *		   router off the subnet, or one no host can be (ip_martian,
 *		   the subnet's broadcast or our own address), is none.
 *------------------------------------------------------------------------
 */
local	status	dhcp_lease(const struct dhcpinfo *ack)
{
	uint32	mask = ack->mask, prefix, router = ack->router;

	if (mask == 0 || (~mask & (~mask + 1)) != 0) {
		mask = DHCP_MASK;
	}
	prefix = ack->yiaddr & mask;
	if (!dhcp_hostpart(ack->yiaddr, mask)) {
		return SYSERR;
	}
	if ((router & mask) != prefix || router == ack->yiaddr
	    || !dhcp_hostpart(router, mask) || ip_martian(router)) {
		router = 0;
	}
	NetData.ipucast = ack->yiaddr;
	NetData.ipmask = mask;
	NetData.ipprefix = prefix;
	NetData.ipbcast = prefix | ~mask;
	NetData.iprouter = router;
	NetData.dhcpserver = ack->server;
	NetData.lease = ack->lease;
	NetData.bydhcp = TRUE;
	NetData.ipvalid = TRUE;
	return OK;
}

/*------------------------------------------------------------------------
 *  dhcp_run  -  Get an address, mask and router by DHCP and set NetData
 *		 (DHCP_TRIES rounds); OK or SYSERR
 *------------------------------------------------------------------------
 */
status	dhcp_run(void)
{
	struct	dhcpmsg	*m;
	struct	dhcpinfo offer, ack;
	intmask	mask;
	uid32	slot;
	uint32	xid;
	int32	try, len;
	status	st = SYSERR;

	mask = disable();		/* no kill between these	*/
	slot = udp_register(0, 0, DHCP_CLIENT_PORT);
	if (slot == SYSERR) {
		restore(mask);
		return SYSERR;
	}
	m = (struct dhcpmsg *)getmem(sizeof(*m));
	if (m == (struct dhcpmsg *)SYSERR) {
		udp_release(slot);
		restore(mask);
		return SYSERR;
	}
	dhcpheld[currpid].msg = m;
	dhcpheld[currpid].slot = slot;
	restore(mask);
	for (try = 0; try < DHCP_TRIES && st != OK; try++) {
		xid = dhcp_xid();
		len = dhcp_build(m, DHCPDISCOVER, xid, 0, 0);
		if (dhcp_ask(slot, m, len, xid, DHCPOFFER, &offer) != OK
		    || ip_martian(offer.yiaddr)) {
			continue;
		}
		len = dhcp_build(m, DHCPREQUEST, xid, offer.yiaddr,
				 offer.server);
		if (dhcp_ask(slot, m, len, xid, DHCPACK, &ack) != OK
		    || ip_martian(ack.yiaddr) || dhcp_lease(&ack) != OK) {
			continue;
		}
		st = OK;
	}
	mask = disable();
	dhcp_forget(currpid);
	restore(mask);
	return st;
}

/*------------------------------------------------------------------------
 *  dhcp_forget  -  Free the message buffer and UDP slot of process
 *		    'pid''s dhcp_run (interrupts disabled): when it ends,
 *		    or is killed in it (each such process used to leave
 *		    its 1472-byte message in the kernel heap)
 *------------------------------------------------------------------------
 */
void	dhcp_forget(
	  pid32		pid		/* the process			*/
	)
{
	struct	dhcpheld *dh = &dhcpheld[pid];
	struct	dhcpmsg	*m = dh->msg;

	if (m != NULL) {
		dh->msg = NULL;
		freemem((char *)m, sizeof(*m));
		udp_release(dh->slot);
	}
}

/*------------------------------------------------------------------------
 *  getlocalip  -  Our IP address (host order), or SYSERR when we have
 *		   none: as in upstream Xinu, DHCP is tried once more
 *------------------------------------------------------------------------
 */
uint32	getlocalip(void)
{
	if (!NetData.ipvalid && (!netup || dhcp_run() != OK)) {
		return (uint32)SYSERR;
	}
	return NetData.ipucast;
}
