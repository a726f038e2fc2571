/* arp.c - arp_init, arp_in, arp_resolve, arp_find, arp_send, arp_forget */

#include <xinu.h>

/*
 * The ARP cache holds NARP entries.  arp_resolve makes a PENDING entry
 * and sends requests; arp_in turns it RESOLVED when the reply comes.
 * Entries age out after ARP_TIMEOUT ms.  arp_in learns two things only:
 * the sender of a request for our address (which it answers), and the
 * sender of a reply to a request of ours whose entry is still PENDING.
 * A reply nobody asked for never adds or replaces an entry, requests
 * for other hosts teach nothing (so a storm of them cannot fill the
 * cache), and no frame teaches an entry for a martian address
 * (ip_martian: our own, 0.0.0.0, broadcasts, ...) or a group MAC.
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
 *  arp_in  -  Handle an ARP frame of 'len' bytes (netin): answer a
 *	       request for our address and learn its sender; take a
 *	       reply to a request of ours still waiting; count the rest
 *------------------------------------------------------------------------
 */
void	arp_in(char *frame, uint32 len)
{
	struct	arppkt	*ap = (struct arppkt *)(frame + ETH_HDR_LEN);
	struct	arpentry *ep;
	uint32	spa;
	uint16	op;
	intmask	mask;
	bool8	forus, host;

	if (len < ETH_HDR_LEN + sizeof(struct arppkt)) {
		netstats.runts++;
		return;
	}
	op = ntohs(ap->op);
	if (ntohs(ap->htype) != ARP_HTYPE_ETH || ntohs(ap->ptype) != ETH_TYPE_IP
	    || ap->hlen != ETH_ADDR_LEN || ap->plen != IP_ALEN
	    || (op != ARP_OP_REQ && op != ARP_OP_REPLY)
	    || (ap->sha[0] & ETH_GROUP)) {
		netstats.arpbad++;
		return;
	}
	spa = ntohl(ap->spa);
	forus = NetData.ipvalid && ntohl(ap->tpa) == NetData.ipucast;
	if (op == ARP_OP_REQ && !forus) {
		netstats.arpother++;
		return;
	}
	host = !ip_martian(spa);	/* an address we may learn	*/
	mask = disable();
	ep = host ? arp_find(spa) : NULL;
	if (op == ARP_OP_REQ) {
		if (host && (ep != NULL || (ep = arp_alloc()) != NULL)) {
			arp_learn(ep, spa, ap->sha);
		}
	} else if (forus && ep != NULL && ep->state == ARP_PENDING) {
		arp_learn(ep, spa, ap->sha);
	} else {
		netstats.arpunasked++;
		restore(mask);
		return;
	}
	restore(mask);
	netstats.arpin++;
	if (op == ARP_OP_REQ) {		/* a probe (from 0.0.0.0) too	*/
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
	if (!NetData.ipvalid || ip_martian(ip)) {
		return SYSERR;		/* no entry for our own address	*/
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
	ep->pid = currpid;
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

/*------------------------------------------------------------------------
 *  arp_forget  -  Process 'pid' is being killed (interrupts disabled):
 *		   free the entry it waits on for an answer, which
 *		   nobody would free (16 such pending entries filled the
 *		   cache: nothing could be resolved any more).  Another
 *		   process waiting on it too then gets SYSERR, as when
 *		   the first one gives up.
 *------------------------------------------------------------------------
 */
void	arp_forget(pid32 pid)
{
	int32	i;

	for (i = 0; i < NARP; i++) {
		if (arpcache[i].state == ARP_PENDING && arpcache[i].pid == pid) {
			arpcache[i].state = ARP_FREE;
		}
	}
}
