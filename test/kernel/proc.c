/* proc.c - tests of create, resume, suspend, chprio, kill and exit */

#include <xinu.h>

/*
 * The test body runs at INITPRIO (20).  A child created at a higher
 * priority runs as soon as it is resumed and the body goes on only when
 * the child blocks or ends; a child at a lower priority stays ready
 * until the body blocks.  The kill tests bring a child into one state
 * each, kill it and check that it left no trace: its table entry is
 * free, it is on no queue, its stack is back on the free list and its
 * parent got its pid.
 */

#define	NOTEWAIT	1000	/* ms to wait for a note that is due	*/

local	int32	trace[8];	/* what the children saw or did		*/
local	int32	ntrace;

/*------------------------------------------------------------------------
 *  onqueue  -  Whether process 'pid' is on queue 'q'
 *------------------------------------------------------------------------
 */
local	bool8	onqueue(pid32 pid, qid16 q)
{
	intmask	mask;
	qid16	curr;
	bool8	found = FALSE;

	mask = disable();
	for (curr = firstid(q); curr != queuetail(q);
	     curr = queuetab[curr].qnext) {
		if (curr == pid) {
			found = TRUE;
		}
	}
	restore(mask);
	return found;
}

/*------------------------------------------------------------------------
 *  gone  -  Whether 'pid' has ended cleanly: entry free, on no queue,
 *	     the heap back at 'freebefore' bytes, its parent (the test)
 *	     told
 *------------------------------------------------------------------------
 */
local	bool8	gone(pid32 pid, uint32 freebefore)
{
	bool8	ok = TRUE;

	if (proctab[pid].prstate != PR_FREE) {
		kprintf("process %d is in state %d\n", pid,
			proctab[pid].prstate);
		ok = FALSE;
	}
	if (onqueue(pid, readylist) || onqueue(pid, sleepq)) {
		kprintf("process %d is still queued\n", pid);
		ok = FALSE;
	}
	if (memlist.mlength != freebefore) {
		kprintf("free heap %d bytes, was %d\n", memlist.mlength,
			freebefore);
		ok = FALSE;
	}
	if (recvtime(NOTEWAIT) != (umsg32)pid) {
		kprintf("the parent was not told that %d ended\n", pid);
		ok = FALSE;
	}
	return ok;
}

/*------------------------------------------------------------------------
 *  record  -  Child: append 'v' to the trace and end
 *------------------------------------------------------------------------
 */
local	process	record(int32 v)
{
	trace[ntrace++] = v;
	return OK;
}

/*------------------------------------------------------------------------
 *  sum3  -  Child: record the sum of its three arguments
 *------------------------------------------------------------------------
 */
local	process	sum3(int32 a, int32 b, int32 c)
{
	trace[ntrace++] = a + b + c;
	return OK;
}

/* create makes a suspended process with the given attributes; resume
 * returns its priority and runs it; its arguments arrive intact */
TEST(proc_create_resume)
{
	pid32	pid;
	uint32	freebefore = memlist.mlength;

	ntrace = 0;
	pid = create(sum3, 2048, 30, "sum3-with-a-long-name", 3, 100, 20, 3);
	REQUIRE(pid != SYSERR);
	CHECK(proctab[pid].prstate == PR_SUSP);
	CHECK(proctab[pid].prprio == 30);
	CHECK(proctab[pid].prparent == getpid());
	CHECK(strcmp(proctab[pid].prname, "sum3-with-a-lon") == 0);
	CHECK(getprio(pid) == 30);
	CHECK(memlist.mlength == freebefore - 2 * PAGE_SIZE);	/* + guard */
	CHECK(ntrace == 0);
	CHECK(resume(pid) == 30);
	CHECK(ntrace == 1 && trace[0] == 123);
	CHECK(gone(pid, freebefore));
	return OK;
}

/*------------------------------------------------------------------------
 *  selfsuspend  -  Child: record 1, suspend itself, record 2 when resumed
 *------------------------------------------------------------------------
 */
local	process	selfsuspend(void)
{
	trace[ntrace++] = 1;
	suspend(getpid());
	trace[ntrace++] = 2;
	return OK;
}

/* suspend takes a ready process off the ready list and stops a running
 * one; resume makes either go on where it stopped */
