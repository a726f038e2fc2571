/* tty.c - tests of the tty driver: cooked and raw input, echo, overflow,
 *	   blocking readers and writers, the UART's loopback path */

#include <xinu.h>
#include "vmtest.h"

/*
 * Most cases feed characters straight to ttyhandle_in, as the receive
 * interrupt does, so that they control exactly what arrives and when.
 * tty_loopback sends through the real transmit and receive interrupts
 * with the UART in loopback mode.
 */

#define	CONSTTY	(&ttytab[devtab[CONSOLE].dvminor])

local	char	got[2 * TY_IBUFLEN];	/* what a helper process read	*/
local	int32	gotlen;

/*------------------------------------------------------------------------
 *  feed  -  Deliver 'n' characters to the console as if received
 *------------------------------------------------------------------------
 */
local	void	feed(const char *s, int32 n)
{
	intmask	mask;
	int32	i;

	mask = disable();
	resched_cntl(DEFER_START);
	for (i = 0; i < n; i++) {
		ttyhandle_in(CONSTTY, s[i]);
	}
	resched_cntl(DEFER_STOP);
	restore(mask);
}

#define	FEED(s)	feed((s), sizeof(s) - 1)

/*------------------------------------------------------------------------
 *  readis  -  Does one read of the console return exactly 'want'?
 *------------------------------------------------------------------------
 */
local	bool8	readis(const char *want)
{
	char	buf[2 * TY_IBUFLEN];
	int32	n, len = strlen(want);

	n = read(CONSOLE, buf, sizeof(buf));
	if (n != len || memcmp(buf, want, len) != 0) {
		kprintf("read returned %d, wanted %d (\"%s\")\n", n, len, want);
		return FALSE;
	}
	return TRUE;
}

/*------------------------------------------------------------------------
 *  reader  -  Helper process: one read of up to 'count' characters
 *------------------------------------------------------------------------
 */
local	process	reader(int32 count)
{
	gotlen = read(CONSOLE, got, count);
	return OK;
}

/*------------------------------------------------------------------------
 *  writer  -  Helper process: write 'count' dots and a newline
 *------------------------------------------------------------------------
 */
local	process	writer(int32 count)
{
	while (count-- > 0) {
		putc(CONSOLE, '.');
	}
	putc(CONSOLE, '\n');
	return OK;
}

/*------------------------------------------------------------------------
 *  takeout  -  Move what the output ring holds into 'buf' instead of
 *		the UART (interrupts must be off since it was queued)
 *------------------------------------------------------------------------
 */
local	void	takeout(char *buf)
{
	int32	n = 0;

	while (CONSTTY->tyout.rcount > 0) {
		buf[n++] = tyrget(&CONSTTY->tyout);
		signal(CONSTTY->tyosem);
	}
	buf[n] = NULLCH;
}

/* Backspace and DEL erase; CR ends a line as NL */
TEST(tty_cooked_erase)
{
	FEED("ab\bc\n");
	CHECK(readis("ac\n"));
	FEED("xy\x7fz\r");
	CHECK(readis("xz\n"));
	FEED("\b\bq\n");		/* nothing to erase: ignored	*/
	CHECK(readis("q\n"));
	return OK;
}

/* ^U kills the line typed so far */
TEST(tty_cooked_kill)
{
	FEED("abc\x15" "de\n");
	CHECK(readis("de\n"));
	FEED("\x15\n");
	CHECK(readis("\n"));
	return OK;
}

/* ^D at the start of a line is end of file; after text it ends the
 * line without a newline */
TEST(tty_cooked_eof)
{
	FEED("\x04");
	CHECK(read(CONSOLE, got, sizeof(got)) == EOF);
	FEED("\x04");
	CHECK(getc(CONSOLE) == EOF);
	FEED("ab\x04");
	CHECK(readis("ab"));
	CHECK(control(CONSOLE, TC_ICHARS, 0, 0) == 0);
	FEED("cd\n");
	CHECK(readis("cd\n"));
	return OK;
}

/* A reader blocks, and others run, until a whole line is typed; a
 * short read leaves the rest of the line for the next one */
