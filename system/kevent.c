/* kevent.c - kevent, kevquote, kevmirror, keventinit */

#include <xinu.h>

/*
 * The event port: a second UART (COM2), polled, on which the kernel
 * writes one line per fact a batch runner judges a run by:
 *	boot Xinu/VM 0.1		the kernel started
 *	kill <pid> <why>		it killed a process ("SEGMENTATION_FAULT",
 *					"page fault at 0x0 in main", ...)
 *	panic <message>			it panicked
 *	cmdline <message>		it refused its command line
 *	halt <code>			it powered off (isa-debug-exit value)
 * Programs print only to the console (COM1), so nothing they print can
 * be taken for one of these.  The console stays exactly as it was: an
 * event either has its own text or quotes the rest of a console line
 * (kevquote).  With no COM2 (make run boots with one serial port) the
 * port reads as all ones, so a write never waits; a UART that never
 * empties is given up after EVWAIT polls and left alone from then on.
 *
 * A program can still write to COM2 itself (outb), and its stray bytes
 * would merge with the next event, so every line is numbered and summed:
 *	<seq> <kind> <text> *<crc>
 * <seq> counts lines in decimal from 0 at boot; <crc> is the CRC-32 of
 * IEEE 802.3 (zlib's) of the bytes before " *", in 8 lowercase hex
 * digits.  The runner calls a channel with any other byte tampered.  A
 * line is written whole with interrupts off; an event that comes while
 * a quote is still open (no console newline yet) first ends the quote
 * with what it has, so lines never interleave.  An event's own text is
 * one line: a newline in it is sent as a blank.
 */

#define	EVWAIT		100000		/* polls of THRE per character	*/
#define	EVCRCPOLY	0xEDB88320	/* CRC-32's polynomial, reflected */

local	bool8	evdead;			/* the port never emptied	*/
local	bool8	evquoting;		/* console chars go here too	*/
local	uint32	evseq;			/* number of the next line	*/
local	uint32	evcrc;			/* CRC of the open line so far,	*/
					/*   not yet inverted		*/

/*------------------------------------------------------------------------
 *  evsend  -  Write one byte to the event port, polling (bounded)
 *------------------------------------------------------------------------
 */
local	void	evsend(char c)
{
	int32	n;

	for (n = 0; !evdead && (inb(COM2_BASE + UART_LSR) & UART_LSR_THRE)
	     == 0; n++) {
		if (n >= EVWAIT) {
			evdead = TRUE;
		}
	}
	if (!evdead) {
		outb(COM2_BASE + UART_THR, c);
	}
}

/*------------------------------------------------------------------------
 *  evputc  -  Write one character of the open line and add it to the
 *	       line's CRC (fmtout's output function)
 *------------------------------------------------------------------------
 */
local	void	evputc(char c, void *arg)
{
	int32	bit;

	(void)arg;
	if (c == '\n') {
		c = ' ';
	}
	evcrc ^= (byte)c;
	for (bit = 0; bit < 8; bit++) {
		evcrc = (evcrc & 1) ? (evcrc >> 1) ^ EVCRCPOLY : evcrc >> 1;
	}
	evsend(c);
}

/*------------------------------------------------------------------------
 *  evopen  -  Start a line: its number and a blank
 *------------------------------------------------------------------------
 */
local	void	evopen(void)
{
	char	num[12];		/* "4294967295 "		*/
	char	*p;

	evcrc = 0xFFFFFFFF;
	sprintf(num, "%u ", evseq);
	for (p = num; *p != NULLCH; p++) {
		evputc(*p, NULL);
	}
}

/*------------------------------------------------------------------------
 *  evclose  -  End the open line with " *<crc>" and a newline
 *------------------------------------------------------------------------
 */
local	void	evclose(void)
{
	char	end[12];		/* " *89abcdef\n"		*/
	char	*p;

	sprintf(end, " *%08x\n", ~evcrc);
	for (p = end; *p != NULLCH; p++) {
		evsend(*p);
	}
	evseq++;
	evquoting = FALSE;
}

/*------------------------------------------------------------------------
 *  kevent  -  Write one event line (printf-style, no newline needed)
 *------------------------------------------------------------------------
 */
void	kevent(const char *fmt, ...)
{
	intmask	mask;
	va_list	ap;

	mask = disable();
	if (evquoting) {
		evclose();
	}
	evopen();
	va_start(ap, fmt);
	fmtout(evputc, NULL, fmt, ap);
	va_end(ap);
	evclose();
	restore(mask);
}

/*------------------------------------------------------------------------
 *  kevquote  -  Start an event line with the words 'kind' and a blank;
 *		 the console's characters up to its next newline end it
 *------------------------------------------------------------------------
 */
void	kevquote(const char *kind)
{
	intmask	mask;

	mask = disable();
	if (evquoting) {
		evclose();
	}
	evopen();
	while (*kind != NULLCH) {
		evputc(*kind++, NULL);
	}
	evputc(' ', NULL);
	evquoting = TRUE;
	restore(mask);
}

/*------------------------------------------------------------------------
 *  kevmirror  -  kputc's hook (interrupts off): copy console character
 *		  'c' to a quote that kevquote started; its newline ends
 *		  the line
 *------------------------------------------------------------------------
 */
void	kevmirror(char c)
{
	if (!evquoting || c == '\r') {
		return;
	}
	if (c == '\n') {
		evclose();
	} else {
		evputc(c, NULL);
	}
}

/*------------------------------------------------------------------------
 *  keventinit  -  Program COM2 as the event port (no interrupts)
 *------------------------------------------------------------------------
 */
void	keventinit(void)
{
	uartinit(COM2_BASE);
	outb(COM2_BASE + UART_MCR, UART_MCR_DTR | UART_MCR_RTS);
}
