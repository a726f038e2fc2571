/* test_freemap.c - host unit tests of paging/freemap.c, compiled unchanged */

#include <xinu.h>
#include "hunit.h"

/*
 * The free map behind FFS frames and swap slots must hand out the lowest
 * free number every time.  The fixed cases probe the edges of its two
 * levels (a bitmap word is 32 numbers, a summary word 1024); the random
 * case compares it, after every step, with a model that is a plain array
 * of flags searched from the bottom.
 */

#define	MAX	65536			/* the largest map it serves	*/

local	uint32	words[FREEMAP_WORDS(MAX)];
local	uint32	sums[FREEMAP_SUMS(MAX)];
local	struct	freemap	m = { words, sums, 0, 0, 0 };

/*------------------------------------------------------------------------
 *  takeall  -  Take every free number; are they 'from', from+1, ... in
 *		order, 'n' of them, and then none?
 *------------------------------------------------------------------------
 */
local	bool8	takeall(uint32 from, uint32 n)
{
	uint32	i;

	for (i = 0; i < n; i++) {
		if (freemap_take(&m) != (int32)(from + i)) {
			tfail("take %u of %u is not %u", i, n, from + i);
			return FALSE;
		}
	}
	return freemap_take(&m) == SYSERR && m.nfree == 0;
}

local	void	init_frees_exactly_the_limit(void)
{
	static	const	uint32	limits[] = { 1, 31, 32, 33, 1023, 1024,
					     1025, 4000, MAX - 1, MAX };
	uint32	i;

	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		freemap_init(&m, limits[i], MAX);
		TCHECK(m.nfree == limits[i] && m.limit == limits[i]);
		TCHECK(freemap_isfree(&m, 0));
		TCHECK(freemap_isfree(&m, limits[i] - 1));
		TCHECK(!freemap_isfree(&m, limits[i]));	/* past it	*/
		TCHECK(takeall(0, limits[i]));
	}
}

/* grow adds the next number, free, at any edge of the two levels, even
 * after the map was used: it comes out after every lower free one */
local	void	grow_adds_the_next_number(void)
{
	static	const	uint32	limits[] = { 0, 1, 31, 32, 1023, 1024,
					     MAX - 1 };
	uint32	i;

	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		freemap_init(&m, limits[i], MAX);
		TCHECK(takeall(0, limits[i]));
		freemap_grow(&m);
		TCHECK(m.limit == limits[i] + 1 && m.nfree == 1);
		TCHECK(freemap_isfree(&m, limits[i]));
		TCHECK(takeall(limits[i], 1));
	}
	freemap_init(&m, 40, MAX);
	freemap_grow(&m);
	TCHECK(takeall(0, 41));		/* lowest first, it last	*/
}

local	void	empty_map_has_nothing(void)
{
	freemap_init(&m, 0, MAX);
	TCHECK(m.nfree == 0 && freemap_take(&m) == SYSERR);
	TCHECK(!freemap_isfree(&m, 0));
}

/* A second init forgets everything taken and every number past the new
 * limit, even where the arrays had free bits before */
local	void	init_starts_over(void)
{
	freemap_init(&m, MAX, MAX);
	freemap_take(&m);
	freemap_take(&m);
	freemap_init(&m, 40, MAX);
	TCHECK(!freemap_isfree(&m, 40) && !freemap_isfree(&m, 5000));
	TCHECK(takeall(0, 40));
}

/* Gives in any order: the next take is always the lowest free number */
local	void	lowest_first_after_gives(void)
{
	freemap_init(&m, 3000, MAX);
	TCHECK(takeall(0, 3000));
	freemap_give(&m, 2999);		/* last word, last summary word	*/
	freemap_give(&m, 1024);		/* first of a summary word	*/
	freemap_give(&m, 1023);		/* last of the one before	*/
	freemap_give(&m, 31);
	freemap_give(&m, 0);
	TCHECK(m.nfree == 5);
	TCHECK(freemap_take(&m) == 0);
	TCHECK(freemap_take(&m) == 31);
	freemap_give(&m, 5);		/* lower than what is left	*/
	TCHECK(freemap_take(&m) == 5);
	TCHECK(freemap_take(&m) == 1023);
	TCHECK(freemap_take(&m) == 1024);
	TCHECK(freemap_take(&m) == 2999);
	TCHECK(freemap_take(&m) == SYSERR);
}

