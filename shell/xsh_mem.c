/* xsh_mem.c - xsh_mem */

#include <xinu.h>
#include <shell.h>

#define	MEMSHOW	32		/* free blocks listed at most		*/

/*------------------------------------------------------------------------
 *  xsh_mem  -  Show the kernel heap: its size, free and used bytes, and
 *		the free list (copied with interrupts off, then printed,
 *		so the list cannot change under the printing)
 *------------------------------------------------------------------------
 */
shellcmd xsh_mem(int32 nargs, char *args[])
{
	struct	memblk	*blk;
	uint32	addr[MEMSHOW], len[MEMSHOW];
	uint32	nblk = 0, nfree, heapsize;
	intmask	mask;
	uint32	i;

	if (nargs != 1) {
		return shusage(args[0]);
	}
	mask = disable();
	nfree = memlist.mlength;
	for (blk = memlist.mnext; blk != NULL; blk = blk->mnext, nblk++) {
		if (nblk < MEMSHOW) {
			addr[nblk] = (uint32)blk;
			len[nblk] = blk->mlength;
		}
	}
	restore(mask);
	heapsize = (uint32)maxheap - (uint32)minheap;
	printf("kernel heap 0x%08x-0x%08x: %d bytes, %d free, %d used\n",
	       (uint32)minheap, (uint32)maxheap - 1, heapsize, nfree,
	       heapsize - nfree);
	printf("free list: %d blocks\n", nblk);
	for (i = 0; i < nblk && i < MEMSHOW; i++) {
		printf("  0x%08x-0x%08x %10d bytes\n", addr[i],
		       addr[i] + len[i] - 1, len[i]);
	}
	if (nblk > MEMSHOW) {
		printf("  ... and %d more\n", nblk - MEMSHOW);
	}
	return OK;
}