TEST(proc_suspend_resume)
{
	pid32	low, high;
	uint32	freebefore = memlist.mlength;

	ntrace = 0;
	low = create(record, 1024, 10, "low", 1, 7);
	REQUIRE(low != SYSERR);
	resume(low);
	CHECK(proctab[low].prstate == PR_READY && onqueue(low, readylist));
	CHECK(suspend(low) == 10);
	CHECK(proctab[low].prstate == PR_SUSP && !onqueue(low, readylist));
	sleepms(5);			/* it would run now if ready	*/
	CHECK(ntrace == 0);

	high = create(selfsuspend, 1024, 30, "high", 0);
	REQUIRE(high != SYSERR);
	resume(high);
	CHECK(ntrace == 1 && proctab[high].prstate == PR_SUSP);
	resume(high);
	CHECK(ntrace == 2 && trace[1] == 2);
	CHECK(recvtime(NOTEWAIT) == (umsg32)high);

	resume(low);			/* ready, below us		*/
	CHECK(ntrace == 2);
	sleepms(5);
	CHECK(ntrace == 3 && trace[2] == 7);
	CHECK(gone(low, freebefore));
	return OK;
}

/* chprio moves a ready process in the ready list and preempts the
 * caller when it lowers itself below a ready process */
TEST(proc_chprio)
{
	pid32	a, b;

	ntrace = 0;
	a = create(record, 1024, 10, "a", 1, 'a');
	b = create(record, 1024, 10, "b", 1, 'b');
	REQUIRE(a != SYSERR && b != SYSERR);
	resume(a);
	resume(b);
	CHECK(chprio(b, 15) == 10);	/* b now goes before a		*/
	CHECK(getprio(b) == 15);
	CHECK(ntrace == 0);
	CHECK(chprio(getpid(), 12) == INITPRIO);	/* b runs now	*/
	CHECK(ntrace == 1 && trace[0] == 'b');
	CHECK(chprio(getpid(), 5) == 12);		/* and a	*/
	CHECK(ntrace == 2 && trace[1] == 'a');
	chprio(getpid(), INITPRIO);
	return OK;
}

/*------------------------------------------------------------------------
 *  sleeper  -  Child: sleep 'ms', then record the time it woke
 *------------------------------------------------------------------------
 */
local	process	sleeper(int32 ms)
{
	sleepms(ms);
	trace[ntrace++] = (int32)clkms;
	return OK;
}

/*------------------------------------------------------------------------
 *  waiter  -  Child: wait on semaphore 'sem', then record 1
 *------------------------------------------------------------------------
 */
local	process	waiter(sid32 sem)
{
	wait(sem);
	trace[ntrace++] = 1;
	return OK;
}

/*------------------------------------------------------------------------
 *  receiver  -  Child: receive a message (or wait 'ms' for one, if
 *		 positive) and record it
 *------------------------------------------------------------------------
 */
local	process	receiver(int32 ms)
{
	trace[ntrace++] = (int32)(ms > 0 ? recvtime(ms) : receive());
	return OK;
}

/* Killing a ready process takes it off the ready list before it runs */
TEST(kill_ready)
{
	pid32	pid;
	uint32	freebefore = memlist.mlength;

	ntrace = 0;
	pid = create(record, 1024, 10, "ready", 1, 1);
	REQUIRE(pid != SYSERR);
	resume(pid);
	CHECK(proctab[pid].prstate == PR_READY);
	CHECK(kill(pid) == OK);
	CHECK(gone(pid, freebefore));
	sleepms(5);
	CHECK(ntrace == 0);
	return OK;
}

/* Killing a sleeper takes it off the sleep list and gives its delay to
 * the next sleeper, which still wakes on time */
TEST(kill_sleeping)
{
	pid32	a, b;
	uint32	freebefore = memlist.mlength;
	int32	start;

	ntrace = 0;
	start = (int32)clkms;
	a = create(sleeper, 1024, 30, "a", 1, 100);
	b = create(sleeper, 1024, 30, "b", 1, 200);
	REQUIRE(a != SYSERR && b != SYSERR);
	resume(a);
	resume(b);
	CHECK(proctab[a].prstate == PR_SLEEP && onqueue(a, sleepq));
	CHECK(kill(a) == OK);
	CHECK(recvtime(NOTEWAIT) == (umsg32)a);
	CHECK(proctab[a].prstate == PR_FREE && !onqueue(a, sleepq));
	CHECK(recvtime(NOTEWAIT) == (umsg32)b);
	CHECK(memlist.mlength == freebefore);
	REQUIRE(ntrace == 1);
	CHECK(trace[0] - start >= 200);
	CHECK(trace[0] - start < 300);	/* not 200 late nor early	*/
	return OK;
}