/* Everything given back, high to low: taken again 0, 1, 2, ... */
local	void	all_given_back_come_out_in_order(void)
{
	int32	i;

	freemap_init(&m, MAX, MAX);
	TCHECK(takeall(0, MAX));
	for (i = MAX - 1; i >= 0; i--) {
		freemap_give(&m, i);
	}
	TCHECK(m.nfree == MAX && m.first == 0);
	TCHECK(takeall(0, MAX));
}

/* Giving a free number, or one past the limit, is a kernel bug */
local	void	give_free(void)
{
	freemap_init(&m, 64, MAX);
	freemap_give(&m, 3);
}

local	void	give_past_limit(void)
{
	freemap_init(&m, 64, MAX);
	takeall(0, 64);
	freemap_give(&m, 64);
}

local	void	init_past_arrays(void)
{
	freemap_init(&m, 100, 64);
}

local	void	misuse_asserts(void)
{
	TCHECK(taborts(give_free, "freemap"));
	TCHECK(taborts(give_past_limit, "freemap"));
	TCHECK(taborts(init_past_arrays, "freemap"));
}

/*
 * The random case: takes and gives, now in bursts, against the model.
 */

#define	RLIMIT		5000		/* not a multiple of 32 or 1024	*/
#define	STEPS		100000

local	byte	taken[RLIMIT];		/* the model: 1 if taken	*/
local	uint32	rng = 0x5EED;

/*------------------------------------------------------------------------
 *  rnd  -  A pseudo-random number below 'n' (xorshift32, fixed seed)
 *------------------------------------------------------------------------
 */
local	uint32	rnd(uint32 n)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng % n;
}

local	void	random_against_model(void)
{
	uint32	step, n, nfree = RLIMIT, low;
	int32	want, got;
	bool8	taking = TRUE;

	freemap_init(&m, RLIMIT, MAX);
	for (step = 0; step < STEPS && !tfailed(); step++) {
		if (rnd(500) == 0) {
			taking = !taking;	/* fill up, then drain	*/
		}
		if (taking ? rnd(10) < 7 : rnd(10) < 3) {
			for (low = 0; low < RLIMIT && taken[low]; low++) {
				;
			}
			want = (low < RLIMIT) ? (int32)low : SYSERR;
			got = freemap_take(&m);
			if (got != want) {
				tfail("step %u: take gave %d, want %d", step,
				      got, want);
			} else if (got != SYSERR) {
				taken[got] = 1;
				nfree--;
			}
		} else {
			n = rnd(RLIMIT);
			if (taken[n]) {
				freemap_give(&m, n);
				taken[n] = 0;
				nfree++;
			}
		}
		n = rnd(RLIMIT + 40);
		if (m.nfree != nfree || freemap_isfree(&m, n) !=
		    (n < RLIMIT && !taken[n])) {
			tfail("step %u: nfree %u (want %u) or isfree(%u) wrong",
			      step, m.nfree, nfree, n);
		}
	}
}

int	main(void)
{
	tcase("init_frees_exactly_the_limit", init_frees_exactly_the_limit);
	tcase("empty_map_has_nothing", empty_map_has_nothing);
	tcase("grow_adds_the_next_number", grow_adds_the_next_number);
	tcase("init_starts_over", init_starts_over);
	tcase("lowest_first_after_gives", lowest_first_after_gives);
	tcase("all_given_back_come_out_in_order",
	      all_given_back_come_out_in_order);
	tcase("misuse_asserts", misuse_asserts);
	tcase("random_against_model", random_against_model);
	return tdone();
}
