/* kprintf.c - kputc, kprintf, kvprintf, kcapture, uartinit, kputc_init */

#include <xinu.h>

/*
 * kprintf writes straight to the UART, polling, with interrupts off, so
 * it works before any driver exists and from any context, including the
 * fault handler and panic.  A test can also capture what the kernel
 * prints (kcapture), to check lines that a feature must print.
 */

local	char	*capbuf;	/* where captured output goes, or NULL	*/
local	uint32	caplen, capsize;

/*------------------------------------------------------------------------
 *  kputc  -  Write one character to the console UART, polling
 *------------------------------------------------------------------------
 */
void	kputc(char c)
{
	if (c == '\n') {
		kputc('\r');
	}
	while ((inb(COM1_BASE + UART_LSR) & UART_LSR_THRE) == 0) {
		;
	}
	outb(COM1_BASE + UART_THR, c);
	kevmirror(c);
	if (capbuf != NULL && c != '\r' && caplen + 1 < capsize) {
		capbuf[caplen++] = c;
		capbuf[caplen] = NULLCH;
	}
}

/*------------------------------------------------------------------------
 *  kemit  -  fmtout's output function for kprintf
 *------------------------------------------------------------------------
 */
local	void	kemit(char c, void *arg)
{
	(void)arg;
	kputc(c);
}

/*------------------------------------------------------------------------
 *  kvprintf  -  kprintf with a va_list
 *------------------------------------------------------------------------
 */
int32	kvprintf(const char *fmt, va_list ap)
{
	intmask	mask;
	int32	n;

	mask = disable();
	n = fmtout(kemit, NULL, fmt, ap);
	restore(mask);
	return n;
}

/*------------------------------------------------------------------------
 *  kprintf  -  Formatted output to the console, polled, any context
 *------------------------------------------------------------------------
 */
int32	kprintf(const char *fmt, ...)
{
	va_list	ap;
	int32	n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

/*------------------------------------------------------------------------
 *  kcapture  -  Also copy console output into buf (NULL stops); tests use
 *		 it to check the lines the kernel prints
 *------------------------------------------------------------------------
 */
void	kcapture(char *buf, uint32 size)
{
	intmask	mask;

	mask = disable();
	capbuf = (size > 0) ? buf : NULL;
	capsize = size;
	caplen = 0;
	if (capbuf != NULL) {
		capbuf[0] = NULLCH;
	}
	restore(mask);
}

/*------------------------------------------------------------------------
 *  uartinit  -  Program the 16550 at 'csr' for 115200 8N1 with FIFOs and
 *		 no interrupts; the transmit FIFO keeps what it holds (the
 *		 tty driver calls this after kprintf has been writing)
 *------------------------------------------------------------------------
 */
void	uartinit(uint32 csr)
{
	uint16	divisor = UART_CLOCK / UART_BAUD;

	outb(csr + UART_IER, 0);
	outb(csr + UART_LCR, UART_LCR_DLAB);
	outb(csr + UART_DLL, divisor & 0xFF);
	outb(csr + UART_DLM, divisor >> 8);
	outb(csr + UART_LCR, UART_LCR_8N1);
	outb(csr + UART_FCR, UART_FCR_ENABLE | UART_FCR_CLRRX |
			UART_FCR_TRIG8);
	outb(csr + UART_MCR, UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2);
}

/*------------------------------------------------------------------------
 *  kputc_init  -  Program COM1 for kprintf and COM2 for the events
 *------------------------------------------------------------------------
 */
void	kputc_init(void)
{
	uartinit(COM1_BASE);
	keventinit();
}
