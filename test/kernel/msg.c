/* msg.c - tests of messages and of the notes of ended children */

#include <xinu.h>

#define	LATE	200		/* ms a wake-up may lag, at most	*/
#define	NCHILD	20		/* children in the death-note test	*/

local	umsg32	got;		/* what the child received		*/
local	int32	gotstate;	/* the child's state before the send	*/

/*------------------------------------------------------------------------
 *  getone  -  Child: receive one message (or wait at most 'ms' for it,
 *	       if positive) into 'got'
 *------------------------------------------------------------------------
 */
local	process	getone(int32 ms)
{
	got = (ms > 0) ? recvtime(ms) : receive();
	return OK;
}

/* send wakes a receiver, which gets the message */
TEST(msg_send_receive)
{
	pid32	pid;

	got = 0;
	pid = create(getone, 1024, 30, "getone", 1, 0);
	REQUIRE(pid != SYSERR);
	resume(pid);
	CHECK(proctab[pid].prstate == PR_RECV);
	CHECK(send(pid, 0xabcd1234) == OK);
	CHECK(got == 0xabcd1234);
	CHECK(recvtime(1000) == (umsg32)pid);
	return OK;
}

/* A second send to a full slot fails and leaves the first message */
TEST(msg_slot_full)
{
	pid32	pid;

	got = 0;
	pid = create(getone, 1024, 30, "getone", 1, 0);
	REQUIRE(pid != SYSERR);
	CHECK(send(pid, 111) == OK);	/* it is suspended: slot only	*/
	CHECK(send(pid, 222) == SYSERR);
	CHECK(proctab[pid].prhasmsg && proctab[pid].prmsg == 111);
	resume(pid);			/* takes it without blocking	*/
	CHECK(got == 111);
	CHECK(recvtime(1000) == (umsg32)pid);

	CHECK(send(getpid(), 7) == OK);	/* the same for our own slot	*/
	CHECK(send(getpid(), 8) == SYSERR);
	CHECK(receive() == 7);
	CHECK(!proctab[getpid()].prhasmsg);
	return OK;
}

/* recvclr takes a waiting message without blocking, or returns OK */
TEST(msg_recvclr)
{
	CHECK(recvclr() == OK);
	CHECK(send(getpid(), 42) == OK);
	CHECK(recvclr() == 42);
	CHECK(recvclr() == OK);
	CHECK(!proctab[getpid()].prhasmsg);
	CHECK(send(getpid(), 43) == OK);	/* the slot is free again */
	CHECK(recvclr() == 43);
	return OK;
}

/* recvtime returns TIMEOUT after its time when nothing comes, and
 * leaves the sleep list clean */
TEST(msg_recvtime_timeout)
{
	uint64	start;
	uint32	took;

	start = clkms;
	CHECK(recvtime(30) == (umsg32)TIMEOUT);
	took = (uint32)(clkms - start);
	CHECK(took >= 30 && took < 30 + LATE);
	CHECK(isempty(sleepq));
	CHECK(proctab[getpid()].prstate == PR_CURR);

	CHECK(send(getpid(), 5) == OK);	/* waiting message: at once	*/
	start = clkms;
	CHECK(recvtime(1000) == 5);
	CHECK(clkms - start < LATE);
	return OK;
}

/*------------------------------------------------------------------------
 *  sendlater  -  Child: sleep 'ms', note the receiver's state, send it
 *		  'msg'
 *------------------------------------------------------------------------
 */
local	process	sendlater(int32 ms, pid32 to, umsg32 msg)
{
	sleepms(ms);
	gotstate = proctab[to].prstate;
	send(to, msg);
	return OK;
}

/* A message that comes before the time is up ends recvtime early and
 * takes the receiver off the sleep list */
TEST(msg_recvtime_message)
{
	pid32	pid;
	uint64	start;
	uint32	took;

	pid = create(sendlater, 1024, 30, "sendlater", 3, 20, getpid(), 99);
	REQUIRE(pid != SYSERR);
	resume(pid);
	start = clkms;
	CHECK(recvtime(5000) == 99);
	took = (uint32)(clkms - start);
	CHECK(took < 20 + LATE);
	CHECK(gotstate == PR_RECTIM);
	CHECK(isempty(sleepq));		/* not left sleeping 5 s	*/
	CHECK(recvtime(1000) == (umsg32)pid);
	return OK;
}

/*------------------------------------------------------------------------
 *  quick  -  Child: end at once
 *------------------------------------------------------------------------
 */
local	process	quick(void)
{
	return OK;
}

/* Children that all end before their parent receives are all reported,
 * one receive each, in the order they ended */
TEST(msg_child_notes)
{
	pid32	pid[NCHILD];
	int32	i;

	for (i = 0; i < NCHILD; i++) {
		pid[i] = create(quick, 1024, 30, "quick", 0);
		REQUIRE(pid[i] != SYSERR);
		resume(pid[i]);		/* runs and ends at once	*/
		CHECK(proctab[pid[i]].prstate == PR_FREE);
	}
	for (i = 0; i < NCHILD; i++) {
		REQUIRE(proctab[getpid()].prhasmsg);	/* no blocking	*/
		CHECK(receive() == (umsg32)pid[i]);
	}
	CHECK(recvclr() == OK);		/* no more			*/
	return OK;
}

/* recvclr leaves nothing pending: it returns the message in the slot
 * (the first child's note) and drops the notes kept behind it, so a
 * later receive waits and recvclr finds nothing */
TEST(msg_recvclr_drops_child_notes)
{
	pid32	pid[5];
	int32	i;

	for (i = 0; i < 5; i++) {
		pid[i] = create(quick, 1024, 30, "quick", 0);
		REQUIRE(pid[i] != SYSERR);
		resume(pid[i]);
		CHECK(proctab[pid[i]].prstate == PR_FREE);
	}
	CHECK(recvclr() == (umsg32)pid[0]);
	CHECK(!proctab[getpid()].prhasmsg);
	CHECK(recvtime(50) == (umsg32)TIMEOUT);
	CHECK(recvclr() == OK);

	pid[0] = create(quick, 1024, 30, "quick", 0);	/* notes work on */
	REQUIRE(pid[0] != SYSERR);
	resume(pid[0]);
	CHECK(recvtime(1000) == (umsg32)pid[0]);
	CHECK(recvclr() == OK);
	return OK;
}
