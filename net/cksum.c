/* cksum.c - inet_cksum */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  inet_cksum  -  The Internet checksum of 'len' bytes at 'buf', the
 *		   sum started from 'sum' (a pseudo-header's, or 0); a
 *		   correct packet sums to 0
 *------------------------------------------------------------------------
 */
uint16	inet_cksum(const void *buf, uint32 len, uint32 sum)
{
	const	byte	*p = buf;

	while (len > 1) {
		sum += (uint32)p[0] << 8 | p[1];
		p += 2;
		len -= 2;
	}
	if (len == 1) {
		sum += (uint32)p[0] << 8;
	}
	while (sum >> 16) {
		sum = (sum & 0xFFFF) + (sum >> 16);
	}
	return htons((uint16)~sum);
}
