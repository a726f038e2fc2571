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

/*------------------------------------------------------------------------
 *  nop  -  A child that ends at once
 *------------------------------------------------------------------------
 */
local	process	nop(void)
{
	return OK;
}

/*------------------------------------------------------------------------
 *  hostile_args  -  In a vcreate'd process that maps store 1 at page 10:
 *		     wrapping ranges, huge counts and bad pointers are
 *		     SYSERR and change nothing
 *------------------------------------------------------------------------
 */
local	process	hostile_args(void)
{
	struct	vmproc	*vm = proctab[getpid()].prvm;
	struct	vmsnap	s;
	uint32	heap;

	REQUIRE(vmalloc(2 * PAGE_SIZE) == VA(VP(0)));
	REQUIRE(xmmap(VP(10), 1, 4) == OK);
	heap = vm->heappages;
	vmsnap_take(&s);
	CHECK(xmmap(0xffffffff, 1, 1) == SYSERR);
	CHECK(xmmap(0xffffffff, 1, 2) == SYSERR);	/* wraps to 0	*/
	CHECK(xmmap(VP(VHEAP_PAGES - 1), 1, 2) == SYSERR);
	CHECK(xmmap(VP(20), 1, 0xffffffff) == SYSERR);
	CHECK(xmmap(VP(20), 0xffffffff, 1) == SYSERR);
	CHECK(xmmap(VP(20), 0x80000001, 1) == SYSERR);
	CHECK(xmmap(VP(1), 1, 2) == SYSERR);	/* half on a vmalloc'ed	*/
	CHECK(xmmap(VP(9), 1, 2) == SYSERR);	/* half on the mapping	*/
	CHECK(xmmap(VP(13), 1, 2) == SYSERR);	/* its last page	*/
	CHECK(xmmap(0, 1, 1) == SYSERR && xmmap(VP(0) - 1, 1, 2) == SYSERR);
	CHECK(xmunmap(0xffffffff) == SYSERR && xmunmap(0) == SYSERR);
	CHECK(xmunmap(VP(12)) == SYSERR && xmunmap(VP(13)) == SYSERR);
	CHECK(vfree(VA(VP(1)), 2 * PAGE_SIZE) == SYSERR);
	CHECK(vfree(VA(VP(9)), 2 * PAGE_SIZE) == SYSERR);
	CHECK(vfree(VA(VP(13)), 0xfffff000) == SYSERR);
	CHECK(get_bs(0x80000001, 1) == SYSERR && get_bs(5, 0xffffffff) == SYSERR);
	CHECK(get_bs(1, 0x80000000) == SYSERR);
	CHECK(release_bs(0xffffffff) == SYSERR && release_bs(1) == SYSERR);
	CHECK(vclone(nop, 8192, 0, "c", 0) == SYSERR);
	CHECK(vclone(nop, 8192, -5, "c", 0) == SYSERR);
	CHECK(vclone(NULL, 8192, 20, "c", 0) == SYSERR);
	CHECK(vclone(nop, 0xffffffff, 20, "c", 0) == SYSERR);
	CHECK(vclone(nop, 0xfffff001, 20, "c", 0) == SYSERR);
	CHECK(vclone(nop, 0x7fffffff, 20, "c", 0) == SYSERR);
	CHECK(vclone(nop, 8192, 20, "c", 0xffffffff) == SYSERR);
	CHECK(vclone(nop, 8192, 20, "c", MAXARGS + 1) == SYSERR);
	CHECK(vclone(nop, 8192, 20, (char *)0xfffff000, 0) == SYSERR);
	CHECK(vclone(nop, 8192, 20, (char *)VA(VP(30)), 0) == SYSERR);
	CHECK(vm->heappages == heap && bstab[1].nmaps == 1);
	CHECK(vmsnap_same(&s) && vm_audit() == OK);
	CHECK(allocated_virtual_pages(getpid()) == VHEAP_FIRST + 6);
	finished++;
	return OK;
}

