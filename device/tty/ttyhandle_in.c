/* ttyhandle_in.c - ttyhandle_in, iscontrol, echostr, echoch, erasech, dropch,
 *		   dropline, discardch, endline, ttyintr */

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
 * ^C (cooked mode) interrupts: the line being typed is dropped and a
 * newline echoed.  Then the process named with TC_INTR (the shell) is
 * sent TY_INTRMSG, except at its prompt (TC_PROMPT, until the next line
 * ends): there, as when no process is named, an empty line ends, so
 * the reader sees a blank line (the shell prints a new prompt).  ^C is
 * never stored as a character.
 *
 * Overflow: the ring (TY_IBUFLEN) holds a pasted script's worth of
 * typeahead.  In raw mode a character that does not fit is dropped.  In
 * cooked mode lines are dropped whole, never in part: when a character
 * does not fit, the line being typed is taken back out of the ring and
 * the rest of it, up to its end, is dropped as it comes; the lines
 * before it and after it are intact.  Dropped characters are counted in
 * tyidrops, and in cooked mode with echo on the bell is echoed.  The
 * last slot of the ring is kept for the character that ends a line.
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
 *  dropline  -  A character of the line being typed does not fit: take
 *		 the line back out and drop the rest of it as it comes
 *------------------------------------------------------------------------
 */
local	void	dropline(struct ttycblk *typtr)
{
	typtr->tyidrops += typtr->tyicursor;
	while (typtr->tyicursor > 0) {
		tyrunput(&typtr->tyin);
		typtr->tyicursor--;
	}
	typtr->tyidiscard = TRUE;
	dropch(typtr);
}

/*------------------------------------------------------------------------
 *  discardch  -  Character 'ch' comes while the rest of a line that did
 *		  not fit is dropped: TRUE when it is dropped (or ends
 *		  that line), FALSE when it is a ^C, processed as usual
 *------------------------------------------------------------------------
 */
local	bool8	discardch(struct ttycblk *typtr, char ch)
{
	if (ch != '\n' && ch != TY_EOFCH && ch != TY_INTRCH) {
		typtr->tyidrops++;
		return TRUE;
	}
	typtr->tyidiscard = FALSE;
	if (ch != TY_INTRCH) {
		typtr->tyidrops++;
		echoch(typtr, '\n');
		return TRUE;
	}
	return FALSE;
}

/*------------------------------------------------------------------------
 *  endline  -  End the line being typed with 'ch' (NL, echoed, or ^D)
 *		and make it readable, or drop 'ch' when it does not fit
 *------------------------------------------------------------------------
 */
local	void	endline(struct ttycblk *typtr, char ch)
{
	if (!tyrput(&typtr->tyin, ch)) {
		dropch(typtr);
		return;
	}
	if (ch == '\n') {
		echoch(typtr, ch);
	}
	signaln(typtr->tyisem, typtr->tyicursor + 1);
	typtr->tyicursor = 0;
	typtr->tyiprompt = FALSE;	/* a line to act on	*/
}

/*------------------------------------------------------------------------
 *  ttyintr  -  ^C: drop the line being typed; tell the TC_INTR process,
 *		or at its prompt (or with none) end an empty line
 *------------------------------------------------------------------------
 */
local	void	ttyintr(struct ttycblk *typtr)
{
	while (typtr->tyicursor > 0) {
		tyrunput(&typtr->tyin);
		typtr->tyicursor--;
	}
	if (typtr->tyintrpid != 0 && !typtr->tyiprompt) {
		echoch(typtr, '\n');
		if (send(typtr->tyintrpid, TY_INTRMSG) == SYSERR) {
			dropch(typtr);	/* gone or busy: ^C again	*/
		}
		return;
	}
	ttyhandle_in(typtr, '\n');	/* an empty line, echoed	*/
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
	if (typtr->tyidiscard && discardch(typtr, ch)) {
		return;
	}
	switch ((byte)ch) {
	case TY_INTRCH:
		ttyintr(typtr);
		return;
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
		endline(typtr, ch);
		return;
	default:
		if (ir->rcount + 1 >= ir->rsize) {	/* keep the last slot */
			dropline(typtr);
			return;
		}
		tyrput(ir, ch);
		typtr->tyicursor++;
		echoch(typtr, ch);
	}
}
