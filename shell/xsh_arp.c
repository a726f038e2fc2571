/* xsh_arp.c - xsh_arp */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_arp  -  List the ARP cache: address, MAC, state, age
 *------------------------------------------------------------------------
 */
shellcmd xsh_arp(int32 nargs, char *args[])
{
	struct	arpentry *ap;
	char	a[IP_DOTLEN];
	byte	*m;
	int32	i;

	if (nargs != 1) {
		return shusage(args[0]);
	}
	if (!netup) {
		printf("arp: the network is not up\n");
		return SYSERR;
	}
	printf("%-16s %-17s %-9s %s\n", "address", "MAC", "state", "age");
	for (i = 0; i < NARP; i++) {
		ap = &arpcache[i];
		m = ap->mac;
		if (ap->state == ARP_RESOLVED) {
			printf("%-16s %02x:%02x:%02x:%02x:%02x:%02x resolved  "
			       "%d s\n", ip2dot(ap->ip, a), m[0], m[1], m[2],
			       m[3], m[4], m[5], (int32)((clkms - ap->time)
							 / 1000));
		} else if (ap->state == ARP_PENDING) {
			printf("%-16s %-17s pending\n", ip2dot(ap->ip, a), "?");
		}
	}
	return OK;
}