/*------------------------------------------------------------------------
 *  syscalls_as  -  In a create'd process: every call on a heap is SYSERR
 *------------------------------------------------------------------------
 */
local	process	syscalls_as(void)
{
	CHECK(xmmap(VP(0), 1, 1) == SYSERR && xmunmap(VP(0)) == SYSERR);
	CHECK(vclone(nop, 8192, 20, "c", 0) == SYSERR);
	CHECK(vmalloc(PAGE_SIZE) == (char *)SYSERR);
	CHECK(vfree(VA(VP(0)), PAGE_SIZE) == SYSERR);
	finished++;
	return OK;
}

/* Hostile arguments to xmmap, xmunmap, vfree, get_bs, release_bs and
 * vclone: wrapping and overlapping ranges, huge counts, store numbers
 * with the top bit set, bad names; from a create'd process and from a
 * vcreate'd one.  Guards the range checks (inheap) against overflow */
TEST_BOOT(audit24_hostile_arguments, "vm.ffs=16 vm.swap=64")
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	finished = 0;
	REQUIRE(get_bs(1, 8) == 8);
	REQUIRE(vrun(hostile_args, 0) != SYSERR);
	REQUIRE(resume(create(syscalls_as, 8192, INITPRIO + 1, "cr", 0))
		!= SYSERR);
	CHECK(finished == 2 && bstab[1].nmaps == 0);
	CHECK(release_bs(1) == OK);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

#define	NSP	4			/* store pages written	*/

local	sid32	gate;			/* the clone's next step	*/
local	volatile int32	badwords;	/* words read wrong		*/

/*------------------------------------------------------------------------
 *  store_clone  -  A clone of store_writer: it maps store 1 as its
 *		    parent did; writes page 1 after the parent unmapped
 *------------------------------------------------------------------------
 */
local	process	store_clone(void)
{
	wait(gate);
	badwords += vm_read(VA(VP(20))) != 0xa0;
	vm_write(VA(VP(21)), 0xc1);
	finished++;
	return OK;
}

/*------------------------------------------------------------------------
 *  store_writer  -  Write every page of store 1 (and enough of its own
 *		     heap that some go to swap), clone itself, unmap while
 *		     the clone still maps it
 *------------------------------------------------------------------------
 */
local	process	store_writer(void)
{
	char	*p = vmalloc(8 * PAGE_SIZE);
	pid32	kid;
	uint32	i;

	REQUIRE(p != (char *)SYSERR && xmmap(VP(20), 1, NSP) == OK);
	for (i = 0; i < NSP; i++) {
		vm_write(VA(VP(20 + i)), 0xa0 + i);
		vm_write(VA(VP(20 + i)) + 2048, 0xa0 + i);
	}
	for (i = 0; i < 8; i++) {
		vm_write(PAGE(p, i), i);	/* store pages go out	*/
	}
	kid = vclone(store_clone, 8192, INITPRIO + 2, "sc", 0);
	REQUIRE(kid != SYSERR);
	CHECK(bstab[1].nmaps == 2 && allocated_virtual_pages(kid) ==
	      allocated_virtual_pages(getpid()));
	CHECK(xmunmap(VP(20)) == OK && bstab[1].nmaps == 1);
	CHECK(vmalloc(PAGE_SIZE) == VA(VP(8)));	/* not over the hole	*/
	CHECK(release_bs(1) == SYSERR);		/* the clone maps it	*/
	resume(kid);
	signal(gate);				/* it runs and ends	*/
	CHECK(xmmap(VP(30), 1, 2) == OK);
	CHECK(vm_read(VA(VP(31))) == 0xc1 && vm_read(VA(VP(30))) == 0xa0);
	CHECK(vm_read(VA(VP(31)) + 2048) == 0xa1);
	CHECK(xmunmap(VP(30)) == OK && release_bs(1) == OK);
	CHECK(vm_audit() == OK);
	finished++;
	return OK;
}

