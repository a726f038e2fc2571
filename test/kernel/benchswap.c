/* benchswap.c - benchmarks of swap on disk: fault costs, a workload */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

/*
 * BENCH lines for tools/bench.py (make bench), as in bench.c:
 *  - the cost of one fault of each kind with the disk backend;
 *  - a swap-heavy workload, WPROCS processes touching WPAGES pages each
 *    in random order (4 times FFS in all), timed with RAM swap, disk
 *    swap, and disk swap with the pageout daemon.  Each process adds
 *    up the time its touches take (all of it is spent in faults, which
 *    include waiting for the disk): the sum over the processes against
 *    the workload's wall time tells how much of that waiting overlapped
 *    with other work ("hidden"), and selfevict counts the faults that
 *    found no free frame and evicted a page themselves.
 * As tests they pass when the data holds and the VM is consistent.
 */

#define	DFAULTS		256		/* faults per kind (= vm.ffs)	*/
#define	WPROCS		3
#define	WPAGES		86		/* per process: 4 x FFS in all	*/
#define	WTOUCHES	(4 * WPAGES)	/* per process			*/

/*------------------------------------------------------------------------
 *  dtouch  -  Touch pages [first, first+n) of 'p'; print the cost of one
 *	       as 'name' unless it is NULL
 *------------------------------------------------------------------------
 */
local	void	dtouch(const char *name, char *p, uint32 first, uint32 n,
		       bool8 write)
{
	uint64	t0 = rdtsc(), ms0 = clkms;
	uint32	i, us100;

	for (i = first; i < first + n; i++) {
		if (write) {
			vm_write(PAGE(p, i), i);
		} else {
			CHECK(vm_read(PAGE(p, i)) == i);
		}
	}
	if (name != NULL) {
		us100 = (uint32)((clkms - ms0) * 100000 / n);
		kprintf("BENCH %s %u cycles\n", name,
			(uint32)((rdtsc() - t0) / n));
		kprintf("BENCH %s %u.%02u us\n", name, us100 / 100,
			us100 % 100);
	}
}

/*------------------------------------------------------------------------
 *  dkinds  -  The fault kinds on a heap twice FFS ('n' frames), as in
 *	       bench.c; the second of two rounds is reported, on slots
 *	       and frames QEMU has backed already
 *------------------------------------------------------------------------
 */
local	process	dkinds(int32 n)
{
	char	*p;
	int32	round;

	for (round = 0; round < 2; round++) {
		p = vmalloc(2 * n * PAGE_SIZE);
		REQUIRE(p != (char *)SYSERR);
		dtouch(round ? "disk_fault_lazy" : NULL, p, 0, n, TRUE);
		dtouch(round ? "disk_fault_lazy_evict" : NULL, p, n, n, TRUE);
		dtouch(round ? "disk_fault_evict_dirty_swapin" : NULL, p, 0, n,
		       FALSE);
		dtouch(round ? "disk_fault_evict_clean_swapin" : NULL, p, n, n,
		       FALSE);
		CHECK(vfree(PAGE(p, n), n * PAGE_SIZE) == OK);
		dtouch(round ? "disk_fault_swapin" : NULL, p, 0, n, FALSE);
		CHECK(vfree(p, n * PAGE_SIZE) == OK);
	}
	CHECK(vm_audit() == OK);
	return OK;
}

TEST_BOOT(bench_disk_faults, "+disk vm.swapdev=disk vm.ffs=256")
{
	REQUIRE(swapdev->blocks);
	REQUIRE(vrun(dkinds, DFAULTS) != SYSERR);
	CHECK(vm_audit() == OK);
	return OK;
}

local	uint64	wcycles[WPROCS];	/* each process's touch time	*/
local	uint32	wbad;
local	sid32	wstart;

/*------------------------------------------------------------------------
 *  wproc  -  Touch its pages in random order, adding up the time taken
 *------------------------------------------------------------------------
 */
local	process	wproc(int32 me)
{
	char	*p = vmalloc(WPAGES * PAGE_SIZE);
	uint32	t, pg, seed = 777 + me * 31, last[WPAGES];
	uint64	t0;

	REQUIRE(p != (char *)SYSERR);
	memset(last, 0, sizeof(last));
	wait(wstart);
	for (t = 1; t <= WTOUCHES; t++) {
		seed = seed * 1103515245 + 12345;
		pg = (seed >> 8) % WPAGES;
		t0 = rdtsc();
		wbad += vm_read(PAGE(p, pg)) != last[pg];
		vm_write(PAGE(p, pg), t);
		wcycles[me] += rdtsc() - t0;
		last[pg] = t;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  workload  -  Run the workload and print its measures as 'name'_...
 *------------------------------------------------------------------------
 */
local	status	workload(const char *name)
{
	uint64	t0, ms0, wall, sum = 0, perms;
	uint32	faults, self, i, hidden;

	wstart = semcreate(0);
	recvclr();
	for (i = 0; i < WPROCS; i++) {
		wcycles[i] = 0;
		resume(vcreate(wproc, 8192, INITPRIO + 1, "wproc", 1, i));
	}
	sleepms(50);			/* they have vmalloc'd and wait	*/
	faults = vmtotal.lazy + vmtotal.swapins;
	self = vmtotal.selfevicts;
	t0 = rdtsc();
	ms0 = clkms;
	signaln(wstart, WPROCS);
	for (i = 0; i < WPROCS; i++) {
		receive();
	}
	wall = rdtsc() - t0;
	perms = wall / (clkms - ms0 + 1);	/* cycles per ms	*/
	for (i = 0; i < WPROCS; i++) {
		sum += wcycles[i];
	}
	hidden = sum > wall ? (uint32)((sum - wall) * 100 / sum) : 0;
	kprintf("BENCH %s_wall %u ms\n", name, (uint32)(wall / perms));
	kprintf("BENCH %s_faultwait %u ms\n", name, (uint32)(sum / perms));
	kprintf("BENCH %s_hidden %u %%\n", name, hidden);
	kprintf("BENCH %s_faults %u faults\n", name,
		vmtotal.lazy + vmtotal.swapins - faults);
	kprintf("BENCH %s_fault %u cycles\n", name, (uint32)(sum /
		(vmtotal.lazy + vmtotal.swapins - faults + 1)));
	kprintf("BENCH %s_selfevict %u faults\n", name,
		vmtotal.selfevicts - self);
	if (!isbadpid(pageoutpid)) {
		kprintf("BENCH %s_pageout_cleaned %u pages\n", name,
			pgostats.cleaned);
	}
	CHECK(wbad == 0 && sum > 0);
	CHECK(vm_audit() == OK);
	return OK;
}

TEST_BOOT(bench_swap_workload_ram, "vm.ffs=64")
{
	return workload("swapload_ram");
}

TEST_BOOT(bench_swap_workload_disk, "+disk vm.swapdev=disk vm.ffs=64")
{
	REQUIRE(swapdev->blocks);
	return workload("swapload_disk");
}

TEST_BOOT(bench_swap_workload_pageout, "+disk vm.swapdev=disk vm.ffs=64 "
	  "vm.swapper=on vm.lowater=4 vm.hiwater=12")
{
	REQUIRE(swapdev->blocks && !isbadpid(pageoutpid));
	return workload("swapload_pageout");
}
