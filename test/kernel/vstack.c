/* vstack.c - tests of virtual stacks, guard pages and the VM process */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

local	volatile uint32	deepsum;
local	volatile int32	sibling_ticks;

local	process	deep(int32 kib)
{
	deepsum = recurse(kib);
	return OK;
}

local	process	sibling(int32 unused)
{
	(void)unused;
	for (;;) {
		sibling_ticks++;
		sleepms(1);
	}
	return OK;
}

/* Recursion inside the stack works; past it the process dies with
 * STACK_OVERFLOW, a sibling runs on, and the frames come back */
TEST(vstack_overflow_kills_only_the_process)
{
	struct	vmsnap	s;
	char	out[256], want[64];
	pid32	sib, pid;
	int32	ticks;

	vmsnap_take(&s);
	deepsum = 0;
	pid = vrun_wait(vcreate(deep, 64 * 1024, INITPRIO + 1, "deep", 1, 40));
	REQUIRE(pid != SYSERR);
	CHECK(deepsum == 41 * 240);		/* every frame intact	*/
	CHECK(vmsnap_same(&s));

	sib = vcreate(sibling, 8192, INITPRIO + 2, "sibling", 1, 0);
	resume(sib);
	kcapture(out, sizeof(out));
	deepsum = 0;
	pid = vrun_wait(vcreate(deep, 16 * 1024, INITPRIO + 1, "deeper", 1,
				100));
	kcapture(NULL, 0);
	REQUIRE(pid != SYSERR);
	sprintf(want, "P%d:: STACK_OVERFLOW\n", pid);
	CHECK(strstr(out, want) != NULL);
	CHECK(deepsum == 0);
	ticks = sibling_ticks;
	sleepms(20);
	CHECK(sibling_ticks > ticks);		/* the sibling goes on	*/
	CHECK(proctab[sib].prstate != PR_FREE);
	kill(sib);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));

	/* The freed stack frames are usable again */
	deepsum = 0;
	REQUIRE(vrun_wait(vcreate(deep, 64 * 1024, INITPRIO + 1, "again", 1,
				  40)) != SYSERR);
	CHECK(deepsum == 41 * 240);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* A big local array reaching into the guard page: the fault itself is
 * on the guard page, not a failed push */
local	process	bigframe(int32 unused)
{
	volatile char	buf[3 * PAGE_SIZE];

	(void)unused;
	buf[0] = 1;				/* lowest byte: guard	*/
	deepsum = buf[0];
	return OK;
}

TEST(vstack_guard_page_touch)
{
	char	out[256], want[64];
	pid32	pid;

	deepsum = 7;
	kcapture(out, sizeof(out));
	pid = vrun_wait(vcreate(bigframe, 2 * PAGE_SIZE, INITPRIO + 1, "big",
				1, 0));
	kcapture(NULL, 0);
	REQUIRE(pid != SYSERR);
	sprintf(want, "P%d:: STACK_OVERFLOW\n", pid);
	CHECK(strstr(out, want) != NULL);
	CHECK(deepsum == 7);
	CHECK(vm_audit() == OK);
	return OK;
}

/* Two processes on virtual stacks at the same addresses in different
 * directories ping-pong under preemption, checking their stacks */
#define	ROUNDS	3000
local	sid32	pingsem, pongsem;
local	pid32	ponger;
local	volatile int32	pingbad;

local	process	pingpong(int32 me)
{
	volatile uint32	mine[512];
	uint32	i, r, spin;

	for (i = 0; i < 512; i++) {
		mine[i] = me << 16 | i;
	}
	for (r = 0; r < ROUNDS; r++) {
		if (me == 1) {
			signal(pingsem);
			wait(pongsem);
			send(ponger, r);
		} else {
			wait(pingsem);
			signal(pongsem);
			pingbad += receive() != r;
		}
		for (spin = 0; spin < (r % 7) * 300; spin++) {
			;			/* let the clock preempt	*/
		}
		for (i = 0; i < 512; i += 31) {
			pingbad += mine[i] != (me << 16 | i);
		}
	}
	for (i = 0; i < 512; i++) {
		pingbad += mine[i] != (me << 16 | i);
	}
	return OK;
}

TEST(vstack_pingpong_under_preemption)
{
	struct	vmsnap	s;
	pid32	a, b;

	vmsnap_take(&s);
	pingbad = 0;
	pingsem = semcreate(0);
	pongsem = semcreate(0);
	a = vcreate(pingpong, 8192, INITPRIO, "ping", 1, 1);
	b = vcreate(pingpong, 8192, INITPRIO, "pong", 1, 2);
	REQUIRE(a != SYSERR && b != SYSERR);
	ponger = b;
	CHECK(proctab[a].prstkbase == proctab[b].prstkbase);
	resume(b);
	resume(a);
	receive();
	receive();
	CHECK(pingbad == 0);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	semdelete(pingsem);
	semdelete(pongsem);
	return OK;
}

