/* crash.c - tests of what a crash prints and of kills: the kill line,
 *	     the register dump's function names, VM kill counts, vmm */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

/*
 * A process killed by an exception ends with the line
 *	P<pid>:: killed by <what> in <function of EIP>
 * which batch runners copy into their verdicts; the dump before it
 * names EIP's function from the symbol table linked into the image.
 */

local	uint32	*volatile nowhere;	/* NULL the compiler cannot see	*/

/*------------------------------------------------------------------------
 *  nullwrite  -  Write through a NULL pointer (page 0 is unmapped)
 *------------------------------------------------------------------------
 */
local	process	nullwrite(void)
{
	*nowhere = 1;
	return OK;
}

/*------------------------------------------------------------------------
 *  badsegment  -  Load a selector beyond the GDT: general protection
 *------------------------------------------------------------------------
 */
local	process	badsegment(void)
{
	asm volatile("movw %0, %%ds" : : "r"((uint16)(NGDT * 8)));
	return OK;
}

/*------------------------------------------------------------------------
 *  crashrun  -  Run 'fn' as a system process, capture what the kernel
 *		 prints until it dies; returns its pid
 *------------------------------------------------------------------------
 */
local	pid32	crashrun(process (*fn)(void), char *out, uint32 size)
{
	pid32	pid;

	pid = create(fn, 8192, INITPRIO + 1, "crasher", 0);
	if (pid == SYSERR) {
		return SYSERR;
	}
	recvclr();
	kcapture(out, size);
	resume(pid);
	while (receive() != (umsg32)pid) {
		;
	}
	kcapture(NULL, 0);
	return pid;
}

/* The symbol table names every function of .text, with the offset */
TEST(ksym_names_functions)
{
	const	char	*name;
	uint32	off = 99;

	name = ksymlookup((uint32)ksymlookup, &off);
	REQUIRE(name != NULL);
	CHECK(strcmp(name, "ksymlookup") == 0 && off == 0);
	name = ksymlookup((uint32)kill + 5, &off);
	REQUIRE(name != NULL);
	CHECK(strcmp(name, "kill") == 0 && off == 5);
	name = ksymlookup((uint32)nullwrite, &off);
	CHECK(name != NULL && strcmp(name, "nullwrite") == 0);
	CHECK(ksymlookup((uint32)etext, &off) == NULL);
	CHECK(ksymlookup((uint32)&nowhere, &off) == NULL);
	return OK;
}

/* A NULL write in a system process: the kill line gives CR2 and the
 * function; the dump names EIP's function */
TEST(crash_page_fault_names_function)
{
	char	out[1024], want[80];
	pid32	pid;

	pid = crashrun(nullwrite, out, sizeof(out));
	REQUIRE(pid != SYSERR);
	sprintf(want, "P%d:: killed by page fault at 0x0 in nullwrite\n", pid);
	CHECK(strstr(out, want) != NULL);
	CHECK(strstr(out, " (nullwrite+0x") != NULL);
	return OK;
}

/* Any other exception: its name and the function */
TEST(crash_gp_fault_names_function)
{
	char	out[1024], want[80];
	pid32	pid;

	pid = crashrun(badsegment, out, sizeof(out));
	REQUIRE(pid != SYSERR);
	sprintf(want, "P%d:: killed by general protection fault in "
		"badsegment\n", pid);
	CHECK(strstr(out, want) != NULL);
	CHECK(strstr(out, " (badsegment+0x") != NULL);
	return OK;
}

/*------------------------------------------------------------------------
 *  segv, oom, overflow  -  Die by each kind of VM kill
 *------------------------------------------------------------------------
 */
local	process	segv(int32 unused)
{
	(void)unused;
	vm_write((char *)VHEAP_START, 1);	/* never vmalloc'd	*/
	return OK;
}

local	process	oom(int32 npages)
{
	char	*p = vmalloc(npages * PAGE_SIZE);
	int32	i;

	for (i = 0; p != (char *)SYSERR && i < npages; i++) {
		vm_write(PAGE(p, i), i);
	}
	return OK;
}

local	uint32	dig(uint32 depth)
{
	volatile uint32	words[256];

	words[0] = depth;
	return depth == 0 ? 0 : dig(depth - 1) + words[0];
}

local	process	overflow(int32 kib)
{
	return dig(kib) == 0 ? OK : SYSERR;
}

/* vmstat's killed count has every kind of VM kill */
TEST_BOOT(vmstat_counts_every_vm_kill, "vm.ffs=4 vm.swap=4")
{
	char	out[512], want[64];
	uint32	before = vmtotal.killed;
	pid32	pid;

	kcapture(out, sizeof(out));
	pid = vrun(segv, 0);
	kcapture(NULL, 0);
	sprintf(want, "P%d:: SEGMENTATION_FAULT\n", pid);
	CHECK(strstr(out, want) != NULL);
	CHECK(vmtotal.killed == before + 1);

	kcapture(out, sizeof(out));
	pid = vrun(oom, 12);			/* 12 > 4 + 4		*/
	kcapture(NULL, 0);
	sprintf(want, "P%d:: OUT_OF_MEMORY\n", pid);
	CHECK(strstr(out, want) != NULL);
	CHECK(vmtotal.killed == before + 2);

	kcapture(out, sizeof(out));
	pid = vrun_wait(vcreate(overflow, 8192, INITPRIO + 1, "overflow", 1,
				64));
	kcapture(NULL, 0);
	sprintf(want, "P%d:: STACK_OVERFLOW\n", pid);
	CHECK(strstr(out, want) != NULL);
	CHECK(vmtotal.killed == before + 3);
	CHECK(vm_audit() == OK);
	return OK;
}

/* vmm cannot be killed: kill refuses it and it goes on serving */
local	volatile status	asked;		/* what askvmm got		*/

local	process	askvmm(int32 unused)
{
	char	*p;

	(void)unused;
	asked = SYSERR;
	p = vmalloc(PAGE_SIZE);
	if (p != (char *)SYSERR) {
		vm_write(p, 7);
		asked = vfree(p, PAGE_SIZE);
	}
	return OK;
}

TEST(vmm_cannot_be_killed)
{
	pid32	vmm = vmmpid;

	REQUIRE(!isbadpid(vmm));
	CHECK(kill(vmm) == SYSERR);
	CHECK(vmmpid == vmm && proctab[vmm].prstate != PR_FREE);
	CHECK(vrun(askvmm, 0) != SYSERR);
	CHECK(asked == OK);
	CHECK(vm_audit() == OK);
	return OK;
}
