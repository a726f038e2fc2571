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
 */

#define	EVWAIT	100000			/* polls of THRE per character	*/

local	bool8	evdead;			/* the port never emptied	*/
local	bool8	evquoting;		/* console chars go here too	*/

/*------------------------------------------------------------------------
 *  evputc  -  Write one character to the event port, polling (bounded)
 *------------------------------------------------------------------------
 */
local	void	evputc(char c, void *arg)
{
	int32	n;

	(void)arg;
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
 *  kevent  -  Write one event line (printf-style, no newline needed)
 *------------------------------------------------------------------------
 */
void	kevent(const char *fmt, ...)
{
	intmask	mask;
	va_list	ap;

	mask = disable();
	va_start(ap, fmt);
	fmtout(evputc, NULL, fmt, ap);
	va_end(ap);
	evputc('\n', NULL);
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
	while (*kind != NULLCH) {
		evputc(*kind++, NULL);
	}
	evputc(' ', NULL);
	evquoting = TRUE;
	restore(mask);
}

/*------------------------------------------------------------------------
 *  kevmirror  -  kputc's hook: copy console character 'c' to a quote
 *		  that kevquote started
 *------------------------------------------------------------------------
 */
void	kevmirror(char c)
{
	if (!evquoting || c == '\r') {
		return;
	}
	evputc(c, NULL);
	if (c == '\n') {
		evquoting = FALSE;
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
