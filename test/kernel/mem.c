/* mem.c - tests of the kernel heap: getmem, freemem, getstk, freestk */

#include <xinu.h>
#include <vm.h>

/*
 * Nothing else allocates while a test runs (the other processes are
 * blocked and interrupt handlers do not allocate), so the free list can
 * be compared block by block before and after.
 */

#define	MAXBLKS	32		/* free blocks a snapshot can hold	*/

struct	heapshot {			/* the free list at one time	*/
	uint32	total;			/* memlist.mlength		*/
	int32	nblks;
	struct	memblk	*addr[MAXBLKS];
	uint32	len[MAXBLKS];
};

/*------------------------------------------------------------------------
 *  snap  -  Take a snapshot of the free list
 *------------------------------------------------------------------------
 */
local	void	snap(struct heapshot *s)
{
	intmask	mask;
	struct	memblk	*blk;

	mask = disable();
	s->total = memlist.mlength;
	s->nblks = 0;
	for (blk = memlist.mnext; blk != NULL; blk = blk->mnext) {
		if (s->nblks < MAXBLKS) {
			s->addr[s->nblks] = blk;
			s->len[s->nblks] = blk->mlength;
		}
		s->nblks++;
	}
	restore(mask);
}

/*------------------------------------------------------------------------
 *  unchanged  -  Whether the free list is as in snapshot 'then'
 *------------------------------------------------------------------------
 */
local	bool8	unchanged(const struct heapshot *then)
{
	struct	heapshot now;
	int32	i;

	snap(&now);
	if (now.total != then->total || now.nblks != then->nblks) {
		return FALSE;
	}
	for (i = 0; i < now.nblks && i < MAXBLKS; i++) {
		if (now.addr[i] != then->addr[i] || now.len[i] != then->len[i]) {
			return FALSE;
		}
	}
	return TRUE;
}

/*------------------------------------------------------------------------
 *  nblocks  -  Number of blocks on the free list
 *------------------------------------------------------------------------
 */
local	int32	nblocks(void)
{
	struct	heapshot s;

	snap(&s);
	return s.nblks;
}

#define	NALLOC	8

/* Blocks come from the low end, one after another (first fit); freed in
 * a scrambled order they merge with the free block before, after, or
 * both, until the list is as it was */
TEST(mem_coalesce)
{
	static	const	uint32	size[NALLOC] =
			{ 24, 200, 8, 1000, 61, 4096, 16, 512 };
	static	const	int32	order[NALLOC] = { 5, 2, 7, 0, 3, 6, 1, 4 };
	/* blocks on the list after each free, beyond those at the start */
	static	const	int32	more[NALLOC] = { 1, 2, 2, 3, 3, 2, 1, 0 };
	struct	heapshot before;
	char	*blk[NALLOC];
	uint32	total = 0, avail;
	int32	i, k;

	snap(&before);
	REQUIRE(before.nblks >= 1 && before.nblks < MAXBLKS);
	for (i = 0; i < NALLOC; i++) {
		blk[i] = getmem(size[i]);
		REQUIRE(blk[i] != (char *)SYSERR);
		total += (uint32)roundmb(size[i]);
		CHECK(memlist.mlength == before.total - total);
	}
	CHECK(blk[0] == (char *)before.addr[0]);	/* lowest block	*/
	for (i = 1; i < NALLOC; i++) {
		CHECK(blk[i] == blk[i - 1] + (uint32)roundmb(size[i - 1]));
	}
	CHECK(memlist.mnext == (struct memblk *)(blk[7] + 512));

	for (i = 0; i < NALLOC; i++) {
		k = order[i];
		avail = memlist.mlength;
		CHECK(freemem(blk[k], size[k]) == OK);
		CHECK(memlist.mlength == avail + (uint32)roundmb(size[k]));
		CHECK(nblocks() == before.nblks + more[i]);
	}
	CHECK(unchanged(&before));
	return OK;
}

/* A request larger than every free block fails and changes nothing,
 * even when the free total is larger; an exact fit takes a whole block
 * off the list */
