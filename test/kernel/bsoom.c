/* bsoom.c - tests of OUT_OF_MEMORY's condition with a store's swapped pages */

#include <xinu.h>
#include <vm.h>
#include <vmtable.h>
#include "vmtest.h"

/*
 * A store's page counts as one page, like any other (issue 24): with
 * vm.ffs=4 and vm.swap=4, a parent maps a store of 4 pages and writes
 * them, then writes 4 heap pages, so that the heap pages fill the
 * frames and the store's pages its slots: 8 distinct pages, every frame
 * and every slot full.  It clones two kids (each maps the store too,
 * and shares the heap copy-on-write).  Each kid reads every word of
 * every page: a store's swapped page comes in by the exchange (its
 * store lets its slot go to the victim, and names the page by its
 * frame), so every word is right and no one dies; the parent reads
 * them all too, vm_audit clean after each step.  Then a kid's 9th page,
 * a new one, dies with OUT_OF_MEMORY, alone.  Once all three are gone
 * a new mapper reads the store's data (a frame no one mapped kept it)
 * and is killed; one more reads it, and release_bs gives every frame
 * and slot back.  Under every policy, with RAM swap and with disk swap
 * (sealed, with the reserve block).
 */

#define	BFFS		4
#define	BSWAP		4
#define	BSTORE		3		/* the store's number		*/
#define	BSPAGES		4		/* its pages			*/
#define	BHPAGES		4		/* the heap's			*/
#define	BVP		(VHEAP_FIRST + 64)	/* where it is mapped	*/
#define	BSADDR(i)	((char *)((BVP + (i)) << PAGE_SHIFT))
#define	BWORD(i, w)	(0x3C000000 ^ (uint32)(i) << 16 ^ (uint32)(w) * 0x9E3779B1)

local	char	*bheap;			/* the parent's BHPAGES pages	*/
local	sid32	bgo[2];			/* parent -> kid		*/
local	pid32	bparentpid;		/* kid -> parent: BDONE		*/
#define	BDONE	0xB5D0E
local	volatile int32	bbad;		/* words read wrong, audits failed */
local	volatile bool8	blast;		/* a kid touched its 9th page	*/
local	volatile pid32	bdead;		/* that kid			*/
local	volatile bool8	bslotless;	/* a store page had no slot	*/

/*------------------------------------------------------------------------
 *  bpagewrong, bwrongs  -  Is a word of page 'i' at 'p' wrong?  Count
 *			   the pages, the store's and with 'heap' the
 *			   heap's too, with a word wrong (each read from
 *			   its first word on, so a swapped one faults
 *			   first); note a store page held by a frame only
 *------------------------------------------------------------------------
 */
local	int32	bpagewrong(char *p, uint32 i)
{
	uint32	w;

	for (w = 0; w < PAGE_SIZE / 4; w++) {
		if (vm_read(p + 4 * w) != BWORD(i, w)) {
			return 1;
		}
	}
	return 0;
}

local	int32	bwrongs(bool8 heap)
{
	uint32	i;
	int32	bad = 0;

	for (i = 0; i < BSPAGES; i++) {
		bad += bpagewrong(BSADDR(i), i);
		bslotless |= bstab[BSTORE].slot[i] == NOSLOT;
	}
	for (i = 0; heap && i < BHPAGES; i++) {
		bad += bpagewrong(PAGE(bheap, i), BSPAGES + i);
	}
	return bad;
}

/*------------------------------------------------------------------------
 *  bfill  -  Write every word of the store's pages, then the heap's
 *------------------------------------------------------------------------
 */
local	void	bfill(void)
{
	uint32	i, w;

	for (i = 0; i < BSPAGES + BHPAGES; i++) {
		for (w = 0; w < PAGE_SIZE / 4; w++) {
			vm_write(i < BSPAGES ? BSADDR(i) + 4 * w :
				 PAGE(bheap, i - BSPAGES) + 4 * w, BWORD(i, w));
		}
	}
}

/*------------------------------------------------------------------------
 *  bkid  -  A clone: read every page, then on its second turn touch a
 *	     new page (kid 0: it dies there) or read every page again
 *------------------------------------------------------------------------
 */
local	process	bkid(int32 k)
{
	char	*more = vmalloc(PAGE_SIZE);

	bbad += (more == (char *)SYSERR);
	bbad += bwrongs(TRUE);
	bbad += vm_audit() != OK;
	send(bparentpid, BDONE);
	wait(bgo[k]);
	if (k == 0) {
		blast = TRUE;
		vm_write(more, 1);		/* a 9th page: dies	*/
		bbad++;				/* not reached		*/
	}
	bbad += bwrongs(TRUE);
	bbad += vm_audit() != OK;
	return OK;
}

