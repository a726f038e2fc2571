/* policies.c - the FIFO and aging policies against the real VM */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

/*
 * Each case boots with vm.policy=NAME and four frames, fills them, and
 * checks which page the next fault evicts (its PTE says swapped).  The
 * host tests (test/host/test_policy.c) check the same files on worked
 * reference strings; these check them wired into the kernel: the
 * loaded hook after every fill, the tick hook on the clock.
 */

/*------------------------------------------------------------------------
 *  swapped  -  Is page 'i' of 'p' (the caller's heap) out in swap?
 *------------------------------------------------------------------------
 */
local	bool8	swapped(char *p, uint32 i)
{
	pte_t	*pte = pte_lookup((pde_t *)proctab[getpid()].prpdbr,
				  (uint32)PAGE(p, i));

	return pte != NULL && (*pte & PTE_IS_SWAPPED) != 0;
}

/* FIFO: the page filled longest ago goes, used or not; a page swapped
 * back in goes to the back of the line */
local	process	fifo_order(int32 unused)
{
	char	*p = vmalloc(5 * PAGE_SIZE);
	uint32	i;

	(void)unused;
	REQUIRE(p != (char *)SYSERR);
	for (i = 0; i < 4; i++) {
		vm_write(PAGE(p, i), i);
	}
	vm_read(PAGE(p, 0));		/* used: FIFO does not care	*/
	vm_write(PAGE(p, 4), 4);
	CHECK(swapped(p, 0));
	vm_write(PAGE(p, 0), 0);	/* back in; page 1 is oldest	*/
	CHECK(swapped(p, 1) && !swapped(p, 0));
	vm_write(PAGE(p, 1), 1);
	CHECK(swapped(p, 2));
	CHECK(!swapped(p, 3) && !swapped(p, 4) && !swapped(p, 0) &&
	      !swapped(p, 1));
	CHECK(vm_audit() == OK);
	return OK;
}

TEST_BOOT(policy_fifo_evicts_the_oldest_fill, "vm.ffs=4 vm.policy=fifo")
{
	CHECK(strcmp(vmpolicy->name, "fifo") == 0);
	REQUIRE(vrun(fifo_order, 0) != SYSERR);
	return OK;
}

/* Aging: pages 0-2 are used in every round and a few ticks pass after
 * each; page 3, filled last, is not used again, so its counter is the
 * smallest.  Without ticks all four would be equal and the lowest frame
 * (page 0's) would go */
local	process	aging_order(int32 unused)
{
	char	*p = vmalloc(5 * PAGE_SIZE);
	uint32	i, round;

	(void)unused;
	REQUIRE(p != (char *)SYSERR);
	for (i = 0; i < 4; i++) {
		vm_write(PAGE(p, i), i);
	}
	for (round = 0; round < 4; round++) {
		for (i = 0; i < 3; i++) {
			vm_read(PAGE(p, i));
		}
		sleepms(3);		/* ticks see the A bits		*/
	}
	vm_write(PAGE(p, 4), 4);
	CHECK(swapped(p, 3));
	CHECK(!swapped(p, 0) && !swapped(p, 1) && !swapped(p, 2));
	CHECK(vm_audit() == OK);
	return OK;
}

TEST_BOOT(policy_aging_evicts_the_least_used_over_ticks,
	  "vm.ffs=4 vm.policy=aging")
{
	CHECK(strcmp(vmpolicy->name, "aging") == 0);
	REQUIRE(vrun(aging_order, 0) != SYSERR);
	return OK;
}
