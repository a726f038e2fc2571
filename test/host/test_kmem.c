/* test_kmem.c - host unit tests of the kernel heap: system/getmem.c,
 *		 freemem.c, getstk.c and freestk.c, compiled unchanged */

#include <xinu.h>
#include <stdarg.h>
#include "hunit.h"

/*
 * Each case lays out a small heap of its own in 'arena' and checks the
 * free list with layout(), which names the free blocks by their offset
 * from the start of the heap and their length.
 */

#define	ARENA	(8 * PAGE_SIZE)		/* bytes a heap may have	*/

struct	memblk	memlist;		/* what system/meminit.c defines */
void	*minheap;
void	*maxheap;
struct	procent	proctab[NPROC];		/* unused by the heap code	*/

local	uint64	arena[ARENA / sizeof(uint64)]	/* page-aligned		*/
		__attribute__((aligned(PAGE_SIZE)));

/* getstk and freestk unmap and map guard pages (paging/stackfault.c);
 * here a list of the pages that would be unmapped */
#define	NGUARDS	8
local	uint32	guards[NGUARDS];
local	int32	nguards;

void	stkguard(uint32 va)
{
	if (nguards < NGUARDS) {
		guards[nguards++] = va;
	}
}

void	stkunguard(uint32 va)
{
	int32	i;

	for (i = 0; i < nguards; i++) {
		if (guards[i] == va) {
			guards[i] = guards[--nguards];
			return;
		}
	}
}

/*------------------------------------------------------------------------
 *  guarded  -  Whether the heap page at offset 'off' is a guard page
 *------------------------------------------------------------------------
 */
local	bool8	guarded(uint32 off)
{
	int32	i;

	for (i = 0; i < nguards; i++) {
		if (guards[i] == (uint32)minheap + off) {
			return TRUE;
		}
	}
	return FALSE;
}

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
	tbegin("getmem_first_fit");
	heapinit(4096);
	TCHECK(getmem(100) == at(0));
	TCHECK(layout(1, 104, 3992));
	TCHECK(getmem(1) == at(104));
	TCHECK(getmem(9) == at(112));
	TCHECK(getmem(16) == at(128));
	TCHECK(layout(1, 144, 3952));
	tend();
}

/* getmem skips blocks too small and splits the first that fits; an
 * exact fit takes the block off the list */
local	void	getmem_holes(void)
{
	static	const	uint32	sizes[] = { 64, 64, 128, 64, 0 };
	char	*b[5];

	tbegin("getmem_holes");
	carve(1024, b, 5, sizes);	/* 0:64 64:64 128:128 256:64 320: */
	TCHECK(b[4] == at(320) && layout(0));
	TCHECK(freemem(b[0], 64) == OK && freemem(b[2], 128) == OK);
	TCHECK(layout(2, 0, 64, 128, 128));
	TCHECK(getmem(100) == at(128));		/* skips the 64 hole	*/
	TCHECK(layout(2, 0, 64, 232, 24));
	TCHECK(getmem(64) == at(0));		/* exact fit		*/
	TCHECK(layout(1, 232, 24));
	TCHECK(getmem(24) == at(232));		/* exact fit, the last	*/
	TCHECK(layout(0) && memlist.mnext == NULL);
	TCHECK(getmem(8) == (char *)SYSERR);
	tend();
}

/* A request no single block can meet fails and changes nothing, even
 * when the free total is enough */
local	void	getmem_exhaustion(void)
{
	static	const	uint32	sizes[] = { 64, 64, 64, 0 };
	char	*b[4];

	tbegin("getmem_exhaustion");
	carve(512, b, 4, sizes);
	TCHECK(freemem(b[0], 64) == OK && freemem(b[2], 64) == OK);
	TCHECK(layout(2, 0, 64, 128, 64));
	TCHECK(getmem(72) == (char *)SYSERR);	/* 128 free, in two	*/
	TCHECK(getmem(129) == (char *)SYSERR);
	TCHECK(getmem(0) == (char *)SYSERR);
	TCHECK(getmem(0xFFFFFFFF) == (char *)SYSERR);
	TCHECK(getmem(0xFFFFFFF9) == (char *)SYSERR);	/* rounds to 0	*/
	TCHECK(getstk(72) == (char *)SYSERR);
	TCHECK(getstk(0) == (char *)SYSERR);
	TCHECK(layout(2, 0, 64, 128, 64));
	tend();
}

