/* test_kmem.c - host unit tests of the kernel heap: system/getmem.c,
 *		 freemem.c, getstk.c and freestk.c, compiled unchanged */

#include <xinu.h>
#include <stdarg.h>
#include "kunit.h"

/*
 * Each case lays out a small heap of its own in 'arena' and checks the
 * free list with layout(), which names the free blocks by their offset
 * from the start of the heap and their length.
 */

#define	ARENA	8192			/* bytes a heap may have	*/

struct	memblk	memlist;		/* what system/meminit.c defines */
void	*minheap;
void	*maxheap;
struct	procent	proctab[NPROC];		/* unused by the heap code	*/

local	uint64	arena[ARENA / sizeof(uint64)];	/* 8-byte aligned	*/

/*------------------------------------------------------------------------
 *  heapinit  -  Make a heap of 'size' bytes: one free block
 *------------------------------------------------------------------------
 */
local	void	heapinit(uint32 size)
{
	struct	memblk	*blk = (struct memblk *)arena;

	minheap = arena;
	maxheap = (char *)arena + size;
	blk->mnext = NULL;
	blk->mlength = size;
	memlist.mnext = blk;
	memlist.mlength = size;
}

/*------------------------------------------------------------------------
 *  at  -  The heap address at offset 'off'
 *------------------------------------------------------------------------
 */
local	char	*at(uint32 off)
{
	return (char *)minheap + off;
}

/*------------------------------------------------------------------------
 *  layout  -  Whether the free list is exactly 'n' blocks, given as
 *	       (offset, length) pairs in address order, and its total is
 *	       their sum
 *------------------------------------------------------------------------
 */
local	bool8	layout(int32 n, ...)
{
	va_list	ap;
	struct	memblk	*blk = memlist.mnext;
	uint32	off, len, total = 0;
	bool8	ok = TRUE;

	va_start(ap, n);
	for (; n > 0; n--) {
		off = va_arg(ap, uint32);
		len = va_arg(ap, uint32);
		if (blk == NULL || (char *)blk != at(off) ||
		    blk->mlength != len) {
			ok = FALSE;
			break;
		}
		total += len;
		blk = blk->mnext;
	}
	va_end(ap);
	return ok && blk == NULL && memlist.mlength == total;
}

/*------------------------------------------------------------------------
 *  carve  -  Allocate the whole heap of 'size' bytes as blocks of the
 *	      given sizes (the last takes the rest) into 'blk'
 *------------------------------------------------------------------------
 */
local	void	carve(uint32 size, char **blk, int32 n, const uint32 *sizes)
{
	int32	i;

	heapinit(size);
	for (i = 0; i < n; i++) {
		blk[i] = getmem(i < n - 1 ? sizes[i] : memlist.mlength);
	}
}

/* getmem takes from the lowest block, rounding to 8 bytes */
local	void	getmem_first_fit(void)
{
	kbegin("getmem_first_fit");
	heapinit(4096);
	KCHECK(getmem(100) == at(0));
	KCHECK(layout(1, 104, 3992));
	KCHECK(getmem(1) == at(104));
	KCHECK(getmem(9) == at(112));
	KCHECK(getmem(16) == at(128));
	KCHECK(layout(1, 144, 3952));
	kend();
}

/* getmem skips blocks too small and splits the first that fits; an
 * exact fit takes the block off the list */
local	void	getmem_holes(void)
{
	static	const	uint32	sizes[] = { 64, 64, 128, 64, 0 };
	char	*b[5];

	kbegin("getmem_holes");
	carve(1024, b, 5, sizes);	/* 0:64 64:64 128:128 256:64 320: */
	KCHECK(b[4] == at(320) && layout(0));
	KCHECK(freemem(b[0], 64) == OK && freemem(b[2], 128) == OK);
	KCHECK(layout(2, 0, 64, 128, 128));
	KCHECK(getmem(100) == at(128));		/* skips the 64 hole	*/
	KCHECK(layout(2, 0, 64, 232, 24));
	KCHECK(getmem(64) == at(0));		/* exact fit		*/
	KCHECK(layout(1, 232, 24));
	KCHECK(getmem(24) == at(232));		/* exact fit, the last	*/
	KCHECK(layout(0) && memlist.mnext == NULL);
	KCHECK(getmem(8) == (char *)SYSERR);
	kend();
}

