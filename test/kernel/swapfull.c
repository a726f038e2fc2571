/* swapfull.c - tests of eviction when swap is (nearly) full */

#include <xinu.h>
#include "vmtest.h"

#define	WORD(i)		(0x6B000000 | (uint32)(i))
#define	NSEEDS		20

local	volatile bool8	finished;	/* the child got to its end	*/

/*------------------------------------------------------------------------
 *  swapped_page  -  The index of the first page of the n at 'p' that is
 *		     in swap, or -1
 *------------------------------------------------------------------------
 */
local	int32	swapped_page(char *p, int32 n)
{
	pde_t	*pd = (pde_t *)proctab[getpid()].prpdbr;
	pte_t	*pte;
	int32	i;

	for (i = 0; i < n; i++) {
		pte = pte_lookup(pd, (uint32)PAGE(p, i));
		if (pte != NULL && (*pte & PTE_IS_SWAPPED)) {
			return i;
		}
	}
	return -1;
}

/*------------------------------------------------------------------------
 *  frames_with_copies  -  FFS frames whose page has a slot
 *------------------------------------------------------------------------
 */
local	uint32	frames_with_copies(void)
{
	uint32	f, n = 0;

	for (f = 0; f < ffs_limit; f++) {
		n += ffstab[f].owner != FFS_FREE && ffstab[f].slot != NOSLOT;
	}
	return n;
}

/*------------------------------------------------------------------------
 *  lastchance  -  With 4 frames and 5 slots: write 8 pages (4 go to
 *		   swap), read one back (swap is then full); now the only
 *		   page that can go is the clean one just read, which has
 *		   a slot.  Read another swapped page, then check all.
 *------------------------------------------------------------------------
 */
local	process	lastchance(int32 unused)
{
	char	*p = vmalloc(8 * PAGE_SIZE);
	int32	i, bad = 0;

	(void)unused;
	REQUIRE(p != (char *)SYSERR);
	for (i = 0; i < 8; i++) {
		vm_write(PAGE(p, i), WORD(i));
	}
	i = swapped_page(p, 8);
	REQUIRE(i >= 0);
	bad += vm_read(PAGE(p, i)) != WORD(i);
	CHECK(free_swap_pages() == 0);
	CHECK(frames_with_copies() == 1);
	CHECK(vm_audit() == OK);
	i = swapped_page(p, 8);
	REQUIRE(i >= 0);
	bad += vm_read(PAGE(p, i)) != WORD(i);	/* needs that one frame	*/
	for (i = 0; i < 8; i++) {
		bad += vm_read(PAGE(p, i)) != WORD(i);
	}
	CHECK(bad == 0);
	CHECK(vm_audit() == OK);
	finished = TRUE;
	return OK;
}

/* The random policy draws its victims with replacement and can miss
 * the one frame that can go; eviction then scans every frame before
 * anyone is killed.  Over 20 seeds, no OUT_OF_MEMORY */
TEST_BOOT(swap_random_misses_fall_back_to_a_scan,
	  "vm.ffs=4 vm.swap=5 vm.policy=random")
{
	static	char	out[1024];
	struct	vmsnap	s;
	uint32	seed, dead = 0;

	vmsnap_take(&s);
	for (seed = 1; seed <= NSEEDS; seed++) {
		vm_setpolicy("random", seed);
		finished = FALSE;
		kcapture(out, sizeof(out));
		REQUIRE(vrun(lastchance, 0) != SYSERR);
		kcapture(NULL, 0);
		if (!finished || strstr(out, "OUT_OF_MEMORY") != NULL) {
			dead++;
		}
		CHECK(vm_audit() == OK);
		CHECK(vmsnap_same(&s));
	}
	CHECK(dead == 0);
	if (dead > 0) {
		kprintf("%d of %d seeds died\n", dead, NSEEDS);
	}
	return OK;
}
