/* strtol.c - strtol, strtoul, strtonum, atoi, atol, strtomag, digitval */

#include <stddef.h>
#include <stdlib.h>
#include <ctype.h>

#define	LMAX	__LONG_MAX__		/* LONG_MAX, without limits.h	*/
#define	ULMAX	(~0UL)			/* ULONG_MAX			*/

/*------------------------------------------------------------------------
 *  digitval  -  Return the value of a digit in bases up to 36 (0-9, then
 *		   a-z or A-Z), or 36 for a character that is no digit
 *------------------------------------------------------------------------
 */
static	int	digitval(
	  char		c		/* possible digit		*/
	)
{
	if (isdigit((unsigned char) c)) {
		return c - '0';
	}
	if (isalpha((unsigned char) c)) {
		return tolower((unsigned char) c) - 'a' + 10;
	}
	return 36;
}

/*------------------------------------------------------------------------
 *  strtomag  -  Parse the text common to strtol and strtoul: white space,
 *		   a sign, a base prefix and digits; return the magnitude,
 *		   or ULMAX with *over set if it does not fit
 *------------------------------------------------------------------------
 */
static	unsigned long strtomag(
	  const char	*s,		/* text to parse		*/
	  char		**endptr,	/* if not NULL, gets the end of	*/
					/*   the number (s if none)	*/
	  int		base,		/* 2..36, or 0 to follow the	*/
					/*   prefix: 0x hex, 0 octal	*/
	  int		*neg,		/* set to 1 if a '-' was seen	*/
	  int		*over		/* set to 1 on overflow		*/
	)
{
	const char *p = s;		/* next character		*/
	const char *digits;		/* first digit			*/
	unsigned long mag = 0;		/* value so far			*/
	int	d;			/* value of the current digit	*/

	*neg = 0;
	*over = 0;
	if (base < 0 || base == 1 || base > 36) {
		if (endptr != NULL) {
			*endptr = (char *) s;
		}
		return 0;
	}

	while (isspace((unsigned char) *p)) {
		p++;
	}
	if (*p == '-' || *p == '+') {
		*neg = (*p++ == '-');
	}

	/* "0x" is a prefix only if a hex digit follows; otherwise the	*/
	/* number is just the 0						*/
	if ((base == 0 || base == 16) && p[0] == '0'
			&& (p[1] == 'x' || p[1] == 'X')
			&& digitval(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = (p[0] == '0') ? 8 : 10;
	}

	for (digits = p; (d = digitval(*p)) < base; p++) {
		if (mag > (ULMAX - d) / base) {
			*over = 1;
		} else {
			mag = mag * base + d;
		}
	}

	if (endptr != NULL) {
		*endptr = (char *) (p > digits ? p : s);
	}
	return *over ? ULMAX : mag;
}

/*------------------------------------------------------------------------
 *  strtol  -  Convert text to a long, clamping to the range of long
 *------------------------------------------------------------------------
 */
long	strtol(
	  const char	*s,		/* text to convert		*/
	  char		**endptr,	/* if not NULL, gets the end	*/
	  int		base		/* 2..36, or 0 for C prefixes	*/
	)
{
	unsigned long mag;		/* magnitude of the number	*/
	int	neg;			/* '-' seen			*/
	int	over;			/* magnitude overflowed		*/

	mag = strtomag(s, endptr, base, &neg, &over);
	if (neg) {
		/* -LMAX-1 is representable though LMAX+1 is not */
		return mag > LMAX ? -LMAX - 1 : -(long) mag;
	}
	return mag > LMAX ? LMAX : (long) mag;
}

/*------------------------------------------------------------------------
 *  strtoul  -  Convert text to an unsigned long (a '-' negates modulo
 *		  ULONG_MAX+1), clamping to ULONG_MAX on overflow
 *------------------------------------------------------------------------
 */
unsigned long strtoul(
	  const char	*s,		/* text to convert		*/
	  char		**endptr,	/* if not NULL, gets the end	*/
	  int		base		/* 2..36, or 0 for C prefixes	*/
	)
{
	unsigned long mag;		/* magnitude of the number	*/
	int	neg;			/* '-' seen			*/
	int	over;			/* magnitude overflowed		*/

	mag = strtomag(s, endptr, base, &neg, &over);
	if (over) {
		return ULMAX;
	}
	return neg ? -mag : mag;
}

/*------------------------------------------------------------------------
 *  strtonum  -  Convert a whole word of decimal text (a sign allowed, no
 *		   blanks) to a long in [min, max].  On success *errstr is
 *		   NULL; otherwise it says why ("invalid", "too small",
 *		   "too large", as OpenBSD's strtonum does) and 0 is
 *		   returned.  Overflow is never clamped into range.
 *------------------------------------------------------------------------
 */
long	strtonum(
	  const char	*s,		/* text to convert		*/
	  long		min,		/* smallest value accepted	*/
	  long		max,		/* largest value accepted	*/
	  const char	**errstr	/* gets NULL or the reason	*/
	)
{
	unsigned long mag;		/* magnitude of the number	*/
	char	*end;			/* end of the digits		*/
	int	neg;			/* '-' seen			*/
	int	over;			/* magnitude overflowed		*/
	long	v;			/* the value			*/

	*errstr = "invalid";
	if (min > max || *s == '\0' || isspace((unsigned char) *s)) {
		return 0;
	}
	mag = strtomag(s, &end, 10, &neg, &over);
	if (end == s || *end != '\0') {
		return 0;
	}
	if (neg ? (over || mag > (unsigned long) LMAX + 1) :
		  (over || mag > LMAX)) {
		*errstr = neg ? "too small" : "too large";
		return 0;
	}
	v = neg ? (long) (0UL - mag) : (long) mag;
	if (v < min) {
		*errstr = "too small";
		return 0;
	}
	if (v > max) {
		*errstr = "too large";
		return 0;
	}
	*errstr = NULL;
	return v;
}

/*------------------------------------------------------------------------
 *  atol  -  Convert decimal text to a long
 *------------------------------------------------------------------------
 */
long	atol(
	  const char	*s		/* text to convert		*/
	)
{
	return strtol(s, NULL, 10);
}

/*------------------------------------------------------------------------
 *  atoi  -  Convert decimal text to an int
 *------------------------------------------------------------------------
 */
int	atoi(
	  const char	*s		/* text to convert		*/
	)
{
	return (int) strtol(s, NULL, 10);
}