/* A request no single block can meet fails and changes nothing, even
 * when the free total is enough */
local	void	getmem_exhaustion(void)
{
	static	const	uint32	sizes[] = { 64, 64, 64, 0 };
	char	*b[4];

	kbegin("getmem_exhaustion");
	carve(512, b, 4, sizes);
	KCHECK(freemem(b[0], 64) == OK && freemem(b[2], 64) == OK);
	KCHECK(layout(2, 0, 64, 128, 64));
	KCHECK(getmem(72) == (char *)SYSERR);	/* 128 free, in two	*/
	KCHECK(getmem(129) == (char *)SYSERR);
	KCHECK(getmem(0) == (char *)SYSERR);
	KCHECK(getmem(0xFFFFFFFF) == (char *)SYSERR);
	KCHECK(getmem(0xFFFFFFF9) == (char *)SYSERR);	/* rounds to 0	*/
	KCHECK(getstk(72) == (char *)SYSERR);
	KCHECK(getstk(0) == (char *)SYSERR);
	KCHECK(layout(2, 0, 64, 128, 64));
	kend();
}

/* getstk takes from the highest block that fits, from its top, and
 * returns the block's highest word */
local	void	getstk_last_fit(void)
{
	static	const	uint32	sizes[] = { 128, 64, 64, 0 };
	char	*b[4];

	kbegin("getstk_last_fit");
	heapinit(4096);
	KCHECK(getstk(100) == at(4096 - 4));
	KCHECK(layout(1, 0, 3992));
	KCHECK(getstk(1000) == at(3992 - 4));
	KCHECK(layout(1, 0, 2992));

	carve(1024, b, 4, sizes);	/* 0:128 128:64 192:64 256: */
	KCHECK(freemem(b[0], 128) == OK && freemem(b[2], 64) == OK);
	KCHECK(getstk(64) == at(256 - 4));	/* the high hole, whole	*/
	KCHECK(layout(1, 0, 128));
	KCHECK(getstk(32) == at(128 - 4));	/* top of the low one	*/
	KCHECK(layout(1, 0, 96));
	kend();
}

/* freestk gives back what getstk took, given the same size */
local	void	freestk_returns(void)
{
	char	*s1, *s2;

	kbegin("freestk_returns");
	heapinit(4096);
	s1 = getstk(1000);
	s2 = getstk(100);
	KCHECK(layout(1, 0, 4096 - 1000 - 104));
	KCHECK(freestk(s1, 1000) == OK);
	KCHECK(layout(2, 0, 2992, 3096, 1000));
	KCHECK(freestk(s2, 100) == OK);
	KCHECK(layout(1, 0, 4096));
	kend();
}

/* A freed block merges with a free block just before it */
local	void	freemem_merge_before(void)
{
	static	const	uint32	sizes[] = { 64, 64, 64, 0 };
	char	*b[4];

	kbegin("freemem_merge_before");
	carve(512, b, 4, sizes);
	KCHECK(freemem(b[0], 64) == OK);
	KCHECK(layout(1, 0, 64));
	KCHECK(freemem(b[1], 64) == OK);
	KCHECK(layout(1, 0, 128));
	kend();
}

/* A freed block merges with a free block just after it */
local	void	freemem_merge_after(void)
{
	static	const	uint32	sizes[] = { 64, 64, 64, 0 };
	char	*b[4];

	kbegin("freemem_merge_after");
	carve(512, b, 4, sizes);
	KCHECK(freemem(b[2], 64) == OK);
	KCHECK(freemem(b[1], 64) == OK);
	KCHECK(layout(1, 64, 128));
	KCHECK(freemem(b[0], 64) == OK);	/* and one before it	*/
	KCHECK(layout(1, 0, 192));
	kend();
}

