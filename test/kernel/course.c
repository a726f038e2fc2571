/* course.c - tests of the grading contract: lowest-first frames and
 *	      slots, stack slack, used_swap_frames, the course flavours */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

/* (recvclr's contract is tested with the other messages, in msg.c) */

#define	WR(p, i)	vm_write(PAGE(p, i), 0x5A000000 | (i))
#define	RD(p, i)	vm_read(PAGE(p, i))

/*------------------------------------------------------------------------
 *  inframes  -  Child: touch 'n' heap pages; page i must sit in FFS
 *		 frame i (FFS is empty when it starts)
 *------------------------------------------------------------------------
 */
local	process	inframes(int32 n)
{
	char	*p = vmalloc(n * PAGE_SIZE);
	int32	i;

	REQUIRE(p != (char *)SYSERR);
	for (i = 0; i < n; i++) {
		WR(p, i);
	}
	for (i = 0; i < n; i++) {
		CHECK(ffstab[i].owner == getpid() &&
		      ffstab[i].vpn == (uint32)PAGE(p, i) >> PAGE_SHIFT);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  scattered  -  Child: touch 16 pages, free pages 9, 3 and 12 (in that
 *		  order), touch three new ones: they get frames 3, 9, 12
 *------------------------------------------------------------------------
 */
local	process	scattered(int32 unused)
{
	char	*p = vmalloc(16 * PAGE_SIZE), *q;
	int32	i;

	(void)unused;
	REQUIRE(p != (char *)SYSERR);
	for (i = 0; i < 16; i++) {
		WR(p, i);
	}
	CHECK(vfree(PAGE(p, 9), PAGE_SIZE) == OK);
	CHECK(vfree(PAGE(p, 3), PAGE_SIZE) == OK);
	CHECK(vfree(PAGE(p, 12), PAGE_SIZE) == OK);
	q = vmalloc(3 * PAGE_SIZE);
	REQUIRE(q != (char *)SYSERR);
	for (i = 0; i < 3; i++) {
		WR(q, i);
	}
	CHECK(ffstab[3].vpn == (uint32)q >> PAGE_SHIFT);
	CHECK(ffstab[9].vpn == (uint32)PAGE(q, 1) >> PAGE_SHIFT);
	CHECK(ffstab[12].vpn == (uint32)PAGE(q, 2) >> PAGE_SHIFT);
	CHECK(free_ffs_pages() == ffs_limit - 16);
	return OK;
}

/* After a process gives back all its frames, the next one gets frames
 * 0, 1, 2, ... again; frames freed in any order come back lowest first */
TEST(ffs_lowest_first_again)
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	REQUIRE(vrun(inframes, 12) != SYSERR);
	REQUIRE(vrun(inframes, 12) != SYSERR);
	REQUIRE(vrun(inframes, 5) != SYSERR);
	REQUIRE(vrun(scattered, 0) != SYSERR);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/*
 * Two processes one after the other, each writing six pages into four
 * frames and reading them back, must print the same trace: frames and
 * slots are handed out lowest first, and this pattern leaves the clock
 * hand back at frame 0.  Worked out from the contract (DESIGN.md 6):
 *  writes 0-3 fill frames 0-3.  Write 4: every A bit is set, the sweep
 *  clears them and evicts frame 0 (page 0, slot 0); write 5 evicts
 *  frame 1 (page 1, slot 1).  Read 0: frame 2 (page 2) goes to slot 2
 *  and page 0 comes into frame 2; read 1: frame 3 (page 3) to slot 3,
 *  page 1 into frame 3.  Read 2: the sweep clears all four A bits and
 *  evicts frame 0 (page 4, slot 4); read 3 evicts frame 1 (page 5, slot
 *  5).  Read 4 evicts frame 2, page 0, clean since it came back: its
 *  copy in slot 0 is still good and nothing is written; read 5 evicts
 *  frame 3, page 1, clean (slot 1).  The hand ends at frame 0.
 */
local	const	char	sixinfour[] =
	"eviction:: FFS frame 0x0, swap frame 0x0 copy\n"
	"eviction:: FFS frame 0x1, swap frame 0x1 copy\n"
	"eviction:: FFS frame 0x2, swap frame 0x2 copy\n"
	"swapping:: swap frame 0x0, FFS frame 0x2\n"
	"eviction:: FFS frame 0x3, swap frame 0x3 copy\n"
	"swapping:: swap frame 0x1, FFS frame 0x3\n"
	"eviction:: FFS frame 0x0, swap frame 0x4 copy\n"
	"swapping:: swap frame 0x2, FFS frame 0x0\n"
	"eviction:: FFS frame 0x1, swap frame 0x5 copy\n"
	"swapping:: swap frame 0x3, FFS frame 0x1\n"
	"eviction:: FFS frame 0x2, swap frame 0x0\n"
	"swapping:: swap frame 0x4, FFS frame 0x2\n"
	"eviction:: FFS frame 0x3, swap frame 0x1\n"
	"swapping:: swap frame 0x5, FFS frame 0x3\n";

local	process	writeread(int32 unused)
{
	char	*p = vmalloc(6 * PAGE_SIZE);
	int32	i, bad = 0;

	(void)unused;
	REQUIRE(p != (char *)SYSERR);
	for (i = 0; i < 6; i++) {
		WR(p, i);
	}
	for (i = 0; i < 6; i++) {
		bad += RD(p, i) != (0x5A000000 | (uint32)i);
	}
	CHECK(bad == 0);
	return OK;
}

TEST_BOOT(swap_trace_lowest_first_again, "vm.ffs=4 vm.swap=16")
{
	static	char	out[2][1024];
	int32	i;

	for (i = 0; i < 2; i++) {
		kcapture(out[i], sizeof(out[i]));
		debug_swapping = 100;
		REQUIRE(vrun(writeread, 0) != SYSERR);
		kcapture(NULL, 0);
		CHECK(strcmp(out[i], sixinfour) == 0);
	}
	if (test_failures > 0) {
		kprintf("captured:\n%s--\n%s", out[0], out[1]);
	}
	CHECK(free_swap_pages() == swap_limit);
	return OK;
}

/*
 * Stack slack.  The course's locked printf forwards its arguments with
 * __builtin_apply, which copies a fixed 100-byte block from where its
 * own arguments start: past the top of the stack when the wrapper runs
 * near it.  Built at -O0 as course programs are.
 */
local	syscall	__attribute__((noinline, optimize("O0")))
		sync_printf(char *fmt, ...)
{
	void	*args = __builtin_apply_args();

	(void)fmt;			/* kprintf gets it, through args */
	__builtin_apply((void *)kprintf, args, 100);
	return OK;
}

local	volatile uint32	slack;		/* bytes above the first frame	*/

/*------------------------------------------------------------------------
 *  speaker  -  Child: measure the stack above its first frame (its two
 *		arguments and return address), then print through the
 *		wrapper
 *------------------------------------------------------------------------
 */
local	process	__attribute__((noinline)) speaker(int32 n, int32 unused)
{
	uint32	frametop = (uint32)__builtin_frame_address(0) + 8 +
			   2 * sizeof(int32);

	(void)unused;
	slack = (uint32)proctab[getpid()].prstkbase + sizeof(uint32) -
		frametop;
	sync_printf("speaker %d: %s\n", n, "hello");
	return OK;
}

/*------------------------------------------------------------------------
 *  speaks  -  Run process 'pid' to its end: did it print 'line' and not
 *	       die of a segmentation fault?
 *------------------------------------------------------------------------
 */
local	bool8	speaks(pid32 pid, const char *line)
{
	static	char	out[512];

	out[0] = NULLCH;
	kcapture(out, sizeof(out));
	pid = vrun_wait(pid);
	kcapture(NULL, 0);
	return pid != SYSERR && strstr(out, line) != NULL &&
	       strstr(out, "SEGMENTATION_FAULT") == NULL;
}

TEST(stack_slack_vcreate)
{
	slack = 0;
	CHECK(speaks(vcreate(speaker, 8192, INITPRIO + 1, "speaker", 2, 1, 0),
		     "speaker 1: hello\n"));
	CHECK(slack >= 256);
	CHECK(speaks(vcreate(sync_printf, 8192, INITPRIO + 1, "apply", 3,
			     "direct %d %d\n", 42, 43),	/* the process	*/
		     "direct 42 43\n"));		/* is the wrapper */
	return OK;
}

TEST(stack_slack_create)
{
	slack = 0;
	CHECK(speaks(create(speaker, 4096, INITPRIO + 1, "speaker", 2, 2, 0),
		     "speaker 2: hello\n"));
	CHECK(slack >= 256);
	return OK;
}

/*
 * used_swap_frames: slots a process holds, swapped out or back in
 */
local	sid32	counted;		/* the child waits to be counted */
local	sid32	wrote;

local	process	slotuser(int32 unused)
{
	char	*p = vmalloc(6 * PAGE_SIZE);
	pid32	me = getpid();
	int32	i;

	(void)unused;
	REQUIRE(p != (char *)SYSERR);
	CHECK(used_swap_frames(me) == 0);
	for (i = 0; i < 6; i++) {
		WR(p, i);
	}
	CHECK(used_swap_frames(me) == 2);	/* pages 0 and 1 went out */
	RD(p, 0);				/* evicts page 2; page 0 */
	CHECK(used_swap_frames(me) == 3);	/* keeps its slot	*/
	signal(wrote);
	wait(counted);
	CHECK(vfree(p, 3 * PAGE_SIZE) == OK);	/* pages 0-2: 3 slots	*/
	CHECK(used_swap_frames(me) == 0);
	return OK;
}

TEST_BOOT(vm_used_swap_frames, "vm.ffs=4 vm.swap=16")
{
	struct	vmsnap	s;
	pid32	pid;

	vmsnap_take(&s);
	CHECK(used_swap_frames(getpid()) == 0);	/* a system process	*/
	CHECK(used_swap_frames(-1) == (uint32)SYSERR);
	CHECK(used_swap_frames(NPROC) == (uint32)SYSERR);
	counted = semcreate(0);
	wrote = semcreate(0);
	pid = vcreate(slotuser, 8192, INITPRIO + 1, "slotuser", 1, 0);
	REQUIRE(pid != SYSERR);
	CHECK(used_swap_frames(pid) == 0);
	resume(pid);
	wait(wrote);
	CHECK(used_swap_frames(pid) == 3);
	CHECK(free_swap_pages() == swap_limit - 3);
	signal(counted);
	CHECK(receive() == (umsg32)pid);
	CHECK(used_swap_frames(pid) == (uint32)SYSERR);	/* gone	*/
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	semdelete(counted);
	semdelete(wrote);
	return OK;
}

/*
 * The course flavours (paging.h): where the heap starts, and first fit
 * (default) or next fit (ECE465)
 */
local	process	heapstart(int32 unused)
{
	char	*p;

	(void)unused;
	CHECK(allocated_virtual_pages(getpid()) == VHEAP_FIRST);
#if XINU_PAGES == 8192 && MAX_PT_SIZE == 1024 && MAX_FFS_SIZE == 16384
#ifdef	ECE465
	CHECK(VHEAP_START == 0x6400000);
	CHECK(allocated_virtual_pages(getpid()) == 25600);
#else
	CHECK(VHEAP_START == 0x2000000);
	CHECK(allocated_virtual_pages(getpid()) == 8192);
#endif
#endif
	p = vmalloc(2 * PAGE_SIZE);
	CHECK(p == (char *)VHEAP_START);
	WR(p, 1);
	CHECK(RD(p, 1) == (0x5A000000 | 1));
	CHECK(used_ffs_frames(getpid()) == 1);
	CHECK(allocated_virtual_pages(getpid()) == VHEAP_FIRST + 2);
	return OK;
}

#ifdef	ECE465
/* Between the kernel region and the ECE465 heap nothing is mapped */
local	process	belowheap(int32 unused)
{
	(void)unused;
	WR((char *)KERNEL_END, 0);
	return OK;
}

/*------------------------------------------------------------------------
 *  gapfaults  -  A touch below the ECE465 heap kills the process with a
 *		  segmentation fault
 *------------------------------------------------------------------------
 */
local	void	gapfaults(void)
{
	static	char	out[256];
	char	want[64];
	pid32	pid;

	kcapture(out, sizeof(out));
	pid = vrun(belowheap, 0);
	kcapture(NULL, 0);
	sprintf(want, "P%d:: SEGMENTATION_FAULT\n", pid);
	CHECK(pid != SYSERR && strstr(out, want) != NULL);
}
#endif

TEST(vm_flavour_heap_start)
{
	REQUIRE(vrun(heapstart, 0) != SYSERR);
#ifdef	ECE465
	gapfaults();
#endif
	CHECK(vm_audit() == OK);
	return OK;
}

local	process	fitorder(int32 unused)
{
	char	*a, *b, *c;

	(void)unused;
	a = vmalloc(4 * PAGE_SIZE);
	b = vmalloc(4 * PAGE_SIZE);
	REQUIRE(a == (char *)VHEAP_START && b == PAGE(a, 4));
	CHECK(vfree(a, 4 * PAGE_SIZE) == OK);
	c = vmalloc(2 * PAGE_SIZE);
#ifdef	ECE465
	CHECK(c == PAGE(b, 4));			/* after b, not the hole */
	CHECK(vmalloc(PAGE_SIZE) == PAGE(c, 2));
	CHECK(vmalloc(VHEAP_END - (uint32)PAGE(c, 3)) == PAGE(c, 3));
	CHECK(vmalloc(3 * PAGE_SIZE) == a);	/* wraps to the hole	*/
	CHECK(vmalloc(PAGE_SIZE) == PAGE(a, 3));
	CHECK(vmalloc(PAGE_SIZE) == (char *)SYSERR);
#else
	CHECK(c == a);				/* the lowest hole	*/
	CHECK(vmalloc(PAGE_SIZE) == PAGE(a, 2));
	CHECK(vmalloc(2 * PAGE_SIZE) == PAGE(b, 4));
#endif
	CHECK(vm_audit() == OK);
	return OK;
}

TEST(vm_flavour_fit_order)
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	REQUIRE(vrun(fitorder, 0) != SYSERR);
	CHECK(vmsnap_same(&s));
	return OK;
}

/*
 * Swap full and a swapped page must come in through its own slot (RAM
 * swap): the victim is the frame one sweep of the clock picks, as if the
 * attempt that failed for want of a slot had not happened.  Pages a and
 * b fill the two frames, c evicts a (the sweep clears both A bits, takes
 * frame 0, the hand moves to frame 1) and lands in frame 0 with A set;
 * touching a then finds frame 1 (b) with A clear: b goes to a's slot and
 * a comes into frame 1.  A second sweep would have taken frame 0, c, the
 * page just touched.
 */
local	volatile char	firstbyte;	/* what threepages read back	*/

local	process	threepages(void)
{
	volatile char	*p = vmalloc(3 * PAGE_SIZE);
	int32	i;

	if (p == (char *)SYSERR) {
		return SYSERR;
	}
	for (i = 0; i < 3; i++) {
		p[i * PAGE_SIZE] = 'a' + i;
	}
	firstbyte = p[0];
	return OK;
}

TEST_BOOT(swap_full_own_slot_victim_is_one_sweeps, "vm.ffs=2 vm.swap=1 "
	  "vm.policy=clock")
{
	static	char	out[512];
	const	char	*want =
		"eviction:: FFS frame 0x0, swap frame 0x0 copy\n"
		"eviction:: FFS frame 0x1, swap frame 0x0 copy\n"
		"swapping:: swap frame 0x0, FFS frame 0x1\n";

	kcapture(out, sizeof(out));
	debug_swapping = 100;
	CHECK(vrun(threepages, 0) != SYSERR);
	kcapture(NULL, 0);
	CHECK(firstbyte == 'a');
	CHECK(strcmp(out, want) == 0);
	if (test_failures > 0) {
		kprintf("captured:\n%s--\n", out);
	}
	CHECK(free_swap_pages() == swap_limit);
	return OK;
}