/*------------------------------------------------------------------------
 *  zero_reader  -  Map store 'b' (of 'n' pages) at page 40 and check
 *		    that every word is zero
 *------------------------------------------------------------------------
 */
local	process	zero_reader(bsd_t b, uint32 n)
{
	uint32	i, w;

	REQUIRE(xmmap(VP(40), b, n) == OK);
	for (i = 0; i < n; i++) {
		for (w = 0; w < PAGE_SIZE; w += sizeof(uint32)) {
			badwords += vm_read(VA(VP(40 + i)) + w) != 0;
		}
	}
	CHECK(xmunmap(VP(40)) == OK);
	finished++;
	return OK;
}

/* A clone maps its parent's store; the parent unmaps it and the store
 * is still mapped (release_bs refused) until the clone ends.  A store
 * made again after release_bs, larger or under another number, on the
 * same slots and frames, reads as zeros: nothing of the released one's
 * data (in kept frames or in slots) shows through */
TEST_BOOT(audit24_released_store_leaks_nothing, "vm.ffs=6 vm.swap=16")
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	finished = 0;
	badwords = 0;
	gate = semcreate(0);
	REQUIRE(get_bs(1, NSP) == NSP);
	REQUIRE(vrun(store_writer, 0) != SYSERR);
	CHECK(finished == 2 && badwords == 0 && !bstab[1].inuse);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	REQUIRE(get_bs(1, 2 * NSP) == 2 * NSP);
	REQUIRE(vrun_wait(vcreate(zero_reader, 8192, INITPRIO + 1, "zr", 2,
		1, 2 * NSP)) != SYSERR);
	CHECK(release_bs(1) == OK);
	REQUIRE(get_bs(7, NSP) == NSP);
	REQUIRE(vrun_wait(vcreate(zero_reader, 8192, INITPRIO + 1, "zr", 2,
		7, NSP)) != SYSERR);
	CHECK(release_bs(7) == OK);
	CHECK(finished == 4 && badwords == 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	semdelete(gate);
	return OK;
}

#define	INFOPAGES	((sizeof(struct vminfo) + PAGE_SIZE - 1) / PAGE_SIZE)

local	char	*infobuf;		/* the parent's vmalloc'ed pages */

/*------------------------------------------------------------------------
 *  info_clone  -  Have vm_info write into the pages inherited from the
 *		   parent: the write fault copies them first
 *------------------------------------------------------------------------
 */
local	process	info_clone(void)
{
	struct	vminfo	*info = (struct vminfo *)infobuf;
	pid32	me = getpid();
	uint32	before = used_ffs_frames(me), free = free_ffs_pages();

	CHECK(vm_info(me, info) == OK && info->vcreated);
	CHECK(info->heappages == INFOPAGES + 1 && info->nframes == before);
	CHECK(used_ffs_frames(me) == before);	/* copies replace them	*/
	CHECK(free_ffs_pages() == free - INFOPAGES);
	CHECK(vm_read(PAGE(infobuf, INFOPAGES)) == 0x5a5a5a5a);
	finished++;
	return OK;
}

/*------------------------------------------------------------------------
 *  info_parent  -  Fill pages, clone, and check the clone's vm_info
 *		    into them leaves the parent's words as they were
 *------------------------------------------------------------------------
 */
local	process	info_parent(void)
{
	pid32	me = getpid(), kid;
	uint32	i, free;

	infobuf = vmalloc((INFOPAGES + 1) * PAGE_SIZE);
	REQUIRE(infobuf != (char *)SYSERR);
	for (i = 0; i <= INFOPAGES; i++) {
		memset(PAGE(infobuf, i), 0x5a, PAGE_SIZE);
	}
	free = free_ffs_pages();
	kid = vclone(info_clone, 8192, INITPRIO + 2, "ic", 0);
	REQUIRE(kid != SYSERR);
	CHECK(free_ffs_pages() == free);	/* shared, not copied	*/
	CHECK(used_ffs_frames(kid) == INFOPAGES + 1);
	CHECK(used_ffs_frames(me) == INFOPAGES + 1);
	CHECK(allocated_virtual_pages(kid) == allocated_virtual_pages(me));
	resume(kid);				/* runs and ends	*/
	for (i = 0; i < (INFOPAGES + 1) * PAGE_SIZE; i++) {
		badwords += infobuf[i] != 0x5a;
	}
	CHECK(free_ffs_pages() == free && vm_audit() == OK);
	finished++;
	return OK;
}

