/* frames_again.c - two processes one after the other: each one's pages come
 * back from swap into FFS frames 0, 1, 2, 3 and swap slots 0, 1, 2, 3, as
 * frames and slots are handed out lowest-numbered first
 *
 * The expected trace, from the contract: writes 0-3 fill frames 0-3;
 * write 4 finds every A bit set, clears them all and evicts frame 0
 * (page 0, slot 0); writes 5-7 evict frames 1-3 (pages 1-3, slots 1-3)
 * and the clock hand is back at frame 0.  Freeing pages 4-7 frees all
 * four frames; the reads bring pages 0-3 back into the lowest free
 * frames, 0-3.  The second process finds everything free again and the
 * hand at frame 0, so its trace is the same.
 */

#include <xinu.h>

#define NPAGES 8

process pager(int round)
{
	char *p, c;
	int i;

	kprintf("P%d:: round %d: writing %d pages\n", currpid, round, NPAGES);
	p = vmalloc(NPAGES * PAGE_SIZE);
	for (i = 0; i < NPAGES; i++) {
		p[i * PAGE_SIZE] = 'A' + i;
	}
	kprintf("P%d:: freeing pages 4-7\n", currpid);
	vfree(p + 4 * PAGE_SIZE, 4 * PAGE_SIZE);
	kprintf("P%d:: reading pages 0-3\n", currpid);
	for (i = 0; i < 4; i++) {
		c = p[i * PAGE_SIZE];
		c++;
	}
	return OK;
}

process main(void)
{
	int round;

	debug_swapping = 100;
	for (round = 1; round <= 2; round++) {
		resume(vcreate(pager, 8192, 20, "pager", 1, round));
		receive();
	}
	return OK;
}
