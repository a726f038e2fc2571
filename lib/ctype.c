/* ctype.c - isupper, islower, isalpha, isdigit, isalnum, isxdigit, isspace, isprint, ispunct, iscntrl, toupper, tolower */

#include <ctype.h>

/* The classes are those of 7-bit ASCII in the "C" locale: EOF and	*/
/* values 128..255 belong to none of them.				*/

/*------------------------------------------------------------------------
 *  isupper  -  Is c an upper-case letter A-Z?
 *------------------------------------------------------------------------
 */
int	isupper(
	  int		c		/* character or EOF		*/
	)
{
	return c >= 'A' && c <= 'Z';
}

/*------------------------------------------------------------------------
 *  islower  -  Is c a lower-case letter a-z?
 *------------------------------------------------------------------------
 */
int	islower(
	  int		c		/* character or EOF		*/
	)
{
	return c >= 'a' && c <= 'z';
}

/*------------------------------------------------------------------------
 *  isalpha  -  Is c a letter?
 *------------------------------------------------------------------------
 */
int	isalpha(
	  int		c		/* character or EOF		*/
	)
{
	return isupper(c) || islower(c);
}

/*------------------------------------------------------------------------
 *  isdigit  -  Is c a decimal digit?
 *------------------------------------------------------------------------
 */
int	isdigit(
	  int		c		/* character or EOF		*/
	)
{
	return c >= '0' && c <= '9';
}

/*------------------------------------------------------------------------
 *  isalnum  -  Is c a letter or a decimal digit?
 *------------------------------------------------------------------------
 */
int	isalnum(
	  int		c		/* character or EOF		*/
	)
{
	return isalpha(c) || isdigit(c);
}

/*------------------------------------------------------------------------
 *  isxdigit  -  Is c a hexadecimal digit (either case)?
 *------------------------------------------------------------------------
 */
int	isxdigit(
	  int		c		/* character or EOF		*/
	)
{
	return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*------------------------------------------------------------------------
 *  isspace  -  Is c white space: space, \t, \n, \v, \f or \r?
 *------------------------------------------------------------------------
 */
int	isspace(
	  int		c		/* character or EOF		*/
	)
{
	/* \t \n \v \f \r are the consecutive codes 9 to 13 */
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*------------------------------------------------------------------------
 *  isprint  -  Is c printable, space included?
 *------------------------------------------------------------------------
 */
int	isprint(
	  int		c		/* character or EOF		*/
	)
{
	return c >= ' ' && c <= '~';
}

/*------------------------------------------------------------------------
 *  ispunct  -  Is c printable but neither a space nor alphanumeric?
 *------------------------------------------------------------------------
 */
int	ispunct(
	  int		c		/* character or EOF		*/
	)
{
	return isprint(c) && c != ' ' && !isalnum(c);
}

/*------------------------------------------------------------------------
 *  iscntrl  -  Is c a control character (0-31 or DEL)?
 *------------------------------------------------------------------------
 */
int	iscntrl(
	  int		c		/* character or EOF		*/
	)
{
	return (c >= 0 && c < ' ') || c == 0x7f;
}

/*------------------------------------------------------------------------
 *  toupper  -  Return the upper-case form of a lower-case letter, and
 *		  any other c unchanged
 *------------------------------------------------------------------------
 */
int	toupper(
	  int		c		/* character or EOF		*/
	)
{
	return islower(c) ? c - 'a' + 'A' : c;
}

/*------------------------------------------------------------------------
 *  tolower  -  Return the lower-case form of an upper-case letter, and
 *		  any other c unchanged
 *------------------------------------------------------------------------
 */
int	tolower(
	  int		c		/* character or EOF		*/
	)
{
	return isupper(c) ? c - 'A' + 'a' : c;
}
