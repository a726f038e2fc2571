/* swapin_reads.c - reads whose value is never used still bring swapped-out
 * pages back: six pages through four FFS frames, written, then read */

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
