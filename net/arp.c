/* arp.c - arp_init, arp_in, arp_resolve, arp_find, arp_send */

#include <xinu.h>

/*
 * The ARP cache holds NARP entries.  arp_resolve makes a PENDING entry
 * and sends requests; arp_in turns it RESOLVED when the reply comes.
 * Entries age out after ARP_TIMEOUT ms.  arp_in answers requests for
 * our address and learns (or refreshes) their sender; other frames only
 * refresh entries already in the cache, so a storm of requests for
 * other hosts cannot fill it.
 */

struct	arpentry arpcache[NARP];

/*------------------------------------------------------------------------
 *  arp_init  -  Empty the cache
 *------------------------------------------------------------------------
 */
void	arp_init(void)
{
	memset(arpcache, 0, sizeof(arpcache));
}

/*------------------------------------------------------------------------
 *  arp_find  -  The entry for 'ip' (not free), or NULL
 *------------------------------------------------------------------------
 */
local	struct	arpentry *arp_find(uint32 ip)
{
	int32	i;

	for (i = 0; i < NARP; i++) {
		if (arpcache[i].state != ARP_FREE && arpcache[i].ip == ip) {
			return &arpcache[i];
		}
	}
	return NULL;
}

/*------------------------------------------------------------------------
 *  arp_alloc  -  A free entry, else the oldest resolved one, else NULL
 *		  (interrupts disabled)
 *------------------------------------------------------------------------
 */
local	struct	arpentry *arp_alloc(void)
{
	struct	arpentry *old = NULL;
	int32	i;

	for (i = 0; i < NARP; i++) {
		if (arpcache[i].state == ARP_FREE) {
			return &arpcache[i];
		}
		if (arpcache[i].state == ARP_RESOLVED
		    && (old == NULL || arpcache[i].time < old->time)) {
			old = &arpcache[i];
		}
	}
	return old;
}

/*------------------------------------------------------------------------
 *  arp_learn  -  Record that 'ip' is at 'mac' (interrupts disabled)
 *------------------------------------------------------------------------
 */
local	void	arp_learn(struct arpentry *ap, uint32 ip, const byte *mac)
{
	ap->ip = ip;
	memcpy(ap->mac, mac, ETH_ADDR_LEN);
	ap->time = clkms;
	ap->state = ARP_RESOLVED;
}

/*------------------------------------------------------------------------
 *  arp_send  -  Send an ARP packet: operation 'op' to 'tha' (and to the
 *		 broadcast address for a request) about 'tpa'
 *------------------------------------------------------------------------
 */
local	void	arp_send(uint16 op, const byte *tha, uint32 tpa)
{
	char	frame[ETH_HDR_LEN + sizeof(struct arppkt)];
	struct	etherhdr *eh = (struct etherhdr *)frame;
	struct	arppkt	*ap = (struct arppkt *)(frame + ETH_HDR_LEN);

	memcpy(eh->dst, op == ARP_OP_REQ ? NetData.ethbcast : tha,
	       ETH_ADDR_LEN);
	memcpy(eh->src, NetData.ethucast, ETH_ADDR_LEN);
	eh->type = htons(ETH_TYPE_ARP);
	ap->htype = htons(ARP_HTYPE_ETH);
	ap->ptype = htons(ETH_TYPE_IP);
	ap->hlen = ETH_ADDR_LEN;
	ap->plen = IP_ALEN;
	ap->op = htons(op);
	memcpy(ap->sha, NetData.ethucast, ETH_ADDR_LEN);
	ap->spa = htonl(NetData.ipucast);
	memcpy(ap->tha, tha, ETH_ADDR_LEN);
	ap->tpa = htonl(tpa);
	if (write(ETHER0, frame, sizeof(frame)) != SYSERR) {
		netstats.txframes++;
	}
}

/*------------------------------------------------------------------------
 *  arp_in  -  Handle an ARP frame of 'len' bytes (netin)
 *------------------------------------------------------------------------
 */
