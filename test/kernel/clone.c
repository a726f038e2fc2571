/* clone.c - tests of vclone and copy-on-write */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"
#include "sharetest.h"

/*
 * A parent (vcreate'd) fills a heap, clones children that run one of
 * the 'kid' functions below, and checks what each side sees.  A parent
 * and its child take turns through two semaphores.
 */

#define	WORD(i)		(0x3C000000 | (uint32)(i))
#define	KIDWORD(i)	(0x4D000000 | (uint32)(i))
#define	NPG		16

local	sid32	kidsem, parsem;		/* the child's turn, the parent's */
local	char	*heap;			/* the parent's NPG pages	*/
local	volatile int32	kidbad;		/* the child's pages read wrong	*/

/*------------------------------------------------------------------------
 *  wrongs  -  Pages of [first, first+n) of the heap whose first word is
 *	       not 'word(i)'
 *------------------------------------------------------------------------
 */
local	int32	wrongs(int32 first, int32 n, uint32 base)
{
	int32	i, bad = 0;

	for (i = first; i < first + n; i++) {
		bad += vm_read(PAGE(heap, i)) != (base | (uint32)i);
	}
	return bad;
}

/*------------------------------------------------------------------------
 *  writes  -  Write base|i to pages [first, first+n) of the heap
 *------------------------------------------------------------------------
 */
local	void	writes(int32 first, int32 n, uint32 base)
{
	int32	i;

	for (i = first; i < first + n; i++) {
		vm_write(PAGE(heap, i), base | (uint32)i);
	}
}

/*------------------------------------------------------------------------
 *  parent_start  -  Fresh semaphores, then run 'fn' as a vcreate'd
 *		     parent and wait for it
 *------------------------------------------------------------------------
 */
local	pid32	parent_start(void *fn, int32 arg)
{
	kidsem = semcreate(0);
	parsem = semcreate(0);
	kidbad = 0;
	return vrun_wait(vcreate(fn, 8192, INITPRIO + 1, "parent", 1, arg));
}

/*------------------------------------------------------------------------
 *  heap_fill  -  The parent's heap: n pages, page i holding WORD(i)
 *------------------------------------------------------------------------
 */
local	status	heap_fill(int32 n)
{
	heap = vmalloc(n * PAGE_SIZE);
	if (heap == (char *)SYSERR) {
		return SYSERR;
	}
	writes(0, n, 0x3C000000);
	return OK;
}

/*------------------------------------------------------------------------
 *  kid_wait  -  Wait for child 'kid' to end
 *------------------------------------------------------------------------
 */
local	void	kid_wait(pid32 kid)
{
	while (receive() != (umsg32)kid) {
		;
	}
}

/*------------------------------------------------------------------------
 *  clone_test  -  Run parent 'fn' (with 'arg'); its children must have
 *		   read nothing wrong, and everything must come back
 *------------------------------------------------------------------------
 */
