/* vm.c - tests of demand paging: vcreate, vmalloc, vfree, faults */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

/* A fresh vcreate'd process has only the kernel pages and no frames */
local	process	fresh(int32 unused)
{
	(void)unused;
	CHECK(allocated_virtual_pages(getpid()) == VHEAP_FIRST);
	CHECK(used_ffs_frames(getpid()) == 0);
	CHECK(vm_audit() == OK);
	return OK;
}

TEST(vm_fresh_counters)
{
	struct	vmsnap	s;
	int32	i;

	vmsnap_take(&s);
	CHECK(allocated_virtual_pages(getpid()) == VHEAP_FIRST);
	CHECK(used_ffs_frames(getpid()) == 0);
	for (i = 0; i < 5; i++) {
		REQUIRE(vrun(fresh, 0) != SYSERR);
	}
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	CHECK(free_ffs_pages() == MAX_FFS_SIZE);
	CHECK(free_swap_pages() == MAX_SWAP_SIZE);
	return OK;
}

/* Placement: first fit (ECE465: next fit) from VHEAP_START, vfree rules,
 * hole reuse */
local	process	placement(int32 unused)
{
	char	*a, *b, *c, *d, *e;
	uint32	base = allocated_virtual_pages(getpid());

	(void)unused;
	a = vmalloc(8 * PAGE_SIZE);
	b = vmalloc(4 * PAGE_SIZE - 100);	/* rounds up to 4	*/
	c = vmalloc(2 * PAGE_SIZE);
	d = vmalloc(8 * PAGE_SIZE);
	CHECK(a == (char *)VHEAP_START);
	CHECK(b == PAGE(a, 8));
	CHECK(c == PAGE(b, 4));
	CHECK(d == PAGE(c, 2));
	CHECK(allocated_virtual_pages(getpid()) == base + 22);
	CHECK(vm_audit() == OK);

	/* Over-long: runs past the last allocation; nothing changes */
	CHECK(vfree(d, 9 * PAGE_SIZE) == SYSERR);
	CHECK(vfree(a + 1, PAGE_SIZE) == SYSERR);	/* not aligned	*/
	CHECK(vfree(PAGE(d, 8), PAGE_SIZE) == SYSERR);	/* not reserved	*/
	CHECK(vfree(d, 0) == SYSERR);
	CHECK(allocated_virtual_pages(getpid()) == base + 22);

	/* One vfree across b and c */
	CHECK(vfree(b, 6 * PAGE_SIZE) == OK);
	CHECK(allocated_virtual_pages(getpid()) == base + 16);
	CHECK(vfree(c, PAGE_SIZE) == SYSERR);		/* already free	*/
	CHECK(vm_audit() == OK);

#ifdef	ECE465
	/* Next fit: the search starts after d, the last allocation, and
	 * wraps around to the hole only when nothing fits above */
	e = vmalloc(3 * PAGE_SIZE);
	CHECK(e == PAGE(d, 8));
	CHECK(vmalloc(VHEAP_END - (uint32)PAGE(e, 3)) == PAGE(e, 3));
	e = vmalloc(3 * PAGE_SIZE);			/* wraps	*/
	CHECK(e == b);
	e = vmalloc(3 * PAGE_SIZE);
	CHECK(e == PAGE(b, 3));				/* hole is full	*/
	CHECK(vmalloc(PAGE_SIZE) == (char *)SYSERR);

	/* Freed runs merge: free everything, then one big run fits */
	CHECK(vfree(a, VHEAP_END - VHEAP_START) == OK);
	CHECK(allocated_virtual_pages(getpid()) == base);
	CHECK(vmalloc(23 * PAGE_SIZE) == PAGE(b, 6));	/* the cursor	*/
#else
	/* The hole is reused first fit, low end first */
	e = vmalloc(3 * PAGE_SIZE);
	CHECK(e == b);
	e = vmalloc(3 * PAGE_SIZE);
	CHECK(e == PAGE(b, 3));
	e = vmalloc(PAGE_SIZE);
	CHECK(e == PAGE(d, 8));				/* hole is full	*/

	/* Freed runs merge: free everything, then one big run fits */
	CHECK(vfree(a, 23 * PAGE_SIZE) == OK);
	CHECK(allocated_virtual_pages(getpid()) == base);
	CHECK(vmalloc(23 * PAGE_SIZE) == a);
#endif
	CHECK(vm_audit() == OK);
	return OK;
}