TEST(tty_cooked_blocks)
{
	pid32	pid;

	pid = create(reader, 4096, INITPRIO + 5, "reader", 1, sizeof(got));
	REQUIRE(pid != SYSERR);
	resume(pid);
	CHECK(proctab[pid].prstate == PR_WAIT);	/* and we run	*/
	FEED("ab");
	CHECK(proctab[pid].prstate == PR_WAIT);
	CHECK(control(CONSOLE, TC_ICHARS, 0, 0) == 0);
	FEED("\n");				/* it runs and ends	*/
	CHECK(receive() == (umsg32)pid);
	CHECK(gotlen == 3 && memcmp(got, "ab\n", 3) == 0);

	FEED("hello\n");
	CHECK(control(CONSOLE, TC_ICHARS, 0, 0) == 6);
	CHECK(read(CONSOLE, got, 2) == 2 && memcmp(got, "he", 2) == 0);
	CHECK(readis("llo\n"));
	return OK;
}

/* Raw mode: every character readable at once, nothing interpreted */
TEST(tty_raw)
{
	pid32	pid;
	intmask	mask;

	FEED("xy");				/* half a cooked line	*/
	CHECK(control(CONSOLE, TC_ICHARS, 0, 0) == 0);
	CHECK(control(CONSOLE, TC_MODER, 0, 0) == OK);
	CHECK(control(CONSOLE, TC_ICHARS, 0, 0) == 2);	/* now readable	*/
	CHECK(readis("xy"));

	mask = disable();
	FEED("a\bb\x15\x04\r");
	CHECK(CONSTTY->tyout.rcount == 0);	/* no echo in raw mode	*/
	restore(mask);
	CHECK(control(CONSOLE, TC_ICHARS, 0, 0) == 6);
	CHECK(getc(CONSOLE) == 'a');
	CHECK(readis("\bb\x15\x04\r"));

	pid = create(reader, 4096, INITPRIO + 5, "reader", 1, sizeof(got));
	REQUIRE(pid != SYSERR);
	resume(pid);
	CHECK(proctab[pid].prstate == PR_WAIT);
	FEED("p");				/* one is enough	*/
	CHECK(receive() == (umsg32)pid);
	CHECK(gotlen == 1 && got[0] == 'p');

	CHECK(control(CONSOLE, TC_MODEC, 0, 0) == OK);
	FEED("a\bb\n");
	CHECK(readis("b\n"));
	CHECK(control(CONSOLE, 12345, 0, 0) == SYSERR);
	return OK;
}

/* Echo: visible erase, ^X for control characters, CR NL for a newline,
 * behind the output queued before it; none with TC_NOECHO */
TEST(tty_echo)
{
	char	buf[64];
	intmask	mask;

	mask = disable();
	FEED("a\bb\x01\x7f\n");
	takeout(buf);
	restore(mask);
	CHECK(strcmp(buf, "a\b \bb^A\b \b\b \b\r\n") == 0);
	CHECK(readis("b\n"));

	mask = disable();
	write(CONSOLE, "P> ", 3);
	FEED("ok\n");
	takeout(buf);
	restore(mask);
	CHECK(strcmp(buf, "P> ok\r\n") == 0);
	CHECK(readis("ok\n"));

	CHECK(control(CONSOLE, TC_NOECHO, 0, 0) == OK);
	mask = disable();
	FEED("cd\n");
	takeout(buf);
	restore(mask);
	CHECK(buf[0] == NULLCH);
	CHECK(readis("cd\n"));
	CHECK(control(CONSOLE, TC_ECHO, 0, 0) == OK);
	return OK;
}

/* Typeahead: the ring holds a pasted script's worth of lines; beyond
 * it, cooked mode drops a line whole (never part of one: the lines
 * before and after it are intact), with the bell if echo is on; raw
 * mode drops the characters that do not fit */
