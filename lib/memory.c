/* memory.c - memcpy, memmove, memset, memcmp, memchr */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*------------------------------------------------------------------------
 *  memcpy  -  Copy n bytes between non-overlapping areas; return dst
 *------------------------------------------------------------------------
 */
void	*memcpy(
	  void		*dst,		/* destination			*/
	  const void	*src,		/* source, not overlapping dst	*/
	  size_t	n		/* bytes to copy		*/
	)
{
	unsigned char	*d = dst;	/* next byte to store		*/
	const unsigned char *s = src;	/* next byte to load		*/

	while (n-- > 0) {
		*d++ = *s++;
	}
	return dst;
}

/*------------------------------------------------------------------------
 *  memmove  -  Copy n bytes between areas that may overlap; return dst
 *------------------------------------------------------------------------
 */
void	*memmove(
	  void		*dst,		/* destination			*/
	  const void	*src,		/* source			*/
	  size_t	n		/* bytes to copy		*/
	)
{
	unsigned char	*d = dst;	/* destination bytes		*/
	const unsigned char *s = src;	/* source bytes			*/

	/* Copy in the direction that reads each source byte before	*/
	/* the copy can overwrite it					*/
	if ((uintptr_t) d <= (uintptr_t) s) {
		while (n-- > 0) {
			*d++ = *s++;
		}
	} else {
		while (n-- > 0) {
			d[n] = s[n];
		}
	}
	return dst;
}

/*------------------------------------------------------------------------
 *  memset  -  Fill n bytes with (unsigned char) c; return s
 *------------------------------------------------------------------------
 */
void	*memset(
	  void		*s,		/* area to fill			*/
	  int		c,		/* fill value			*/
	  size_t	n		/* bytes to fill		*/
	)
{
	unsigned char	*p = s;		/* next byte to store		*/

	while (n-- > 0) {
		*p++ = (unsigned char) c;
	}
	return s;
}

/*------------------------------------------------------------------------
 *  memcmp  -  Compare n bytes as unsigned chars; return <0, 0 or >0
 *------------------------------------------------------------------------
 */
int	memcmp(
	  const void	*s1,		/* first area			*/
	  const void	*s2,		/* second area			*/
	  size_t	n		/* bytes to compare		*/
	)
{
	const unsigned char *p1 = s1;	/* bytes of the first area	*/
	const unsigned char *p2 = s2;	/* bytes of the second area	*/
	size_t	i;			/* index of the byte compared	*/

	for (i = 0; i < n; i++) {
		if (p1[i] != p2[i]) {
			return p1[i] - p2[i];
		}
	}
	return 0;
}

/*------------------------------------------------------------------------
 *  memchr  -  Return the first of n bytes equal to (unsigned char) c,
 *		 or NULL if there is none
 *------------------------------------------------------------------------
 */
void	*memchr(
	  const void	*s,		/* area to search		*/
	  int		c,		/* byte value to find		*/
	  size_t	n		/* bytes to search		*/
	)
{
	const unsigned char *p = s;	/* byte being examined		*/

	for (; n > 0; n--, p++) {
		if (*p == (unsigned char) c) {
			return (void *) p;
		}
	}
	return NULL;
}
