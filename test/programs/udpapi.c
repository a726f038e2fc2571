/* udpapi.c - a program written for upstream Xinu's UDP calls compiles
 *	      and runs here: make test's prog:udpapi
 *
 * It boots as graders boot programs, without a NIC: slots can still be
 * registered and read with a timeout, while sending fails (no network)
 * and every bad call returns SYSERR.
 */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  main  -  Use every call of the UDP API and print what each returned
 *------------------------------------------------------------------------
 */
process	main(void)
{
	char	buf[64];
	uint32	ip, remip;
	uint16	remport;
	uid32	slot, other;

	printf("dot2ip: %d\n", dot2ip("192.168.1.20", &ip) == OK
	       && ip == 0xC0A80114);
	printf("dot2ip bad: %d\n", dot2ip("192.168.1", &ip));
	printf("getlocalip: %d\n", getlocalip() == (uint32)SYSERR);
	slot = udp_register(ip, 7, 5000);
	printf("register: %d\n", slot >= 0);
	other = udp_register(ip, 7, 5000);
	printf("register the same again: %d\n", other);
	printf("register port 0: %d\n", udp_register(0, 0, 0));
	printf("recv: %d\n", udp_recv(slot, buf, sizeof(buf), 50));
	printf("recvaddr: %d\n", udp_recvaddr(slot, &remip, &remport, buf,
					      sizeof(buf), 50));
	printf("send: %d\n", udp_send(slot, "hi", 2));
	printf("sendto: %d\n", udp_sendto(slot, ip, 9, "hi", 2));
	printf("recv on slot 99: %d\n", udp_recv(99, buf, sizeof(buf), 50));
	printf("release: %d\n", udp_release(slot));
	printf("release again: %d\n", udp_release(slot));
	printf("send after release: %d\n", udp_send(slot, "hi", 2));
	return OK;
}