/* Killing a process that waits on a semaphore gives back its count */
TEST(kill_waiting)
{
	pid32	pid;
	sid32	sem;
	uint32	freebefore;

	ntrace = 0;
	sem = semcreate(0);
	REQUIRE(sem != SYSERR);
	freebefore = memlist.mlength;
	pid = create(waiter, 1024, 30, "waiter", 1, sem);
	REQUIRE(pid != SYSERR);
	resume(pid);
	CHECK(proctab[pid].prstate == PR_WAIT && proctab[pid].prsem == sem);
	CHECK(semcount(sem) == -1);
	CHECK(kill(pid) == OK);
	CHECK(semcount(sem) == 0);
	CHECK(isempty(semtab[sem].squeue));
	CHECK(gone(pid, freebefore));
	CHECK(signal(sem) == OK && semcount(sem) == 1);
	CHECK(ntrace == 0);
	semdelete(sem);
	return OK;
}

/* Killing a receiver: a later send to it fails */
TEST(kill_receiving)
{
	pid32	pid;
	uint32	freebefore = memlist.mlength;

	ntrace = 0;
	pid = create(receiver, 1024, 30, "receiver", 1, 0);
	REQUIRE(pid != SYSERR);
	resume(pid);
	CHECK(proctab[pid].prstate == PR_RECV);
	CHECK(kill(pid) == OK);
	CHECK(gone(pid, freebefore));
	CHECK(send(pid, 5) == SYSERR);
	CHECK(ntrace == 0);
	return OK;
}

/* Killing a process in recvtime takes it off the sleep list */
TEST(kill_recvtime)
{
	pid32	pid;
	uint32	freebefore = memlist.mlength;

	ntrace = 0;
	pid = create(receiver, 1024, 30, "recvtime", 1, 10000);
	REQUIRE(pid != SYSERR);
	resume(pid);
	CHECK(proctab[pid].prstate == PR_RECTIM && onqueue(pid, sleepq));
	CHECK(kill(pid) == OK);
	CHECK(gone(pid, freebefore));
	CHECK(isempty(sleepq));
	CHECK(ntrace == 0);
	return OK;
}

/* Killing a suspended process that never ran */
TEST(kill_suspended)
{
	pid32	pid;
	uint32	freebefore = memlist.mlength;

	ntrace = 0;
	pid = create(record, 1024, 30, "suspended", 1, 1);
	REQUIRE(pid != SYSERR);
	CHECK(kill(pid) == OK);
	CHECK(gone(pid, freebefore));
	CHECK(resume(pid) == SYSERR);
	CHECK(ntrace == 0);
	return OK;
}

/*------------------------------------------------------------------------
 *  suicide  -  Child: end itself with kill (how == 0) or exit; record
 *		what must never happen
 *------------------------------------------------------------------------
 */
local	process	suicide(int32 how)
{
	trace[ntrace++] = 1;
	if (how == 0) {
		kill(getpid());
	} else {
		exit();
	}
	trace[ntrace++] = 2;		/* not reached			*/
	return OK;
}

/* A process that kills itself or calls exit stops at once */
TEST(kill_current)
{
	pid32	pid;
	int32	how;
	uint32	freebefore = memlist.mlength;

	for (how = 0; how < 2; how++) {
		ntrace = 0;
		pid = create(suicide, 1024, 30, "suicide", 1, how);
		REQUIRE(pid != SYSERR);
		resume(pid);
		CHECK(ntrace == 1);
		CHECK(gone(pid, freebefore));
	}
	return OK;
}

local	pid32	child;		/* the child of 'parent'		*/
local	int32	seenstate;	/* its state when the parent was told	*/
local	uint32	seenfree;	/* free heap then			*/
local	uint32	childfree;	/* free heap before it was created	*/

/*------------------------------------------------------------------------
 *  parent  -  Child: make a ready child of its own, then wait for the
 *	       note that it ended and look at it
 *------------------------------------------------------------------------
 */
local	process	parent(void)
{
	childfree = memlist.mlength;
	child = create(record, 1024, 10, "child", 1, 1);
	resume(child);
	if (receive() == (umsg32)child) {
		seenstate = proctab[child].prstate;
		seenfree = memlist.mlength;
	}
	return OK;
}

/* A parent other than the killer hears of the death only when the child
 * is wholly gone: its entry free and its stack freed */
TEST(kill_parent_told)
{
	pid32	pid;

	seenstate = -1;
	pid = create(parent, 2048, 30, "parent", 0);
	REQUIRE(pid != SYSERR);
	resume(pid);
	REQUIRE(proctab[pid].prstate == PR_RECV);
	REQUIRE(proctab[child].prstate == PR_READY);
	CHECK(kill(child) == OK);
	CHECK(recvtime(NOTEWAIT) == (umsg32)pid);
	CHECK(seenstate == PR_FREE);
	CHECK(seenfree == childfree);
	return OK;
}

