/* vmmcall.c - tests of the caller/vmm protocol at any priorities */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

/*
 * A VM call must not return before vmm has served it, whatever vmm's
 * priority is next to the caller's: above (vmm runs at once), equal
 * (round robin) or below (vmm runs only once the caller blocks).
 */

#define	PAIRS		50		/* vmalloc/vfree pairs per case	*/
#define	NWORKERS	8		/* concurrent faulters		*/
#define	NSEEDS		20
#define	STEPS		20		/* priority changes and kills	*/

local	volatile int32	bad;		/* failed calls or bad words	*/
local	volatile uint32	rounds;		/* worker rounds completed	*/
local	volatile uint32	checked;	/* page touches checked		*/
local	volatile bool8	stop;		/* workers end after this round	*/

/*------------------------------------------------------------------------
 *  pairs  -  vmalloc/vfree pairs: each gets the lowest heap page back
 *	      (next fit: the pages after the previous pair's)
 *------------------------------------------------------------------------
 */
local	process	pairs(int32 npages)
{
	char	*p;
	int32	i;

	for (i = 0; i < PAIRS; i++) {
		p = vmalloc(npages * PAGE_SIZE);
		bad += p != PAGE((char *)VHEAP_START,
				 VHEAP_NEXTFIT ? i * npages : 0);
		if (p == (char *)SYSERR) {
			continue;
		}
		vm_write(PAGE(p, npages - 1), i);
		bad += vm_read(PAGE(p, npages - 1)) != (uint32)i;
		bad += vfree(p, npages * PAGE_SIZE) != OK;
		bad += allocated_virtual_pages(getpid()) != VHEAP_FIRST;
	}
	return OK;
}

TEST(vmm_calls_complete_at_any_priority)
{
	static	const	int32	vmmprio[] = { INITPRIO + 5, INITPRIO + 1,
					      INITPRIO - 3, INITPRIO - 1 };
	struct	vmsnap	s;
	pri16	old;
	uint32	i;

	vmsnap_take(&s);
	old = chprio(vmmpid, VMM_PRIO);
	/* The caller runs at INITPRIO + 1: vmm above, equal, below */
	for (i = 0; i < sizeof(vmmprio) / sizeof(vmmprio[0]); i++) {
		bad = 0;
		chprio(vmmpid, vmmprio[i]);
		REQUIRE(vrun(pairs, 1 + i) != SYSERR);
		CHECK(bad == 0);
		CHECK(vm_audit() == OK);
		CHECK(vmsnap_same(&s));
		if (test_failures > 0) {
			kprintf("vmm at priority %d: %d bad calls\n",
				vmmprio[i], bad);
			break;
		}
	}
	chprio(vmmpid, old);
	return OK;
}

/*------------------------------------------------------------------------
 *  faulter  -  Until told to stop: reserve a few pages, fault them in
 *		(FFS is small, so this swaps), check them, free them
 *------------------------------------------------------------------------
 */
local	process	faulter(int32 n)
{
	uint32	tag = (uint32)getpid() << 24, r, i, np;
	char	*p;

	for (r = 0; !stop; r++) {
		np = 1 + (r + n) % 6;
		p = vmalloc(np * PAGE_SIZE);
		if (p == (char *)SYSERR) {
			bad++;
			continue;
		}
		for (i = 0; i < np; i++) {
			vm_write(PAGE(p, i), tag | r << 8 | i);
		}
		for (i = 0; i < np; i++) {
			bad += vm_read(PAGE(p, i)) != (tag | r << 8 | i);
			checked++;
		}
		bad += vfree(p, np * PAGE_SIZE) != OK;
		rounds++;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  spawn  -  Start faulter number 'n' at one of three priorities
 *------------------------------------------------------------------------
 */
local	pid32	spawn(int32 n)
{
	pid32	pid;

	pid = vcreate(faulter, 8192, INITPRIO + rand() % 3, "faulter", 1, n);
	if (pid != SYSERR) {
		resume(pid);
	}
	return pid;
}

/* 8 processes fault and call vmm at once while the test moves vmm's
 * priority around theirs and kills and replaces them, over 20 seeds.
 * Then they are told to stop and must all end: a caller left waiting
 * for good hangs the case (the runner's timeout fails it) */
TEST_BOOT(vmm_concurrent_faults_with_kills, "vm.ffs=12 vm.swap=256")
{
	struct	vmsnap	s;
	pid32	w[NWORKERS];
	pri16	old;
	uint32	seed, step, i;

	vmsnap_take(&s);
	old = chprio(vmmpid, VMM_PRIO);
	chprio(getpid(), INITPRIO + 10);	/* above the workers	*/
	bad = 0;
	for (seed = 1; seed <= NSEEDS; seed++) {
		srand(seed);
		stop = FALSE;
		for (i = 0; i < NWORKERS; i++) {
			w[i] = spawn(i);
			REQUIRE(w[i] != SYSERR);
		}
		for (step = 0; step < STEPS; step++) {
			chprio(vmmpid, INITPRIO - 1 + rand() % 5);
			sleepms(1 + rand() % 4);
			i = rand() % NWORKERS;
			CHECK(kill(w[i]) == OK);
			w[i] = spawn(i);
			REQUIRE(w[i] != SYSERR);
		}
		stop = TRUE;
		for (i = 0; i < NWORKERS + STEPS; i++) {
			receive();		/* every death note	*/
		}
		CHECK(bad == 0);
		CHECK(vm_audit() == OK);
		CHECK(vmsnap_same(&s));
		if (test_failures > 0) {
			kprintf("seed %d: %d bad calls or words\n", seed, bad);
			break;
		}
	}
	kprintf("vmm_concurrent_faults_with_kills: %d seeds, %d faulters "
		"(%d killed), %d rounds, %d page touches checked, %d "
		"evictions\n", seed - 1, (seed - 1) * (NWORKERS + STEPS),
		(seed - 1) * STEPS, rounds, checked,
		vmtotal.evict_clean + vmtotal.evict_dirty);
	chprio(vmmpid, old);
	return OK;
}

/*------------------------------------------------------------------------
 *  queued  -  One vmalloc; records what it got
 *------------------------------------------------------------------------
 */
local	char	*got[3];

local	process	queued(int32 n)
{
	got[n] = vmalloc(PAGE_SIZE);
	return OK;
}

/* vmm cannot be killed: kill refuses it while calls are queued for it,
 * and it then serves each of them */
TEST(vmm_kill_refused_queued_calls_served)
{
	pid32	pid;
	int32	i;

	chprio(vmmpid, INITPRIO - 5);		/* below the callers	*/
	for (i = 0; i < 3; i++) {
		got[i] = NULL;
		pid = vcreate(queued, 8192, INITPRIO - 1, "queued", 1, i);
		REQUIRE(pid != SYSERR);
		resume(pid);
	}
	chprio(getpid(), INITPRIO - 2);		/* they run and queue	*/
	chprio(getpid(), INITPRIO + 5);
	for (i = 0; i < 3; i++) {
		CHECK(got[i] == NULL);		/* still waiting	*/
	}
	CHECK(kill(vmmpid) == SYSERR);
	for (i = 0; i < 3; i++) {
		receive();			/* vmm runs: we wait	*/
		CHECK(got[i] == (char *)VHEAP_START);
	}
	chprio(vmmpid, VMM_PRIO);
	CHECK(vm_audit() == OK);
	return OK;
}