/*------------------------------------------------------------------------
 *  bturn  -  Wait for kid 'kid' to end its turn (TRUE) or its life
 *------------------------------------------------------------------------
 */
local	bool8	bturn(pid32 kid)
{
	umsg32	m;

	while ((m = receive()) != BDONE && m != (umsg32)kid) {
		;
	}
	return m == BDONE;
}

/*------------------------------------------------------------------------
 *  bparent  -  Map the store, fill it and BHPAGES heap pages, clone two
 *		kids, let them read, read, let kid 0 die of its 9th page
 *		and kid 1 read again
 *------------------------------------------------------------------------
 */
local	process	bparent(void)
{
	pid32	kid[2];
	bool8	alive[2];
	int32	k, i;

	bparentpid = getpid();
	REQUIRE(xmmap(BVP, BSTORE, BSPAGES) == OK);
	bheap = vmalloc(BHPAGES * PAGE_SIZE);
	REQUIRE(bheap != (char *)SYSERR);
	bfill();
	for (k = 0; k < 2; k++) {
		kid[k] = vclone(bkid, 8192, INITPRIO + 2, "bkid", 1, k);
		REQUIRE(kid[k] != SYSERR);
	}
	bdead = kid[0];
	/* Full: the heap in the frames, the store's pages in swap */
	CHECK(free_ffs_pages() == 0 && free_swap_pages() == 0);
	for (i = 0; i < BSPAGES; i++) {
		CHECK(swappedout(BSADDR(i)));
	}
	CHECK(vm_audit() == OK);
	for (k = 0; k < 2; k++) {
		resume(kid[k]);
		alive[k] = bturn(kid[k]);	/* died reading: wrong	*/
		bbad += !alive[k];
	}
	bbad += bwrongs(TRUE);
	bbad += vm_audit() != OK;
	for (k = 0; k < 2; k++) {
		signal(bgo[k]);
		if (alive[k]) {
			bbad += bturn(kid[k]);	/* a turn more: wrong	*/
		}
		bbad += bwrongs(TRUE);
	}
	bbad += vm_audit() != OK;
	return OK;
}

/*------------------------------------------------------------------------
 *  bslotlesses  -  How many of the store's pages have no slot (each held
 *		    by a frame); with 'kept', how many frames no one maps
 *		    hold a page with no slot (only a store's can be kept)
 *------------------------------------------------------------------------
 */
local	int32	bslotlesses(bool8 kept)
{
	uint32	i;
	int32	n = 0;

	for (i = 0; !kept && i < BSPAGES; i++) {
		n += bstab[BSTORE].slot[i] == NOSLOT;
	}
	for (i = 0; kept && i < ffs_limit; i++) {
		n += frame_inuse(i) && ffstab[i].owner == FFS_KEPT &&
		     ffstab[i].slot == NOSLOT;
	}
	return n;
}

/*------------------------------------------------------------------------
 *  bmapper  -  A new mapper: read every word of the store, then wait
 *		to be killed ('stay') or end
 *------------------------------------------------------------------------
 */
