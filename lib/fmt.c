/* fmt.c - strok, fmtout, fmtparse, fmtdec, fmtint, fmtoct, fmtsarg, fmtuarg, fmtnum, fmtbad, fmtstr, fmtpad, fmtput */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ctype.h>

/* Where formatted characters go, and how many have gone there */
struct	fmtsink {
	void	(*emit)(char, void *);	/* caller's output function	*/
	void	*arg;			/* passed back to emit		*/
	int	count;			/* characters emitted so far	*/
};

/* One parsed conversion specification, such as "%-08.3lx" */
struct	fmtspec {
	int	left;		/* '-': pad on the right, not the left	*/
	int	zero;		/* '0': pad numbers with leading zeros	*/
	int	alt;		/* '#': 0x before hex, a leading 0 in	*/
				/*   octal				*/
	const char *sign;	/* "+", " " or "": shown before a	*/
				/*   non-negative signed number		*/
	int	width;		/* minimum field width			*/
	int	prec;		/* precision, or -1 when none is given	*/
	int	size;		/* -2 hh, -1 h, 0 none, 1 l, 2 ll	*/
};

/*
 * A %s pointer is read only when the kernel says it can be (a bad one
 * prints "(bad address 0x...)" instead of faulting).  lib sits below
 * everything, so it does not ask the page tables itself: the kernel
 * puts its check in strokfn when it turns paging on (paging/pginit.c
 * sets it to pgstrok, paging/bufok.c).  Until then every address is
 * physical and can be read, which is what a NULL strokfn says.
 */
int	(*strokfn)(const char *s, unsigned int max);

/*------------------------------------------------------------------------
 *  strok  -  Nonzero when the string at 's' can be read up to its NUL,
 *	      or up to 'max' bytes when it has none before
 *------------------------------------------------------------------------
 */
int	strok(
	  const char	*s,		/* the caller's string		*/
	  unsigned int	max		/* bytes that matter at most	*/
	)
{
	return strokfn == NULL || strokfn(s, max);
}

/*------------------------------------------------------------------------
 *  fmtput  -  Emit one character and count it
 *------------------------------------------------------------------------
 */
static	void	fmtput(
	  struct fmtsink *out,		/* where the character goes	*/
	  char		c		/* character to emit		*/
	)
{
	out->emit(c, out->arg);
	out->count++;
}

/*------------------------------------------------------------------------
 *  fmtpad  -  Emit n copies of a padding character (none if n <= 0)
 *------------------------------------------------------------------------
 */
static	void	fmtpad(
	  struct fmtsink *out,		/* where the padding goes	*/
	  char		c,		/* padding character		*/
	  int		n		/* how many to emit		*/
	)
{
	for (; n > 0; n--) {
		fmtput(out, c);
	}
}

/*------------------------------------------------------------------------
 *  fmtstr  -  Emit n characters of s, space-padded to the field width
 *------------------------------------------------------------------------
 */
static	void	fmtstr(
	  struct fmtsink *out,		/* where the text goes		*/
	  const struct fmtspec *sp,	/* width and '-' flag		*/
	  const char	*s,		/* text, not necessarily NUL-	*/
					/*   terminated			*/
	  int		n		/* number of characters of s	*/
	)
{
	int	i;			/* index into s			*/

	if (!sp->left) {
		fmtpad(out, ' ', sp->width - n);
	}
	for (i = 0; i < n; i++) {
		fmtput(out, s[i]);
	}
	if (sp->left) {
		fmtpad(out, ' ', sp->width - n);
	}
}

/*------------------------------------------------------------------------
 *  fmtnum  -  Emit a number's magnitude in a base, with a prefix (sign
 *		 or "0x"), zeros for the precision or '0' flag, and padding
 *------------------------------------------------------------------------
 */
static	void	fmtnum(
	  struct fmtsink *out,		/* where the number goes	*/
	  const struct fmtspec *sp,	/* flags, width and precision	*/
	  unsigned long long mag,	/* magnitude to print		*/
	  const char	*prefix,	/* "-", "+", " ", "0x" or ""	*/
	  unsigned int	base,		/* 8, 10 or 16			*/
	  int		upper		/* nonzero for digits A-F	*/
	)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char	buf[22];		/* digits, least significant	*/
					/*   first: 64 bits in octal	*/
	int	ndig;			/* number of digits in buf	*/
	int	npre;			/* length of the prefix		*/
	int	nzero;			/* leading zeros to add		*/
	int	npad;			/* spaces to fill the field	*/

	/* C prints no digits at all for 0 with a precision of 0 */
	ndig = 0;
	while (mag != 0 || (ndig == 0 && sp->prec != 0)) {
		buf[ndig++] = digits[mag % base];
		mag /= base;
	}

	npre = strlen(prefix);
	nzero = sp->prec > ndig ? sp->prec - ndig : 0;

	/* The '0' flag fills the field, but a precision overrides it */
	if (sp->zero && sp->prec < 0 && sp->width > npre + ndig) {
		nzero = sp->width - npre - ndig;
	}

	npad = sp->width - npre - nzero - ndig;

	if (!sp->left) {
		fmtpad(out, ' ', npad);
	}
	while (*prefix != '\0') {
		fmtput(out, *prefix++);
	}
	fmtpad(out, '0', nzero);
	while (ndig > 0) {
		fmtput(out, buf[--ndig]);
	}
	if (sp->left) {
		fmtpad(out, ' ', npad);
	}
}

