/* sprintf.c - sprintf, snprintf, vsprintf, vsnprintf, bufemit */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A caller's buffer being filled by vsnprintf */
struct	bufsink {
	char	*buf;			/* start of the buffer		*/
	size_t	size;			/* its size, including the NUL	*/
	size_t	len;			/* characters produced so far	*/
};

/*------------------------------------------------------------------------
 *  bufemit  -  Store one character if it leaves room for the final NUL,
 *		  and count it either way
 *------------------------------------------------------------------------
 */
static	void	bufemit(
	  char		c,		/* character to store		*/
	  void		*arg		/* the struct bufsink		*/
	)
{
	struct	bufsink	*b = arg;

	if (b->len + 1 < b->size) {
		b->buf[b->len] = c;
	}
	b->len++;
}

/*------------------------------------------------------------------------
 *  vsnprintf  -  Format into at most size bytes of buf, NUL included;
 *		    return the length the complete output would have had
 *------------------------------------------------------------------------
 */
int	vsnprintf(
	  char		*buf,		/* destination (may be NULL if	*/
					/*   size is 0)			*/
	  size_t	size,		/* bytes available in buf	*/
	  const char	*fmt,		/* format string		*/
	  va_list	ap		/* arguments for the format	*/
	)
{
	struct	bufsink	b;		/* buffer being filled		*/
	int	n;			/* untruncated length		*/

	b.buf = buf;
	b.size = size;
	b.len = 0;
	n = fmtout(bufemit, &b, fmt, ap);
	if (size > 0) {
		buf[b.len < size ? b.len : size - 1] = '\0';
	}
	return n;
}

/*------------------------------------------------------------------------
 *  snprintf  -  Format into at most size bytes of buf, NUL included;
 *		   return the length the complete output would have had
 *------------------------------------------------------------------------
 */
int	snprintf(
	  char		*buf,		/* destination			*/
	  size_t	size,		/* bytes available in buf	*/
	  const char	*fmt,		/* format string		*/
	  ...				/* arguments for the format	*/
	)
{
	va_list	ap;			/* the variable arguments	*/
	int	n;			/* untruncated length		*/

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/*------------------------------------------------------------------------
 *  vsprintf  -  Format into buf, which the caller made large enough;
 *		   return the number of characters before the NUL
 *------------------------------------------------------------------------
 */
int	vsprintf(
	  char		*buf,		/* destination			*/
	  const char	*fmt,		/* format string		*/
	  va_list	ap		/* arguments for the format	*/
	)
{
	return vsnprintf(buf, SIZE_MAX, fmt, ap);
}

/*------------------------------------------------------------------------
 *  sprintf  -  Format into buf, which the caller made large enough;
 *		  return the number of characters before the NUL
 *------------------------------------------------------------------------
 */
int	sprintf(
	  char		*buf,		/* destination			*/
	  const char	*fmt,		/* format string		*/
	  ...				/* arguments for the format	*/
	)
{
	va_list	ap;			/* the variable arguments	*/
	int	n;			/* length written		*/

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}
