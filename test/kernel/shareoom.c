/* shareoom.c - tests of OUT_OF_MEMORY's condition with shared swapped pages */

#include <xinu.h>
#include <vm.h>
#include <vmtable.h>
#include "vmtest.h"

/*
 * OUT_OF_MEMORY kills only when every frame and every slot holds a
 * distinct page, a page shared by k processes counting once (issue 24).
 * With vm.ffs=4 and vm.swap=4, a parent writes 8 pages: 4 in frames, 4
 * in slots, all distinct.  It clones two kids, so each swapped page's
 * slot is held by 3 PTEs and each frame mapped by 3: still 8 pages.
 * Each kid reads every page: a swapped page comes in by the exchange
 * (its other holders map its frame, the victim takes its slot), so
 * every word read is right and no one dies; the parent reads them all
 * too.  Then a kid's 9th page, a new one, dies with OUT_OF_MEMORY, and
 * the others still read every page right.  Under every policy, with
 * RAM swap and with disk swap (sealed, with the reserve block).
 */

#define	SFFS		4
#define	SSWAP		4
#define	SPAGES		(SFFS + SSWAP)
#define	SWORD(i, w)	(0x5A000000 ^ (uint32)(i) << 16 ^ (uint32)(w) * 0x9E3779B1)

local	char	*sheap;			/* the parent's SPAGES pages	*/
local	sid32	sgo[2];			/* parent -> kid		*/
local	pid32	sparentpid;		/* kid -> parent: SDONE		*/
#define	SDONE	0x5D0DE
local	volatile int32	sbad;		/* words read wrong, audits failed */
local	volatile bool8	slast;		/* a kid touched its 9th page	*/
local	volatile pid32	sdead;		/* that kid			*/

/*------------------------------------------------------------------------
 *  sfill, swrongs  -  Write every word of the SPAGES pages; count the
 *		       pages with a word wrong (each page read from its
 *		       first word on, so a swapped one faults first)
 *------------------------------------------------------------------------
 */
local	void	sfill(void)
{
	uint32	i, w;

	for (i = 0; i < SPAGES; i++) {
		for (w = 0; w < PAGE_SIZE / 4; w++) {
			vm_write(PAGE(sheap, i) + 4 * w, SWORD(i, w));
		}
	}
}

local	int32	swrongs(void)
{
	uint32	i, w;
	int32	bad = 0;

	for (i = 0; i < SPAGES; i++) {
		for (w = 0; w < PAGE_SIZE / 4; w++) {
			if (vm_read(PAGE(sheap, i) + 4 * w) != SWORD(i, w)) {
				bad++;
				break;
			}
		}
	}
	return bad;
}

/*------------------------------------------------------------------------
 *  skid  -  A clone: read every page, then on its second turn touch a
 *	     new page (kid 0: it dies there) or read every page again
 *------------------------------------------------------------------------
 */
local	process	skid(int32 k)
{
	char	*more = vmalloc(PAGE_SIZE);

	sbad += (more == (char *)SYSERR);
	sbad += swrongs();
	sbad += vm_audit() != OK;
	send(sparentpid, SDONE);
	wait(sgo[k]);
	if (k == 0) {
		slast = TRUE;
		vm_write(more, 1);		/* a 9th page: dies	*/
		sbad++;				/* not reached		*/
	}
	sbad += swrongs();
	sbad += vm_audit() != OK;
	return OK;
}

/*------------------------------------------------------------------------
 *  sshared  -  How many of the parent's pages are swapped out to a slot
 *		that other PTEs hold too
 *------------------------------------------------------------------------
 */
local	int32	sshared(void)
{
	pte_t	*pte;
	int32	i, n = 0;

	for (i = 0; i < SPAGES; i++) {
		pte = pte_lookup((pde_t *)proctab[currpid].prpdbr,
				 (uint32)PAGE(sheap, i));
		n += swappedout(PAGE(sheap, i)) && swap_refs(PTE_SLOT(*pte)) > 1;
	}
	return n;
}

