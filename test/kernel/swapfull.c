/* swapfull.c - tests of eviction when swap is (nearly) full */

#include <xinu.h>
#include <vm.h>
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

/*
 * The exact OUT_OF_MEMORY condition: a fault kills its process only
 * when it needs a frame for a new page while every FFS frame and every
 * swap slot holds a distinct page.  With 4 frames and 4 slots, up to 8
 * pages live however they are touched; the 9th dies.
 */
#define	FFS	4
#define	SWAP	4

local	volatile int32	fitbad;		/* wrong words or audits	*/

/*------------------------------------------------------------------------
 *  fit  -  Write 'n' pages, then read them back forward, backward and
 *	    in a pseudo-random order, rewriting some, checking every
 *	    word and the audit after each pass
 *------------------------------------------------------------------------
 */
local	process	fit(int32 n)
{
	char	*p = vmalloc(n * PAGE_SIZE);
	uint32	gen[FFS + SWAP], i, k, r = 12345;

	REQUIRE(p != (char *)SYSERR);
	for (i = 0; i < (uint32)n; i++) {
		gen[i] = 0;
		vm_write(PAGE(p, i), WORD(i << 8));
	}
	fitbad += vm_audit() != OK;
	for (i = 0; i < (uint32)n; i++) {
		fitbad += vm_read(PAGE(p, i)) != WORD(i << 8 | gen[i]);
	}
	fitbad += vm_audit() != OK;
	for (i = n; i-- > 0; ) {
		fitbad += vm_read(PAGE(p, i)) != WORD(i << 8 | gen[i]);
	}
	fitbad += vm_audit() != OK;
	for (k = 0; k < 20 * (uint32)n; k++) {
		r = r * 1103515245 + 12345;
		i = (r >> 8) % n;
		fitbad += vm_read(PAGE(p, i)) != WORD(i << 8 | gen[i]);
		if (k % 3 == 0) {			/* dirty it	*/
			vm_write(PAGE(p, i), WORD(i << 8 | ++gen[i]));
		}
	}
	fitbad += vm_audit() != OK;
	for (i = 0; i < (uint32)n; i++) {
		fitbad += vm_read(PAGE(p, i)) != WORD(i << 8 | gen[i]);
	}
	fitbad += vm_audit() != OK;
	finished = TRUE;
	return OK;
}

/*------------------------------------------------------------------------
 *  fit_run  -  Run fit(n) under policy 'name' with 'seed'; TRUE when it
 *		finished with no OUT_OF_MEMORY and every word right
 *------------------------------------------------------------------------
 */
local	bool8	fit_run(const char *name, uint32 seed, int32 n)
{
	static	char	out[512];
	bool8	ok;

	vm_setpolicy(name, seed);
	finished = FALSE;
	fitbad = 0;
	kcapture(out, sizeof(out));
	vrun(fit, n);
	kcapture(NULL, 0);
	ok = finished && fitbad == 0 && strstr(out, "OUT_OF_MEMORY") == NULL;
	if (!ok) {
		kprintf("%s seed %d, %d pages: %s%d bad\n", name, seed, n,
			finished ? "" : "died, ", fitbad);
	}
	return ok;
}

/* Pages that fit in FFS + swap live through any order of touches, under
 * every policy: a full swap gives up the slots of resident pages, and
 * a swapped page comes in through its own slot */
TEST_BOOT(swap_full_pages_that_fit_live, "vm.ffs=4 vm.swap=4")
{
	struct	vmsnap	s;
	uint32	seed;
	int32	n, i;

	vmsnap_take(&s);
	for (n = FFS + SWAP - 1; n <= FFS + SWAP; n++) {
		for (i = 0; vm_policyname(i) != NULL; i++) {
			for (seed = 1; seed <= 5; seed++) {
				CHECK(fit_run(vm_policyname(i), seed, n));
			}
		}
		CHECK(vm_audit() == OK);
		CHECK(vmsnap_same(&s));
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  holder  -  Write 'n' pages, let the test go on, then check them
 *------------------------------------------------------------------------
 */
local	sid32	held, release;

local	process	holder(int32 n)
{
	char	*p = vmalloc(n * PAGE_SIZE);
	int32	i;

	for (i = 0; i < n; i++) {
		vm_write(PAGE(p, i), WORD(i));
	}
	signal(held);
	wait(release);
	for (i = 0; i < n; i++) {
		fitbad += vm_read(PAGE(p, i)) != WORD(i);
	}
	return OK;
}

/* One page more than FFS + swap: the process whose new page finds every
 * frame and slot holding a distinct page dies, under every policy, and
 * only it; another process's pages count too */
TEST_BOOT(swap_full_one_page_too_many_dies, "vm.ffs=4 vm.swap=4")
{
	static	char	out[512];
	struct	vmsnap	s;
	char	want[32];
	pid32	pid, h;
	uint32	k;

	vmsnap_take(&s);
	held = semcreate(0);
	release = semcreate(0);
	for (k = 0; vm_policyname(k) != NULL; k++) {
		/* alone: the 9th page */
		vm_setpolicy(vm_policyname(k), 3);
		finished = FALSE;
		kcapture(out, sizeof(out));
		pid = vrun(fit, FFS + SWAP + 1);
		kcapture(NULL, 0);
		sprintf(want, "P%d:: OUT_OF_MEMORY\n", pid);
		CHECK(!finished && strstr(out, want) != NULL);
		CHECK(vm_audit() == OK);
		CHECK(vmsnap_same(&s));

		/* 3 pages held by another process, then 6 new ones */
		fitbad = 0;
		h = vcreate(holder, 8192, INITPRIO + 1, "holder", 1, 3);
		resume(h);
		wait(held);
		finished = FALSE;
		kcapture(out, sizeof(out));
		pid = vrun(fit, FFS + SWAP - 3 + 1);
		kcapture(NULL, 0);
		sprintf(want, "P%d:: OUT_OF_MEMORY\n", pid);
		CHECK(!finished && strstr(out, want) != NULL);
		CHECK(vm_audit() == OK);
		CHECK(proctab[h].prstate != PR_FREE);	/* untouched	*/
		REQUIRE(vrun(fit, FFS + SWAP - 3) != SYSERR);	/* fits	*/
		CHECK(finished && fitbad == 0);
		signal(release);
		CHECK(receive() == (umsg32)h);
		CHECK(fitbad == 0);
		CHECK(vm_audit() == OK);
		CHECK(vmsnap_same(&s));
	}
	semdelete(held);
	semdelete(release);
	return OK;
}