TEST(tty_overflow)
{
	static	char	in[TY_IBUFLEN + 50], want[TY_IBUFLEN + 1];
	char	line[101], out[TY_OBUFLEN + 1];
	intmask	mask;
	int32	i, nfit;

	CHECK(TY_IBUFLEN >= 4096);		/* a pasted script	*/
	CHECK(control(CONSOLE, TC_NOECHO, 0, 0) == OK);
	nfit = (TY_IBUFLEN - 100) / 100 + 1;	/* 99 chars + NL each	*/
	for (i = 0; i < nfit; i++) {
		memset(line, 'a' + i % 26, 99);
		line[99] = '\n';
		feed(line, 100);
	}
	CHECK(CONSTTY->tyidrops == 0);
	CHECK(control(CONSOLE, TC_ICHARS, 0, 0) == nfit * 100);
	CHECK(control(CONSOLE, TC_ECHO, 0, 0) == OK);
	memset(line, '#', 99);			/* does not fit		*/
	line[99] = '\n';
	mask = disable();
	feed(line, 100);
	takeout(out);
	restore(mask);
	CHECK(strchr(out, TY_BELL) != NULL);
	CHECK(control(CONSOLE, TC_NOECHO, 0, 0) == OK);
	CHECK(CONSTTY->tyidrops == 100);	/* the whole line	*/
	FEED("ok\n");				/* the next line fits	*/
	CHECK(control(CONSOLE, TC_ICHARS, 0, 0) == nfit * 100 + 3);
	for (i = 0; i < nfit; i++) {
		memset(line, 'a' + i % 26, 99);
		line[99] = '\n';
		line[100] = NULLCH;
		CHECK(readis(line));
	}
	CHECK(readis("ok\n"));

	for (i = 0; i < (int32)sizeof(in); i++) {
		in[i] = 'a' + i % 26;
	}
	CHECK(control(CONSOLE, TC_MODER, 0, 0) == OK);
	CONSTTY->tyidrops = 0;
	feed(in, sizeof(in));
	CHECK(CONSTTY->tyidrops == sizeof(in) - TY_IBUFLEN);
	CHECK(control(CONSOLE, TC_ICHARS, 0, 0) == TY_IBUFLEN);
	memcpy(want, in, TY_IBUFLEN);
	want[TY_IBUFLEN] = NULLCH;
	CHECK(readis(want));
	return OK;
}

/*------------------------------------------------------------------------
 *  msgwaiter  -  Helper process: receive one message into 'gotmsg'
 *------------------------------------------------------------------------
 */
local	umsg32	gotmsg;

local	process	msgwaiter(void)
{
	gotmsg = receive();
	return OK;
}

/* ^C in cooked mode: the line being typed is dropped and ^C is never
 * stored nor echoed as ^C.  With no TC_INTR process, or one at its
 * prompt (TC_PROMPT, until a line ends), an empty line ends; else that
 * process is sent TY_INTRMSG and nothing is stored */
