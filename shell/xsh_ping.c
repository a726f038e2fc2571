/* xsh_ping.c - xsh_ping */

#include <xinu.h>
#include <shell.h>

#define	PING_TIMEOUT	1000		/* ms to wait for each reply	*/
#define	PING_MAXCOUNT	10000

/*------------------------------------------------------------------------
 *  xsh_ping  -  Send COUNT (default 4) echo requests to HOST, one a
 *		 second, and report each reply
 *------------------------------------------------------------------------
 */
shellcmd xsh_ping(int32 nargs, char *args[])
{
	uint32	ip;
	int32	count = 4, seq, got = 0, rtt;

	if (nargs < 2 || nargs > 3) {
		return shusage(args[0]);
	}
	if (dot2ip(args[1], &ip) == SYSERR) {
		fprintf(stderr, "ping: %s is not an address a.b.c.d\n",
			args[1]);
		return SYSERR;
	}
	if (nargs == 3 && shnum(args[0], args[2], 1, PING_MAXCOUNT, &count)
	    == SYSERR) {
		return SYSERR;
	}
	if (!netup || !NetData.ipvalid) {
		fprintf(stderr, "ping: the network is not up\n");
		return SYSERR;
	}
	for (seq = 1; seq <= count; seq++) {
		rtt = icmp_echo(ip, seq, PING_TIMEOUT);
		if (rtt >= 0) {
			got++;
			printf("reply from %s: seq=%d time=%d ms\n", args[1],
			       seq, rtt);
		} else {
			printf("seq=%d: %s\n", seq, rtt == TIMEOUT
			       ? "no reply" : !ip_onlink(ip)
			       && NetData.iprouter == 0
			       ? "cannot send (no route: no router)"
			       : "cannot send");
		}
		if (seq < count && rtt >= 0 && rtt < PING_TIMEOUT) {
			sleepms(PING_TIMEOUT - rtt);
		}
	}
	printf("%d sent, %d received\n", count, got);
	return got > 0 ? OK : SYSERR;
}
