/* string.c - strlen, strnlen, strcpy, strncpy, strcat, strncat, strcmp, strncmp, strchr, strrchr, strstr, strspn, strcspn */

#include <stddef.h>
#include <string.h>

/*------------------------------------------------------------------------
 *  strlen  -  Return the number of characters before the terminating NUL
 *------------------------------------------------------------------------
 */
size_t	strlen(
	  const char	*s		/* NUL-terminated string	*/
	)
{
	const char *p = s;		/* walks to the NUL		*/

	while (*p != '\0') {
		p++;
	}
	return p - s;
}

/*------------------------------------------------------------------------
 *  strnlen  -  Return strlen(s), but look at no more than maxlen bytes
 *------------------------------------------------------------------------
 */
size_t	strnlen(
	  const char	*s,		/* string, maybe unterminated	*/
	  size_t	maxlen		/* bytes that may be examined	*/
	)
{
	size_t	n;			/* characters counted		*/

	for (n = 0; n < maxlen && s[n] != '\0'; n++) {
		;
	}
	return n;
}

/*------------------------------------------------------------------------
 *  strcpy  -  Copy src, NUL included, to dst; return dst
 *------------------------------------------------------------------------
 */
char	*strcpy(
	  char		*dst,		/* destination, large enough	*/
	  const char	*src		/* NUL-terminated source	*/
	)
{
	char	*d = dst;		/* next byte to store		*/

	while ((*d++ = *src++) != '\0') {
		;
	}
	return dst;
}

/*------------------------------------------------------------------------
 *  strncpy  -  Copy at most n characters of src to dst and fill the rest
 *		  of the n bytes with NULs (so dst is unterminated when
 *		  src has n or more characters); return dst
 *------------------------------------------------------------------------
 */
char	*strncpy(
	  char		*dst,		/* destination of n bytes	*/
	  const char	*src,		/* source string		*/
	  size_t	n		/* bytes to store in dst	*/
	)
{
	size_t	len = strnlen(src, n);	/* characters to copy		*/

	memcpy(dst, src, len);
	memset(dst + len, '\0', n - len);
	return dst;
}

/*------------------------------------------------------------------------
 *  strcat  -  Append src to the string in dst; return dst
 *------------------------------------------------------------------------
 */
char	*strcat(
	  char		*dst,		/* string with room to grow	*/
	  const char	*src		/* string to append		*/
	)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

/*------------------------------------------------------------------------
 *  strncat  -  Append at most n characters of src and a NUL to the
 *		  string in dst; return dst
 *------------------------------------------------------------------------
 */
char	*strncat(
	  char		*dst,		/* string with room to grow	*/
	  const char	*src,		/* string to append		*/
	  size_t	n		/* most characters to append	*/
	)
{
	char	*end = dst + strlen(dst); /* current NUL of dst		*/
	size_t	len = strnlen(src, n);	/* characters to append		*/

	memcpy(end, src, len);
	end[len] = '\0';
	return dst;
}

/*------------------------------------------------------------------------
 *  strcmp  -  Compare two strings as unsigned chars; return <0, 0 or >0
 *------------------------------------------------------------------------
 */
int	strcmp(
	  const char	*s1,		/* first string			*/
	  const char	*s2		/* second string		*/
	)
{
	while (*s1 != '\0' && *s1 == *s2) {
		s1++;
		s2++;
	}
	return (unsigned char) *s1 - (unsigned char) *s2;
}

/*------------------------------------------------------------------------
 *  strncmp  -  Compare at most n characters of two strings as unsigned
 *		  chars; return <0, 0 or >0
 *------------------------------------------------------------------------
 */
int	strncmp(
	  const char	*s1,		/* first string			*/
	  const char	*s2,		/* second string		*/
	  size_t	n		/* most characters to compare	*/
	)
{
	for (; n > 0; n--, s1++, s2++) {
		if (*s1 != *s2 || *s1 == '\0') {
			return (unsigned char) *s1 - (unsigned char) *s2;
		}
	}
	return 0;
}

/*------------------------------------------------------------------------
 *  strchr  -  Return the first occurrence of (char) c in s, which may be
 *		 the terminating NUL, or NULL if there is none
 *------------------------------------------------------------------------
 */
char	*strchr(
	  const char	*s,		/* string to search		*/
	  int		c		/* character to find		*/
	)
{
	for (;; s++) {
		if (*s == (char) c) {
			return (char *) s;
		}
		if (*s == '\0') {
			return NULL;
		}
	}
}

/*------------------------------------------------------------------------
 *  strrchr  -  Return the last occurrence of (char) c in s, which may be
 *		  the terminating NUL, or NULL if there is none
 *------------------------------------------------------------------------
 */
char	*strrchr(
	  const char	*s,		/* string to search		*/
	  int		c		/* character to find		*/
	)
{
	const char *last = NULL;	/* latest occurrence so far	*/

	do {
		if (*s == (char) c) {
			last = s;
		}
	} while (*s++ != '\0');
	return (char *) last;
}

/*------------------------------------------------------------------------
 *  strstr  -  Return the first occurrence of needle in haystack (the
 *		 haystack itself for an empty needle), or NULL
 *------------------------------------------------------------------------
 */
char	*strstr(
	  const char	*haystack,	/* string to search		*/
	  const char	*needle		/* string to find		*/
	)
{
	size_t	len = strlen(needle);	/* characters to match		*/

	if (len == 0) {
		return (char *) haystack;
	}
	/* strncmp stops at the haystack's NUL, so no overrun */
	for (; *haystack != '\0'; haystack++) {
		if (strncmp(haystack, needle, len) == 0) {
			return (char *) haystack;
		}
	}
	return NULL;
}

/*------------------------------------------------------------------------
 *  strspn  -  Return the length of the prefix of s made only of
 *		 characters in accept
 *------------------------------------------------------------------------
 */
size_t	strspn(
	  const char	*s,		/* string to scan		*/
	  const char	*accept		/* characters allowed		*/
	)
{
	size_t	n;			/* prefix length		*/

	/* Test s[n] first: strchr would find the NUL of accept */
	for (n = 0; s[n] != '\0' && strchr(accept, s[n]) != NULL; n++) {
		;
	}
	return n;
}

/*------------------------------------------------------------------------
 *  strcspn  -  Return the length of the prefix of s made only of
 *		  characters not in reject
 *------------------------------------------------------------------------
 */
size_t	strcspn(
	  const char	*s,		/* string to scan		*/
	  const char	*reject		/* characters that stop it	*/
	)
{
	size_t	n;			/* prefix length		*/

	for (n = 0; s[n] != '\0' && strchr(reject, s[n]) == NULL; n++) {
		;
	}
	return n;
}
