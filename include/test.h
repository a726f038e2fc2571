/* test.h - in-kernel test cases */

/*
 * A test case is a function registered with TEST(name) in any file of
 * test/kernel/; the linker gathers the registrations in section
 * .xinu_tests, so adding a test edits no list.  Booting with test=NAME
 * runs that one case in a fresh system (test/kernel/testrun.c);
 * test=list prints every case ("testcase NAME [WORDS]"), so "list" is
 * no test's name.  Only
 * the test image, compile/test/xinu.elf, holds test/kernel/.
 *
 *	TEST(sem_signaln) { ... CHECK(x == 3); ... return OK; }
 *	TEST_BOOT(clock_ffs3, "vm.ffs=3") { ... }
 *
 * TEST_BOOT names extra kernel command-line words the host runner
 * passes when it boots the case.  CHECK records a failure and goes on;
 * REQUIRE records it and ends the case.  A case passes when it returns
 * OK with no failed check.
 */

#ifndef _TEST_H_
#define _TEST_H_

#define	TESTNAMELEN	48

struct	xtest	{
	const	char	*name;
	process	(*func)(void);
	const	char	*bootargs;	/* extra command-line words	*/
};

#define	TEST_BOOT(tname, args)						\
	local	process	test_##tname(void);				\
	static	const	struct	xtest	xtest_##tname			\
		__attribute__((section(".xinu_tests"), used)) =		\
		{ #tname, test_##tname, args };				\
	local	process	test_##tname(void)

#define	TEST(tname)	TEST_BOOT(tname, "")

#define	CHECK(c)	((c) ? (void)0 : testfail(#c, __FILE__, __LINE__))
#define	REQUIRE(c)	do { if (!(c)) { testfail(#c, __FILE__, __LINE__); \
				return SYSERR; } } while (0)

extern	const	struct	xtest	xinu_tests_start[], xinu_tests_end[];
extern	uint32	test_failures;

#endif