TEST(vm_placement)
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	REQUIRE(vrun(placement, 0) != SYSERR);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* Laziness: frames appear on first touch only */
local	process	lazy(int32 unused)
{
	char	*p;
	pid32	me = getpid();

	(void)unused;
	p = vmalloc(4 * PAGE_SIZE);
	REQUIRE(p != (char *)SYSERR);
	CHECK(used_ffs_frames(me) == 0);
	CHECK(p[100] == 0);			/* a read counts	*/
	CHECK(used_ffs_frames(me) == 1);
	p[200] = 'x';
	p[4095] = 'y';
	CHECK(used_ffs_frames(me) == 1);
	PAGE(p, 2)[7] = 'z';
	CHECK(used_ffs_frames(me) == 2);
	CHECK(p[200] == 'x' && p[4095] == 'y' && PAGE(p, 2)[7] == 'z');
	CHECK(PAGE(p, 2)[8] == 0);		/* the frame was zeroed	*/
	CHECK(vm_audit() == OK);
	CHECK(vfree(p, 4 * PAGE_SIZE) == OK);
	CHECK(used_ffs_frames(me) == 0);
	CHECK(vm_audit() == OK);
	return OK;
}

TEST(vm_lazy_allocation)
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	REQUIRE(vrun(lazy, 0) != SYSERR);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* One page past an allocation: only that process dies */
local	volatile int32 touched;

local	process	overrun(int32 unused)
{
	char	*p;

	(void)unused;
	p = vmalloc(2 * PAGE_SIZE);
	p[0] = 1;
	PAGE(p, 1)[0] = 1;
	touched = used_ffs_frames(getpid());
	asm volatile("" : : : "memory");	/* store touched first	*/
	PAGE(p, 2)[0] = 1;			/* not reserved		*/
	touched = -1;				/* never reached	*/
	return OK;
}