/*------------------------------------------------------------------------
 *  fmtbad  -  Emit "(bad address 0x...)" for a %s pointer the kernel
 *		 says cannot be read (strok); width and precision are
 *		 the string's, so they are not applied to this text
 *------------------------------------------------------------------------
 */
static	void	fmtbad(
	  struct fmtsink *out,		/* where the text goes		*/
	  const char	*s		/* the unreadable pointer	*/
	)
{
	static	const char pre[] = "(bad address ";
	struct	fmtspec plain = { 0, 0, 0, "", 0, -1, 0 };

	fmtstr(out, &plain, pre, sizeof(pre) - 1);
	fmtnum(out, &plain, (uintptr_t)s, "0x", 16, 0);
	fmtput(out, ')');
}

/*------------------------------------------------------------------------
 *  fmtsarg  -  Fetch a signed integer argument of the given size
 *------------------------------------------------------------------------
 */
static	long long fmtsarg(
	  int		size,		/* size field of a fmtspec	*/
	  va_list	*ap		/* argument list		*/
	)
{
	switch (size) {
	case 2:
		return va_arg(*ap, long long);
	case 1:
		return va_arg(*ap, long);
	case -1:
		/* Arguments narrower than int arrive promoted to int */
		return (short) va_arg(*ap, int);
	case -2:
		return (signed char) va_arg(*ap, int);
	default:
		return va_arg(*ap, int);
	}
}

/*------------------------------------------------------------------------
 *  fmtuarg  -  Fetch an unsigned integer argument of the given size
 *------------------------------------------------------------------------
 */
static	unsigned long long fmtuarg(
	  int		size,		/* size field of a fmtspec	*/
	  va_list	*ap		/* argument list		*/
	)
{
	switch (size) {
	case 2:
		return va_arg(*ap, unsigned long long);
	case 1:
		return va_arg(*ap, unsigned long);
	case -1:
		return (unsigned short) va_arg(*ap, unsigned int);
	case -2:
		return (unsigned char) va_arg(*ap, unsigned int);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/*------------------------------------------------------------------------
 *  fmtoct  -  Emit a number in octal; with '#' its first digit is a 0
 *		 (C: the precision grows just enough, or without a
 *		 precision a "0" prefix, which the '0' flag can pad after)
 *------------------------------------------------------------------------
 */
static	void	fmtoct(
	  struct fmtsink *out,		/* where the number goes	*/
	  const struct fmtspec *sp,	/* parsed specification		*/
	  unsigned long long mag	/* value to print		*/
	)
{
	struct	fmtspec	alt = *sp;	/* sp with the precision grown	*/
	unsigned long long m;
	int	ndig = 0;

	if (!sp->alt || (sp->prec < 0 && mag == 0)) {
		fmtnum(out, sp, mag, "", 8, 0);
		return;
	}
	if (sp->prec < 0) {
		fmtnum(out, sp, mag, "0", 8, 0);
		return;
	}
	for (m = mag; m != 0; m /= 8) {
		ndig++;
	}
	if (alt.prec < ndig + 1) {
		alt.prec = ndig + 1;
	}
	fmtnum(out, &alt, mag, "", 8, 0);
}

/*------------------------------------------------------------------------
 *  fmtint  -  Fetch and emit the argument of %d %i %u %x %X or %o
 *------------------------------------------------------------------------
 */
static	void	fmtint(
	  struct fmtsink *out,		/* where the number goes	*/
	  const struct fmtspec *sp,	/* parsed specification		*/
	  char		conv,		/* conversion character		*/
	  va_list	*ap		/* argument list		*/
	)
{
	long long val;			/* signed argument		*/
	unsigned long long mag;		/* unsigned argument		*/

	switch (conv) {
	case 'd':
	case 'i':
		val = fmtsarg(sp->size, ap);
		if (val < 0) {
			/* Negate unsigned so that LLONG_MIN works too */
			fmtnum(out, sp, 0ULL - (unsigned long long) val,
					"-", 10, 0);
		} else {
			fmtnum(out, sp, val, sp->sign, 10, 0);
		}
		return;
	case 'u':
		fmtnum(out, sp, fmtuarg(sp->size, ap), "", 10, 0);
		return;
	case 'o':
		fmtoct(out, sp, fmtuarg(sp->size, ap));
		return;
	default:			/* 'x' or 'X'			*/
		mag = fmtuarg(sp->size, ap);
		fmtnum(out, sp, mag, !sp->alt || mag == 0 ? "" :
				conv == 'X' ? "0X" : "0x", 16, conv == 'X');
		return;
	}
}

/*------------------------------------------------------------------------
 *  fmtdec  -  Parse a run of decimal digits; return what follows them
 *------------------------------------------------------------------------
 */
static	const char *fmtdec(
	  const char	*f,		/* first character to look at	*/
	  int		*val		/* where to store the value	*/
	)
{
	*val = 0;
	while (isdigit((unsigned char) *f)) {
		*val = *val * 10 + (*f++ - '0');
	}
	return f;
}

/*------------------------------------------------------------------------
 *  fmtparse  -  Parse flags, width, precision and length modifier after
 *		   a '%'; return a pointer to the conversion character
 *------------------------------------------------------------------------
 */
static	const char *fmtparse(
	  const char	*f,		/* character after the '%'	*/
	  struct fmtspec *sp,		/* where to store the result	*/
	  va_list	*ap		/* arguments, for '*'		*/
	)
{
	sp->left = 0;
	sp->zero = 0;
	sp->alt = 0;
	sp->sign = "";
	sp->prec = -1;
	sp->size = 0;

	for (;; f++) {
		switch (*f) {
		case '-':
			sp->left = 1;
			continue;
		case '0':
			sp->zero = 1;
			continue;
		case '#':
			sp->alt = 1;
			continue;
		case '+':
			sp->sign = "+";
			continue;
		case ' ':
			/* '+' wins over ' ' whichever comes first */
			if (*sp->sign == '\0') {
				sp->sign = " ";
			}
			continue;
		}
		break;
	}

	if (*f == '*') {
		/* A negative width argument means '-' and its magnitude */
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = 1;
			sp->width = -sp->width;
		}
		f++;
	} else {
		f = fmtdec(f, &sp->width);
	}

	if (*f == '.') {
		f++;
		if (*f == '*') {
			/* A negative precision argument means none */
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0) {
				sp->prec = -1;
			}
			f++;
		} else {
			f = fmtdec(f, &sp->prec);
		}
	}

	if (f[0] == 'h' && f[1] == 'h') {
		sp->size = -2;
		f += 2;
	} else if (f[0] == 'h') {
		sp->size = -1;
		f++;
	} else if (f[0] == 'l' && f[1] == 'l') {
		sp->size = 2;
		f += 2;
	} else if (f[0] == 'l' || f[0] == 'z' || f[0] == 't') {
		sp->size = 1;		/* size_t, ptrdiff_t: long-sized */
		f++;
	} else if (f[0] == 'j') {
		sp->size = 2;		/* intmax_t			*/
		f++;
	}

	/* Zeros cannot pad on the right, so '-' cancels '0' */
	if (sp->left) {
		sp->zero = 0;
	}
	return f;
}