/* getvirtualstack: a usable stack below the first, and its failures */
local	process	stacks(int32 unused)
{
	struct	vmsnap	s;
	char	*top, *top2;
	uint32	*w;
	struct	vmproc	*vm = proctab[getpid()].prvm;

	(void)unused;
	vmsnap_take(&s);
	CHECK(getvirtualstack(0) == (char *)SYSERR);
	CHECK(getvirtualstack(0xFFFFFFFF) == (char *)SYSERR);
	CHECK(getvirtualstack((MAX_VSTK_SIZE + 1) * PAGE_SIZE) ==
	      (char *)SYSERR);
	CHECK(vmsnap_same(&s));

	top = getvirtualstack(3 * PAGE_SIZE - 10);	/* 3 pages	*/
	REQUIRE(top != (char *)SYSERR);
	CHECK(((uint32)top & (PAGE_SIZE - 1)) == PAGE_SIZE - 4);
	CHECK(free_vstk_frames() == s.vstk - 3);
	CHECK(used_ffs_frames(getpid()) == 0);		/* not FFS	*/
	CHECK(free_ffs_pages() == s.ffs);
	for (w = (uint32 *)(top + 4) - 3 * 1024; w <= (uint32 *)top; w++) {
		CHECK(*w == 0);
		*w = (uint32)w;
	}
	top2 = getvirtualstack(PAGE_SIZE);
	CHECK(top2 == top - 4 * PAGE_SIZE);		/* guard between */
	CHECK(vm->stacktop == (uint32)top2 + 4 - 2 * PAGE_SIZE);
	CHECK(vm_audit() == OK);
	return OK;
}

TEST(vstack_getvirtualstack)
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	CHECK(getvirtualstack(PAGE_SIZE) == (char *)SYSERR);	/* system */
	CHECK(vmsnap_same(&s));
	REQUIRE(vrun(stacks, 0) != SYSERR);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* A fresh vcreate'd process uses no FFS frame, only stack frames */
TEST(vstack_vcreate_uses_stack_frames)
{
	struct	vmsnap	s;
	pid32	pid;

	vmsnap_take(&s);
	pid = vcreate(deep, 5 * PAGE_SIZE, INITPRIO, "idle", 1, 1);
	REQUIRE(pid != SYSERR);
	CHECK(free_vstk_frames() == s.vstk - 5);
	CHECK(free_ffs_pages() == s.ffs);
	CHECK(used_ffs_frames(pid) == 0);
	CHECK(vm_audit() == OK);
	kill(pid);
	CHECK(vmsnap_same(&s));

	/* vcreate fails cleanly when the stack area cannot hold it */
	CHECK(vcreate(deep, (MAX_VSTK_SIZE + 1) * PAGE_SIZE, INITPRIO, "huge",
		      1, 1) == SYSERR);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* Many processes call vmm at once; they are served in arrival order */
#define	NCALLERS	8
local	char	*served[NCALLERS];
local	int32	order[NCALLERS], norder;

local	process	caller(int32 n)
{
	served[n] = vmalloc((n + 1) * PAGE_SIZE);
	order[norder++] = n;
	return OK;
}

TEST(vmm_serves_callers_in_order)
{
	struct	vmsnap	s;
	pid32	pids[NCALLERS];
	int32	i;

	vmsnap_take(&s);
	norder = 0;
	CHECK(proctab[vmmpid].prstate != PR_FREE);
	CHECK(strcmp(proctab[vmmpid].prname, "vmm") == 0);
	for (i = 0; i < NCALLERS; i++) {
		pids[i] = vcreate(caller, 8192, INITPRIO + 1, "caller", 1, i);
		REQUIRE(pids[i] != SYSERR);
	}
	/* resume them all before any runs, then let them go together */
	chprio(getpid(), INITPRIO + 5);
	for (i = 0; i < NCALLERS; i++) {
		resume(pids[i]);
	}
	chprio(getpid(), INITPRIO);
	for (i = 0; i < NCALLERS; i++) {
		receive();
	}
	for (i = 0; i < NCALLERS; i++) {
		CHECK(served[i] == (char *)VHEAP_START);
		CHECK(order[i] == i);
	}
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* Killing a process that waits for vmm leaks nothing: the test holds
 * vmm off (a higher priority) while the caller queues up */
TEST(vmm_kill_waiting_caller)
{
	struct	vmsnap	s;
	pid32	pid;

	vmsnap_take(&s);
	chprio(vmmpid, INITPRIO - 5);		/* vmm waits for us	*/
	pid = vcreate(caller, 8192, INITPRIO - 1, "victim", 1, 0);
	REQUIRE(pid != SYSERR);
	resume(pid);
	chprio(getpid(), INITPRIO - 2);		/* caller runs, queues	*/
	chprio(getpid(), INITPRIO);
	CHECK(proctab[pid].prstate == PR_VMWAIT);
	CHECK(kill(pid) == OK);
	chprio(vmmpid, VMM_PRIO);		/* vmm finds no one	*/
	sleepms(5);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* The double-fault task serves overflow after overflow in one boot */
TEST(vstack_repeated_overflows)
{
	struct	vmsnap	s;
	char	out[512], want[64];
	pid32	pid;
	int32	i;

	vmsnap_take(&s);
	for (i = 0; i < 5; i++) {
		kcapture(out, sizeof(out));
		pid = vrun_wait(vcreate(deep, 8 * 1024, INITPRIO + 1, "deeper",
					1, 100));
		kcapture(NULL, 0);
		REQUIRE(pid != SYSERR);
		sprintf(want, "P%d:: STACK_OVERFLOW\n", pid);
		CHECK(strstr(out, want) != NULL);
		CHECK(vmsnap_same(&s));
	}
	CHECK(vm_audit() == OK);
	return OK;
}