TEST(mem_exhaustion)
{
	struct	heapshot before, holed;
	char	*a, *b, *c, *all;
	uint32	largest;
	int32	i;

	snap(&before);
	CHECK(getmem(memlist.mlength + 8) == (char *)SYSERR);
	CHECK(getstk(memlist.mlength + 8) == (char *)SYSERR);
	CHECK(getmem(0xFFFFFFFF) == (char *)SYSERR);
	CHECK(getmem(0) == (char *)SYSERR);
	CHECK(unchanged(&before));

	a = getmem(64);			/* a hole of 64 below b		*/
	b = getmem(64);
	REQUIRE(a != (char *)SYSERR && b != (char *)SYSERR);
	CHECK(freemem(a, 64) == OK);
	snap(&holed);
	largest = 0;
	for (i = 0; i < holed.nblks && i < MAXBLKS; i++) {
		if (holed.len[i] > largest) {
			largest = holed.len[i];
		}
	}
	REQUIRE(largest + 8 <= holed.total);
	CHECK(getmem(largest + 8) == (char *)SYSERR);
	CHECK(unchanged(&holed));

	c = getmem(64);			/* exact fit: the hole		*/
	CHECK(c == a);
	CHECK(nblocks() == holed.nblks - 1);
	all = getmem(largest);		/* and the largest block whole	*/
	CHECK(all != (char *)SYSERR);
	if (holed.nblks == 2) {		/* the usual case: heap empty	*/
		CHECK(memlist.mlength == 0 && memlist.mnext == NULL);
		CHECK(getmem(8) == (char *)SYSERR);
	}
	CHECK(freemem(all, largest) == OK);
	CHECK(freemem(c, 64) == OK);
	CHECK(freemem(b, 64) == OK);
	CHECK(unchanged(&before));
	return OK;
}

/* freemem refuses a block outside the heap, misaligned, empty, already
 * free, or overlapping a free block, and changes nothing */
TEST(mem_freemem_refuses)
{
	struct	heapshot before;
	char	*a, *b, *c;

	a = getmem(64);
	b = getmem(64);
	c = getmem(64);
	REQUIRE(a != (char *)SYSERR && b != (char *)SYSERR &&
		c != (char *)SYSERR);
	CHECK(freemem(b, 64) == OK);	/* a, hole b, c			*/
	snap(&before);

	CHECK(freemem(NULL, 8) == SYSERR);
	CHECK(freemem((char *)minheap - 8, 8) == SYSERR);
	CHECK(freemem((char *)maxheap, 8) == SYSERR);
	CHECK(freemem((char *)maxheap - 8, 16) == SYSERR);
	CHECK(freemem(a + 4, 8) == SYSERR);		/* misaligned	*/
	CHECK(freemem(a, 0) == SYSERR);
	CHECK(freemem(b, 64) == SYSERR);		/* twice	*/
	CHECK(freemem(b + 8, 16) == SYSERR);		/* inside	*/
	CHECK(freemem(a + 8, 64) == SYSERR);		/* into b	*/
	CHECK(freemem(b + 56, 16) == SYSERR);		/* out of b	*/
	CHECK(freemem(a, 0xFFFFFFF8) == SYSERR);
	CHECK(unchanged(&before));

	CHECK(freemem(a, 64) == OK);
	CHECK(freemem(c, 64) == OK);
	return OK;
}

/* getstk takes whole pages from the high end (last fit), with an
 * unmapped guard page below, and returns the highest word; freestk maps
 * the guard again and gives it all back */
local	bool8	mapped(uint32 va)
{
	return (*pte_lookup((pde_t *)kernel_pdbr, va) & PTE_P) != 0;
}

TEST(mem_getstk_last_fit)
{
	struct	heapshot before;
	char	*s1, *s2, *m;
	uint32	topend;

	snap(&before);
	REQUIRE(before.nblks >= 1 && before.nblks <= MAXBLKS);
	topend = PGROUNDDOWN((uint32)before.addr[before.nblks - 1] +
			     before.len[before.nblks - 1]);
	s1 = getstk(1000);
	REQUIRE(s1 != (char *)SYSERR);
	CHECK((uint32)s1 == topend - sizeof(uint32));
	CHECK(memlist.mlength == before.total - 2 * PAGE_SIZE);
	CHECK(mapped(topend - PAGE_SIZE));
	CHECK(!mapped(topend - 2 * PAGE_SIZE));		/* its guard	*/
	CHECK(*pte_lookup((pde_t *)kernel_pdbr, topend - 2 * PAGE_SIZE) ==
	      PTE_IS_STACK);
	s2 = getstk(PAGE_SIZE + 100);			/* two pages	*/
	REQUIRE(s2 != (char *)SYSERR);
	CHECK((uint32)s2 == topend - 2 * PAGE_SIZE - sizeof(uint32));
	CHECK(!mapped(topend - 5 * PAGE_SIZE));
	CHECK(mapped(topend - 4 * PAGE_SIZE));
	m = getmem(100);		/* still from the bottom	*/
	CHECK(m == (char *)before.addr[0]);
	CHECK(freestk(s1 + 8, 1000) == SYSERR);		/* not a top	*/
	CHECK(freestk(s1, 1000) == OK);
	CHECK(mapped(topend - 2 * PAGE_SIZE));
	CHECK(freestk(s2, PAGE_SIZE + 100) == OK);
	CHECK(mapped(topend - 5 * PAGE_SIZE));
	CHECK(freemem(m, 100) == OK);
	CHECK(unchanged(&before));
	return OK;
}
