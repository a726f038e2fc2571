/* net.h - Xinu's network: ARP, IPv4, ICMP echo, UDP and DHCP */

#ifndef _NET_H_
#define _NET_H_

/*
 * IP addresses are uint32 in host byte order everywhere in the API
 * (10.0.2.15 is 0x0A00020F); headers on the wire are in network order
 * and are converted where they are read and written.
 */

#define	htons(x)	((uint16)((((uint16)(x)) >> 8) | (((uint16)(x)) << 8)))
#define	ntohs(x)	htons(x)
#define	htonl(x)	((((uint32)(x)) >> 24) | ((((uint32)(x)) >> 8) & 0xFF00) \
			 | ((((uint32)(x)) << 8) & 0xFF0000) | (((uint32)(x)) << 24))
#define	ntohl(x)	htonl(x)

#define	IP_BCAST	0xFFFFFFFF	/* 255.255.255.255		*/
#define	IP_MCAST	0xE0000000	/* 224.0.0.0/4: multicast	*/
#define	IP_MCAST_MASK	0xF0000000
#define	IP_LOOPNET	127		/* 127.0.0.0/8: loopback	*/
#define	IP_NETSHIFT	24		/* ... its first byte		*/
#define	IP_ALEN		4
#define	IP_HDR_LEN	20		/* we send no options		*/
#define	IP_VERLEN	0x45		/* version 4, 5 words		*/
#define	IP_TTL		64
#define	IP_MF		0x2000		/* more fragments		*/
#define	IP_OFFMASK	0x1FFF		/* fragment offset		*/
#define	IP_ICMP		1
#define	IP_UDP		17
#define	IP_DOTLEN	16		/* "255.255.255.255" + NUL	*/

#define	NETPRIO		500		/* the netin process: above	*/
					/*   programs and the shell	*/
#define	NETSTK		16384
#define	NET_READYWAIT	5000		/* ms netstart waits for the NIC */
#define	NET_READYPOLL	10		/* ... asking every so many ms	*/

/* The packets, as laid out on the wire */
struct	arppkt	{
	uint16	htype;			/* 1: Ethernet			*/
	uint16	ptype;			/* 0x0800: IPv4			*/
	byte	hlen, plen;		/* 6 and 4			*/
	uint16	op;			/* request or reply		*/
	byte	sha[ETH_ADDR_LEN];	/* sender's MAC			*/
	uint32	spa;			/* sender's IP			*/
	byte	tha[ETH_ADDR_LEN];	/* target's MAC			*/
	uint32	tpa;			/* target's IP			*/
} __attribute__((packed));
#define	ARP_HTYPE_ETH	1
#define	ARP_OP_REQ	1
#define	ARP_OP_REPLY	2

struct	iphdr	{
	byte	verlen;			/* version and header words	*/
	byte	tos;
	uint16	len;			/* header and data		*/
	uint16	id;
	uint16	frag;			/* flags and fragment offset	*/
	byte	ttl;
	byte	proto;
	uint16	cksum;
	uint32	src, dst;
} __attribute__((packed));

struct	icmphdr	{
	byte	type, code;
	uint16	cksum;
	uint16	id, seq;		/* of an echo			*/
} __attribute__((packed));
#define	ICMP_ECHOREPLY	0
#define	ICMP_ECHOREQ	8

struct	udphdr	{
	uint16	sport, dport;
	uint16	len;			/* header and data		*/
	uint16	cksum;			/* 0: none			*/
} __attribute__((packed));
#define	UDP_HDR_LEN	8
#define	UDP_HDRS	(ETH_HDR_LEN + IP_HDR_LEN + UDP_HDR_LEN)
#define	UDP_MAXDATA	(ETH_MTU - IP_HDR_LEN - UDP_HDR_LEN)	/* 1472	*/

/* The interface's configuration (upstream Xinu's names) */
struct	network	{
	uint32	ipucast;		/* our address			*/
	uint32	ipbcast;		/* the subnet's broadcast	*/
	uint32	ipmask;
	uint32	ipprefix;		/* ipucast & ipmask		*/
	uint32	iprouter;		/* 0: none			*/
	uint32	dhcpserver;		/* who gave the lease, or 0	*/
	uint32	lease;			/* seconds, 0 for static	*/
	bool8	ipvalid;		/* ipucast is set		*/
	bool8	bydhcp;			/* ... by DHCP			*/
	byte	ethucast[ETH_ADDR_LEN];
	byte	ethbcast[ETH_ADDR_LEN];
};
extern	struct	network	NetData;
extern	bool8	netup;			/* netin runs			*/
extern	pid32	netpid;			/* netin's pid, or SYSERR	*/

