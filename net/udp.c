/* udp.c - udp_init, udp_badbuf, udp_cksum, udp_unstage, udp_forget,
	   udp_in, udp_register, udp_recv, udp_recvaddr, udp_send,
	   udp_sendto, udp_release */

#include <xinu.h>

/*
 * UDP with upstream Xinu's calls.  udp_register reserves a slot for a
 * local port (and optionally one remote address and port); each slot
 * queues up to UDP_QSIZ datagrams that arrived for it, and a datagram
 * that finds its queue full is counted and dropped.  A process waiting
 * in udp_recv is woken with a message (send), so, as in upstream Xinu,
 * messages sent to it while it waits are consumed.  A slot whose
 * owner ended without udp_release (a command killed by ^C) is taken
 * back by the next udp_register that needs its port or a free slot.
 */

struct	udpentry udptab[UDP_SLOTS];
local	struct	udpmsg	*udpstage[NPROC];	/* each process's datagram	*/
					/*   on its way out (udp_recvaddr) */

/*------------------------------------------------------------------------
 *  udp_init  -  Free every slot
 *------------------------------------------------------------------------
 */
void	udp_init(void)
{
	int32	i;

	for (i = 0; i < UDP_SLOTS; i++) {
		udptab[i].state = UDP_FREE;
		udptab[i].queue = NULL;
		udptab[i].waiter = -1;
	}
}

/*------------------------------------------------------------------------
 *  udp_badbuf  -  TRUE, with the console line "<call>: bad buffer 0x...",
 *		   when the caller may not use the 'len' bytes at 'p'
 *		   (bufok; 'write' when the call writes them)
 *------------------------------------------------------------------------
 */
local	bool8	udp_badbuf(const char *call, const void *p, uint32 len,
			   bool8 write)
{
	if (bufok(p, len, write)) {
		return FALSE;
	}
	kprintf("%s: bad buffer 0x%x\n", call, (uint32)p);
	return TRUE;
}

/*------------------------------------------------------------------------
 *  udp_cksum  -  The UDP checksum of 'ulen' bytes at 'uh' from 'src' to
 *		  'dst' (host order), pseudo-header included
 *------------------------------------------------------------------------
 */
local	uint16	udp_cksum(struct udphdr *uh, uint32 ulen, uint32 src,
			  uint32 dst)
{
	uint32	sum;

	sum = (src >> 16) + (src & 0xFFFF) + (dst >> 16) + (dst & 0xFFFF)
	      + IP_UDP + ulen;
	return inet_cksum(uh, ulen, sum);
}

/*------------------------------------------------------------------------
 *  udp_unstage  -  Free process 'pid''s staging entry, if it has one
 *		    (interrupts disabled)
 *------------------------------------------------------------------------
 */
local	void	udp_unstage(pid32 pid)
{
	if (udpstage[pid] != NULL) {
		freemem((char *)udpstage[pid], sizeof(struct udpmsg));
		udpstage[pid] = NULL;
	}
}

/*------------------------------------------------------------------------
 *  udp_forget  -  Process 'pid' is being killed (interrupts disabled):
 *		   it waits on no slot any more, so a datagram arriving
 *		   later wakes nobody (a new process given its pid would
 *		   get a stray message), and the staging entry of a
 *		   datagram it was taking is freed
 *------------------------------------------------------------------------
 */
void	udp_forget(pid32 pid)
{
	int32	i;

	udp_unstage(pid);
	for (i = 0; i < UDP_SLOTS; i++) {
		if (udptab[i].waiter == pid) {
			udptab[i].waiter = -1;
		}
	}
}

/*------------------------------------------------------------------------
 *  udp_in  -  Queue a UDP datagram ending at frame + 'len' for the slot
 *	       of its port (netin).  Its data must fit a queue entry
 *	       (UDP_MAXDATA bytes); ethread's bound on frames keeps them
 *	       there, and this bound keeps the copy there regardless.
 *------------------------------------------------------------------------
 */