TEST(vm_segfault_kills_only_the_process)
{
	struct	vmsnap	s;
	char	out[256], want[64];
	pid32	pid;

	vmsnap_take(&s);
	kcapture(out, sizeof(out));
	pid = vrun(overrun, 0);
	kcapture(NULL, 0);
	REQUIRE(pid != SYSERR);
	CHECK(touched == 2);
	sprintf(want, "P%d:: SEGMENTATION_FAULT\n", pid);
	CHECK(strstr(out, want) != NULL);
	CHECK(proctab[pid].prstate == PR_FREE);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* A NULL pointer and a kernel-region write through a bad pointer in a
 * vcreate'd process are segmentation faults too */
local	process	nullderef(int32 unused)
{
	(void)unused;
	touched = *(volatile int32 *)0;
	touched = -1;
	return OK;
}

TEST(vm_null_pointer_segfault)
{
	char	out[256], want[64];
	pid32	pid;

	touched = 0;
	kcapture(out, sizeof(out));
	pid = vrun(nullderef, 0);
	kcapture(NULL, 0);
	REQUIRE(pid != SYSERR);
	sprintf(want, "P%d:: SEGMENTATION_FAULT\n", pid);
	CHECK(strstr(out, want) != NULL);
	CHECK(touched == 0);
	return OK;
}

/* Three allocations of 4096 pages; 2048 pages written and verified */
local	process	big(int32 unused)
{
	char	*r[3];
	uint32	*w;
	int32	i, k, bad = 0;

	(void)unused;
	for (k = 0; k < 3; k++) {
		r[k] = vmalloc(4096 * PAGE_SIZE);
		REQUIRE(r[k] != (char *)SYSERR);
	}
	CHECK(r[1] == PAGE(r[0], 4096) && r[2] == PAGE(r[1], 4096));
	CHECK(allocated_virtual_pages(getpid()) == VHEAP_FIRST + 3 * 4096);
	for (i = 0; i < 2048; i++) {
		k = i % 3;
		w = (uint32 *)PAGE(r[k], i * 2);
		w[0] = 0xA5000000 | i;
		w[1023] = ~(uint32)i;
	}
	CHECK(used_ffs_frames(getpid()) == 2048);
	for (i = 0; i < 2048; i++) {
		w = (uint32 *)PAGE(r[i % 3], i * 2);
		bad += (w[0] != (0xA5000000 | i)) || (w[1023] != ~(uint32)i);
	}
	CHECK(bad == 0);
	CHECK(vm_audit() == OK);
	return OK;
}

TEST(vm_three_big_allocations)
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	REQUIRE(vrun(big, 0) != SYSERR);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* Ten processes at once, preempting each other while they fault */
#define	NCONC	10
local	sid32	conc_done;
local	sid32	conc_go;

local	process	concurrent(int32 n)
{
	char	*p;
	int32	i, round, bad = 0;

	p = vmalloc((n + 1) * 8 * PAGE_SIZE);
	REQUIRE(p != (char *)SYSERR);
	for (round = 0; round < 3; round++) {
		for (i = 0; i < (n + 1) * 8; i++) {
			*(int32 *)PAGE(p, i) = n * 1000 + i + round;
		}
		for (i = 0; i < (n + 1) * 8; i++) {
			bad += *(int32 *)PAGE(p, i) != n * 1000 + i + round;
		}
	}
	CHECK(bad == 0);
	CHECK(used_ffs_frames(getpid()) == (uint32)(n + 1) * 8);
	signal(conc_done);
	wait(conc_go);			/* hold frames until counted	*/
	return OK;
}

TEST(vm_ten_concurrent_processes)
{
	struct	vmsnap	s;
	pid32	pids[NCONC];
	uint32	total = 0;
	int32	i;

	vmsnap_take(&s);
	conc_done = semcreate(0);
	conc_go = semcreate(0);
	for (i = 0; i < NCONC; i++) {
		pids[i] = vcreate(concurrent, 8192, INITPRIO, "conc", 1, i);
		REQUIRE(pids[i] != SYSERR);
		total += (i + 1) * 8;
	}
	for (i = 0; i < NCONC; i++) {
		resume(pids[i]);
	}
	for (i = 0; i < NCONC; i++) {
		wait(conc_done);
	}
	CHECK(free_ffs_pages() == s.ffs - total);
	for (i = 0; i < NCONC; i++) {
		CHECK(used_ffs_frames(pids[i]) == (uint32)(i + 1) * 8);
		CHECK(allocated_virtual_pages(pids[i]) ==
		      (uint32)(VHEAP_FIRST + (i + 1) * 8));
	}
	CHECK(vm_audit() == OK);
	signaln(conc_go, NCONC);
	for (i = 0; i < NCONC; i++) {
		receive();
	}
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	semdelete(conc_done);
	semdelete(conc_go);
	return OK;
}

/* vmalloc failures leave everything as it was */
local	process	vmbadsize(int32 unused)
{
	struct	vmsnap	s;

	(void)unused;
	vmsnap_take(&s);
	CHECK(vmalloc(0) == (char *)SYSERR);
	CHECK(vmalloc(0xFFFFFFFF) == (char *)SYSERR);
	CHECK(vmalloc(VHEAP_END - VHEAP_START + 1) == (char *)SYSERR);
	CHECK(vmsnap_same(&s));
	CHECK(allocated_virtual_pages(getpid()) == VHEAP_FIRST);

	/* vfree of what is not heap: past its end, the stack, the kernel */
	CHECK(vfree((char *)VHEAP_END, PAGE_SIZE) == SYSERR);
	CHECK(vfree((char *)VHEAP_END + PAGE_SIZE, PAGE_SIZE) == SYSERR);
	CHECK(vfree((char *)(VSTACK_TOP - PAGE_SIZE), PAGE_SIZE) == SYSERR);
	CHECK(vfree((char *)0x100000, PAGE_SIZE) == SYSERR);
	CHECK(vmsnap_same(&s));
	CHECK(vm_audit() == OK);
	CHECK(vmalloc(VHEAP_END - VHEAP_START) == (char *)VHEAP_START);
	CHECK(vmalloc(PAGE_SIZE) == (char *)SYSERR);	/* heap is full	*/
	CHECK(vm_audit() == OK);
	CHECK(vfree((char *)VHEAP_START, VHEAP_END - VHEAP_START) == OK);
	CHECK(vmsnap_same(&s));
	CHECK(allocated_virtual_pages(getpid()) == VHEAP_FIRST);
	return OK;
}

TEST(vm_vmalloc_bad_sizes)
{
	struct	vmsnap	s;

	vmsnap_take(&s);
	CHECK(vmalloc(PAGE_SIZE) == (char *)SYSERR);	/* system process */
	CHECK(vfree((char *)VHEAP_START, PAGE_SIZE) == SYSERR);
	CHECK(vmsnap_same(&s));
	REQUIRE(vrun(vmbadsize, 0) != SYSERR);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* Each 4 MiB allocation needs a page table of its own: use up the PD/PT
 * region, then check that the failure changes nothing */
#define	PDPT_LEFT	5		/* PD/PT frames the child may use */

local	process	vmnopdpt(int32 unused)
{
	struct	vmsnap	s;
	int32	n = 0;

	(void)unused;
	while (vmalloc(1024 * PAGE_SIZE) != (char *)SYSERR) {
		n++;
	}
	CHECK(n == PDPT_LEFT);
	CHECK(pdpt_free_count() == 0);
	vmsnap_take(&s);
	CHECK(vmalloc(2 * 1024 * PAGE_SIZE) == (char *)SYSERR);
	CHECK(vmsnap_same(&s));
	CHECK(allocated_virtual_pages(getpid()) ==
	      VHEAP_FIRST + PDPT_LEFT * 1024);
	return OK;
}

TEST(vm_vmalloc_pdpt_exhausted)
{
	struct	vmsnap	s;
	void	*held[MAX_PT_SIZE];
	pid32	pid;
	int32	n = 0, i;

	vmsnap_take(&s);
	pid = vcreate(vmnopdpt, 8192, INITPRIO + 1, "vmnopdpt", 1, 0);
	REQUIRE(pid != SYSERR);
	while (pdpt_free_count() > PDPT_LEFT) {
		held[n++] = pdpt_alloc();
	}
	REQUIRE(vrun_wait(pid) == pid);
	for (i = 0; i < n; i++) {
		pdpt_free(held[i]);
	}
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* vcreate fails and leaks nothing when the PD/PT region is full */
TEST(vm_vcreate_fails_when_pdpt_full)
{
	struct	vmsnap	s;
	void	*held[MAX_PT_SIZE];
	int32	n = 0, i;

	vmsnap_take(&s);
	while ((held[n] = pdpt_alloc()) != NULL) {
		n++;
	}
	CHECK(vcreate(fresh, 8192, INITPRIO, "nopd", 1, 0) == SYSERR);
	CHECK(memlist.mlength == s.heap);
	for (i = 0; i < n; i++) {
		pdpt_free(held[i]);
	}
	CHECK(vmsnap_same(&s));
	REQUIRE(vrun(fresh, 0) != SYSERR);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* Fill FFS completely and check every byte; then four processes */
local	process	fillffs(int32 nframes)
{
	uint32	*p, *w, i, j, bad = 0, seed = getpid() * 0x9E3779B9;

	p = (uint32 *)vmalloc(nframes * PAGE_SIZE);
	REQUIRE(p != (uint32 *)SYSERR);
	for (i = 0; i < (uint32)nframes * 1024; i += 1024) {
		for (j = 0, w = p + i; j < 1024; j++) {
			w[j] = (i + j) ^ seed;
		}
	}
	CHECK(used_ffs_frames(getpid()) == (uint32)nframes);
	for (i = 0; i < (uint32)nframes * 1024; i++) {
		bad += p[i] != (i ^ seed);
	}
	CHECK(bad == 0);
	CHECK(vfree((char *)p, nframes * PAGE_SIZE) == OK);
	CHECK(used_ffs_frames(getpid()) == 0);
	return OK;
}

TEST(vm_fill_ffs)
{
	struct	vmsnap	s;
	int32	i;

	vmsnap_take(&s);
	REQUIRE(vrun(fillffs, MAX_FFS_SIZE) != SYSERR);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	for (i = 0; i < 4; i++) {
		resume(vcreate(fillffs, 8192, INITPRIO, "fill", 1,
			       MAX_FFS_SIZE / 4));
	}
	for (i = 0; i < 4; i++) {
		receive();
	}
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/*------------------------------------------------------------------------
 *  touch_kernel  -  Child: read one word of the kernel region at 'addr',
 *		     tell the parent, and wait until it has looked
 *------------------------------------------------------------------------
 */
local	process	touch_kernel(uint32 addr, pid32 parent)
{
	vm_read((char *)addr);
	send(parent, OK);
	receive();
	return OK;
}

/* A vcreate'd process that reads the kernel region walks its own copy
 * of the kernel's directory entries, and the MMU sets A there only: the
 * audit must not call that a difference */
TEST(vm_audit_ignores_accessed_bit_of_kernel_pdes)
{
	char	*blk;
	uint32	addr, d;
	pid32	pid;

	/* a directory entry whose 4 MiB lie wholly inside the block, so
	 * that no other kernel use walks it meanwhile */
	blk = getmem(12 * 1024 * 1024);
	REQUIRE(blk != (char *)SYSERR);
	addr = ((uint32)blk + 0x3FFFFF) & ~0x3FFFFF;
	d = PDX(addr);
	((pde_t *)kernel_pdbr)[d] &= ~PTE_A;
	write_cr3(read_cr3());		/* forget cached walks		*/
	pid = vcreate(touch_kernel, 8192, INITPRIO + 1, "touch", 2, addr,
		      getpid());
	REQUIRE(pid != SYSERR);
	recvclr();
	resume(pid);
	CHECK(receive() == OK);
	CHECK((((pde_t *)proctab[pid].prpdbr)[d] & PTE_A) != 0);
	CHECK(vm_audit() == OK);
	send(pid, OK);
	while (receive() != (umsg32)pid) {
		;
	}
	freemem(blk, 12 * 1024 * 1024);
	return OK;
}