/*------------------------------------------------------------------------
 *  sturn  -  Wait for kid 'kid' to end its turn (TRUE) or its life
 *------------------------------------------------------------------------
 */
local	bool8	sturn(pid32 kid)
{
	umsg32	m;

	while ((m = receive()) != SDONE && m != (umsg32)kid) {
		;
	}
	return m == SDONE;
}

/*------------------------------------------------------------------------
 *  sparent  -  Fill SPAGES pages, clone two kids, let them read, read,
 *		let kid 0 die of its 9th page and kid 1 read again
 *------------------------------------------------------------------------
 */
local	process	sparent(void)
{
	pid32	kid[2];
	bool8	alive[2];
	int32	k;

	sparentpid = getpid();
	sheap = vmalloc(SPAGES * PAGE_SIZE);
	REQUIRE(sheap != (char *)SYSERR);
	sfill();
	for (k = 0; k < 2; k++) {
		kid[k] = vclone(skid, 8192, INITPRIO + 2, "skid", 1, k);
		REQUIRE(kid[k] != SYSERR);
	}
	sdead = kid[0];
	/* Full, and the pages in swap are shared ones */
	CHECK(free_ffs_pages() == 0 && free_swap_pages() == 0);
	CHECK(sshared() == SSWAP);
	CHECK(vm_audit() == OK);
	for (k = 0; k < 2; k++) {
		resume(kid[k]);
		alive[k] = sturn(kid[k]);	/* died reading: wrong	*/
		sbad += !alive[k];
	}
	sbad += swrongs();
	sbad += vm_audit() != OK;
	for (k = 0; k < 2; k++) {
		signal(sgo[k]);
		if (alive[k]) {
			sbad += sturn(kid[k]);	/* a turn more: wrong	*/
		}
		sbad += swrongs();
	}
	sbad += vm_audit() != OK;
	return OK;
}

/*------------------------------------------------------------------------
 *  shareoom_case  -  Run sparent and check what its kids and it saw
 *------------------------------------------------------------------------
 */
local	char	sout[512];

local	status	shareoom_case(void)
{
	struct	vmsnap	s;
	char	want[32];
	pid32	pid;
	int32	k;

	sdead = SYSERR;
	REQUIRE(ffs_limit == SFFS && swap_limit == SSWAP);
	vmsnap_take(&s);
	for (k = 0; k < 2; k++) {
		sgo[k] = semcreate(0);
	}
	sbad = 0;
	slast = FALSE;
	kcapture(sout, sizeof(sout));
	pid = vrun_wait(vcreate(sparent, 8192, INITPRIO + 1, "sparent", 0));
	kcapture(NULL, 0);
	REQUIRE(pid != SYSERR);
	CHECK(sbad == 0 && slast);
	CHECK(!swapdev->blocks || (swap_reserve() == SSWAP &&
				   vmtotal.exchanges > 0));
	sprintf(want, "P%d:: OUT_OF_MEMORY\n", sdead);
	CHECK(strcmp(sout, want) == 0);		/* and nothing else	*/
	CHECK(vm_audit() == OK && vmsnap_same(&s) && swap_used() == 0);
	for (k = 0; k < 2; k++) {
		semdelete(sgo[k]);
	}
	return OK;
}

/* One case per backend and policy, e.g. shareoom_ram_clock */
#define	SHAREOOM_RAM(name)						\
	TEST_BOOT(shareoom_ram_##name, "vm.ffs=4 vm.swap=4 vm.policy="	\
		  #name " vm.seed=5")					\
	{								\
		return shareoom_case();					\
	}
#define	SHAREOOM_DISK(name)						\
	TEST_BOOT(shareoom_disk_##name, "+disk vm.swapdev=disk "	\
		  "vm.ffs=4 vm.swap=4 vm.policy=" #name " vm.seed=5")	\
	{								\
		return shareoom_case();					\
	}
VMPOLICY_TABLE(SHAREOOM_RAM)
VMPOLICY_TABLE(SHAREOOM_DISK)
