/* icmp.c - icmp_in, icmp_echo, icmp_forget */

#include <xinu.h>

/* Processes waiting in icmp_echo for their reply */
local	struct	{
	pid32	pid;			/* -1 or 0: the entry is free	*/
	uint16	seq;
	bool8	got;
	bool8	waiting;		/* in recvtime: wake it		*/
} pingtab[NPINGWAIT];

/*------------------------------------------------------------------------
 *  echo_reply  -  Turn the echo request in 'frame' into its reply and
 *		   send it back where it came from (no ARP: netin must
 *		   not wait for its own input); to ourselves, it loops
 *------------------------------------------------------------------------
 */
local	void	echo_reply(char *frame, struct iphdr *ip, struct icmphdr *ic,
			   uint32 iclen)
{
	struct	etherhdr *eh = (struct etherhdr *)frame;
	uint32	tmp;

	memcpy(eh->dst, eh->src, ETH_ADDR_LEN);
	memcpy(eh->src, NetData.ethucast, ETH_ADDR_LEN);
	tmp = ip->src;
	ip->src = htonl(NetData.ipucast);
	ip->dst = tmp;
	ip->ttl = IP_TTL;
	ip->cksum = 0;
	ip->cksum = inet_cksum(ip, (ip->verlen & 0xF) * 4, 0);
	ic->type = ICMP_ECHOREPLY;
	ic->cksum = 0;
	ic->cksum = inet_cksum(ic, iclen, 0);
	if (ntohl(ip->dst) == NetData.ipucast) {
		netstats.echoes++;
		ip_loop(frame);
	} else if (write(ETHER0, frame, (char *)ic + iclen - frame)
		   != SYSERR) {
		netstats.txframes++;
		netstats.echoes++;
	}
}

/*------------------------------------------------------------------------
 *  icmp_in  -  Handle an ICMP datagram ending at frame + 'len' (netin):
 *		answer echo requests, deliver echo replies
 *------------------------------------------------------------------------
 */
void	icmp_in(char *frame, uint32 len, struct iphdr *ip)
{
	struct	icmphdr	*ic;
	uint32	iclen;
	int32	i;

	ic = (struct icmphdr *)((char *)ip + (ip->verlen & 0xF) * 4);
	iclen = frame + len - (char *)ic;
	if ((int32)iclen < (int32)sizeof(struct icmphdr)
	    || inet_cksum(ic, iclen, 0) != 0 || !NetData.ipvalid) {
		netstats.icmpbad++;
		return;
	}
	netstats.icmpin++;
	if (ic->type == ICMP_ECHOREQ && ic->code == 0) {
		if (ntohl(ip->dst) == NetData.ipucast) {
			echo_reply(frame, ip, ic, iclen);
		}
		return;
	}
	if (ic->type != ICMP_ECHOREPLY) {
		netstats.icmpbad++;
		return;
	}
	for (i = 0; i < NPINGWAIT; i++) {
		if (pingtab[i].pid > 0 && pingtab[i].pid == ntohs(ic->id)
		    && pingtab[i].seq == ntohs(ic->seq) && !pingtab[i].got) {
			pingtab[i].got = TRUE;
			if (pingtab[i].waiting) {	/* else no message */
				send(pingtab[i].pid, OK);	/* is left */
			}
			return;
		}
	}
}

/*------------------------------------------------------------------------
 *  icmp_echo  -  Send an echo request with sequence number 'seq' to
 *		  'dst' and wait up to 'timeout' ms for its reply; returns
 *		  the round trip in ms, TIMEOUT, or SYSERR.  Messages the
 *		  caller receives meanwhile are consumed (it waits with
 *		  recvtime, as upstream Xinu's icmp_recv does).
 *------------------------------------------------------------------------
 */
int32	icmp_echo(
	  uint32	dst,		/* address to ping		*/
	  uint16	seq,		/* sequence number		*/
	  uint32	timeout		/* ms				*/
	)
{
	char	*frame;
	struct	icmphdr	*ic;
	intmask	mask;
	int32	slot, i, result;
	uint64	start, now;
	status	st;

	if (!netup || !NetData.ipvalid || dst == 0) {
		return SYSERR;
	}
	mask = disable();
	for (slot = 0; slot < NPINGWAIT; slot++) {
		if (pingtab[slot].pid <= 0) {
			break;
		}
	}
	if (slot == NPINGWAIT) {
		restore(mask);
		return SYSERR;
	}
	pingtab[slot].pid = currpid;
	pingtab[slot].seq = seq;
	pingtab[slot].got = FALSE;
	pingtab[slot].waiting = FALSE;
	restore(mask);

	result = SYSERR;
	frame = ip_getbuf();
	if (frame == (char *)SYSERR) {
		pingtab[slot].pid = 0;
		return SYSERR;
	}
	ic = (struct icmphdr *)(frame + ETH_HDR_LEN + IP_HDR_LEN);
	ic->type = ICMP_ECHOREQ;
	ic->code = 0;
	ic->id = htons(currpid);
	ic->seq = htons(seq);
	for (i = 0; i < PING_DATA; i++) {
		((char *)(ic + 1))[i] = i;
	}
	ic->cksum = 0;
	ic->cksum = inet_cksum(ic, sizeof(*ic) + PING_DATA, 0);
	start = clkms;
	st = ip_send(frame, IP_ICMP, dst, sizeof(*ic) + PING_DATA);
	ip_freebuf(frame);
	if (st != OK) {
		result = st;
	} else {
		mask = disable();
		for (;;) {
			if (pingtab[slot].got) {
				result = clkms - start;
				break;
			}
			now = clkms;
			if (now - start >= timeout) {
				result = TIMEOUT;
				break;
			}
			pingtab[slot].waiting = TRUE;
			recvtime(timeout - (now - start));
			pingtab[slot].waiting = FALSE;
		}
		restore(mask);
	}
	pingtab[slot].pid = 0;
	return result;
}

/*------------------------------------------------------------------------
 *  icmp_forget  -  Process 'pid' is being killed (interrupts disabled):
 *		    free its wait entry, so its echo reply, coming later,
 *		    wakes nobody (a new process given its pid got a stray
 *		    message) and the entry serves the next icmp_echo
 *------------------------------------------------------------------------
 */
void	icmp_forget(pid32 pid)
{
	int32	i;

	for (i = 0; i < NPINGWAIT; i++) {
		if (pingtab[i].pid == pid) {
			pingtab[i].pid = 0;
		}
	}
}
