/* kunit.h - test cases and output for the host tests of kernel code */

/*
 * The programs are freestanding i386 Linux programs (see kernel.mk):
 * kunit.c gives them _start, output through the write system call and
 * the bookkeeping of test cases:
 *
 *	kbegin("name"); ... KCHECK(cond); ... kend();
 *	return kdone();		from main: 1 if any case failed
 *
 * Each case prints "ok NAME" or "FAIL NAME: <first failed check>".
 */

#ifndef _KUNIT_H_
#define _KUNIT_H_

#define	KCHECK(c)	kcheck((c) != 0, #c, __LINE__)

extern	void	kbegin(const char *);
extern	void	kcheck(int32, const char *, int32);
extern	void	kend(void);
extern	int32	kdone(void);

#endif