/* getstk takes whole pages and a guard page below them from the
 * highest block that can hold them page-aligned, from its top, and
 * returns the highest word; what lies above the top page stays free */
local	void	getstk_last_fit(void)
{
	static	const	uint32	sizes[] = { 104, 8192, 0 };
	char	*b[3];

	tbegin("getstk_last_fit");
	nguards = 0;
	heapinit(4 * PAGE_SIZE + 200);
	TCHECK(getstk(100) == at(4 * PAGE_SIZE - 4));
	TCHECK(layout(2, 0, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 200));
	TCHECK(nguards == 1 && guarded(2 * PAGE_SIZE));
	TCHECK(getstk(PAGE_SIZE + 1) == (char *)SYSERR);	/* 3 pages */
	TCHECK(layout(2, 0, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 200));
	TCHECK(getstk(PAGE_SIZE) == at(2 * PAGE_SIZE - 4));	/* exact */
	TCHECK(layout(1, 4 * PAGE_SIZE, 200) && guarded(0));

	/* the higher of two holes first, then the lower one */
	nguards = 0;
	heapinit(6 * PAGE_SIZE);
	b[0] = getmem(2 * PAGE_SIZE);
	b[1] = getmem(2 * PAGE_SIZE);
	b[2] = getmem(2 * PAGE_SIZE);
	TCHECK(freemem(b[0], 2 * PAGE_SIZE) == OK);
	TCHECK(freemem(b[2], 2 * PAGE_SIZE) == OK);
	TCHECK(getstk(8) == at(6 * PAGE_SIZE - 4));
	TCHECK(layout(1, 0, 2 * PAGE_SIZE));
	TCHECK(getstk(8) == at(2 * PAGE_SIZE - 4));
	TCHECK(layout(0) && guarded(0) && guarded(4 * PAGE_SIZE));

	/* a hole of two pages' bytes that is not page-aligned: no fit */
	nguards = 0;
	carve(3 * PAGE_SIZE, b, 3, sizes);	/* 0:104 104:8192 8296: */
	TCHECK(freemem(b[1], 8192) == OK);
	TCHECK(getstk(8) == (char *)SYSERR);
	TCHECK(layout(1, 104, 8192) && nguards == 0);
	tend();
}

/* freestk gives back what getstk took, given the same size, and maps
 * the guard page again; it refuses what getstk cannot have returned */
local	void	freestk_returns(void)
{
	char	*s1, *s2;

	tbegin("freestk_returns");
	nguards = 0;
	heapinit(4 * PAGE_SIZE);
	s1 = getstk(1000);
	s2 = getstk(100);
	TCHECK(s2 == at(2 * PAGE_SIZE - 4) && layout(0));
	TCHECK(freestk(s1 - 4, 1000) == SYSERR);	/* not a top	*/
	TCHECK(freestk(s1, 0) == SYSERR);
	TCHECK(freestk(s2, 2 * PAGE_SIZE) == SYSERR);	/* below heap	*/
	TCHECK(freestk(s1, 0xFFFFFFFF) == SYSERR);
	TCHECK(freestk(at(5 * PAGE_SIZE - 4), 100) == SYSERR);	/* above */
	TCHECK(nguards == 2 && layout(0));
	TCHECK(freestk(s1, 1000) == OK);
	TCHECK(layout(1, 2 * PAGE_SIZE, 2 * PAGE_SIZE));
	TCHECK(nguards == 1 && !guarded(2 * PAGE_SIZE));
	TCHECK(freestk(s2, 100) == OK);
	TCHECK(layout(1, 0, 4 * PAGE_SIZE) && nguards == 0);
	tend();
}

