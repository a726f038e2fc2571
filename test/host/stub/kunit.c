/* kunit.c - _start, output and hunit.h's tbegin, tcheck, tend, tdone
 *	     for the freestanding host tests of kernel code */

#include <xinu.h>
#include "../hunit.h"

/*
 * No C library is linked: the two Linux i386 system calls needed are
 * made with int $0x80, and memset/memcpy are here because the compiler
 * may call them for structure copies even in freestanding code.  One
 * thread runs, so disable and restore have nothing to do.
 */

#define	SYS_WRITE	4	/* Linux i386 system call number	*/
#define	STDOUT		1
#define	LINELEN		256

extern	int32	main(void);

/* Entry: align the stack as the ABI wants, run main, exit with it */
__asm__(
	"	.text\n"
	"	.globl	_start\n"
	"_start:\n"
	"	andl	$-16, %esp\n"
	"	call	main\n"
	"	movl	%eax, %ebx\n"
	"	movl	$1, %eax\n"		/* system call exit	*/
	"	int	$0x80\n");

local	int32	failed;		/* cases that failed			*/
local	const	char	*casename;	/* the case now running		*/
local	int32	nchecks;	/* its failed checks			*/
local	char	why[LINELEN];	/* the first of them			*/

/*------------------------------------------------------------------------
 *  disable, restore  -  Interrupt masking, which a program has no need of
 *------------------------------------------------------------------------
 */
intmask	disable(void)
{
	return 0;
}

void	restore(intmask mask)
{
	(void)mask;
}

/*------------------------------------------------------------------------
 *  memset, memcpy  -  What the compiler may call on its own
 *------------------------------------------------------------------------
 */
void	*memset(void *s, int c, size_t n)
{
	byte	*p = s;

	while (n-- > 0) {
		*p++ = (byte)c;
	}
	return s;
}

void	*memcpy(void *dst, const void *src, size_t n)
{
	byte	*d = dst;
	const	byte	*s = src;

	while (n-- > 0) {
		*d++ = *s++;
	}
	return dst;
}

/*------------------------------------------------------------------------
 *  append  -  Append string 's' to the line in 'buf' (of LINELEN)
 *------------------------------------------------------------------------
 */
local	void	append(char *buf, const char *s)
{
	uint32	n = 0;

	while (buf[n] != NULLCH) {
		n++;
	}
	while (*s != NULLCH && n < LINELEN - 1) {
		buf[n++] = *s++;
	}
	buf[n] = NULLCH;
}

/*------------------------------------------------------------------------
 *  appendnum  -  Append the decimal form of 'v' to the line in 'buf'
 *------------------------------------------------------------------------
 */
local	void	appendnum(char *buf, int32 v)
{
	char	digits[12];
	int32	i = sizeof(digits) - 1;
	uint32	u = (v < 0) ? -(uint32)v : (uint32)v;

	digits[i] = NULLCH;
	do {
		digits[--i] = '0' + u % 10;
		u /= 10;
	} while (u != 0);
	if (v < 0) {
		digits[--i] = '-';
	}
	append(buf, &digits[i]);
}

/*------------------------------------------------------------------------
 *  writeline  -  Write the line in 'buf' and a newline to stdout
 *------------------------------------------------------------------------
 */
local	void	writeline(char *buf)
{
	int32	ret;
	uint32	n = 0;

	append(buf, "\n");
	while (buf[n] != NULLCH) {
		n++;
	}
	__asm__ volatile("int $0x80" : "=a"(ret)
			 : "a"(SYS_WRITE), "b"(STDOUT), "c"(buf), "d"(n)
			 : "memory");
	(void)ret;
}

/*------------------------------------------------------------------------
 *  tbegin  -  Start test case 'name'
 *------------------------------------------------------------------------
 */
void	tbegin(const char *name)
{
	casename = name;
	nchecks = 0;
	why[0] = NULLCH;
}

/*------------------------------------------------------------------------
 *  tcheck  -  Record check 'expr' at 'line' of the current case
 *------------------------------------------------------------------------
 */
void	tcheck(int ok, const char *expr, int line)
{
	if (!ok && nchecks++ == 0) {
		append(why, expr);
		append(why, " (line ");
		appendnum(why, line);
		append(why, ")");
	}
}

/*------------------------------------------------------------------------
 *  tend  -  End the current case: print its verdict
 *------------------------------------------------------------------------
 */
void	tend(void)
{
	char	line[LINELEN];

	line[0] = NULLCH;
	if (why[0] == NULLCH) {
		append(line, "ok ");
		append(line, casename);
	} else {
		failed++;
		append(line, "FAIL ");
		append(line, casename);
		append(line, ": ");
		append(line, why);
		if (nchecks > 1) {
			append(line, " (and ");
			appendnum(line, nchecks - 1);
			append(line, " more)");
		}
	}
	writeline(line);
}

/*------------------------------------------------------------------------
 *  tdone  -  The program's exit status: 1 if any case failed
 *------------------------------------------------------------------------
 */
int	tdone(void)
{
	return failed > 0 ? 1 : 0;
}
