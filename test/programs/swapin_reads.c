/* swapin_reads.c - reads whose value is never used still bring swapped-out
 * pages back: six pages through four FFS frames, written, then read
 *
 * Needs the program built at -O0 (the default), or the reads vanish.
 * The expected trace, from the contract (clock with a persistent hand,
 * frames and slots lowest first, a page keeps its slot while clean):
 * writes 0-3 fill frames 0-3; write 4 finds every A bit set, clears them
 * all and evicts frame 0 (page 0, slot 0); write 5 evicts frame 1 (page
 * 1, slot 1).  Read 0 evicts frame 2 (page 2, slot 2) and brings page 0
 * into it; read 1 does the same with frame 3 (page 3, slot 3).  Read 2
 * sweeps all four A bits clear and evicts frame 0 (page 4, slot 4); read
 * 3 evicts frame 1 (page 5, slot 5).  Reads 4 and 5 evict pages 0 and 1,
 * clean since they came back, so their slots' copies stay and nothing is
 * written (no "copy").
 */

#include <xinu.h>

#define NPAGES 6

process pager(void)
{
	char *p, c;
	int i;

	p = vmalloc(NPAGES * PAGE_SIZE);
	kprintf("P%d:: writing %d pages\n", currpid, NPAGES);
	for (i = 0; i < NPAGES; i++) {
		p[i * PAGE_SIZE] = 'A' + i;
	}
	kprintf("P%d:: reading them back\n", currpid);
	for (i = 0; i < NPAGES; i++) {
		c = p[i * PAGE_SIZE];
		c++;
	}
	kprintf("P%d:: %d FFS frames, %d swap slots\n", currpid,
		used_ffs_frames(currpid), used_swap_frames(currpid));
	return OK;
}

process main(void)
{
	pid32 pid;

	debug_swapping = 100;
	pid = vcreate(pager, 8192, 20, "pager", 0);
	resume(pid);
	receive();
	kprintf("main: %d FFS frames and %d swap slots free\n",
		free_ffs_pages(), free_swap_pages());
	return OK;
}