void	udp_in(char *frame, uint32 len, struct iphdr *ip)
{
	struct	udphdr	*uh;
	struct	udpentry *up;
	struct	udpmsg	*msg;
	uint32	ulen, src, dst;
	uint16	sport, dport;
	intmask	mask;
	int32	i;

	uh = (struct udphdr *)((char *)ip + (ip->verlen & 0xF) * 4);
	ulen = frame + len - (char *)uh;
	src = ntohl(ip->src);
	dst = ntohl(ip->dst);
	if ((int32)ulen < UDP_HDR_LEN || ntohs(uh->len) < UDP_HDR_LEN
	    || ntohs(uh->len) > ulen
	    || ntohs(uh->len) > UDP_HDR_LEN + sizeof(msg->data)
	    || (uh->cksum != 0 && udp_cksum(uh, ntohs(uh->len), src, dst)
		!= 0)) {
		netstats.udpbad++;
		return;
	}
	ulen = ntohs(uh->len);
	sport = ntohs(uh->sport);
	dport = ntohs(uh->dport);
	mask = disable();
	for (i = 0; i < UDP_SLOTS; i++) {
		up = &udptab[i];
		if (up->state == UDP_USED && up->locport == dport
		    && (up->remip == 0 || up->remip == src)
		    && (up->remport == 0 || up->remport == sport)) {
			break;
		}
	}
	if (i == UDP_SLOTS) {
		netstats.udpnoport++;
		restore(mask);
		return;
	}
	if (up->count == UDP_QSIZ) {
		netstats.udpfull++;
		restore(mask);
		return;
	}
	msg = &up->queue[(up->head + up->count) % UDP_QSIZ];
	msg->remip = src;
	msg->remport = sport;
	msg->len = ulen - UDP_HDR_LEN;
	memcpy(msg->data, uh + 1, msg->len);
	up->count++;
	netstats.udpin++;
	if (up->waiter > 0) {
		send(up->waiter, OK);
	}
	restore(mask);
}

/*------------------------------------------------------------------------
 *  udp_register  -  Reserve a slot for datagrams to local port
 *		     'locport' from 'remip' and 'remport' (0: any);
 *		     returns the slot, or SYSERR when the port and remote
 *		     are taken or no slot is free
 *------------------------------------------------------------------------
 */
uid32	udp_register(
	  uint32	remip,		/* remote address, or 0		*/
	  uint16	remport,	/* remote port, or 0		*/
	  uint16	locport		/* local port			*/
	)
{
	struct	udpentry *up;
	struct	udpmsg	*q;
	intmask	mask;
	int32	i, slot = SYSERR;

	if (locport == 0) {
		return SYSERR;
	}
	q = (struct udpmsg *)getmem(UDP_QSIZ * sizeof(struct udpmsg));
	if (q == (struct udpmsg *)SYSERR) {
		return SYSERR;
	}
	mask = disable();
	for (i = 0; i < UDP_SLOTS; i++) {
		up = &udptab[i];
		if (up->state == UDP_USED
		    && proctab[up->owner].prstate == PR_FREE) {
			udp_release(i);		/* its owner is gone	*/
		}
		if (up->state == UDP_FREE) {
			if (slot == SYSERR) {
				slot = i;
			}
		} else if (up->locport == locport && up->remip == remip
			   && up->remport == remport) {
			slot = SYSERR;
			break;
		}
	}
	if (slot == SYSERR) {
		restore(mask);
		freemem((char *)q, UDP_QSIZ * sizeof(struct udpmsg));
		return SYSERR;
	}
	up = &udptab[slot];
	up->state = UDP_USED;
	up->remip = remip;
	up->remport = remport;
	up->locport = locport;
	up->waiter = -1;
	up->owner = currpid;
	up->head = up->count = 0;
	up->queue = q;
	restore(mask);
	return slot;
}

/*------------------------------------------------------------------------
 *  udp_recvaddr  -  Take the next datagram of 'slot', waiting up to
 *		     'timeout' ms: up to 'len' bytes into 'buff', its
 *		     sender into *remip and *remport (when not NULL).
 *		     Returns its length (the bytes copied), TIMEOUT or
 *		     SYSERR.  The datagram leaves the queue into a
 *		     staging entry of the kernel heap, and only then, the
 *		     slot let go, is the caller's memory written: a page
 *		     of it swapped out to disk may block there, and a
 *		     process killed while it blocks has taken its
 *		     datagram (no second receiver gets it) and gives the
 *		     staging entry back (udp_forget).
 *------------------------------------------------------------------------
 */
int32	udp_recvaddr(
	  uid32		slot,		/* from udp_register		*/
	  uint32	*remip,		/* sender's address, or NULL	*/
	  uint16	*remport,	/* sender's port, or NULL	*/
	  char		*buff,		/* where the data goes		*/
	  int32		len,		/* room in buff			*/
	  uint32	timeout		/* ms				*/
	)
{
	struct	udpentry *up;
	struct	udpmsg	*msg, *stage;
	intmask	mask;
	uint64	start, now;
	int32	n;

	mask = disable();
	if (slot < 0 || slot >= UDP_SLOTS || udptab[slot].state != UDP_USED
	    || len < 0) {
		restore(mask);
		return SYSERR;
	}
	if (udp_badbuf("udp_recvaddr", buff, len, TRUE) ||
	    (remip != NULL &&
	     udp_badbuf("udp_recvaddr", remip, sizeof(*remip), TRUE)) ||
	    (remport != NULL &&
	     udp_badbuf("udp_recvaddr", remport, sizeof(*remport), TRUE))) {
		restore(mask);
		return SYSERR;
	}
	stage = (struct udpmsg *)getmem(sizeof(struct udpmsg));
	if (stage == (struct udpmsg *)SYSERR) {
		restore(mask);
		return SYSERR;
	}
	udpstage[currpid] = stage;
	up = &udptab[slot];
	start = clkms;
	while (up->count == 0) {
		now = clkms;
		if (now - start >= timeout || up->state != UDP_USED) {
			udp_unstage(currpid);
			restore(mask);
			return up->state == UDP_USED ? TIMEOUT : SYSERR;
		}
		up->waiter = currpid;
		recvtime(timeout - (now - start));
		up->waiter = -1;
	}
	msg = &up->queue[up->head];
	*stage = *msg;
	up->head = (up->head + 1) % UDP_QSIZ;
	up->count--;
	restore(mask);

	n = stage->len < len ? stage->len : len;
	memcpy(buff, stage->data, n);	/* these may wait for swap-ins	*/
	if (remip != NULL) {
		*remip = stage->remip;
	}
	if (remport != NULL) {
		*remport = stage->remport;
	}
	mask = disable();
	udp_unstage(currpid);
	restore(mask);
	return n;
}