/* Counts of every frame in and why any was dropped */
struct	netstats {
	uint32	rxframes, txframes;
	uint32	arpin, ipin, icmpin, udpin;	/* accepted		*/
	uint32	badtype;		/* neither IP nor ARP		*/
	uint32	runts;			/* shorter than their headers	*/
	uint32	arpbad;			/* malformed, or a group MAC	*/
	uint32	arpother;		/* requests for other hosts	*/
	uint32	arpunasked;		/* replies to no request of ours */
	uint32	ipbad;			/* bad version, length, checksum */
	uint32	ipmartian;		/* from an address no host has	*/
	uint32	ipother;		/* for another host		*/
	uint32	ipfrag;			/* fragments (not reassembled)	*/
	uint32	ipproto;		/* neither ICMP nor UDP		*/
	uint32	icmpbad;		/* bad checksum, unknown type	*/
	uint32	udpbad;			/* bad length or checksum	*/
	uint32	udpnoport;		/* to a port nobody registered	*/
	uint32	udpfull;		/* its slot's queue was full	*/
	uint32	echoes;			/* echo requests answered	*/
	uint32	looped;			/* datagrams to ourselves	*/
};
extern	struct	netstats netstats;

/* ARP cache */
#define	NARP		16
#define	ARP_FREE	0
#define	ARP_PENDING	1		/* a request is out		*/
#define	ARP_RESOLVED	2
#define	ARP_TIMEOUT	300000		/* ms an entry stays valid	*/
#define	ARP_RETRIES	3		/* requests before giving up	*/
#define	ARP_WAIT	300		/* ms to wait for each reply	*/

struct	arpentry {
	int32	state;
	uint32	ip;
	byte	mac[ETH_ADDR_LEN];
	uint64	time;			/* clkms when resolved		*/
	pid32	pid;			/* PENDING: who asked last	*/
};
extern	struct	arpentry arpcache[];

/* UDP: slots as in upstream Xinu */
#define	UDP_SLOTS	8
#define	UDP_QSIZ	16		/* datagrams queued per slot	*/
#define	UDP_FREE	0
#define	UDP_USED	1

struct	udpmsg	{
	uint32	remip;
	uint16	remport;
	uint16	len;
	char	data[UDP_MAXDATA];
};

struct	udpentry {
	int32	state;
	uint32	remip;			/* 0: any			*/
	uint16	remport;		/* 0: any			*/
	uint16	locport;
	pid32	waiter;			/* in udp_recv, or -1		*/
	pid32	owner;			/* the process that registered	*/
	uint32	head, count;		/* of the queue			*/
	struct	udpmsg	*queue;		/* UDP_QSIZ messages (getmem)	*/
};
extern	struct	udpentry udptab[];

/* DHCP */
#define	DHCP_SERVER_PORT 67
#define	DHCP_CLIENT_PORT 68
#define	DHCP_TRIES	4		/* DISCOVERs before giving up	*/
#define	DHCP_WAIT	1000		/* ms for each answer		*/

/* ICMP echo */
#define	PING_DATA	56		/* bytes of data per request	*/
#define	NPINGWAIT	8		/* processes pinging at once	*/

/* net/ */
extern	void	netstart(void);
extern	void	net_forget(pid32);
extern	process	netin(void);
extern	uint16	inet_cksum(const void *, uint32, uint32);
extern	void	arp_init(void);
extern	void	arp_in(char *, uint32);
extern	status	arp_resolve(uint32, byte *);
extern	void	arp_forget(pid32);
extern	bool8	ip_martian(uint32);
extern	void	ip_in(char *, uint32);
extern	status	ip_send(char *, byte, uint32, uint32);
extern	bool8	ip_onlink(uint32);
extern	void	ip_loop(char *);
extern	char	*ip_getbuf(void);
extern	void	ip_freebuf(char *);
extern	void	ip_forget(pid32);
extern	void	icmp_in(char *, uint32, struct iphdr *);
extern	int32	icmp_echo(uint32, uint16, uint32);
extern	void	icmp_forget(pid32);
extern	void	udp_init(void);
extern	void	udp_in(char *, uint32, struct iphdr *);
extern	void	udp_forget(pid32);
extern	uid32	udp_register(uint32, uint16, uint16);
extern	int32	udp_recv(uid32, char *, int32, uint32);
extern	int32	udp_recvaddr(uid32, uint32 *, uint16 *, char *, int32,
			     uint32);
extern	status	udp_send(uid32, char *, int32);
extern	status	udp_sendto(uid32, uint32, uint16, char *, int32);
extern	status	udp_release(uid32);
extern	status	dhcp_run(void);
extern	void	dhcp_forget(pid32);
extern	uint32	getlocalip(void);
extern	status	dot2ip(const char *, uint32 *);
extern	status	cidr2ip(const char *, uint32 *, int32 *);
extern	char	*ip2dot(uint32, char *);
extern	int32	masklen(uint32);

#endif
