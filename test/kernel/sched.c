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

#define	NTURNS	12		/* turns the round-robin test records	*/

local	char	turn[NTURNS + 1];	/* who had each turn		*/
local	uint32	turnstart[NTURNS];	/* clkms when it began		*/
local	int32	nturns;

/*------------------------------------------------------------------------
 *  spinner  -  Spin without yielding, noting each turn it gets, until
 *		NTURNS turns have been noted
 *------------------------------------------------------------------------
 */
local	process	spinner(char tag)
{
	intmask	mask;
	bool8	done = FALSE;

	while (!done) {
		mask = disable();	/* check and note as one step	*/
		if (nturns < NTURNS &&
		    (nturns == 0 || turn[nturns - 1] != tag)) {
			turn[nturns] = tag;
			turnstart[nturns] = (uint32)clkms;
			nturns++;
		}
		done = (nturns >= NTURNS);
		restore(mask);
	}
	return OK;
}

/* Processes of equal priority that never yield take turns of one
 * QUANTUM each, in the order they became ready.  A turn lasts exactly
 * QUANTUM ticks; a tick that comes between the switch and a spinner's
 * reading of clkms can move a noted start by one */
TEST(sched_round_robin)
{
	pid32	pid[3];
	int32	i, len;

	nturns = 0;
	for (i = 0; i < 3; i++) {
		pid[i] = create(spinner, 2048, 10, "spinner", 1, 'a' + i);
		REQUIRE(pid[i] != SYSERR);
		resume(pid[i]);		/* below us: ready, not running	*/
	}
	for (i = 0; i < 3; i++) {	/* they end in any order	*/
		CHECK(recvtime(5000) != (umsg32)TIMEOUT);
	}
	REQUIRE(nturns == NTURNS);
	turn[NTURNS] = NULLCH;
	CHECK(strcmp(turn, "abcabcabcabc") == 0);
	for (i = 1; i < NTURNS - 1; i++) {
		len = turnstart[i + 1] - turnstart[i];
		if (len < QUANTUM - 2 || len > QUANTUM + 2) {
			kprintf("turn %d lasted %d ms\n", i, len);
			CHECK(len >= QUANTUM - 2 && len <= QUANTUM + 2);
		}
	}
	return OK;
}

local	volatile bool8	stop;		/* set by the sleeper		*/
local	volatile uint32	spins;		/* loops of the low spinner	*/
local	int32	lowstate;	/* its state when the sleeper woke	*/
local	uint32	slept;		/* ms the sleeper slept			*/
local	uint32	spunat;		/* spins when the sleeper woke		*/

/*------------------------------------------------------------------------
 *  lowspin  -  Spin without yielding until 'stop' (or 2 s pass)
 *------------------------------------------------------------------------
 */
local	process	lowspin(void)
{
	uint64	giveup = clkms + 2000;

	while (!stop && clkms < giveup) {
		spins++;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  highsleep  -  Sleep 'ms', then look at the low spinner and stop it
 *------------------------------------------------------------------------
 */
local	process	highsleep(int32 ms, pid32 low)
{
	uint64	start = clkms;

	sleepms(ms);
	slept = (uint32)(clkms - start);
	lowstate = proctab[low].prstate;
	spunat = spins;
	stop = TRUE;
	return OK;
}

/* A sleeper of higher priority gets the CPU when it wakes, from a lower
 * process that spins without ever yielding */
TEST(sched_preempt_spinner)
{
	pid32	low, high;

	stop = FALSE;
	spins = 0;
	lowstate = -1;
	low = create(lowspin, 2048, 10, "lowspin", 0);
	high = create(highsleep, 2048, 30, "highsleep", 2, 30, low);
	REQUIRE(low != SYSERR && high != SYSERR);
	resume(high);			/* runs and sleeps		*/
	resume(low);			/* runs once we block		*/
	CHECK(recvtime(5000) == (umsg32)high);
	CHECK(recvtime(5000) == (umsg32)low);
	CHECK(lowstate == PR_READY);	/* it was preempted		*/
	CHECK(spunat > 0);		/* ... while it spun		*/
	CHECK(slept >= 30 && slept < 30 + 200);
	return OK;
}
