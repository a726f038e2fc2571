/* netping.c - a course program on a machine with a NIC: make test's
 *	       prog:netping (netping.conf sets NET=1)
 *
 * It pings QEMU's user-network gateway and sends a UDP datagram to its
 * DNS server's port, then ends: the kernel must still halt after the
 * last user process, though netin (a system process) runs on.
 */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  main  -  Ping the gateway DHCP named, say whether it answered
 *------------------------------------------------------------------------
 */
process	main(void)
{
	char	gw[IP_DOTLEN];
	uid32	slot;

	printf("address: %d\n", getlocalip() == 0x0A00020F);
	printf("ping %s: %s\n", ip2dot(NetData.iprouter, gw),
	       icmp_echo(NetData.iprouter, 1, 1000) >= 0 ? "answered"
	       : "no answer");
	slot = udp_register(0x0A000203, 53, 5353);
	printf("udp_send: %d\n", udp_send(slot, "?", 1));
	printf("udp_release: %d\n", udp_release(slot));
	return OK;
}