/* A system call that writes into a copy-on-write page on the caller's
 * behalf (vm_info) copies it first: the other sharer sees nothing of
 * it, and the counters move exactly as for the clone's own writes */
TEST_BOOT(audit24_syscall_writes_copy_first, "vm.ffs=32 vm.swap=64")
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	finished = 0;
	badwords = 0;
	REQUIRE(vrun(info_parent, 0) != SYSERR);
	CHECK(finished == 2 && badwords == 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}

#define	XBLK	1000			/* past the slots vm.swap=64 uses */
#define	DWORD(i, w)	(0x5eed0000 + (i) * 4096 + (w))

local	char	*diskheap;		/* the parent's 8 pages		*/

/*------------------------------------------------------------------------
 *  pagebad  -  Words of page 'i' of diskheap not holding page 'src''s
 *------------------------------------------------------------------------
 */
local	uint32	pagebad(uint32 i, uint32 src)
{
	uint32	w, bad = 0;

	for (w = 0; w < PAGE_SIZE / 4; w++) {
		bad += vm_read(PAGE(diskheap, i) + 4 * w) != DWORD(src, w);
	}
	return bad;
}

/*------------------------------------------------------------------------
 *  disk_clone  -  read(DISK0) block XBLK (page 0's words) into every
 *		   inherited page but page 0, resident or swapped out
 *------------------------------------------------------------------------
 */
local	process	disk_clone(void)
{
	uint32	i;

	for (i = 1; i < 8; i++) {
		CHECK(read(DISK0, PAGE(diskheap, i), XBLK) == OK);
	}
	for (i = 0; i < 8; i++) {
		badwords += pagebad(i, 0);
	}
	CHECK(vm_audit() == OK);
	finished++;
	return OK;
}

/*------------------------------------------------------------------------
 *  disk_parent  -  Fill 8 pages (FFS holds 4), write page 0 to the disk,
 *		    clone, and check its own pages after the clone read
 *		    the disk into its copies of them
 *------------------------------------------------------------------------
 */
local	process	disk_parent(void)
{
	uint32	i, w;
	pid32	kid;

	diskheap = vmalloc(8 * PAGE_SIZE);
	REQUIRE(diskheap != (char *)SYSERR);
	for (i = 0; i < 8; i++) {
		for (w = 0; w < PAGE_SIZE / 4; w++) {
			vm_write(PAGE(diskheap, i) + 4 * w, DWORD(i, w));
		}
	}
	REQUIRE(write(DISK0, diskheap, XBLK) == OK);
	kid = vclone(disk_clone, 8192, INITPRIO + 2, "dc", 0);
	REQUIRE(kid != SYSERR);
	recvclr();
	resume(kid);
	while (receive() != (umsg32)kid) {
		;
	}
	for (i = 0; i < 8; i++) {
		badwords += pagebad(i, i);
	}
	CHECK(vm_audit() == OK);
	finished++;
	return OK;
}

/* read(DISK0) into a clone's copy-on-write pages, resident and swapped
 * out to shared slots, with disk swap on the same disk and FFS full:
 * each page is copied before the driver fills it, and the parent still
 * reads its own words */
TEST_BOOT(audit24_disk_read_into_cow_pages,
	  "+disk vm.swapdev=disk vm.ffs=4 vm.swap=64")
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	finished = 0;
	badwords = 0;
	REQUIRE(swapdev->blocks);
	REQUIRE(vrun(disk_parent, 0) != SYSERR);
	CHECK(finished == 2 && badwords == 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s));
	return OK;
}
