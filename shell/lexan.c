/* lexan.c - lexan */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  lexan  -  Split a command line into words.  Words are separated by
 *	      blanks; '...' and "..." quote blanks and '&' (the quotes
 *	      are removed, and quoted and plain parts of one word join:
 *	      a"b c" is the word "ab c").  An unquoted '&' asks for the
 *	      command to run in the background and must come last.  The
 *	      words go to 'tokbuf' (SHELL_BUFLEN + SHELL_MAXTOK bytes) and
 *	      tok[] points at them.  Returns the number of words, or
 *	      SYSERR with *why saying what is wrong.
 *------------------------------------------------------------------------
 */
int32	lexan(
	  char		*line,		/* the line, NUL-terminated	*/
	  char		*tokbuf,	/* where the words go		*/
	  char		*tok[],		/* SHELL_MAXTOK word pointers	*/
	  bool8		*background,	/* set when the line ends in &	*/
	  const char	**why		/* the error, on SYSERR		*/
	)
{
	char	*p = line, *out = tokbuf;
	int32	ntok = 0;
	char	quote;

	*background = FALSE;
	for (;;) {
		while (isspace((byte)*p)) {
			p++;
		}
		if (*p == NULLCH) {
			break;
		}
		if (*background) {
			*why = "& must come last";
			return SYSERR;
		}
		if (*p == '&') {
			*background = TRUE;
			p++;
			continue;
		}
		if (ntok >= SHELL_MAXTOK) {
			*why = "too many words";
			return SYSERR;
		}
		tok[ntok++] = out;
		while (*p != NULLCH && !isspace((byte)*p) && *p != '&') {
			if (*p != '"' && *p != '\'') {
				*out++ = *p++;
				continue;
			}
			quote = *p++;
			while (*p != quote) {
				if (*p == NULLCH) {
					*why = "unmatched quote";
					return SYSERR;
				}
				*out++ = *p++;
			}
			p++;
		}
		*out++ = NULLCH;
	}
	if (*background && ntok == 0) {
		*why = "& without a command";
		return SYSERR;
	}
	return ntok;
}
