/* printf.c - printf, vprintf, fprintf, vfprintf, putchar, getchar, puts, fputs, devemit */

/* The only lib file that uses the kernel's device calls putc and getc,	*/
/* so that host tests can build everything else.			*/

#include <stdarg.h>
#include <stdio.h>

/*------------------------------------------------------------------------
 *  devemit  -  Write one formatted character to the device *arg
 *------------------------------------------------------------------------
 */
static	void	devemit(
	  char		c,		/* character to write		*/
	  void		*arg		/* pointer to the device number	*/
	)
{
	putc(*(int *) arg, c);
}

/*------------------------------------------------------------------------
 *  vfprintf  -  Format to a device; return the number of characters
 *------------------------------------------------------------------------
 */
int	vfprintf(
	  int		dev,		/* device to write to		*/
	  const char	*fmt,		/* format string		*/
	  va_list	ap		/* arguments for the format	*/
	)
{
	return fmtout(devemit, &dev, fmt, ap);
}

/*------------------------------------------------------------------------
 *  fprintf  -  Format to a device; return the number of characters
 *------------------------------------------------------------------------
 */
int	fprintf(
	  int		dev,		/* device to write to		*/
	  const char	*fmt,		/* format string		*/
	  ...				/* arguments for the format	*/
	)
{
	va_list	ap;			/* the variable arguments	*/
	int	n;			/* characters written		*/

	va_start(ap, fmt);
	n = vfprintf(dev, fmt, ap);
	va_end(ap);
	return n;
}

/*------------------------------------------------------------------------
 *  vprintf  -  Format to standard output; return the number of characters
 *------------------------------------------------------------------------
 */
int	vprintf(
	  const char	*fmt,		/* format string		*/
	  va_list	ap		/* arguments for the format	*/
	)
{
	return vfprintf(stdout, fmt, ap);
}

/*------------------------------------------------------------------------
 *  printf  -  Format to standard output; return the number of characters
 *------------------------------------------------------------------------
 */
int	printf(
	  const char	*fmt,		/* format string		*/
	  ...				/* arguments for the format	*/
	)
{
	va_list	ap;			/* the variable arguments	*/
	int	n;			/* characters written		*/

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

/*------------------------------------------------------------------------
 *  putchar  -  Write a character to standard output; return it as an
 *		  unsigned char, or EOF if the device reports an error
 *------------------------------------------------------------------------
 */
int	putchar(
	  int		c		/* character to write		*/
	)
{
	if (putc(stdout, (char) c) < 0) {
		return EOF;
	}
	return (unsigned char) c;
}

/*------------------------------------------------------------------------
 *  getchar  -  Read a character from standard input; the device's
 *		  result is returned unchanged (a character, EOF or an
 *		  error code)
 *------------------------------------------------------------------------
 */
int	getchar(void)
{
	return getc(stdin);
}

/*------------------------------------------------------------------------
 *  fputs  -  Write a string to a device; return the number of characters,
 *		or EOF if the device reports an error
 *------------------------------------------------------------------------
 */
int	fputs(
	  const char	*s,		/* NUL-terminated string	*/
	  int		dev		/* device to write to		*/
	)
{
	int	n;			/* characters written		*/

	for (n = 0; s[n] != '\0'; n++) {
		if (putc(dev, s[n]) < 0) {
			return EOF;
		}
	}
	return n;
}

/*------------------------------------------------------------------------
 *  puts  -  Write a string and a newline to standard output; return the
 *	       number of characters, or EOF if the device reports an error
 *------------------------------------------------------------------------
 */
int	puts(
	  const char	*s		/* NUL-terminated string	*/
	)
{
	int	n;			/* characters of s written	*/

	n = fputs(s, stdout);
	if (n == EOF || putc(stdout, '\n') < 0) {
		return EOF;
	}
	return n + 1;
}
