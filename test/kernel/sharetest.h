/* sharetest.h - helpers shared by the tests of shared pages (clone.c, bs.c) */

#ifndef _SHARETEST_H_
#define _SHARETEST_H_

extern	status	every_policy(status (*)(void));	/* sharetest.c	*/

#endif
