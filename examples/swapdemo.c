/* swapdemo.c - fill twice as many heap pages as FFS has frames, read back
 *
 * A small Xinu program of the kind a grading script runs with
 *	make batch MAIN=examples/swapdemo.c [APPEND="vm.ffs=1024"]
 * main learns the size of FFS (the frames that back virtual heaps) and
 * starts a vcreate'd process that reserves twice that many heap pages
 * with vmalloc.  It writes a pattern that differs in every word of every
 * page, so once FFS is full each new page evicts an older one to swap.
 * Then it reads every page back: pages that were evicted are swapped in,
 * evicting others, and every word must still hold its pattern.
 *
 * debug_swapping = 50 makes the kernel print its first 50 eviction and
 * swap-in lines, e.g.
 *	eviction:: FFS frame 0x0, swap frame 0x0 copy
 *	swapping:: swap frame 0x0, FFS frame 0x3ff
 * Everything here is printed with kprintf, which writes at once, so
 * these lines and ours appear in the order they happen.
 */

#include <xinu.h>

#define	TRACE	50		/* swapping trace lines to print	*/
#define	WORDS	(PAGE_SIZE / sizeof(uint32))	/* words in a page	*/

/*------------------------------------------------------------------------
 *  pattern  -  What word 'w' of page 'p' holds: distinct everywhere
 *------------------------------------------------------------------------
 */
local	uint32	pattern(uint32 p, uint32 w)
{
	return (p << 10 | w) ^ 0xA5A5A5A5;
}

/*------------------------------------------------------------------------
 *  filler  -  Write 'npages' heap pages, read them back, count errors
 *------------------------------------------------------------------------
 */
local	process	filler(uint32 npages)
{
	uint32	*heap, p, w, errors = 0;

	heap = (uint32 *)vmalloc(npages * PAGE_SIZE);
	if (heap == (uint32 *)SYSERR) {
		kprintf("swapdemo: vmalloc of %u pages failed\n", npages);
		return SYSERR;
	}

	for (p = 0; p < npages; p++) {
		for (w = 0; w < WORDS; w++) {
			heap[p * WORDS + w] = pattern(p, w);
		}
	}
	kprintf("swapdemo: wrote %u pages; FFS has %u free frames, swap "
		"%u free slots\n", npages, free_ffs_pages(), free_swap_pages());

	for (p = 0; p < npages; p++) {
		for (w = 0; w < WORDS; w++) {
			if (heap[p * WORDS + w] != pattern(p, w)) {
				errors++;
			}
		}
	}
	kprintf("swapdemo: %u pages, %u errors\n", npages, errors);

	vfree((char *)heap, npages * PAGE_SIZE);
	return errors == 0 ? OK : SYSERR;
}

/*------------------------------------------------------------------------
 *  main  -  Start the filler on twice the FFS size and wait for it
 *------------------------------------------------------------------------
 */
process	main(void)
{
	static	struct	vminfo	info;	/* the system's VM counters	*/
	uint32	ffs = free_ffs_pages();
	pid32	pid;

	debug_swapping = TRACE;
	kprintf("swapdemo: FFS has %u frames; filling %u pages\n", ffs,
		2 * ffs);
	pid = vcreate(filler, 8192, INITPRIO, "filler", 1, 2 * ffs);
	if (pid == SYSERR) {
		kprintf("swapdemo: vcreate failed\n");
		return SYSERR;
	}
	resume(pid);
	receive();			/* the note that filler ended	*/
	if (vm_info(NULLPROC, &info) == SYSERR) {
		return SYSERR;
	}
	kprintf("swapdemo: %u first touches, %u swap-ins, %u evictions "
		"(%u written)\n", info.total.lazy, info.total.swapins,
		info.total.evict_dirty + info.total.evict_clean,
		info.total.evict_dirty);
	return OK;
}
