/* xsh_udpecho.c - xsh_udpecho */

#include <xinu.h>
#include <shell.h>

#define	ECHO_PORT	7		/* the echo service's port	*/
#define	ECHO_TIMEOUT	1000		/* ms to wait for each echo	*/
#define	ECHO_MAXCOUNT	100000
#define	ECHO_LOCPORT	40000		/* client ports start here	*/

/*------------------------------------------------------------------------
 *  echoserve  -  Send back every datagram that comes to 'port'
 *------------------------------------------------------------------------
 */
local	shellcmd echoserve(int32 port)
{
	char	buf[UDP_MAXDATA];
	uint32	ip;
	uint16	rport;
	uid32	slot;
	int32	n;

	slot = udp_register(0, 0, port);
	if (slot == SYSERR) {
		fprintf(stderr, "udpecho: port %d is taken\n", port);
		return SYSERR;
	}
	printf("udpecho: echoing on port %d (^C stops)\n", port);
	for (;;) {
		n = udp_recvaddr(slot, &ip, &rport, buf, sizeof(buf),
				 ECHO_TIMEOUT);
		if (n >= 0) {
			udp_sendto(slot, ip, rport, buf, n);
		} else if (n == SYSERR) {
			break;
		}
	}
	udp_release(slot);
	return SYSERR;
}

/*------------------------------------------------------------------------
 *  echoclient  -  Send 'count' datagrams to 'ip', 'port' and check that
 *		   each comes back
 *------------------------------------------------------------------------
 */
local	shellcmd echoclient(const char *host, uint32 ip, int32 port,
			    int32 count)
{
	char	out[32], in[UDP_MAXDATA];
	uid32	slot;
	int32	i, n, len, got = 0;
	uint64	start;

	slot = udp_register(ip, port, ECHO_LOCPORT + currpid);
	if (slot == SYSERR) {
		fprintf(stderr, "udpecho: no UDP slot free\n");
		return SYSERR;
	}
	for (i = 1; i <= count; i++) {
		len = sprintf(out, "udpecho %d", i);
		start = clkms;
		if (udp_send(slot, out, len) != OK) {
			printf("%d: cannot send to %s\n", i, host);
			continue;
		}
		n = udp_recv(slot, in, sizeof(in), ECHO_TIMEOUT);
		if (n == len && memcmp(in, out, len) == 0) {
			got++;
			printf("echo %d from %s: %d bytes, time %d ms\n", i,
			       host, n, (int32)(clkms - start));
		} else {
			printf("%d: %s\n", i, n == TIMEOUT ? "no echo"
			       : "wrong echo");
		}
	}
	udp_release(slot);
	printf("%d sent, %d echoed\n", count, got);
	return got == count ? OK : SYSERR;
}

/*------------------------------------------------------------------------
 *  xsh_udpecho  -  "udpecho -s [PORT]" serves UDP echo; "udpecho HOST
 *		    [PORT [COUNT]]" sends COUNT datagrams to an echo
 *		    server (port 7, 5 datagrams by default)
 *------------------------------------------------------------------------
 */
shellcmd xsh_udpecho(int32 nargs, char *args[])
{
	uint32	ip;
	int32	port = ECHO_PORT, count = 5;

	if (nargs < 2 || nargs > 4) {
		return shusage(args[0]);
	}
	if (!netup || !NetData.ipvalid) {
		fprintf(stderr, "udpecho: the network is not up\n");
		return SYSERR;
	}
	if (strcmp(args[1], "-s") == 0) {
		if (nargs > 3 || (nargs == 3 && shnum(args[0], args[2], 1,
						      65535, &port) == SYSERR)) {
			return nargs > 3 ? shusage(args[0]) : SYSERR;
		}
		return echoserve(port);
	}
	if (dot2ip(args[1], &ip) == SYSERR) {
		fprintf(stderr, "udpecho: %s is not an address a.b.c.d\n",
			args[1]);
		return SYSERR;
	}
	if (nargs >= 3 && shnum(args[0], args[2], 1, 65535, &port) == SYSERR) {
		return SYSERR;
	}
	if (nargs == 4 && shnum(args[0], args[3], 1, ECHO_MAXCOUNT, &count)
	    == SYSERR) {
		return SYSERR;
	}
	return echoclient(args[1], ip, port, count);
}