/*------------------------------------------------------------------------
 *  fmtout  -  Format a printf-style argument list, passing each output
 *		 character to emit; return the number of characters
 *------------------------------------------------------------------------
 */
int	fmtout(
	  void		(*emit)(char c, void *arg), /* output function	*/
	  void		*arg,		/* passed back to emit		*/
	  const char	*fmt,		/* format string		*/
	  va_list	ap		/* arguments for the format	*/
	)
{
	struct	fmtsink	out;		/* emit, arg and the count	*/
	struct	fmtspec	spec;		/* current specification	*/
	const char *start;		/* the '%' that begins it	*/
	const char *s;			/* argument of %s		*/
	char	c;			/* argument of %c		*/
	va_list	args;			/* copy the helpers can share	*/

	out.emit = emit;
	out.arg = arg;
	out.count = 0;

	/* Helpers take the list by address; only a local copy may be	*/
	/* passed that way portably (va_list can be an array type)	*/
	va_copy(args, ap);

	while (*fmt != '\0') {
		if (*fmt != '%') {
			fmtput(&out, *fmt++);
			continue;
		}
		start = fmt;
		fmt = fmtparse(fmt + 1, &spec, &args);

		switch (*fmt) {
		case 'd':
		case 'i':
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			fmtint(&out, &spec, *fmt, &args);
			break;
		case 'p':
			/* Always a full 32-bit address: 0x and 8 digits */
			spec.prec = 8;
			fmtnum(&out, &spec, (uintptr_t) va_arg(args, void *),
					"0x", 16, 0);
			break;
		case 'c':
			c = (char) va_arg(args, int);
			fmtstr(&out, &spec, &c, 1);
			break;
		case 's':
			s = va_arg(args, const char *);
			if (s == NULL) {
				s = "(null)";
			} else if (!strok(s, spec.prec < 0 ? ~0U
					  : (unsigned int)spec.prec)) {
				fmtbad(&out, s);
				break;
			}
			/* With a precision, s need not be NUL-terminated */
			fmtstr(&out, &spec, s, spec.prec < 0 ? strlen(s)
					: strnlen(s, spec.prec));
			break;
		case '%':
			fmtput(&out, '%');
			break;
		default:
			/* Unknown: print it as written, but not the	*/
			/* NUL that ends a format such as "50%"	*/
			if (*fmt == '\0') {
				fmt--;
			}
			while (start <= fmt) {
				fmtput(&out, *start++);
			}
			break;
		}
		fmt++;
	}

	va_end(args);
	return out.count;
}
