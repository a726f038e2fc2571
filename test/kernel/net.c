/* net.c - network cases: DHCP, two machines, and what they share */

#include <xinu.h>
#include "nettest.h"

#define	PAIR_COUNT	10000		/* datagrams between A and B	*/
#define	PAIR_LEN	64		/* bytes in each		*/
#define	PAIR_WINDOW	8		/* sent and not yet echoed	*/
#define	FLOOD_PORT	9		/* A's port that nobody reads	*/
#define	FLOOD_COUNT	100		/* datagrams B sends to it	*/
#define	FLOOD_WAIT	10000		/* ms A waits for them at most	*/
#define	ECHO_END	1		/* a datagram this long ends a	*/
					/*   server that was not counting */
#define	DHCP_ROUNDS	100		/* dhcp_run calls: net_dhcp_rounds */

/*------------------------------------------------------------------------
 *  ping_until_up  -  Ping 'ip' until it answers, for up to 'ms' ms
 *		      (the peer may still be booting); OK or TIMEOUT
 *------------------------------------------------------------------------
 */
status	ping_until_up(uint32 ip, uint32 ms)
{
	uint64	start = clkms;
	uint16	seq = 1;

	while (clkms - start < ms) {
		if (icmp_echo(ip, seq++, 200) >= 0) {
			return OK;
		}
	}
	return TIMEOUT;
}

/*------------------------------------------------------------------------
 *  fill  -  Put datagram 'seq' (its number, then a pattern) in 'buf'
 *------------------------------------------------------------------------
 */
local	void	fill(char *buf, uint32 seq, uint32 len)
{
	uint32	i;

	*(uint32 *)buf = seq;
	for (i = sizeof(uint32); i < len; i++) {
		buf[i] = (char)(seq * 7 + i);
	}
}

/*------------------------------------------------------------------------
 *  is_datagram  -  Is 'buf' ('n' bytes) datagram 'seq' of 'len' bytes?
 *------------------------------------------------------------------------
 */
local	bool8	is_datagram(const char *buf, int32 n, uint32 seq, uint32 len)
{
	uint32	i;

	if (n != (int32)len || *(const uint32 *)buf != seq) {
		return FALSE;
	}
	for (i = sizeof(uint32); i < len; i++) {
		if (buf[i] != (char)(seq * 7 + i)) {
			return FALSE;
		}
	}
	return TRUE;
}

/*------------------------------------------------------------------------
 *  echo_serve  -  Send every datagram to the port of 'slot' back where
 *		   it came from: 'count' of them (numbered 0, 1, ... in
 *		   order when 'check'), or with 'count' 0 until one of
 *		   ECHO_END bytes; releases the slot and returns how many
 *		   were echoed, or SYSERR at the first one missing or
 *		   wrong
 *------------------------------------------------------------------------
 */
int32	echo_serve(uid32 slot, int32 count, bool8 check)
{
	static	char	buf[UDP_MAXDATA];
	uint32	ip;
	uint16	port;
	int32	n, done = 0;

	while (count == 0 || done < count) {
		n = udp_recvaddr(slot, &ip, &port, buf, sizeof(buf),
				 done == 0 ? PEER_WAIT : ECHO_WAIT);
		if (n == ECHO_END && count == 0) {
			break;
		}
		if (n < 0 || (check && !is_datagram(buf, n, done, n))) {
			kprintf("echo_serve: datagram %d %s\n", done,
				n < 0 ? "never came" : "is wrong");
			done = SYSERR;
			break;
		}
		udp_sendto(slot, ip, port, buf, n);
		done++;
	}
	udp_release(slot);
	return done;
}

/*------------------------------------------------------------------------
 *  echo_window  -  Send datagrams 'first'.. 'first'+'count'-1 of 'len'
 *		    bytes to the echo server of 'slot', at most 'window'
 *		    unanswered, and check each echo in order; OK, or
 *		    SYSERR at the first echo missing or wrong (its number
 *		    in *bad)
 *------------------------------------------------------------------------
 */
