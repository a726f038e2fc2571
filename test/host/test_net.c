/* test_net.c - host unit tests of the network's pure logic:
 *		net/cksum.c and net/dot2ip.c, compiled unchanged */

#include <xinu.h>
#include "kunit.h"

/*------------------------------------------------------------------------
 *  main  -  Run the cases
 *------------------------------------------------------------------------
 */
int32	main(void)
{
	/* RFC 1071's example words, and a real IPv4 header */
	byte	words[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	byte	hdr[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00,
			    0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01,
			    0xc0, 0xa8, 0x00, 0xc7 };
	byte	odd[3] = { 0x01, 0x02, 0x03 };
	char	buf[IP_DOTLEN];
	uint32	ip = 7;
	int32	len = 9;

	kbegin("cksum_known_values");
	KCHECK(inet_cksum(words, sizeof(words), 0) == htons(0x220d));
	KCHECK(inet_cksum(hdr, sizeof(hdr), 0) == 0);	/* correct	*/
	hdr[11] ^= 1;
	KCHECK(inet_cksum(hdr, sizeof(hdr), 0) != 0);	/* one bit off	*/
	hdr[10] = hdr[11] = 0;
	KCHECK(inet_cksum(hdr, sizeof(hdr), 0) == htons(0xb861));
	KCHECK(inet_cksum(odd, 3, 0) == htons((uint16)~0x0402));
	KCHECK(inet_cksum(odd, 0, 0) == 0xFFFF);
	KCHECK(inet_cksum(odd, 0, 0x1FFFE) == 0);	/* carries fold	*/
	kend();

	kbegin("dot2ip_good_and_bad");
	KCHECK(dot2ip("10.0.2.15", &ip) == OK && ip == 0x0A00020F);
	KCHECK(dot2ip("255.255.255.255", &ip) == OK && ip == 0xFFFFFFFF);
	KCHECK(dot2ip("0.0.0.0", &ip) == OK && ip == 0);
	ip = 7;
	KCHECK(dot2ip("256.1.1.1", &ip) == SYSERR);
	KCHECK(dot2ip("1.2.3", &ip) == SYSERR);
	KCHECK(dot2ip("1.2.3.4.", &ip) == SYSERR);
	KCHECK(dot2ip("1..3.4", &ip) == SYSERR);
	KCHECK(dot2ip("1.2.3.0004", &ip) == SYSERR);
	KCHECK(dot2ip(" 1.2.3.4", &ip) == SYSERR);
	KCHECK(dot2ip("", &ip) == SYSERR && dot2ip(NULL, &ip) == SYSERR);
	KCHECK(ip == 7);			/* unchanged		*/
	kend();

	kbegin("cidr2ip_good_and_bad");
	KCHECK(cidr2ip("192.168.1.2/24", &ip, &len) == OK);
	KCHECK(ip == 0xC0A80102 && len == 24);
	KCHECK(cidr2ip("1.2.3.4/32", &ip, &len) == OK && len == 32);
	ip = 7;
	len = 9;
	KCHECK(cidr2ip("1.2.3.4/0", &ip, &len) == SYSERR);
	KCHECK(cidr2ip("1.2.3.4/33", &ip, &len) == SYSERR);
	KCHECK(cidr2ip("1.2.3.4/", &ip, &len) == SYSERR);
	KCHECK(cidr2ip("1.2.3.4", &ip, &len) == SYSERR);
	KCHECK(cidr2ip("1.2.3.4/24x", &ip, &len) == SYSERR);
	KCHECK(ip == 7 && len == 9);
	kend();

	kbegin("ip2dot_and_masklen");
	KCHECK(strcmp(ip2dot(0x0A00020F, buf), "10.0.2.15") == 0);
	KCHECK(strcmp(ip2dot(0xFFFFFFFF, buf), "255.255.255.255") == 0);
	KCHECK(masklen(0xFFFFFF00) == 24 && masklen(0xFFFFFFFF) == 32);
	KCHECK(masklen(0) == 0 && masklen(0x80000000) == 1);
	kend();

	return kdone();
}