/*------------------------------------------------------------------------
 *  udp_recv  -  Take the next datagram of 'slot' (see udp_recvaddr)
 *------------------------------------------------------------------------
 */
int32	udp_recv(
	  uid32		slot,		/* from udp_register		*/
	  char		*buff,		/* where the data goes		*/
	  int32		len,		/* room in buff			*/
	  uint32	timeout		/* ms				*/
	)
{
	return udp_recvaddr(slot, NULL, NULL, buff, len, timeout);
}

/*------------------------------------------------------------------------
 *  udp_sendto  -  Send 'len' bytes at 'buff' from the local port of
 *		   'slot' to 'remip', 'remport'; OK, TIMEOUT (no ARP
 *		   answer) or SYSERR
 *------------------------------------------------------------------------
 */
status	udp_sendto(
	  uid32		slot,		/* from udp_register		*/
	  uint32	remip,		/* destination address		*/
	  uint16	remport,	/* destination port		*/
	  char		*buff,		/* the data			*/
	  int32		len		/* its length			*/
	)
{
	char	*frame;
	struct	udphdr	*uh;
	uint16	locport;
	uint32	src;
	intmask	mask;
	status	st;

	mask = disable();
	if (slot < 0 || slot >= UDP_SLOTS || udptab[slot].state != UDP_USED
	    || len < 0 || len > UDP_MAXDATA || remip == 0 || remport == 0
	    || (!NetData.ipvalid && remip != IP_BCAST)
	    || udp_badbuf("udp_sendto", buff, len, FALSE)) {
		restore(mask);
		return SYSERR;
	}
	locport = udptab[slot].locport;
	restore(mask);
	frame = ip_getbuf();
	if (frame == (char *)SYSERR) {
		return SYSERR;
	}
	uh = (struct udphdr *)(frame + ETH_HDR_LEN + IP_HDR_LEN);
	uh->sport = htons(locport);
	uh->dport = htons(remport);
	uh->len = htons(UDP_HDR_LEN + len);
	uh->cksum = 0;
	memcpy(uh + 1, buff, len);
	src = NetData.ipvalid ? NetData.ipucast : 0;
	uh->cksum = udp_cksum(uh, UDP_HDR_LEN + len, src, remip);
	if (uh->cksum == 0) {
		uh->cksum = 0xFFFF;	/* 0 would mean "no checksum"	*/
	}
	st = ip_send(frame, IP_UDP, remip, UDP_HDR_LEN + len);
	ip_freebuf(frame);
	return st;
}

/*------------------------------------------------------------------------
 *  udp_send  -  Send to the remote address and port 'slot' was
 *		 registered with
 *------------------------------------------------------------------------
 */
status	udp_send(
	  uid32		slot,		/* from udp_register		*/
	  char		*buff,		/* the data			*/
	  int32		len		/* its length			*/
	)
{
	if (slot < 0 || slot >= UDP_SLOTS || udptab[slot].state != UDP_USED) {
		return SYSERR;
	}
	return udp_sendto(slot, udptab[slot].remip, udptab[slot].remport,
			  buff, len);
}

/*------------------------------------------------------------------------
 *  udp_release  -  Free 'slot' and the datagrams still queued in it; a
 *		    process waiting in it gets SYSERR
 *------------------------------------------------------------------------
 */
status	udp_release(
	  uid32		slot		/* from udp_register		*/
	)
{
	struct	udpentry *up;
	struct	udpmsg	*q;
	intmask	mask;

	mask = disable();
	if (slot < 0 || slot >= UDP_SLOTS || udptab[slot].state != UDP_USED) {
		restore(mask);
		return SYSERR;
	}
	up = &udptab[slot];
	q = up->queue;
	up->state = UDP_FREE;
	up->queue = NULL;
	up->count = 0;
	if (up->waiter > 0) {
		send(up->waiter, SYSERR);
	}
	freemem((char *)q, UDP_QSIZ * sizeof(struct udpmsg));
	restore(mask);
	return OK;
}
