/* vmunit.h - test cases and output for the host tests of paging/ and swap/ */

/*
 * Each case is a function run by vcase() in a child process of its own
 * (fork), so a case starts from the program's initial state and a crash
 * (a failed kernel assert aborts) becomes that case's FAIL line instead
 * of ending the program:
 *
 *	vcase("name", fn);	fn uses VCHECK(cond) and vfail(fmt, ...)
 *	return vdone();		from main: 1 if any case failed
 *
 * Each case prints "ok NAME" or "FAIL NAME: <first failed check>".
 * vaborts(fn, text) runs fn in a child of its own and tells whether it
 * aborted with a message (on stderr) that contains 'text'.
 */

#ifndef _VMUNIT_H_
#define _VMUNIT_H_

#define	VCHECK(c)	vcheck((c) != 0, #c, __LINE__)

extern	void	vcase(const char *, void (*)(void));
extern	void	vcheck(bool8, const char *, int32);
extern	void	vfail(const char *, ...)
			__attribute__((format(printf, 1, 2)));
extern	bool8	vfailed(void);
extern	bool8	vaborts(void (*)(void), const char *);
extern	int32	vdone(void);

#endif
