/* sem.c - tests of semaphores */

#include <xinu.h>

/*
 * Waiters run at a higher priority than the test, so a waiter that is
 * released runs at once and the test sees its mark on return from the
 * call that released it.
 */

#define	NWAITERS	5

local	int32	released[NWAITERS];	/* waiter i got past wait	*/
local	int32	waitret[NWAITERS];	/* and what wait returned	*/
local	char	runorder[NWAITERS + 1];
local	int32	nrun;

/*------------------------------------------------------------------------
 *  semwaiter  -  Child: wait on 'sem', then record that 'i' got through
 *------------------------------------------------------------------------
 */
local	process	semwaiter(sid32 sem, int32 i)
{
	waitret[i] = wait(sem);
	released[i] = TRUE;
	runorder[nrun++] = '0' + i;
	return OK;
}

/*------------------------------------------------------------------------
 *  startwaiters  -  Start 'n' waiters on 'sem' (priorities from 'prio'),
 *		     in order 0..n-1; each blocks; returns their pids
 *------------------------------------------------------------------------
 */
local	status	startwaiters(sid32 sem, int32 n, const pri16 *prio,
			     pid32 *pid)
{
	int32	i;

	nrun = 0;
	for (i = 0; i < n; i++) {
		released[i] = FALSE;
		waitret[i] = 0;
		pid[i] = create(semwaiter, 1024, prio[i], "waiter", 2, sem, i);
		if (pid[i] == SYSERR) {
			return SYSERR;
		}
		resume(pid[i]);
		if (proctab[pid[i]].prstate != PR_WAIT ||
		    proctab[pid[i]].prsem != sem) {
			return SYSERR;
		}
	}
	return OK;
}

local	const	pri16	same[NWAITERS] = { 30, 30, 30, 30, 30 };

/* wait blocks while the count is zero; signal releases the waiter */
TEST(sem_wait_blocks)
{
	sid32	sem;
	pid32	pid[1];

	sem = semcreate(0);
	REQUIRE(sem != SYSERR);
	REQUIRE(startwaiters(sem, 1, same, pid) == OK);
	CHECK(semcount(sem) == -1);
	sleepms(20);			/* nothing wakes it but signal	*/
	CHECK(proctab[pid[0]].prstate == PR_WAIT && !released[0]);
	CHECK(signal(sem) == OK);
	CHECK(released[0] && waitret[0] == OK);
	CHECK(semcount(sem) == 0);
	CHECK(recvtime(1000) == (umsg32)pid[0]);

	CHECK(signal(sem) == OK && semcount(sem) == 1);
	CHECK(wait(sem) == OK && semcount(sem) == 0);	/* no block	*/
	CHECK(semdelete(sem) == OK);
	return OK;
}

/* signaln(n) releases exactly n waiters, those that waited longest
 * (waiting is first come, first served, whatever the priorities) */
TEST(sem_signaln)
{
	static	const	pri16	prio[NWAITERS] = { 25, 35, 30, 40, 28 };
	sid32	sem;
	pid32	pid[NWAITERS];
	int32	i;

	sem = semcreate(0);
	REQUIRE(sem != SYSERR);
	REQUIRE(startwaiters(sem, NWAITERS, prio, pid) == OK);
	CHECK(semcount(sem) == -NWAITERS);
	CHECK(signaln(sem, 3) == OK);
	CHECK(semcount(sem) == -2);
	for (i = 0; i < NWAITERS; i++) {
		CHECK(released[i] == (i < 3));
	}
	runorder[nrun] = NULLCH;
	CHECK(strcmp(runorder, "120") == 0);	/* by priority		*/
	CHECK(proctab[pid[3]].prstate == PR_WAIT);
	CHECK(signaln(sem, 4) == OK);
	CHECK(released[3] && released[4]);
	CHECK(semcount(sem) == 2);
	CHECK(semdelete(sem) == OK);
	return OK;
}

/* semdelete makes every waiter ready and the id invalid */
TEST(sem_delete)
{
	sid32	sem;
	pid32	pid[3];
	int32	i;

	sem = semcreate(0);
	REQUIRE(sem != SYSERR);
	REQUIRE(startwaiters(sem, 3, same, pid) == OK);
	CHECK(semdelete(sem) == OK);
	for (i = 0; i < 3; i++) {
		CHECK(released[i]);
		CHECK(recvtime(1000) == (umsg32)pid[i]);
	}
	CHECK(semtab[sem].sstate == S_FREE);
	CHECK(isempty(semtab[sem].squeue));
	CHECK(semcount(sem) == SYSERR);
	CHECK(signal(sem) == SYSERR);
	CHECK(signaln(sem, 1) == SYSERR);
	CHECK(wait(sem) == SYSERR);
	CHECK(semreset(sem, 0) == SYSERR);
	CHECK(semdelete(sem) == SYSERR);
	return OK;
}

/* semreset releases every waiter and sets the count */
TEST(sem_reset)
{
	sid32	sem;
	pid32	pid[2];

	sem = semcreate(0);
	REQUIRE(sem != SYSERR);
	REQUIRE(startwaiters(sem, 2, same, pid) == OK);
	CHECK(semreset(sem, 5) == OK);
	CHECK(released[0] && released[1]);
	CHECK(isempty(semtab[sem].squeue));
	CHECK(semcount(sem) == 5);
	CHECK(semreset(sem, 0) == OK && semcount(sem) == 0);
	CHECK(semdelete(sem) == OK);
	return OK;
}

/* semcount follows wait and signal; it is minus the number of waiters
 * when there are any */
TEST(sem_count)
{
	sid32	sem;
	pid32	pid[2];

	sem = semcreate(3);
	REQUIRE(sem != SYSERR);
	CHECK(semcount(sem) == 3);
	CHECK(wait(sem) == OK && semcount(sem) == 2);
	CHECK(signal(sem) == OK && semcount(sem) == 3);
	CHECK(signaln(sem, 4) == OK && semcount(sem) == 7);
	CHECK(semreset(sem, 0) == OK);
	REQUIRE(startwaiters(sem, 2, same, pid) == OK);
	CHECK(semcount(sem) == -2);
	CHECK(signal(sem) == OK && semcount(sem) == -1);
	CHECK(signal(sem) == OK && semcount(sem) == 0);
	CHECK(semdelete(sem) == OK);
	return OK;
}
