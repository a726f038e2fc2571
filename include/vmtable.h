/* vmtable.h - VMPOLICY_TABLE and SWAPDEV_TABLE: the one list of
	       replacement policies and the one list of swap backends */

/*
 * One line per policy, P(NAME): swap/NAME.c defines NAME_policy, whose
 * .name is "NAME" (vm.policy=NAME).  One line per backend, B(NAME):
 * swap/swapNAME.c defines NAMEswap (vm.swapdev=NAME).  The first line
 * of each is the default.
 *
 * Everything that lists policies or backends expands these macros or
 * reads these lines: the kernel's tables (swap/policy.c, swapstart.c),
 * the host tests and their make rules (test/host/test_policy.c,
 * vmpolicy.mk), the per-policy kernel test cases (test/kernel/), the
 * tool tests and make curves (they read the lines P(...) and B(...)
 * below).  So a new policy is its file plus one line here, and is then
 * built, selectable, tested on the host and in the kernel, and plotted.
 */

#ifndef _VMTABLE_H_
#define _VMTABLE_H_

#define	VMPOLICY_TABLE(P)						\
	P(clock)							\
	P(random)							\
	P(fifo)								\
	P(aging)							\
	P(clockpro)							\
	/* the end: a new line goes above */

#define	SWAPDEV_TABLE(B)						\
	B(ram)								\
	B(disk)								\
	/* the end: a new line goes above */

#endif
