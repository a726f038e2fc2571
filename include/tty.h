/* tty.h - the tty driver: line control block, modes, control functions */

/*
 * A tty line has two rings (see device/tty/):
 *   input   characters received; the first (count - tyicursor) of them
 *	     are "committed" (readable), the rest are the line being typed
 *	     in cooked mode.  tyisem counts committed characters.
 *   output  characters written by processes and echoed by the receive
 *	     interrupt, in the order they are sent; the transmit interrupt
 *	     drains it.  tyosem counts free slots: a writer blocks while
 *	     the ring is full; echo, which cannot block, takes a slot only
 *	     when one is free and is otherwise dropped (only the display
 *	     suffers).  One ring keeps echo after the output queued before
 *	     it (a prompt, then what is typed after it).
 * Both are touched only with interrupts disabled.
 */

#ifndef _TTY_H_
#define _TTY_H_

#define	TY_IBUFLEN	4096	/* input ring size: a pasted script	*/
#define	TY_OBUFLEN	1024	/* output ring size			*/

/* Input modes */
#define	TY_IMCOOKED	'C'	/* line editing, lines delivered whole	*/
#define	TY_IMRAW	'R'	/* every character as it comes		*/

/* Characters with a meaning in cooked mode */
#define	TY_BACKSP	'\b'	/* erase the last character		*/
#define	TY_DEL		0x7F	/* erase too (what most keyboards send)	*/
#define	TY_KILLCH	0x15	/* ^U: erase the whole line		*/
#define	TY_EOFCH	0x04	/* ^D: end of file			*/
#define	TY_STOPCH	0x13	/* ^S: hold output			*/
#define	TY_STRTCH	0x11	/* ^Q: release output			*/
#define	TY_INTRCH	0x03	/* ^C: interrupt (see TC_INTR)		*/
#define	TY_BELL		'\a'	/* echoed when input is dropped		*/

/* The message a ^C sends to the process named with TC_INTR: no pid */
#define	TY_INTRMSG	((umsg32)0x7fff0003)

/* control(dev, func, ...) functions (Xinu's numbers) */
#define	TC_MODER	4	/* raw input mode			*/
#define	TC_MODEC	5	/* cooked input mode			*/
#define	TC_ICHARS	8	/* returns the number of readable chars	*/
#define	TC_ECHO		9	/* echo input (cooked mode)		*/
#define	TC_NOECHO	10	/* do not echo input			*/
#define	TC_INTR		11	/* ^C sends TY_INTRMSG to process arg1	*/
				/* (0: no one; ^C then ends an empty line) */
#define	TC_PROMPT	12	/* the TC_INTR process is at its prompt:	*/
				/* until a line ends, ^C ends an empty	*/
				/* line (no effect with input pending)	*/

/* A ring of characters: head is the oldest, count how many are held */
struct	tyring	{
	char	*rbuf;		/* storage				*/
	uint32	rsize;		/* size of rbuf				*/
	uint32	rhead;		/* index of the oldest character	*/
	uint32	rcount;		/* characters held			*/
};

struct	ttycblk	{		/* tty line control block		*/
	uint32	tycsr;		/* UART base port			*/
	struct	tyring	tyin;	/* input ring				*/
	sid32	tyisem;		/* committed input characters		*/
	int32	tyicursor;	/* chars of the line being typed	*/
	char	tyimode;	/* TY_IMCOOKED or TY_IMRAW		*/
	bool8	tyiecho;	/* echo input in cooked mode?		*/
	uint32	tyidrops;	/* input characters dropped: ring full	*/
	bool8	tyidiscard;	/* dropping the rest of a line that did	*/
				/*   not fit, up to its end		*/
	pid32	tyintrpid;	/* told of ^C (TC_INTR), or 0		*/
	bool8	tyiprompt;	/* it is at its prompt (TC_PROMPT)	*/
	struct	tyring	tyout;	/* output ring				*/
	sid32	tyosem;		/* free slots in the output ring	*/
	uint32	tyofreed;	/* slots ttyflush freed, not yet given	*/
				/*   to tyosem (the next transmit	*/
				/*   interrupt does)			*/
	bool8	tyoheld;	/* output stopped by ^S			*/
	char	tyibuff[TY_IBUFLEN];
	char	tyobuff[TY_OBUFLEN];
};

extern	struct	ttycblk	ttytab[];

/*------------------------------------------------------------------------
 *  tyrput  -  Append a character to a ring; FALSE if it is full
 *------------------------------------------------------------------------
 */
static	inline	bool8	tyrput(struct tyring *r, char ch)
{
	if (r->rcount >= r->rsize) {
		return FALSE;
	}
	r->rbuf[(r->rhead + r->rcount++) % r->rsize] = ch;
	return TRUE;
}

/*------------------------------------------------------------------------
 *  tyrget  -  Remove and return the oldest character of a nonempty ring
 *------------------------------------------------------------------------
 */
static	inline	char	tyrget(struct tyring *r)
{
	char	ch = r->rbuf[r->rhead];

	r->rhead = (r->rhead + 1) % r->rsize;
	r->rcount--;
	return ch;
}

/*------------------------------------------------------------------------
 *  tyrunput  -  Remove and return the newest character of a nonempty ring
 *------------------------------------------------------------------------
 */
static	inline	char	tyrunput(struct tyring *r)
{
	r->rcount--;
	return r->rbuf[(r->rhead + r->rcount) % r->rsize];
}

#endif
