/* dot2ip.c - dot2ip, cidr2ip, ip2dot, masklen */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  dotpart  -  Parse a decimal of 'max' or less at *p, advancing *p;
 *		SYSERR when there is no digit or it is too large
 *------------------------------------------------------------------------
 */
local	int32	dotpart(const char **p, int32 max)
{
	int32	v = 0, n = 0;

	while (isdigit((unsigned char)**p) && n < 4) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return (n == 0 || n > 3 || v > max) ? SYSERR : v;
}

/*------------------------------------------------------------------------
 *  dotscan  -  Parse "a.b.c.d" at *p into *ip, advancing *p
 *------------------------------------------------------------------------
 */
local	status	dotscan(const char **p, uint32 *ip)
{
	int32	i, v;
	uint32	a = 0;

	for (i = 0; i < 4; i++) {
		if (i > 0 && *(*p)++ != '.') {
			return SYSERR;
		}
		if ((v = dotpart(p, 255)) == SYSERR) {
			return SYSERR;
		}
		a = a << 8 | v;
	}
	*ip = a;
	return OK;
}

/*------------------------------------------------------------------------
 *  dot2ip  -  Convert dotted decimal "a.b.c.d" to an address (host
 *	       order); SYSERR and *ip unchanged if it is not one
 *------------------------------------------------------------------------
 */
status	dot2ip(
	  const	char	*s,		/* the text			*/
	  uint32	*ip		/* where the address goes	*/
	)
{
	uint32	a;

	if (s == NULL || dotscan(&s, &a) == SYSERR || *s != NULLCH) {
		return SYSERR;
	}
	*ip = a;
	return OK;
}

/*------------------------------------------------------------------------
 *  cidr2ip  -  Convert "a.b.c.d/len" (len 1 to 32) to an address and a
 *		prefix length; SYSERR and nothing stored if it is not one
 *------------------------------------------------------------------------
 */
status	cidr2ip(
	  const	char	*s,		/* the text			*/
	  uint32	*ip,		/* where the address goes	*/
	  int32		*len		/* where the prefix length goes	*/
	)
{
	uint32	a;
	int32	n;

	if (s == NULL || dotscan(&s, &a) == SYSERR || *s++ != '/'
	    || (n = dotpart(&s, 32)) == SYSERR || n < 1 || *s != NULLCH) {
		return SYSERR;
	}
	*ip = a;
	*len = n;
	return OK;
}

/*------------------------------------------------------------------------
 *  ip2dot  -  Write address 'ip' as "a.b.c.d" into 'buf' (IP_DOTLEN)
 *------------------------------------------------------------------------
 */
char	*ip2dot(uint32 ip, char *buf)
{
	sprintf(buf, "%d.%d.%d.%d", ip >> 24, (ip >> 16) & 0xFF,
		(ip >> 8) & 0xFF, ip & 0xFF);
	return buf;
}

/*------------------------------------------------------------------------
 *  masklen  -  The prefix length of network mask 'mask' (its leading
 *		one bits)
 *------------------------------------------------------------------------
 */
int32	masklen(uint32 mask)
{
	int32	len;

	for (len = 0; len < 32 && (mask & (0x80000000 >> len)); len++) {
		;
	}
	return len;
}
