/* test_net.c - host unit tests of the network's pure logic:
 *		net/cksum.c and net/dot2ip.c, compiled unchanged */

#include <xinu.h>
#include "hunit.h"

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

	tbegin("cksum_known_values");
	TCHECK(inet_cksum(words, sizeof(words), 0) == htons(0x220d));
	TCHECK(inet_cksum(hdr, sizeof(hdr), 0) == 0);	/* correct	*/
	hdr[11] ^= 1;
	TCHECK(inet_cksum(hdr, sizeof(hdr), 0) != 0);	/* one bit off	*/
	hdr[10] = hdr[11] = 0;
	TCHECK(inet_cksum(hdr, sizeof(hdr), 0) == htons(0xb861));
	TCHECK(inet_cksum(odd, 3, 0) == htons((uint16)~0x0402));
	TCHECK(inet_cksum(odd, 0, 0) == 0xFFFF);
	TCHECK(inet_cksum(odd, 0, 0x1FFFE) == 0);	/* carries fold	*/
	tend();

	tbegin("dot2ip_good_and_bad");
	TCHECK(dot2ip("10.0.2.15", &ip) == OK && ip == 0x0A00020F);
	TCHECK(dot2ip("255.255.255.255", &ip) == OK && ip == 0xFFFFFFFF);
	TCHECK(dot2ip("0.0.0.0", &ip) == OK && ip == 0);
	ip = 7;
	TCHECK(dot2ip("256.1.1.1", &ip) == SYSERR);
	TCHECK(dot2ip("1.2.3", &ip) == SYSERR);
	TCHECK(dot2ip("1.2.3.4.", &ip) == SYSERR);
	TCHECK(dot2ip("1..3.4", &ip) == SYSERR);
	TCHECK(dot2ip("1.2.3.0004", &ip) == SYSERR);
	TCHECK(dot2ip(" 1.2.3.4", &ip) == SYSERR);
	TCHECK(dot2ip("", &ip) == SYSERR && dot2ip(NULL, &ip) == SYSERR);
	TCHECK(ip == 7);			/* unchanged		*/
	tend();

	tbegin("cidr2ip_good_and_bad");
	TCHECK(cidr2ip("192.168.1.2/24", &ip, &len) == OK);
	TCHECK(ip == 0xC0A80102 && len == 24);
	TCHECK(cidr2ip("1.2.3.4/32", &ip, &len) == OK && len == 32);
	ip = 7;
	len = 9;
	TCHECK(cidr2ip("1.2.3.4/0", &ip, &len) == SYSERR);
	TCHECK(cidr2ip("1.2.3.4/33", &ip, &len) == SYSERR);
	TCHECK(cidr2ip("1.2.3.4/", &ip, &len) == SYSERR);
	TCHECK(cidr2ip("1.2.3.4", &ip, &len) == SYSERR);
	TCHECK(cidr2ip("1.2.3.4/24x", &ip, &len) == SYSERR);
	TCHECK(ip == 7 && len == 9);
	tend();

	tbegin("ip2dot_and_masklen");
	TCHECK(strcmp(ip2dot(0x0A00020F, buf), "10.0.2.15") == 0);
	TCHECK(strcmp(ip2dot(0xFFFFFFFF, buf), "255.255.255.255") == 0);
	TCHECK(masklen(0xFFFFFF00) == 24 && masklen(0xFFFFFFFF) == 32);
	TCHECK(masklen(0) == 0 && masklen(0x80000000) == 1);
	tend();

	return tdone();
}