/*------------------------------------------------------------------------
 *  deep  -  Recurse 'depth' levels, writing every byte of a 256-byte
 *	     frame each; 'up' is the caller's frame, read so the frames
 *	     cannot be folded
 *------------------------------------------------------------------------
 */
local	__attribute__((noinline)) int32	deep(int32 depth,
						 volatile char *up)
{
	volatile char	pad[256];
	uint32	i;

	for (i = 0; i < sizeof(pad); i++) {
		pad[i] = up[0] + 1;
	}
	if (depth > 0) {
		deep(depth - 1, pad);
	}
	return pad[0] + pad[255];
}

/*------------------------------------------------------------------------
 *  recurse  -  Child: recurse 'depth' levels twice, then end.  A frame
 *		may hold a padding word that is never written; the second
 *		descent starts a few words lower, so every word the frames
 *		cover is written by one of the two (whatever word holds
 *		the stack's magic value is overwritten)
 *------------------------------------------------------------------------
 */
local	process	recurse(int32 depth)
{
	volatile char	start = 0;
	volatile char	*lower;

	deep(depth, &start);
	lower = __builtin_alloca(16);
	lower[0] = 0;
	deep(depth, lower);
	return OK;
}

/* A process that runs off its stack pages into the guard page is killed
 * with exactly "P<pid>:: STACK_OVERFLOW"; one that used more than the
 * size it asked for but kept inside its own (whole) stack pages overran
 * nothing and is not named: create(f, 1024, ...) with a locked printf
 * is a course idiom (Xinu has no such report) */
TEST(proc_stack_overflow)
{
	static	char	out[512];
	char	want[32];
	pid32	small, big, inpage;

	kcapture(out, sizeof(out));
	small = create(recurse, 1024, 30, "overrun", 1, 16);
	REQUIRE(small != SYSERR);
	resume(small);			/* uses about 4.5 KiB		*/
	big = create(recurse, 16384, 30, "fits", 1, 16);
	REQUIRE(big != SYSERR);
	resume(big);
	inpage = create(recurse, 1024, 30, "inpage", 1, 4);
	REQUIRE(inpage != SYSERR);
	resume(inpage);			/* about 1.5 KiB of its 4 KiB	*/
	kcapture(NULL, 0);
	CHECK(recvtime(NOTEWAIT) == (umsg32)small);
	CHECK(recvtime(NOTEWAIT) == (umsg32)big);
	CHECK(recvtime(NOTEWAIT) == (umsg32)inpage);
	sprintf(want, "P%d:: STACK_OVERFLOW\n", small);
	CHECK(strstr(out, want) != NULL);
	sprintf(want, "P%d:: STACK_OVERFLOW", big);
	CHECK(strstr(out, want) == NULL);
	sprintf(want, "P%d:: ", inpage);
	CHECK(strstr(out, want) == NULL);
	return OK;
}

/* A process that divides by zero is killed with a register dump; the
 * system runs on */
local	volatile int32	divisor;

local	process	divzero(void)
{
	divisor = 10 / divisor;
	return OK;
}

TEST(proc_exception_kills_only_the_process)
{
	char	out[1024], want[64];
	pid32	pid;

	divisor = 0;
	pid = create(divzero, 4096, INITPRIO + 1, "divzero", 0);
	REQUIRE(pid != SYSERR);
	kcapture(out, sizeof(out));
	resume(pid);
	kcapture(NULL, 0);
	sprintf(want, "P%d:: killed by divide error in divzero\n", pid);
	CHECK(strstr(out, want) != NULL);
	CHECK(strstr(out, "EIP 0x") != NULL);
	CHECK(proctab[pid].prstate == PR_FREE);
	CHECK(receive() == (umsg32)pid);
	return OK;
}

/* A NULL pointer in a system process kills it, with the dump */
local	process	nullsys(void)
{
	divisor = *(volatile int32 *)0;
	return OK;
}

TEST(proc_null_pointer_kills_system_process)
{
	char	out[1024], want[64];
	pid32	pid;

	pid = create(nullsys, 4096, INITPRIO + 1, "nullsys", 0);
	REQUIRE(pid != SYSERR);
	kcapture(out, sizeof(out));
	resume(pid);
	kcapture(NULL, 0);
	sprintf(want, "P%d:: killed by page fault at 0x0 in nullsys\n", pid);
	CHECK(strstr(out, want) != NULL);
	CHECK(strstr(out, "CR2 0x00000000") != NULL);
	CHECK(receive() == (umsg32)pid);
	return OK;
}