/* A freed block that fills the gap between two free blocks makes one */
local	void	freemem_merge_both(void)
{
	static	const	uint32	sizes[] = { 64, 64, 64, 0 };
	char	*b[4];

	kbegin("freemem_merge_both");
	carve(512, b, 4, sizes);
	KCHECK(freemem(b[0], 64) == OK && freemem(b[2], 64) == OK);
	KCHECK(layout(2, 0, 64, 128, 64));	/* apart: no merge	*/
	KCHECK(freemem(b[1], 64) == OK);
	KCHECK(layout(1, 0, 192));
	KCHECK(freemem(b[3], 320) == OK);
	KCHECK(layout(1, 0, 512));
	kend();
}

/* Blocks freed in a scrambled order end as the one block of the start;
 * freemem rounds the size as getmem did */
local	void	freemem_scrambled(void)
{
	static	const	uint32	size[] = { 24, 200, 8, 1000, 61, 1024, 16, 12 };
	static	const	int32	order[] = { 5, 2, 7, 0, 3, 6, 1, 4 };
	static	const	int32	nblks[] = { 2, 3, 3, 4, 4, 3, 2, 1 };
	char	*b[8];
	int32	i, k;
	bool8	counts = TRUE;
	struct	memblk	*blk;
	int32	n;

	kbegin("freemem_scrambled");
	heapinit(4096);
	for (i = 0; i < 8; i++) {
		b[i] = getmem(size[i]);
	}
	for (i = 0; i < 8; i++) {
		k = order[i];
		KCHECK(freemem(b[k], size[k]) == OK);
		n = 0;
		for (blk = memlist.mnext; blk != NULL; blk = blk->mnext) {
			n++;
		}
		counts = counts && (n == nblks[i]);
	}
	KCHECK(counts);
	KCHECK(layout(1, 0, 4096));
	kend();
}

/* freemem refuses what is outside the heap, misaligned, empty, already
 * free or overlapping a free block, and changes nothing */
local	void	freemem_refuses(void)
{
	static	const	uint32	sizes[] = { 64, 64, 64, 0 };
	char	*b[4];

	kbegin("freemem_refuses");
	carve(512, b, 4, sizes);
	KCHECK(freemem(b[1], 64) == OK);	/* 64:64 free		*/
	KCHECK(freemem(at(0) - 8, 8) == SYSERR);	/* below	*/
	KCHECK(freemem(at(512), 8) == SYSERR);		/* above	*/
	KCHECK(freemem(at(504), 16) == SYSERR);		/* across end	*/
	KCHECK(freemem(at(4), 8) == SYSERR);		/* misaligned	*/
	KCHECK(freemem(b[0], 0) == SYSERR);
	KCHECK(freemem(b[0], 0xFFFFFFF8) == SYSERR);
	KCHECK(freemem(b[1], 64) == SYSERR);		/* twice	*/
	KCHECK(freemem(at(72), 16) == SYSERR);		/* inside	*/
	KCHECK(freemem(at(32), 64) == SYSERR);		/* into it	*/
	KCHECK(freemem(at(120), 16) == SYSERR);		/* out of it	*/
	KCHECK(freemem(at(0), 256) == SYSERR);		/* around it	*/
	KCHECK(freemem(at(32), 33) == SYSERR);		/* rounds into	*/
	KCHECK(layout(1, 64, 64));
	KCHECK(freemem(at(32), 32) == OK);		/* exactly up to */
	KCHECK(layout(1, 32, 96));
	kend();
}

/*------------------------------------------------------------------------
 *  main  -  Run every case
 *------------------------------------------------------------------------
 */
int32	main(void)
{
	getmem_first_fit();
	getmem_holes();
	getmem_exhaustion();
	getstk_last_fit();
	freestk_returns();
	freemem_merge_before();
	freemem_merge_after();
	freemem_merge_both();
	freemem_scrambled();
	freemem_refuses();
	return kdone();
}
