/* hunit.h - test cases and checks: the one vocabulary of the host tests */

/*
 * Every host test program speaks the same way:
 *
 *	tbegin("name"); ... TCHECK(cond); ... tfail("got %d", x); ... tend();
 *	TCHECKF(cond, "got %d", x)	TCHECK with a message of its own
 *	tcase("name", fn);	the same around fn, run in a child process
 *				of its own (a crash or a failed kernel
 *				assert fails that case only)
 *	return tdone();		from main: 1 if any case failed
 *
 * Each case prints one line, "ok NAME" or "FAIL NAME: <its first
 * failure>" (with "(and N more)" when several checks failed), which
 * tools/xinu/runner.py reads.  TCHECK records the expression and its line;
 * tfail records a message of the test's own.  taborts(fn, text) tells
 * whether fn, run in a child, aborts with 'text' in what it wrote on
 * stderr.
 *
 * Two implementations: hunit.c for programs on the host's C library,
 * stub/kunit.c for the freestanding i386 programs of kernel.mk, which
 * has tbegin, TCHECK, tend and tdone only (it formats no messages).
 */

#ifndef _HUNIT_H_
#define _HUNIT_H_

#define	TCHECK(c)	tcheck((c) != 0, #c, __LINE__)
#define	TCHECKF(c, ...)	do { if (!(c)) { tfail(__VA_ARGS__); } } while (0)

extern	void	tbegin(const char *);
extern	void	tcheck(int, const char *, int);
extern	void	tfail(const char *, ...)
			__attribute__((format(printf, 1, 2)));
extern	int	tfailed(void);
extern	void	tend(void);
extern	void	tcase(const char *, void (*)(void));
extern	int	taborts(void (*)(void), const char *);
extern	int	tdone(void);

#endif