local	process	bmapper(bool8 stay)
{
	REQUIRE(xmmap(BVP, BSTORE, BSPAGES) == OK);
	bbad += bwrongs(FALSE);
	bbad += vm_audit() != OK;
	send(bparentpid, BDONE);
	if (stay) {
		wait(bgo[0]);			/* killed here		*/
		bbad++;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  bnewmapper  -  Run a new mapper of the store, which no one maps, and
 *		   kill it once it has read the data when 'killed' (while
 *		   it maps the store no frame is kept); after it each
 *		   page with no slot is a kept frame again
 *------------------------------------------------------------------------
 */
local	status	bnewmapper(bool8 killed)
{
	pid32	pid;

	bparentpid = getpid();
	recvclr();
	pid = vcreate(bmapper, 8192, INITPRIO + 1, "bmapper", 1, killed);
	REQUIRE(pid != SYSERR);
	resume(pid);
	CHECK(receive() == BDONE);		/* (ended, unless killed) */
	CHECK(!killed || (bslotlesses(TRUE) == 0 && kill(pid) == OK));
	CHECK(receive() == (umsg32)pid);	/* its death note	*/
	CHECK(bstab[BSTORE].nmaps == 0 && vm_audit() == OK);
	CHECK(bslotlesses(TRUE) == bslotlesses(FALSE));
	return OK;
}

/*------------------------------------------------------------------------
 *  bsoom_case  -  Run bparent, check what its kids and it saw, then
 *		   the store's data with no mapper, and its release
 *------------------------------------------------------------------------
 */
local	char	bout[512];

local	status	bsoom_case(void)
{
	struct	vmsnap	s;
	char	want[32];
	pid32	pid;
	int32	k;

	bdead = SYSERR;
	REQUIRE(ffs_limit == BFFS && swap_limit == BSWAP);
	vmsnap_take(&s);
	REQUIRE(get_bs(BSTORE, BSPAGES) == BSPAGES);
	for (k = 0; k < 2; k++) {
		bgo[k] = semcreate(0);
	}
	bbad = 0;
	blast = FALSE;
	bslotless = FALSE;
	kcapture(bout, sizeof(bout));
	pid = vrun_wait(vcreate(bparent, 8192, INITPRIO + 1, "bparent", 0));
	kcapture(NULL, 0);
	REQUIRE(pid != SYSERR);
	CHECK(bbad == 0 && blast && bslotless);
	CHECK(!swapdev->blocks || (swap_reserve() == BSWAP &&
				   vmtotal.exchanges > 0));
	sprintf(want, "P%d:: OUT_OF_MEMORY\n", bdead);
	CHECK(strcmp(bout, want) == 0);		/* and nothing else	*/
	CHECK(bstab[BSTORE].nmaps == 0 && vm_audit() == OK);

	/* No one maps it: a new mapper sees the data, and is killed */
	CHECK(bnewmapper(TRUE) == OK && bnewmapper(FALSE) == OK);
	CHECK(bbad == 0 && vm_audit() == OK);

	/* Released: every frame and slot is free again */
	CHECK(release_bs(BSTORE) == OK);
	CHECK(vm_audit() == OK && vmsnap_same(&s) && swap_used() == 0);
	for (k = 0; k < 2; k++) {
		semdelete(bgo[k]);
	}
	return OK;
}

/*
 * A page with no slot outlives its mappers and goes with its store:
 * one process fills the store and the heap, reads the store's pages
 * (so some come in by the exchange and have no slot), reads them all,
 * xmunmaps the store and ends; each store page with no slot is a kept
 * frame now.  A new mapper reads the data and is killed, another reads
 * it and ends, the frames still kept; release_bs frees them, and every
 * frame and slot is free again.
 */

/*------------------------------------------------------------------------
 *  bkeeper  -  Fill the store and BHPAGES heap pages, read them, read
 *		the store again, unmap it and end
 *------------------------------------------------------------------------
 */
local	process	bkeeper(void)
{
	REQUIRE(xmmap(BVP, BSTORE, BSPAGES) == OK);
	bheap = vmalloc(BHPAGES * PAGE_SIZE);
	REQUIRE(bheap != (char *)SYSERR);
	bfill();
	CHECK(free_ffs_pages() == 0 && free_swap_pages() == 0);
	bbad += bwrongs(FALSE);
	bbad += vm_audit() != OK;
	CHECK(bslotlesses(FALSE) > 0);
	bbad += bwrongs(TRUE);
	bbad += bwrongs(FALSE);
	bbad += vm_audit() != OK;
	CHECK(bslotlesses(FALSE) > 0 && bslotlesses(TRUE) == 0);
	CHECK(xmunmap(BVP) == OK);
	CHECK(bslotlesses(TRUE) > 0 && vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  bskeep_case  -  Run bkeeper, two new mappers (one killed), and
 *		    release the store while pages of it have no slot
 *------------------------------------------------------------------------
 */
local	status	bskeep_case(void)
{
	struct	vmsnap	s;

	REQUIRE(ffs_limit == BFFS && swap_limit == BSWAP);
	vmsnap_take(&s);
	REQUIRE(get_bs(BSTORE, BSPAGES) == BSPAGES);
	bgo[0] = semcreate(0);
	bbad = 0;
	bslotless = FALSE;
	REQUIRE(vrun_wait(vcreate(bkeeper, 8192, INITPRIO + 1, "bkeeper",
				  0)) != SYSERR);
	CHECK(bbad == 0 && bslotless && vm_audit() == OK);
	CHECK(bslotlesses(TRUE) > 0 && bslotlesses(TRUE) == bslotlesses(FALSE));

	/* No one maps it: a new mapper sees the data, and is killed */
	CHECK(bnewmapper(TRUE) == OK && bslotlesses(TRUE) > 0);
	CHECK(bnewmapper(FALSE) == OK && bslotlesses(TRUE) > 0);
	CHECK(bbad == 0 && vm_audit() == OK);

	/* Released with frames that hold its pages alone */
	CHECK(release_bs(BSTORE) == OK);
	CHECK(vm_audit() == OK && vmsnap_same(&s) && swap_used() == 0 &&
	      free_ffs_pages() == BFFS);
	semdelete(bgo[0]);
	return OK;
}

/* Four cases per policy, e.g. bsoom_ram_clock, bskeep_disk_clock */
#define	BS_RAM(name)	"vm.ffs=4 vm.swap=4 vm.policy=" #name " vm.seed=5"
#define	BS_DISK(name)	"+disk vm.swapdev=disk " BS_RAM(name)
#define	BSCASES(name)							\
	TEST_BOOT(bsoom_ram_##name, BS_RAM(name)) { return bsoom_case(); } \
	TEST_BOOT(bsoom_disk_##name, BS_DISK(name)) { return bsoom_case(); } \
	TEST_BOOT(bskeep_ram_##name, BS_RAM(name)) { return bskeep_case(); } \
	TEST_BOOT(bskeep_disk_##name, BS_DISK(name)) { return bskeep_case(); }
VMPOLICY_TABLE(BSCASES)

/*
 * A store's page never written comes in by the disk exchange with no
 * read (it is zeros), so the faulter's own PTE still names the slot
 * when the slot's other holders join the frame: it must not join its
 * own frame a second time.  (It did: the frame counted two mappings of
 * one PTE, the slot's holders were let go three times, so the store's
 * own hold went too; the store still named the freed slot, and
 * vm_audit found a shared frame mapped writable.)  With vm.ffs=2
 * vm.swap=2 a parent maps a one-page store (one slot, never written)
 * and writes 3 heap pages: 4 distinct pages, every frame and slot
 * full.  A clone (sharing the heap and mapping the store) reads the
 * store's page: zeros, one frame, the parent's PTE joined, the store
 * naming the page by its frame.  Then the parent writes it and the
 * clone sees the write, vm_audit clean after each step.
 */
#define	ZVP		(VHEAP_FIRST + 64)	/* the store's page	*/
#define	ZADDR		((char *)(ZVP << PAGE_SHIFT))

local	pid32	zparent;		/* the clone's parent		*/
local	volatile int32	zbad;		/* checks failed in children	*/

/*------------------------------------------------------------------------
 *  zkid  -  The clone: read the store's untouched page (zeros), then,
 *	     after the parent wrote it, read the parent's word
 *------------------------------------------------------------------------
 */
local	process	zkid(void)
{
	zbad += vm_read(ZADDR) != 0 || vm_read(ZADDR + PAGE_SIZE - 4) != 0;
	zbad += vm_audit() != OK;
	zbad += bstab[BSTORE].slot[0] != NOSLOT;	/* by its frame	*/
	send(zparent, BDONE);
	receive();
	zbad += vm_read(ZADDR) != 0x5A5A0001;
	zbad += vm_audit() != OK;
	send(zparent, BDONE);
	return OK;
}

/*------------------------------------------------------------------------
 *  zparentproc  -  Map the store, fill the heap, clone, let the clone
 *		    read the store's page, then write it
 *------------------------------------------------------------------------
 */
local	process	zparentproc(void)
{
	char	*heap;
	pid32	kid;
	uint32	i;

	zparent = getpid();
	zbad += xmmap(ZVP, BSTORE, 1) != OK;
	heap = vmalloc(3 * PAGE_SIZE);
	zbad += heap == (char *)SYSERR;
	for (i = 0; heap != (char *)SYSERR && i < 3; i++) {
		vm_write(PAGE(heap, i), 0x5A5A0100 + i);
	}
	zbad += free_ffs_pages() != 0 || free_swap_pages() != 0;
	kid = vclone(zkid, 8192, INITPRIO + 2, "zkid", 0);
	zbad += kid == SYSERR || resume(kid) == SYSERR;
	zbad += receive() != BDONE;
	vm_write(ZADDR, 0x5A5A0001);
	zbad += vm_audit() != OK;
	send(kid, OK);
	zbad += receive() != BDONE;
	for (i = 0; heap != (char *)SYSERR && i < 3; i++) {
		zbad += vm_read(PAGE(heap, i)) != 0x5A5A0100 + i;
	}
	zbad += vm_audit() != OK;
	return OK;
}

TEST_BOOT(bsoom_zeroed_page_disk, "+disk vm.swapdev=disk vm.ffs=2 vm.swap=2")
{
	struct	vmsnap	s;

	REQUIRE(ffs_limit == 2 && swap_limit == 2 && swap_reserve() == 2);
	vmsnap_take(&s);
	REQUIRE(get_bs(BSTORE, 1) == 1);
	zbad = 0;
	REQUIRE(vrun_wait(vcreate(zparentproc, 8192, INITPRIO + 1, "zparent",
				  0)) != SYSERR);
	CHECK(zbad == 0 && vmtotal.exchanges > 0);
	CHECK(bstab[BSTORE].nmaps == 0 && vm_audit() == OK);
	CHECK(release_bs(BSTORE) == OK);
	CHECK(vm_audit() == OK && vmsnap_same(&s) && swap_used() == 0);
	return OK;
}
