/* audit24.c - tests from an audit of shared pages (issue 24): hostile
	       arguments and timing against vclone, get_bs, xmmap,
	       xmunmap and release_bs */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

#define	VP(n)		(VHEAP_FIRST + (n))	/* a heap page number	*/
#define	VA(vp)		((char *)((vp) << PAGE_SHIFT))

local	volatile int32	finished;	/* children that got to the end	*/

/*------------------------------------------------------------------------
 *  kept_reclaim  -  Leave a store's page kept (written, then unmapped),
 *		     fill swap with another store, then need a slot for a
 *		     page of our own: the kept frame's slot is the store's
 *		     and must not be taken for it
 *------------------------------------------------------------------------
 */
local	process	kept_reclaim(void)
{
	char	*p = vmalloc(4 * PAGE_SIZE);
	uint32	i;

	REQUIRE(p != (char *)SYSERR);
	for (i = 0; i < 3; i++) {		/* frames 0-2, oldest	*/
		vm_write(PAGE(p, i), 0x100 + i);
	}
	REQUIRE(xmmap(VP(10), 1, 1) == OK);
	vm_write(VA(VP(10)), 0xb5);		/* frame 3		*/
	REQUIRE(xmunmap(VP(10)) == OK);		/* kept for the store	*/
	REQUIRE(get_bs(2, free_swap_pages()) != SYSERR);	/* swap full */
	vm_write(PAGE(p, 3), 0x103);		/* evicts page 0: a slot */
	for (i = 0; i < 4; i++) {
		CHECK(vm_read(PAGE(p, i)) == 0x100 + i);
	}
	REQUIRE(vfree(p, PAGE_SIZE) == OK);	/* a frame for the store */
	REQUIRE(xmmap(VP(10), 1, 1) == OK);
	CHECK(vm_read(VA(VP(10))) == 0xb5);	/* the store's data	*/
	CHECK(xmunmap(VP(10)) == OK);
	CHECK(vm_audit() == OK);
	finished++;
	return OK;
}

/* A kept store frame (no mapping, its slot held by the store alone) is
 * never the resident page whose slot an eviction reclaims when swap is
 * full: the slot is the store's, not the frame's */
TEST_BOOT(audit24_kept_frame_slot_not_reclaimed, "vm.ffs=4 vm.swap=8")
{
	struct	vmsnap	s;

	REQUIRE(vm_setpolicy("fifo", 7) == OK);
	vmsnap_take(&s);
	finished = 0;
	REQUIRE(get_bs(1, 1) == 1);
	REQUIRE(vrun(kept_reclaim, 0) != SYSERR);
	CHECK(finished == 1 && vm_audit() == OK);
	CHECK(release_bs(1) == OK && release_bs(2) == OK);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}
