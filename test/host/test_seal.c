/* test_seal.c - host tests of swap/seal.c (sealed swap pages) */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hunit.h"
#include <xinu.h>
#include "seal.h"

static	char	clear[PAGE_SIZE], sealed[PAGE_SIZE], back[PAGE_SIZE];

static	void	fill(char *p, int seed)
{
	int	i;

	for (i = 0; i < PAGE_SIZE; i++) {
		p[i] = (char)(i * 31 + seed);
	}
}

static	void	t_round_trip(void)
{
	seal_init(TRUE);
	fill(clear, 1);
	seal_page(7, clear, sealed);
	TCHECK(memcmp(sealed, clear, PAGE_SIZE) != 0);
	TCHECK(open_page(7, sealed, back) == OK);
	TCHECK(memcmp(back, clear, PAGE_SIZE) == 0);
	TCHECK(sealstats.sealed == 1 && sealstats.opened == 1
	       && sealstats.failed == 0);
	seal_page(MAX_SWAP_SIZE, clear, sealed);	/* the reserve	*/
	TCHECK(open_page(MAX_SWAP_SIZE, sealed, back) == OK);
}

/* A byte changed anywhere, a stale copy of the slot, another slot's	*/
/* copy and a slot never written: none opens, and the frame keeps	*/
/* what it had								*/
static	void	t_refusals(void)
{
	static	char	stale[PAGE_SIZE], other[PAGE_SIZE];
	int	i, bad = 0;

	seal_init(TRUE);
	fill(clear, 2);
	seal_page(3, clear, stale);
	fill(clear, 3);
	seal_page(3, clear, sealed);
	seal_page(4, clear, other);
	for (i = 0; i < PAGE_SIZE; i += 97) {
		sealed[i] ^= 0x10;
		memset(back, 'z', PAGE_SIZE);
		if (open_page(3, sealed, back) != SYSERR || back[0] != 'z'
		    || back[PAGE_SIZE - 1] != 'z') {
			bad++;
		}
		sealed[i] ^= 0x10;
	}
	TCHECKF(bad == 0, "%d changed pages opened", bad);
	TCHECK(open_page(3, stale, back) == SYSERR);
	TCHECK(open_page(3, other, back) == SYSERR);
	TCHECK(open_page(9, sealed, back) == SYSERR);
	TCHECK(open_page(3, sealed, back) == OK);
	TCHECK(memcmp(back, clear, PAGE_SIZE) == 0);
	TCHECK(sealstats.failed == (uint32)(PAGE_SIZE + 96) / 97 + 3);
}

static	int	cmp64(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

/* No nonce twice: over a long random run of writes to 64 slots, the	*/
/* same page (all zeros) never seals to the same bytes twice		*/
static	void	t_fresh_nonce_every_write(void)
{
	enum	{ WRITES = 100000 };
	static	unsigned long long first[WRITES];
	int	i, dups = 0;

	seal_init(TRUE);
	memset(clear, 0, PAGE_SIZE);
	srand(8439);
	for (i = 0; i < WRITES; i++) {
		seal_page(rand() % 64, clear, sealed);
		memcpy(&first[i], sealed, sizeof(first[i]));
	}
	qsort(first, WRITES, sizeof(first[0]), cmp64);
	for (i = 1; i < WRITES; i++) {
		dups += first[i] == first[i - 1];
	}
	TCHECKF(dups == 0, "%d repeated keystreams", dups);
}

/* A new boot's key: the same page in the same slot seals differently */
static	void	t_new_key_each_init(void)
{
	static	char	first[PAGE_SIZE];

	fill(clear, 4);
	seal_init(TRUE);
	seal_page(5, clear, first);
	seal_init(TRUE);
	seal_page(5, clear, sealed);
	TCHECK(memcmp(first, sealed, PAGE_SIZE) != 0);
	TCHECK(open_page(5, first, back) == SYSERR);
}

int	main(void)
{
	tcase("seal_round_trip", t_round_trip);
	tcase("seal_refusals", t_refusals);
	tcase("seal_fresh_nonce_every_write", t_fresh_nonce_every_write);
	tcase("seal_new_key_each_init", t_new_key_each_init);
	return tdone();
}
