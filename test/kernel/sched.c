/* sched.c - tests of priority scheduling, round robin and preemption */

#include <xinu.h>

local	char	order[16];
local	int32	norder;

/*------------------------------------------------------------------------
 *  mark  -  Record that process 'tag' ran
 *------------------------------------------------------------------------
 */
local	process	mark(char tag)
{
	order[norder++] = tag;
	return OK;
}

/* Higher priority runs first, whatever the creation order */
TEST(sched_priority_order)
{
	pid32	a, b, c;

	norder = 0;
	chprio(getpid(), 50);
	a = create(mark, 1024, 10, "a", 1, 'a');
	b = create(mark, 1024, 30, "b", 1, 'b');
	c = create(mark, 1024, 20, "c", 1, 'c');
	REQUIRE(a != SYSERR && b != SYSERR && c != SYSERR);
	resume(a);
	resume(b);
	resume(c);
	CHECK(norder == 0);		/* we are still the highest	*/
	chprio(getpid(), 5);		/* now everyone runs		*/
	order[norder] = NULLCH;
	CHECK(strcmp(order, "bca") == 0);
	return OK;
}