status	echo_window(uid32 slot, uint32 count, uint32 len, uint32 window,
		    uint32 *bad)
{
	static	char	out[UDP_MAXDATA], in[UDP_MAXDATA];
	uint32	sent = 0, got = 0;
	int32	n;

	while (got < count) {
		while (sent < count && sent - got < window) {
			fill(out, sent, len);
			if (udp_send(slot, out, len) != OK) {
				*bad = sent;
				return SYSERR;
			}
			sent++;
		}
		n = udp_recv(slot, in, sizeof(in), ECHO_WAIT);
		if (!is_datagram(in, n, got, len)) {
			*bad = got;
			return SYSERR;
		}
		got++;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  clean_counts  -  Nothing was dropped on this machine (but for the
 *		     'full' datagrams that found their queue full)
 *------------------------------------------------------------------------
 */
local	void	clean_counts(uint32 full)
{
	CHECK(netstats.udpfull == full);
	CHECK(netstats.udpbad == 0);
	CHECK(netstats.ipbad == 0);
	CHECK(ethertab[0].rxmissed == 0);
	CHECK(ethertab[0].rxerrors == 0);
}

/*------------------------------------------------------------------------
 *  bad_buffers_refused  -  An up ETHER0 refuses a buffer the caller may
 *			    not use (bufok) with SYSERR and one line, at
 *			    once (a read does not wait for a frame first)
 *------------------------------------------------------------------------
 */
local	void	bad_buffers_refused(void)
{
	static	char	capture[256];
	char	*bad = (char *)0xFFFFF000;

	kcapture(capture, sizeof(capture));
	CHECK(read(ETHER0, bad, ETH_MAXFRAME) == SYSERR);
	CHECK(write(ETHER0, bad, ETH_HDR_LEN + 20) == SYSERR);
	CHECK(control(ETHER0, ETH_CTRL_GET_MAC, (int32)bad, 0) == SYSERR);
	kcapture(NULL, 0);
	CHECK(strstr(capture, "ETHER0: read: bad buffer 0xfffff000\n"
		"ETHER0: write: bad buffer 0xfffff000\n"
		"ETHER0: control: bad buffer 0xfffff000\n") != NULL);
}

/* DHCP from QEMU's user network (-netdev user), then its gateway
 * answers pings and is in the ARP cache; bad buffers are refused */
NETTEST(net_dhcp_gateway)
{
	struct	arpentry *ap;
	int32	i, replies = 0;
	bool8	cached = FALSE;

	REQUIRE(ethertab[0].state == ETH_STATE_UP);
	REQUIRE(netup && NetData.ipvalid && NetData.bydhcp);
	CHECK(NetData.ipucast == 0x0A00020F);		/* 10.0.2.15	*/
	CHECK(NetData.ipmask == 0xFFFFFF00);
	CHECK(NetData.iprouter == 0x0A000202);		/* 10.0.2.2	*/
	CHECK(NetData.ipbcast == 0x0A0002FF);
	CHECK(NetData.lease > 0);
	CHECK(getlocalip() == 0x0A00020F);
	for (i = 1; i <= 3; i++) {
		if (icmp_echo(NetData.iprouter, i, 1000) >= 0) {
			replies++;
		}
	}
	CHECK(replies == 3);
	for (ap = arpcache; ap < &arpcache[NARP]; ap++) {
		if (ap->state == ARP_RESOLVED && ap->ip == NetData.iprouter) {
			cached = TRUE;
		}
	}
	CHECK(cached);
	CHECK(netstats.echoes == 0 && netstats.icmpin >= 3);
	bad_buffers_refused();
	return OK;
}

/* A static address on QEMU's user network (net.ip=10.0.2.15/24
 * net.gw=10.0.2.2): the first ping right after boot, once and with no
 * retry, is answered (QEMU's e1000 holds frames back for a second after
 * the receiver is enabled: netstart waits that out).  Then datagrams to
 * our own address are delivered here: a ping is answered without a
 * frame on the wire or a message left behind, UDP reaches the local
 * slot with its sender, and to a closed port it is counted.  devdump's
 * ETHER0 shows the BAR and IRQ that PCI gave. */
/*------------------------------------------------------------------------
 *  udpwaiter  -  Wait in udp_recv on 'slot' (until killed)
 *------------------------------------------------------------------------
 */
local	process	udpwaiter(uid32 slot)
{
	char	buf[16];

	return udp_recv(slot, buf, sizeof(buf), 100000);
}

NETTEST(net_static_user)
{
	char	buf[16];
	uid32	a, b;
	pid32	w;
	uint32	tx, ip;
	uint16	port;

	REQUIRE(netup && NetData.ipvalid && !NetData.bydhcp);
	REQUIRE(NetData.ipucast == 0x0A00020F && NetData.iprouter == 0x0A000202);
	CHECK(icmp_echo(NetData.iprouter, 1, 5000) >= 0);
	CHECK(control(ETHER0, ETH_CTRL_READY, 0, 0) == TRUE);

	tx = netstats.txframes;
	CHECK(icmp_echo(NetData.ipucast, 2, 1000) >= 0);
	CHECK(recvtime(1) == (umsg32)TIMEOUT);	/* no stray wake-up */
	CHECK(netstats.echoes == 1 && netstats.looped == 2);
	a = udp_register(0, 0, 5000);
	b = udp_register(NetData.ipucast, 5000, 5001);
	REQUIRE(a != SYSERR && b != SYSERR);
	CHECK(udp_send(b, "hello", 5) == OK);
	CHECK(udp_sendto(a, NetData.ipucast, 5001, "back", 4) == OK);
	CHECK(udp_recvaddr(a, &ip, &port, buf, sizeof(buf), 0) == 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECK(ip == NetData.ipucast && port == 5001);
	CHECK(udp_recv(b, buf, sizeof(buf), 0) == 4);
	CHECK(udp_sendto(a, NetData.ipucast, 5999, "x", 1) == OK);
	CHECK(netstats.udpnoport == 1);
	CHECK(netstats.txframes == tx);		/* none on the wire	*/
	CHECK(udp_release(a) == OK && udp_release(b) == OK);

	CHECK(devtab[ETHER0].dvirq == ethertab[0].irq
	      && ethertab[0].irq != 0);
	CHECK(devtab[ETHER0].dvcsr != NULL);

	/* A process killed while it waits in udp_recv waits no more: a
	 * datagram arriving later must not wake a new process given its
	 * pid (udp_forget, from kill) */
	a = udp_register(0, 0, 5002);
	REQUIRE(a != SYSERR);
	w = create(udpwaiter, 4096, INITPRIO + 1, "udpwaiter", 1, a);
	REQUIRE(w != SYSERR);
	resume(w);			/* it blocks in udp_recv	*/
	CHECK(udptab[a].waiter == w);
	CHECK(kill(w) == OK);
	CHECK(udptab[a].waiter == -1);
	CHECK(udp_release(a) == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  flood_check  -  Wait until all FLOOD_COUNT datagrams B sends to the
 *		    unread 'slot' are in: the first UDP_QSIZ queued, the
 *		    rest counted and dropped; then read those in order
 *------------------------------------------------------------------------
 */
local	void	flood_check(uid32 slot)
{
	char	buf[PAIR_LEN];
	uint64	start = clkms;
	uint32	i;

	while (udptab[slot].count + netstats.udpfull < FLOOD_COUNT
	       && clkms - start < FLOOD_WAIT) {
		sleepms(10);
	}
	CHECK(udptab[slot].count == UDP_QSIZ);
	CHECK(netstats.udpfull == FLOOD_COUNT - UDP_QSIZ);
	for (i = 0; i < UDP_QSIZ; i++) {
		CHECK(is_datagram(buf, udp_recv(slot, buf, sizeof(buf), 0), i,
				  PAIR_LEN));
	}
	CHECK(udp_recv(slot, buf, sizeof(buf), 0) == TIMEOUT);
}

/* Two machines on one link (test/nettests.py): A (10.0.0.1) pings B,
 * then echoes PAIR_COUNT datagrams, checking each arrives in order;
 * then B floods a port A does not read: its queue keeps UDP_QSIZ
 * datagrams, drops and counts the rest, and gives all memory back */
NETTEST(net_pair_echo)
{
	uid32	slot, flood;
	uint32	heap = memlist.mlength;

	REQUIRE(NetData.ipvalid && NetData.ipucast == PAIR_A);
	slot = udp_register(0, 0, PAIR_PORT);	/* before B may send	*/
	flood = udp_register(PAIR_B, 0, FLOOD_PORT);
	REQUIRE(slot != SYSERR && flood != SYSERR);
	REQUIRE(ping_until_up(PAIR_B, PEER_WAIT) == OK);
	CHECK(echo_serve(slot, PAIR_COUNT, TRUE) == PAIR_COUNT);
	kprintf("echoed %d datagrams, answered %d pings\n", PAIR_COUNT,
		netstats.echoes);
	flood_check(flood);
	CHECK(udp_release(flood) == OK);
	CHECK(memlist.mlength == heap);
	clean_counts(FLOOD_COUNT - UDP_QSIZ);
	return OK;
}

/* ... and B (10.0.0.2) pings A, then sends PAIR_COUNT datagrams, at
 * most PAIR_WINDOW unanswered, and checks every echo: none is lost;
 * then it sends FLOOD_COUNT datagrams at once to A's FLOOD_PORT */
NETTEST(net_pair_udp)
{
	char	out[PAIR_LEN];
	uid32	slot;
	uint32	bad = 0, i;
	status	st;

	REQUIRE(NetData.ipvalid && NetData.ipucast == PAIR_B);
	REQUIRE(ping_until_up(PAIR_A, PEER_WAIT) == OK);
	slot = udp_register(PAIR_A, PAIR_PORT, 40000);
	REQUIRE(slot != SYSERR);
	st = echo_window(slot, PAIR_COUNT, PAIR_LEN, PAIR_WINDOW, &bad);
	if (st != OK) {
		kprintf("datagram %d lost or wrong\n", bad);
	}
	CHECK(st == OK);
	kprintf("%d datagrams sent and echoed\n", PAIR_COUNT);
	for (i = 0; i < FLOOD_COUNT; i++) {
		fill(out, i, PAIR_LEN);
		CHECK(udp_sendto(slot, PAIR_A, FLOOD_PORT, out, PAIR_LEN) == OK);
	}
	CHECK(udp_release(slot) == OK);
	CHECK(udp_release(slot) == SYSERR);
	clean_counts(0);
	return OK;
}

/* ETHER0's read hands over whole frames only.  With netin stopped,
 * this case reads what test/nettests.py (read_whole_frames) sends:
 * frames of 100 and 60 bytes into a buffer of 64, then 1518, 1522 and
 * 1514 into one of ETH_BUFSIZE; each frame too long for the buffer,
 * or longer than ETH_MAXFRAME, is dropped and counted as oversize,
 * never cut short.  (Each frame's bytes after its header are its
 * number: 1 to 5.) */
NETTEST(net_read_whole_frames)
{
	static	char	buf[ETH_BUFSIZE];

	REQUIRE(kill(netpid) == OK);
	kprintf("reading frames\n");
	CHECK(read(ETHER0, buf, 64) == 60 && buf[ETH_HDR_LEN] == 2);
	CHECK(ethertab[0].rxoversize == 1);
	CHECK(read(ETHER0, buf, sizeof(buf)) == ETH_MAXFRAME
	      && buf[ETH_HDR_LEN] == 5 && buf[ETH_MAXFRAME - 1] == 5);
	CHECK(ethertab[0].rxoversize == 3);
	CHECK(ethertab[0].rxerrors == 0);
	return OK;
}

/* DHCP against answers made to break it.  Booted with no address on a
 * link to test/nettests.py (fuzz_dhcp), which answers every DISCOVER
 * and REQUEST with mutated OFFERs, ACKs and NAKs (options cut short or
 * running past the end, wrong xids, cookies and MACs, martian
 * addresses) and then a good answer: dhcp_run runs DHCP_ROUNDS times,
 * the address forgotten before each, and prints what each took, which
 * the script checks against its model of the client.  The kernel heap
 * is as it was, and no answer found its queue full (the script sends
 * few enough for that). */
NETTEST(net_dhcp_rounds)
{
	char	a[IP_DOTLEN], r[IP_DOTLEN], s[IP_DOTLEN];
	uint32	heapfree = memlist.mlength;
	intmask	mask;
	int32	i;

	for (i = 1; i <= DHCP_ROUNDS; i++) {
		mask = disable();
		NetData.ipvalid = NetData.bydhcp = FALSE;
		restore(mask);
		if (dhcp_run() != OK) {
			kprintf("dhcp %d: none\n", i);
			continue;
		}
		kprintf("dhcp %d: %s mask %08x router %s server %s lease %u\n",
			i, ip2dot(NetData.ipucast, a), NetData.ipmask,
			ip2dot(NetData.iprouter, r),
			ip2dot(NetData.dhcpserver, s), NetData.lease);
	}
	CHECK(memlist.mlength == heapfree);
	CHECK(netstats.udpfull == 0);		/* no answer was lost	*/
	return OK;
}

/* A process killed while it waits in icmp_echo waits no more: its echo
 * reply coming later must not wake a new process given its pid, and
 * its wait entry is free again.  Booted with net.ip=10.0.0.2/24 on a
 * link to test/nettests.py (ping_killed), which answers the ARP
 * request for 10.0.0.1 but not the ping, and sends the reply (id
 * the pinger's pid, seq PING_KILLED_SEQ) when this case says so. */
#define	PING_KILLED_SEQ	77

local	umsg32	killedgot;		/* what the new process received */

/*------------------------------------------------------------------------
 *  pinger  -  Ping 10.0.0.1 once and wait long (until killed)
 *------------------------------------------------------------------------
 */
local	process	pinger(void)
{
	return icmp_echo(PAIR_A, PING_KILLED_SEQ, 100000);
}

/*------------------------------------------------------------------------
 *  newcomer  -  Receive for a while; keep what came (TIMEOUT: nothing)
 *------------------------------------------------------------------------
 */
local	process	newcomer(void)
{
	killedgot = recvtime(2000);
	return OK;
}

NETTEST(net_ping_killed)
{
	pid32	p, q;
	int32	i, waits = 0;

	p = create(pinger, 8192, 20, "pinger", 0);
	REQUIRE(p != SYSERR && resume(p) != SYSERR);
	sleepms(500);				/* its request is out	*/
	REQUIRE(kill(p) == OK);
	for (i = 0, q = SYSERR; i < 2 * NPROC && q != p; i++) {
		q = create(newcomer, 8192, 20, "newcomer", 0);
		if (q != p && q != SYSERR) {
			kill(q);
		}
	}
	REQUIRE(q == p);
	resume(q);
	kprintf("ping %d killed: reply now\n", p);
	while (proctab[q].prstate != PR_FREE && waits++ < 50) {
		sleepms(100);
	}
	CHECK(killedgot == (umsg32)TIMEOUT);	/* no stray message	*/
	for (i = 0; i < NPINGWAIT; i++) {	/* every entry is free	*/
		CHECK(icmp_echo(NetData.ipucast, i, 1000) >= 0);
	}
	return OK;
}

/* Processes killed while they wait for ARP leave no entry behind: 20
 * pingers of hosts nobody answers for (10.0.0.100 and up) are killed
 * while they ask, more than the cache's NARP entries; then 10.0.0.1,
 * which test/nettests.py (arp_killed) answers for, is still reached. */
#define	ARP_KILLED	20

/*------------------------------------------------------------------------
 *  asker  -  Ping 'ip' (its ARP request goes unanswered)
 *------------------------------------------------------------------------
 */
local	process	asker(uint32 ip)
{
	return icmp_echo(ip, 1, 5000);
}

NETTEST(net_arp_killed)
{
	struct	arpentry *ap;
	uint32	heapfree = memlist.mlength;
	pid32	p;
	int32	i, pending = 0;

	for (i = 0; i < ARP_KILLED; i++) {
		p = create(asker, 8192, 20, "asker", 1, PAIR_A + 99 + i);
		REQUIRE(p != SYSERR && resume(p) != SYSERR);
		sleepms(20);			/* it waits for ARP	*/
		REQUIRE(kill(p) == OK);
	}
	for (ap = arpcache; ap < &arpcache[NARP]; ap++) {
		pending += ap->state == ARP_PENDING;
	}
	CHECK(pending == 0);
	kprintf("kernel heap: %d bytes free before, %d after\n", heapfree,
		memlist.mlength);
	CHECK(memlist.mlength == heapfree);	/* no frame buffer left	*/
	CHECK(icmp_echo(PAIR_A, 2, 2000) >= 0);
	return OK;
}

/* Without a NIC (every plain kernel test boots so): ETHER0 refuses its
 * calls, the network is down, and the calls that need it say SYSERR */
TEST(net_without_nic)
{
	char	frame[ETH_HDR_LEN + 50];
	byte	mac[ETH_ADDR_LEN];
	uid32	slot;

	memset(frame, 0, sizeof(frame));
	CHECK(ethertab[0].state == ETH_STATE_NONE);
	CHECK(!netup && netpid == SYSERR && !NetData.ipvalid);
	CHECK(write(ETHER0, frame, sizeof(frame)) == SYSERR);
	CHECK(read(ETHER0, frame, sizeof(frame)) == SYSERR);
	CHECK(control(ETHER0, ETH_CTRL_GET_MAC, (int32)mac, 0) == SYSERR);
	CHECK(control(ETHER0, ETH_CTRL_LINK, 0, 0) == SYSERR);
	CHECK(icmp_echo(0x0A000202, 1, 10) == SYSERR);
	CHECK(getlocalip() == (uint32)SYSERR);
	slot = udp_register(0x0A000202, 7, 7);
	REQUIRE(slot != SYSERR);
	CHECK(udp_send(slot, frame, 10) == SYSERR);
	CHECK(udp_sendto(slot, IP_BCAST, 67, frame, 10) == SYSERR);
	CHECK(udp_recv(slot, frame, sizeof(frame), 1) == TIMEOUT);
	CHECK(udp_release(slot) == OK);
	return OK;
}