local	process	clone_test(void *fn, int32 arg)
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	REQUIRE(parent_start(fn, arg) != SYSERR);
	CHECK(kidbad == 0 && vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/*------------------------------------------------------------------------
 *  kid_reads_then_writes  -  Read every page (no frame taken), write
 *			      pages 0-9 (ten frames), then read again
 *------------------------------------------------------------------------
 */
local	process	kid_reads_then_writes(void)
{
	uint32	freef = free_ffs_pages();

	kidbad += wrongs(0, NPG, 0x3C000000);
	CHECK(free_ffs_pages() == freef);
	CHECK(proctab[getpid()].prvm->stats.lazy == 0);
	writes(0, 10, 0x4D000000);
	CHECK(free_ffs_pages() == freef - 10);
	CHECK(proctab[getpid()].prvm->stats.cowcopies == 10);
	CHECK(used_ffs_frames(getpid()) == NPG);
	kidbad += wrongs(0, 10, 0x4D000000) + wrongs(10, NPG - 10, 0x3C000000);
	CHECK(vm_audit() == OK);
	signal(parsem);
	wait(kidsem);
	kidbad += wrongs(0, 10, 0x4D000000) + wrongs(10, NPG - 10, 0x3C000000);
	return OK;
}

/*------------------------------------------------------------------------
 *  par_cow  -  Parent of kid_reads_then_writes
 *------------------------------------------------------------------------
 */
local	process	par_cow(int32 unused)
{
	static	struct	vminfo	info;	/* big for a stack		*/
	pid32	kid, me = getpid();
	uint32	freef;

	(void)unused;
	REQUIRE(heap_fill(NPG) == OK);
	freef = free_ffs_pages();
	kid = vclone(kid_reads_then_writes, 8192, INITPRIO + 2, "kid", 0);
	REQUIRE(kid != SYSERR);
	CHECK(free_ffs_pages() == freef && used_ffs_frames(kid) == NPG);
	CHECK(allocated_virtual_pages(kid) == allocated_virtual_pages(me));
	CHECK(vm_info(kid, &info) == OK && info.nruns == 1);
	CHECK(info.runs[0].shared == NPG && info.runs[0].cow == NPG);
	CHECK(vm_audit() == OK);
	resume(kid);
	wait(parsem);
	CHECK(wrongs(0, NPG, 0x3C000000) == 0);	/* not the child's	*/
	freef = free_ffs_pages();
	writes(0, 10, 0x3C000000);		/* the last mappings	*/
	CHECK(free_ffs_pages() == freef);
	CHECK(proctab[me].prvm->stats.cowkeeps == 10 &&
	      proctab[me].prvm->stats.cowcopies == 0);
	writes(10, 2, 0x3C000000);		/* still shared		*/
	CHECK(free_ffs_pages() == freef - 2);
	CHECK(proctab[me].prvm->stats.cowcopies == 2);
	CHECK(vm_info(me, &info) == OK && info.runs[0].shared == NPG - 12);
	CHECK(vm_audit() == OK);
	signal(kidsem);
	kid_wait(kid);
	CHECK(kidbad == 0 && vm_audit() == OK);
	return OK;
}

/* Reading a clone's pages takes no frame, writing ten takes ten, and a
 * write to the last mapping of a page just makes it writable */
TEST_BOOT(vclone_copy_on_write, "vm.ffs=64 vm.swap=64")
{
	return clone_test(par_cow, 0);
}

/* Only a vcreate'd process may clone */
local	process	nothing(void)
{
	return OK;
}

TEST(vclone_from_a_system_process_fails)
{
	struct	vmsnap	s;
	int32	n = prcount;

	vmsnap_take(&s);
	CHECK(vclone(nothing, 8192, INITPRIO, "x", 0) == SYSERR);
	CHECK(prcount == n && vmsnap_same(&s));
	return OK;
}

/*------------------------------------------------------------------------
 *  kid_books  -  The inherited layout: free an inherited block, take it
 *		  again, see none of the parent's later allocations
 *------------------------------------------------------------------------
 */
local	process	kid_books(char *later)
{
	struct	vmproc	*vm = proctab[getpid()].prvm;
	char	*again;

	kidbad += wrongs(0, NPG, 0x3C000000);
	CHECK(!vheap_isallocated(vm, (uint32)later >> PAGE_SHIFT, 1));
	CHECK(vfree(heap, NPG * PAGE_SIZE) == OK);
	CHECK(vfree(heap, NPG * PAGE_SIZE) == SYSERR);
	again = vmalloc(NPG * PAGE_SIZE);	/* next fit: from the	*/
	CHECK(again == (VHEAP_NEXTFIT ? later : heap));	/* copied cursor */
	kidbad += vm_read(PAGE(again, 3)) != 0;	/* a fresh page		*/
	CHECK(vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  par_books  -  Parent of kid_books
 *------------------------------------------------------------------------
 */
local	process	par_books(int32 unused)
{
	pid32	kid;
	char	*later;

	(void)unused;
	REQUIRE(heap_fill(NPG) == OK);
	kid = vclone(kid_books, 8192, INITPRIO, "kid", 1, heap + NPG * PAGE_SIZE);
	REQUIRE(kid != SYSERR);
	later = vmalloc(PAGE_SIZE);
	CHECK(later == heap + NPG * PAGE_SIZE);	/* the child's layout	*/
	resume(kid);				/* was copied before	*/
	kid_wait(kid);
	CHECK(wrongs(0, NPG, 0x3C000000) == 0);
	CHECK(used_ffs_frames(getpid()) == NPG);
	CHECK(vm_audit() == OK);
	return OK;
}

/* The child may vfree what it inherited and vmalloc again; neither side's
 * frees and allocations change the other's heap */
TEST_BOOT(vclone_heaps_are_separate, "vm.ffs=64 vm.swap=64")
{
	return clone_test(par_books, 0);
}

/*------------------------------------------------------------------------
 *  kid_reads  -  Read every page, report, wait, and (arg) write them
 *------------------------------------------------------------------------
 */
local	process	kid_reads(int32 write)
{
	kidbad += wrongs(0, NPG, 0x3C000000);
	CHECK(vm_audit() == OK);
	signal(parsem);
	wait(kidsem);
	if (write) {
		writes(0, NPG, 0x4D000000);
		kidbad += wrongs(0, NPG, 0x4D000000);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  par_swapped  -  With 8 frames, write NPG pages (8 go to swap), clone:
 *		    the swapped ones share their slots; the child reads
 *		    them all back through the same slots
 *------------------------------------------------------------------------
 */
local	process	par_swapped(int32 unused)
{
	pid32	kid;
	uint32	frees;

	(void)unused;
	REQUIRE(heap_fill(NPG) == OK);
	frees = free_swap_pages();
	kid = vclone(kid_reads, 8192, INITPRIO, "kid", 1, TRUE);
	REQUIRE(kid != SYSERR);
	CHECK(used_swap_frames(kid) == used_swap_frames(getpid()));
	CHECK(used_swap_frames(kid) >= NPG - 8 && free_swap_pages() == frees);
	CHECK(vm_audit() == OK);
	resume(kid);
	wait(parsem);
	CHECK(wrongs(0, NPG, 0x3C000000) == 0);
	CHECK(vm_audit() == OK);
	signal(kidsem);
	kid_wait(kid);
	CHECK(wrongs(0, NPG, 0x3C000000) == 0);
	CHECK(vm_audit() == OK);
	return OK;
}

/* Swapped-out pages are shared through their slot */
TEST_BOOT(vclone_swapped_pages_share_slots, "vm.ffs=8 vm.swap=64")
{
	return clone_test(par_swapped, 0);
}

/*------------------------------------------------------------------------
 *  kid_clones  -  A clone that clones: level 1 writes pages 0-3, clones
 *		   level 2, which writes pages 4-7; each checks what it
 *		   sees; every frame still shared by all three is one
 *------------------------------------------------------------------------
 */
local	process	kid_clones(int32 level)
{
	pid32	kid;

	kidbad += wrongs(4 * level, NPG - 4 * level, 0x3C000000);
	writes(4 * (level - 1), 4, KIDWORD(0) + ((uint32)level << 16));
	kidbad += wrongs(4 * (level - 1), 4, KIDWORD(0) +
			 ((uint32)level << 16));
	if (level == 1) {
		kid = vclone(kid_clones, 8192, INITPRIO, "kid2", 1, 2);
		CHECK(kid != SYSERR && vm_audit() == OK);
		resume(kid);
		kid_wait(kid);
		kidbad += wrongs(0, 4, KIDWORD(0) + (1 << 16));
		kidbad += wrongs(4, NPG - 4, 0x3C000000);
	}
	CHECK(vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  par_clones  -  Parent of kid_clones
 *------------------------------------------------------------------------
 */
local	process	par_clones(int32 unused)
{
	uint32	freef;

	(void)unused;
	REQUIRE(heap_fill(NPG) == OK);
	freef = free_ffs_pages();
	REQUIRE(vrun_wait(vclone(kid_clones, 8192, INITPRIO, "kid1", 1, 1))
		!= SYSERR);
	CHECK(free_ffs_pages() == freef);	/* the copies went too	*/
	CHECK(wrongs(0, NPG, 0x3C000000) == 0);
	CHECK(vm_audit() == OK);
	return OK;
}

/* Clones of clones see their own writes and their ancestors' pages */
TEST_BOOT(vclone_clones_of_clones, "vm.ffs=64 vm.swap=64")
{
	return clone_test(par_clones, 0);
}

/*------------------------------------------------------------------------
 *  kid_spins  -  Read the pages over and over until killed
 *------------------------------------------------------------------------
 */
local	process	kid_spins(void)
{
	for (;;) {
		kidbad += wrongs(0, NPG, 0x3C000000);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  par_writes  -  Clone kid_spins, then write every page over and over;
 *		   halfway, let the test kill the child
 *------------------------------------------------------------------------
 */
local	process	par_writes(int32 rounds)
{
	pid32	kid;
	int32	r;

	REQUIRE(heap_fill(NPG) == OK);
	kid = vclone(kid_spins, 8192, INITPRIO - 1, "kid", 0);
	REQUIRE(kid != SYSERR);
	resume(kid);
	for (r = 0; r < rounds; r++) {
		writes(r % NPG, 1, 0x4D000000);
		if (r == rounds / 2) {
			signal(parsem);	/* the test kills it now	*/
		}
	}
	CHECK(wrongs(0, NPG, 0x4D000000) == 0);
	CHECK(vm_audit() == OK);
	return OK;
}

/* A clone killed while its parent writes the pages they share; the
 * child, reading all along, never sees the parent's writes */
TEST_BOOT(vclone_killed_while_parent_writes, "vm.ffs=8 vm.swap=64")
{
	struct	vmsnap	s;
	pid32	par, kid;
	int32	killed = 0;

	vmsnap_take(&s);
	kidsem = semcreate(0);
	parsem = semcreate(0);
	kidbad = 0;
	recvclr();
	par = vcreate(par_writes, 8192, INITPRIO - 1, "parent", 1, 3000);
	REQUIRE(par != SYSERR);
	resume(par);
	wait(parsem);
	for (kid = 0; kid < NPROC; kid++) {
		if (proctab[kid].prstate != PR_FREE &&
		    strcmp(proctab[kid].prname, "kid") == 0) {
			killed += kill(kid) == OK;
		}
	}
	CHECK(killed == 1 && vm_audit() == OK);
	while (receive() != (umsg32)par) {
		;
	}
	CHECK(kidbad == 0 && vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/*------------------------------------------------------------------------
 *  kid_oom  -  Write pages 0 .. n-1 of the shared heap
 *------------------------------------------------------------------------
 */
local	process	kid_oom(int32 n)
{
	writes(0, n, 0x4D000000);
	kidbad += wrongs(0, n, 0x4D000000);
	return OK;
}

/*------------------------------------------------------------------------
 *  par_oom  -  With 4 frames and 'nslots' slots, fill 8 pages, clone a
 *		child that writes 'n' of them: each write needs a new page
 *------------------------------------------------------------------------
 */
local	process	par_oom(int32 n)
{
	REQUIRE(heap_fill(8) == OK);
	REQUIRE(vrun_wait(vclone(kid_oom, 8192, INITPRIO, "kid", 1, n))
		!= SYSERR);
	CHECK(wrongs(0, 8, 0x3C000000) == 0);
	CHECK(vm_audit() == OK);
	return OK;
}

/* OUT_OF_MEMORY's condition with shared frames: four frames and five
 * slots hold the parent's eight pages (shared, one place each) and one
 * more: the child's first copy fits, its second does not */
TEST_BOOT(vclone_out_of_memory_counts_shared_once, "vm.ffs=4 vm.swap=5")
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	kidbad = 0;
	REQUIRE(parent_start(par_oom, 1) != SYSERR);
	CHECK(vmtotal.killed == 0 && kidbad == 0);
	REQUIRE(parent_start(par_oom, 2) != SYSERR);
	CHECK(vmtotal.killed == 1);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/*------------------------------------------------------------------------
 *  kid_frees  -  Free every inherited page
 *------------------------------------------------------------------------
 */
local	process	kid_frees(void)
{
	CHECK(vfree(heap, NPG * PAGE_SIZE) == OK);
	CHECK(used_ffs_frames(getpid()) == 0 && vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  par_frees  -  Parent of kid_frees: its frames stay, and its writes
 *		  then take none
 *------------------------------------------------------------------------
 */
local	process	par_frees(int32 unused)
{
	uint32	freef;

	(void)unused;
	REQUIRE(heap_fill(NPG) == OK);
	freef = free_ffs_pages();
	REQUIRE(vrun_wait(vclone(kid_frees, 8192, INITPRIO, "kid", 0))
		!= SYSERR);
	CHECK(free_ffs_pages() == freef && used_ffs_frames(getpid()) == NPG);
	writes(0, NPG, 0x4D000000);
	CHECK(free_ffs_pages() == freef);
	CHECK(proctab[getpid()].prvm->stats.cowkeeps == NPG);
	CHECK(vm_audit() == OK);
	return OK;
}

/* vfree of shared pages takes one mapping away: the frames stay */
TEST_BOOT(vclone_vfree_of_shared_pages, "vm.ffs=64 vm.swap=64")
{
	return clone_test(par_frees, 0);
}

#define	NKIDS		3

/*------------------------------------------------------------------------
 *  kid_soak  -  Clone 'k' of NKIDS: rounds of reading every page (its
 *		 own writes, else the parent's words) and writing one more,
 *		 each round a turn
 *------------------------------------------------------------------------
 */
local	process	kid_soak(int32 k)
{
	uint32	mine = 0x40000000 | ((uint32)k << 20);
	bool8	wrote[NPG];
	int32	r, i;

	memset(wrote, 0, sizeof(wrote));
	for (r = 0; r < 12; r++) {
		for (i = 0; i < NPG; i++) {
			kidbad += vm_read(PAGE(heap, i)) != ((wrote[i] ? mine :
				  0x3C000000) | (uint32)i);
		}
		i = (k * 5 + r) % NPG;
		vm_write(PAGE(heap, i), mine | (uint32)i);
		wrote[i] = TRUE;
		yield();		/* the others' turn: they interleave */
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  par_soak  -  Clone NKIDS kid_soak's and read along with them
 *------------------------------------------------------------------------
 */
local	process	par_soak(int32 unused)
{
	pid32	kids[NKIDS];
	int32	k, r;

	(void)unused;
	REQUIRE(heap_fill(NPG) == OK);
	for (k = 0; k < NKIDS; k++) {
		kids[k] = vclone(kid_soak, 8192, INITPRIO + 1, "kid", 1, k);
		REQUIRE(kids[k] != SYSERR);
	}
	for (k = 0; k < NKIDS; k++) {
		resume(kids[k]);
	}
	for (r = 0; r < 8; r++) {
		kidbad += wrongs(0, NPG, 0x3C000000);
		yield();
	}
	for (k = 0; k < NKIDS; k++) {
		receive();		/* a kid's death note, any order */
	}
	CHECK(vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  soak_round  -  One par_soak parent and its clones: nothing read wrong
 *------------------------------------------------------------------------
 */
local	status	soak_round(void)
{
	REQUIRE(parent_start(par_soak, 0) != SYSERR);
	CHECK(kidbad == 0);
	return OK;
}

/* A parent and three clones read and write their shared pages at once,
 * 8 frames, disk swap (a shared page in I/O blocks every mapper that
 * faults on it) and the pageout daemon, under every policy */
TEST_BOOT(vclone_disk_pageout_every_policy,
	  "+disk vm.swapdev=disk vm.ffs=8 vm.swapper=on")
{
	REQUIRE(swapdev->blocks);
	REQUIRE(every_policy(soak_round) == OK);
	CHECK(vmtotal.iowaits > 0 && vmtotal.joins > 0 &&
	      vmtotal.cowcopies > 0 && pgostats.cleaned > 0);
	return OK;
}

/* The same with RAM swap */
TEST_BOOT(vclone_ram_every_policy, "vm.ffs=24 vm.swap=128")
{
	REQUIRE(every_policy(soak_round) == OK);
	CHECK(vmtotal.joins > 0 && vmtotal.cowcopies > 0);
	return OK;
}