TEST(tty_interrupt)
{
	char	out[TY_OBUFLEN + 1];
	intmask	mask;
	pid32	pid;

	mask = disable();
	FEED("abc\x03");
	takeout(out);
	restore(mask);
	CHECK(strcmp(out, "abc\r\n") == 0);
	CHECK(control(CONSOLE, TC_ICHARS, 0, 0) == 1);
	CHECK(readis("\n"));

	CHECK(control(CONSOLE, TC_INTR, NPROC + 3, 0) == SYSERR);
	pid = create(msgwaiter, 4096, INITPRIO + 1, "msgwaiter", 0);
	REQUIRE(pid != SYSERR);
	resume(pid);				/* it waits in receive	*/
	CHECK(control(CONSOLE, TC_INTR, pid, 0) == OK);
	FEED("xy\x03");
	CHECK(recvtime(2000) == (umsg32)pid);
	CHECK(gotmsg == TY_INTRMSG);
	CHECK(control(CONSOLE, TC_ICHARS, 0, 0) == 0);
	FEED("z\n");
	CHECK(readis("z\n"));			/* ^C was not kept	*/

	CHECK(control(CONSOLE, TC_INTR, getpid(), 0) == OK);
	CHECK(control(CONSOLE, TC_PROMPT, 0, 0) == OK);
	FEED("uv\x03");			/* at the prompt	*/
	CHECK(recvclr() == OK);
	CHECK(readis("\n"));
	FEED("w\n\x03");			/* a line ended: message */
	CHECK(recvclr() == TY_INTRMSG);
	CHECK(readis("w\n"));
	FEED("a\n");				/* typed ahead		*/
	CHECK(control(CONSOLE, TC_PROMPT, 0, 0) == OK);
	FEED("\x03");				/* not at a prompt	*/
	CHECK(recvclr() == TY_INTRMSG);
	CHECK(readis("a\n"));
	CHECK(control(CONSOLE, TC_INTR, 0, 0) == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  lastwords  -  Print a line, then crash: a NULL write in a system
 *		  process, an unallocated heap page in a vcreate'd one
 *------------------------------------------------------------------------
 */
local	uint32	*volatile nullp;	/* NULL the compiler cannot see	*/

local	process	lastwords(int32 vcreated)
{
	printf("last words\n");
	if (vcreated) {
		vm_write((char *)VHEAP_START, 1);
	}
	*nullp = 1;
	return OK;
}

/* What a process printed just before it crashed leaves the output ring
 * before the crash dump or kill line is printed, even with output held
 * by ^S; the slots it held come back to writers afterwards */
TEST(tty_output_before_crash)
{
	char	out[1024];
	pid32	pid;
	int32	i, vc;

	FEED("\x13");				/* ^S: output held	*/
	for (vc = 0; vc <= 1; vc++) {
		pid = vc ? vcreate(lastwords, 8192, INITPRIO + 1, "lastwords",
				   1, vc) :
			   create(lastwords, 8192, INITPRIO + 1, "lastwords",
				  1, vc);
		REQUIRE(pid != SYSERR);
		kcapture(out, sizeof(out));
		REQUIRE(vrun_wait(pid) == pid);
		kcapture(NULL, 0);
		CHECK(strstr(out, vc ? "SEGMENTATION_FAULT" : "killed by")
		      != NULL);
		CHECK(CONSTTY->tyout.rcount == 0);	/* sent first	*/
	}
	FEED("\x11");				/* ^Q			*/
	for (i = 0; i < 1000 && semcount(CONSTTY->tyosem) != TY_OBUFLEN;
	     i++) {
		sleepms(1);
	}
	CHECK(semcount(CONSTTY->tyosem) == TY_OBUFLEN);
	return OK;
}

/* A writer blocks when the output ring is full (here: held by ^S) and
 * goes on when ^Q lets the transmit interrupt drain it */
TEST(tty_output_flow)
{
	pid32	pid;

	FEED("\x13");				/* ^S			*/
	pid = create(writer, 4096, INITPRIO + 5, "writer", 1,
		     TY_OBUFLEN + 100);
	REQUIRE(pid != SYSERR);
	resume(pid);
	CHECK(proctab[pid].prstate == PR_WAIT);
	CHECK(CONSTTY->tyout.rcount == TY_OBUFLEN);
	sleepms(20);				/* nothing moves	*/
	CHECK(CONSTTY->tyout.rcount == TY_OBUFLEN);
	CHECK(proctab[pid].prstate == PR_WAIT);
	FEED("\x11");				/* ^Q			*/
	CHECK(recvtime(2000) == (umsg32)pid);
	CHECK(control(CONSOLE, TC_ICHARS, 0, 0) == 0);	/* not input	*/
	return OK;
}

/* Through the hardware: with the UART looping its output back, what is
 * written arrives through the transmit and receive interrupts; in
 * cooked mode (echo off, or it would loop forever) "hi\n" goes out as
 * "hi\r\n" and comes back as the lines "hi\n" and "\n" */
TEST(tty_loopback)
{
	uint32	csr = CONSTTY->tycsr;
	byte	mcr = inb(csr + UART_MCR);
	int32	i, avail;

	CHECK(control(CONSOLE, TC_MODER, 0, 0) == OK);
	outb(csr + UART_MCR, mcr | UART_MCR_LOOP);
	write(CONSOLE, "xyz", 3);
	for (i = 0; i < 200 && control(CONSOLE, TC_ICHARS, 0, 0) < 3; i++) {
		sleepms(1);
	}
	avail = control(CONSOLE, TC_ICHARS, 0, 0);
	if (avail == 3) {
		CHECK(readis("xyz"));
	}

	CHECK(control(CONSOLE, TC_MODEC, 0, 0) == OK);
	CHECK(control(CONSOLE, TC_NOECHO, 0, 0) == OK);
	write(CONSOLE, "hi\n", 3);
	for (i = 0; i < 200 && control(CONSOLE, TC_ICHARS, 0, 0) < 4; i++) {
		sleepms(1);
	}
	outb(csr + UART_MCR, mcr);
	CHECK(avail == 3);
	CHECK(readis("hi\n"));
	CHECK(readis("\n"));
	CHECK(control(CONSOLE, TC_ECHO, 0, 0) == OK);
	return OK;
}
