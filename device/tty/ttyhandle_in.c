/* ttyhandle_in.c - ttyhandle_in, iscontrol, echostr, echoch, erasech, dropch */

#include <xinu.h>

/*
 * Input processing of one received character (interrupts disabled).
 *
 * Raw mode: the character is stored and readable at once; nothing is
 * echoed or interpreted.
 *
 * Cooked mode: CR becomes NL; ^S/^Q hold and release output; backspace
 * and DEL erase the last character of the line being typed, ^U the
 * whole line (both visibly, with "\b \b"); NL ends the line and ^D ends
 * it without a newline, and only then is the line readable (ttyread
 * returns EOF for a ^D at the start of a line).  Other characters are
 * stored and echoed, control characters as ^X (erased as two columns;
 * a tab is erased as one).  Echo goes into the output ring, behind what
 * processes wrote before it.
 *
 * Overflow: a character that does not fit is dropped and counted in
 * tyidrops, and in cooked mode with echo on the bell is echoed.  The
 * last slot of the ring is kept for the character that ends a line, so
 * a typist can always finish the line that filled the ring; what was
 * stored before is never touched.
 */

/*------------------------------------------------------------------------
 *  iscontrol  -  Is 'ch' echoed as ^X?
 *------------------------------------------------------------------------
 */
local	bool8	iscontrol(char ch)
{
	return (byte)ch < ' ' && ch != '\t' && ch != '\n';
}

/*------------------------------------------------------------------------
 *  echostr  -  Queue 'n' characters of echo, if echo is on and the
 *		output ring has that many free slots (all or nothing; the
 *		echo never waits and never takes a slot a writer waits for)
 *------------------------------------------------------------------------
 */
local	void	echostr(struct ttycblk *typtr, const char *s, int32 n)
{
	if (!typtr->tyiecho || semcount(typtr->tyosem) < n) {
		return;
	}
	while (n-- > 0) {
		wait(typtr->tyosem);		/* a free slot: no wait	*/
		tyrput(&typtr->tyout, *s++);
	}
	ttykickout(typtr);
}

/*------------------------------------------------------------------------
 *  echoch  -  Echo one input character: NL as CR NL, a control
 *	       character as ^X
 *------------------------------------------------------------------------
 */
local	void	echoch(struct ttycblk *typtr, char ch)
{
	char	vis[2];

	if (ch == '\n') {
		echostr(typtr, "\r\n", 2);
	} else if (iscontrol(ch)) {
		vis[0] = '^';
		vis[1] = ch + '@';
		echostr(typtr, vis, 2);
	} else {
		echostr(typtr, &ch, 1);
	}
}

/*------------------------------------------------------------------------
 *  erasech  -  Erase the last character of the line being typed, on the
 *		screen too (two columns for a ^X)
 *------------------------------------------------------------------------
 */
local	void	erasech(struct ttycblk *typtr)
{
	typtr->tyicursor--;
	if (iscontrol(tyrunput(&typtr->tyin))) {
		echostr(typtr, "\b \b\b \b", 6);
	} else {
		echostr(typtr, "\b \b", 3);
	}
}

/*------------------------------------------------------------------------
 *  dropch  -  Count an input character that did not fit; ring the bell
 *------------------------------------------------------------------------
 */
local	void	dropch(struct ttycblk *typtr)
{
	char	bell = TY_BELL;

	typtr->tyidrops++;
	if (typtr->tyimode == TY_IMCOOKED) {
		echostr(typtr, &bell, 1);
	}
}

/*------------------------------------------------------------------------
 *  ttyhandle_in  -  Process one character received on a tty line
 *		     (interrupts disabled; the handler and tests call it)
 *------------------------------------------------------------------------
 */
void	ttyhandle_in(struct ttycblk *typtr, char ch)
{
	struct	tyring	*ir = &typtr->tyin;

	if (typtr->tyimode == TY_IMRAW) {
		if (tyrput(ir, ch)) {
			signal(typtr->tyisem);
		} else {
			dropch(typtr);
		}
		return;
	}
	if (ch == '\r') {
		ch = '\n';
	}
	switch ((byte)ch) {
	case TY_STOPCH:
		typtr->tyoheld = TRUE;
		return;
	case TY_STRTCH:
		typtr->tyoheld = FALSE;
		ttykickout(typtr);
		return;
	case TY_BACKSP:
	case TY_DEL:
		if (typtr->tyicursor > 0) {
			erasech(typtr);
		}
		return;
	case TY_KILLCH:
		while (typtr->tyicursor > 0) {
			erasech(typtr);
		}
		return;
	case '\n':
	case TY_EOFCH:
		if (!tyrput(ir, ch)) {
			dropch(typtr);
			return;
		}
		if (ch == '\n') {
			echoch(typtr, ch);
		}
		signaln(typtr->tyisem, typtr->tyicursor + 1);
		typtr->tyicursor = 0;
		return;
	default:
		if (ir->rcount + 1 >= ir->rsize) {	/* keep the last slot */
			dropch(typtr);
			return;
		}
		tyrput(ir, ch);
		typtr->tyicursor++;
		echoch(typtr, ch);
	}
}