void	arp_in(char *frame, uint32 len)
{
	struct	arppkt	*ap = (struct arppkt *)(frame + ETH_HDR_LEN);
	struct	arpentry *ep;
	uint32	spa, tpa;
	intmask	mask;
	bool8	forus;

	if (len < ETH_HDR_LEN + sizeof(struct arppkt)) {
		netstats.runts++;
		return;
	}
	if (ntohs(ap->htype) != ARP_HTYPE_ETH || ntohs(ap->ptype) != ETH_TYPE_IP
	    || ap->hlen != ETH_ADDR_LEN || ap->plen != IP_ALEN
	    || (ntohs(ap->op) != ARP_OP_REQ && ntohs(ap->op) != ARP_OP_REPLY)) {
		netstats.arpbad++;
		return;
	}
	spa = ntohl(ap->spa);
	tpa = ntohl(ap->tpa);
	forus = NetData.ipvalid && tpa == NetData.ipucast;
	mask = disable();
	ep = arp_find(spa);
	if (ep != NULL) {
		arp_learn(ep, spa, ap->sha);	/* refresh, or resolve	*/
	} else if (forus && spa != 0 && (ep = arp_alloc()) != NULL) {
		arp_learn(ep, spa, ap->sha);
	}
	restore(mask);
	if (!forus) {
		if (ep == NULL) {
			netstats.arpother++;
		} else {
			netstats.arpin++;
		}
		return;
	}
	netstats.arpin++;
	if (ntohs(ap->op) == ARP_OP_REQ) {
		arp_send(ARP_OP_REPLY, ap->sha, spa);
	}
}

/*------------------------------------------------------------------------
 *  arp_resolve  -  Find the MAC of 'ip' (on our link) and copy it to
 *		    'mac'; asks ARP_RETRIES times, ARP_WAIT ms each.
 *		    Returns OK, TIMEOUT, or SYSERR (no address yet, or
 *		    the cache is all pending)
 *------------------------------------------------------------------------
 */
status	arp_resolve(
	  uint32	ip,		/* the address, host order	*/
	  byte		*mac		/* where its MAC goes		*/
	)
{
	struct	arpentry *ep;
	intmask	mask;
	int32	try, ms;

	if (ip == IP_BCAST || (NetData.ipvalid && ip == NetData.ipbcast)) {
		memcpy(mac, NetData.ethbcast, ETH_ADDR_LEN);
		return OK;
	}
	if (!NetData.ipvalid) {
		return SYSERR;
	}
	mask = disable();
	ep = arp_find(ip);
	if (ep != NULL && ep->state == ARP_RESOLVED
	    && clkms - ep->time < ARP_TIMEOUT) {
		memcpy(mac, ep->mac, ETH_ADDR_LEN);
		restore(mask);
		return OK;
	}
	if (ep == NULL && (ep = arp_alloc()) == NULL) {
		restore(mask);
		return SYSERR;
	}
	ep->ip = ip;
	ep->state = ARP_PENDING;
	restore(mask);
	for (try = 0; try < ARP_RETRIES; try++) {
		arp_send(ARP_OP_REQ, (const byte *)"\0\0\0\0\0\0", ip);
		for (ms = 0; ms < ARP_WAIT; ms++) {
			mask = disable();
			if (ep->ip == ip && ep->state == ARP_RESOLVED) {
				memcpy(mac, ep->mac, ETH_ADDR_LEN);
				restore(mask);
				return OK;
			}
			if (ep->ip != ip || ep->state == ARP_FREE) {
				restore(mask);
				return SYSERR;
			}
			restore(mask);
			sleepms(1);
		}
	}
	mask = disable();
	if (ep->ip == ip && ep->state == ARP_PENDING) {
		ep->state = ARP_FREE;
	}
	restore(mask);
	return TIMEOUT;
}