/* A freed block merges with a free block just before it */
local	void	freemem_merge_before(void)
{
	static	const	uint32	sizes[] = { 64, 64, 64, 0 };
	char	*b[4];

	tbegin("freemem_merge_before");
	carve(512, b, 4, sizes);
	TCHECK(freemem(b[0], 64) == OK);
	TCHECK(layout(1, 0, 64));
	TCHECK(freemem(b[1], 64) == OK);
	TCHECK(layout(1, 0, 128));
	tend();
}

/* A freed block merges with a free block just after it */
local	void	freemem_merge_after(void)
{
	static	const	uint32	sizes[] = { 64, 64, 64, 0 };
	char	*b[4];

	tbegin("freemem_merge_after");
	carve(512, b, 4, sizes);
	TCHECK(freemem(b[2], 64) == OK);
	TCHECK(freemem(b[1], 64) == OK);
	TCHECK(layout(1, 64, 128));
	TCHECK(freemem(b[0], 64) == OK);	/* and one before it	*/
	TCHECK(layout(1, 0, 192));
	tend();
}

/* A freed block that fills the gap between two free blocks makes one */
local	void	freemem_merge_both(void)
{
	static	const	uint32	sizes[] = { 64, 64, 64, 0 };
	char	*b[4];

	tbegin("freemem_merge_both");
	carve(512, b, 4, sizes);
	TCHECK(freemem(b[0], 64) == OK && freemem(b[2], 64) == OK);
	TCHECK(layout(2, 0, 64, 128, 64));	/* apart: no merge	*/
	TCHECK(freemem(b[1], 64) == OK);
	TCHECK(layout(1, 0, 192));
	TCHECK(freemem(b[3], 320) == OK);
	TCHECK(layout(1, 0, 512));
	tend();
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

	tbegin("freemem_scrambled");
	heapinit(4096);
	for (i = 0; i < 8; i++) {
		b[i] = getmem(size[i]);
	}
	for (i = 0; i < 8; i++) {
		k = order[i];
		TCHECK(freemem(b[k], size[k]) == OK);
		n = 0;
		for (blk = memlist.mnext; blk != NULL; blk = blk->mnext) {
			n++;
		}
		counts = counts && (n == nblks[i]);
	}
	TCHECK(counts);
	TCHECK(layout(1, 0, 4096));
	tend();
}

/* freemem refuses what is outside the heap, misaligned, empty, already
 * free or overlapping a free block, and changes nothing */
local	void	freemem_refuses(void)
{
	static	const	uint32	sizes[] = { 64, 64, 64, 0 };
	char	*b[4];

	tbegin("freemem_refuses");
	carve(512, b, 4, sizes);
	TCHECK(freemem(b[1], 64) == OK);	/* 64:64 free		*/
	TCHECK(freemem(at(0) - 8, 8) == SYSERR);	/* below	*/
	TCHECK(freemem(at(512), 8) == SYSERR);		/* above	*/
	TCHECK(freemem(at(504), 16) == SYSERR);		/* across end	*/
	TCHECK(freemem(at(4), 8) == SYSERR);		/* misaligned	*/
	TCHECK(freemem(b[0], 0) == SYSERR);
	TCHECK(freemem(b[0], 0xFFFFFFF8) == SYSERR);
	TCHECK(freemem(b[1], 64) == SYSERR);		/* twice	*/
	TCHECK(freemem(at(72), 16) == SYSERR);		/* inside	*/
	TCHECK(freemem(at(32), 64) == SYSERR);		/* into it	*/
	TCHECK(freemem(at(120), 16) == SYSERR);		/* out of it	*/
	TCHECK(freemem(at(0), 256) == SYSERR);		/* around it	*/
	TCHECK(freemem(at(32), 33) == SYSERR);		/* rounds into	*/
	TCHECK(layout(1, 64, 64));
	TCHECK(freemem(at(32), 32) == OK);		/* exactly up to */
	TCHECK(layout(1, 32, 96));
	tend();
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
	return tdone();
}
