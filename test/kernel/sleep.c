/* sleep.c - tests of sleep, sleepms and the sleep list */

#include <xinu.h>

/*
 * Times are read from clkms, the tick count that also drives the sleep
 * list, so "slept at least N ms" is exact however slowly QEMU runs.
 * Upper bounds are generous: they catch a sleeper woken a whole delay
 * late, not a slow host.
 */

#define	LATE	200		/* ms a wake-up may lag, at most	*/

local	char	order[8];	/* tags in the order the sleepers woke	*/
local	int32	woke[8];	/* clkms when each woke			*/
local	int32	norder;
local	int32	slept[8];	/* clkms when each went to sleep	*/

/*------------------------------------------------------------------------
 *  napper  -  Child: note when it went to sleep, sleep 'ms', then record
 *	       'tag' and the time
 *------------------------------------------------------------------------
 */
local	process	napper(int32 ms, char tag)
{
	slept[tag - 'a'] = (int32)clkms;
	sleepms(ms);
	woke[norder] = (int32)clkms;
	order[norder++] = tag;
	return OK;
}

/*------------------------------------------------------------------------
 *  napall  -  Start one napper per entry of 'ms' (tags 'a', 'b', ... in
 *	       that order) back to back, wait until all have ended;
 *	       returns the clkms at the start
 *------------------------------------------------------------------------
 */
local	int32	napall(const int32 *ms, int32 n)
{
	int32	i, start;
	pid32	pid[8];

	norder = 0;
	start = (int32)clkms;
	for (i = 0; i < n; i++) {
		pid[i] = create(napper, 1024, 30, "napper", 2, ms[i], 'a' + i);
		if (pid[i] == SYSERR) {
			return SYSERR;
		}
	}
	resched_cntl(DEFER_START);	/* all ready, then they run in	*/
	for (i = 0; i < n; i++) {	/* order and go to sleep	*/
		resume(pid[i]);
	}
	resched_cntl(DEFER_STOP);
	for (i = 0; i < n; i++) {
		CHECK(proctab[pid[i]].prstate == PR_SLEEP);
	}
	for (i = 0; i < n; i++) {
		CHECK(recvtime(5000) != (umsg32)TIMEOUT);
	}
	order[norder] = NULLCH;
	return start;
}

/* Sleepers wake in the order of their deadlines, each no earlier than
 * its delay, whatever order they went to sleep in */
TEST(sleep_deadline_order)
{
	static	const	int32	ms[] = { 50, 10, 40, 20, 30 };
	static	const	char	want[] = "bdeca";
	int32	i, start, delay;

	start = napall(ms, 5);
	REQUIRE(start != SYSERR);
	CHECK(isempty(sleepq));
	CHECK(strcmp(order, want) == 0);
	for (i = 0; i < norder; i++) {
		delay = ms[order[i] - 'a'];
		CHECK(woke[i] - start >= delay);
		CHECK(woke[i] - start < delay + LATE);
	}
	return OK;
}

/* Sleepers with the same deadline wake in the order they went to
 * sleep.  Only a shared deadline fixes the order: if one sleeper is
 * readied a tick before the others and has not run yet when they are
 * readied, it yields to them (a readied process of equal priority runs
 * first, as in Xinu).  Under a loaded host a tick can fall between the
 * nappers going to sleep, so a round counts only when all four went to
 * sleep in the same tick, and there must be such rounds. */
TEST(sleep_equal_delays_fifo)
{
	static	const	int32	ms[] = { 20, 20, 20, 20 };
	int32	round, counted = 0;

	for (round = 0; round < 20 && counted < 3; round++) {
		REQUIRE(napall(ms, 4) != SYSERR);
		if (slept[0] == slept[3]) {
			counted++;
			CHECK(strcmp(order, "abcd") == 0);
		}
	}
	CHECK(counted > 0);
	return OK;
}

/* sleepms and sleep take at least the time asked for, and not a delay
 * more */
TEST(sleep_elapsed)
{
	uint64	start;
	uint32	took;

	start = clkms;
	CHECK(sleepms(50) == OK);
	took = (uint32)(clkms - start);
	CHECK(took >= 50 && took < 50 + LATE);

	start = clkms;
	CHECK(sleep(1) == OK);
	took = (uint32)(clkms - start);
	CHECK(took >= 1000 && took < 1000 + LATE);

	start = clkms;
	CHECK(sleep(0) == OK && sleepms(0) == OK);
	took = (uint32)(clkms - start);
	CHECK(took < LATE);
	CHECK(isempty(sleepq));
	return OK;
}

/*------------------------------------------------------------------------
 *  yielder  -  Child: record 'c', sleepms(0), record 'c' again
 *------------------------------------------------------------------------
 */
local	process	yielder(void)
{
	order[norder++] = 'c';
	sleepms(0);
	order[norder++] = 'c';
	return OK;
}

/* sleepms(0) and yield hand the CPU to a ready process of equal
 * priority and come back after it */
TEST(sleep_zero_yields)
{
	pid32	pid;

	norder = 0;
	pid = create(yielder, 1024, INITPRIO, "yielder", 0);
	REQUIRE(pid != SYSERR);
	resume(pid);			/* an equal: it runs first	*/
	order[norder++] = 't';
	sleepms(0);
	order[norder++] = 't';
	yield();			/* nobody else: goes on		*/
	order[norder] = NULLCH;
	CHECK(strcmp(order, "ctct") == 0);
	CHECK(recvtime(1000) == (umsg32)pid);
	return OK;
}
