/* random.c - random_victim, random_reset: the seed's random policy */

#include <xinu.h>
#include <frame.h>

/*
 * Random replacement: any frame in use, chosen by a generator of its own
 * (so programs calling rand() do not change it); the same seed
 * (vm.seed=N) gives the same victims.
 */

local	uint32	state;

/*------------------------------------------------------------------------
 *  random_reset  -  Seed the generator
 *------------------------------------------------------------------------
 */
local	void	random_reset(uint32 seed)
{
	state = seed;
}

/*------------------------------------------------------------------------
 *  random_victim  -  A random frame in use, or SYSERR if none is
 *------------------------------------------------------------------------
 */
local	int32	random_victim(void)
{
	uint32	f;

	if (free_ffs_pages() == ffs_limit) {
		return SYSERR;
	}
	do {
		state = state * 1103515245 + 12345;
		f = (state >> 8) % ffs_limit;
	} while (!frame_inuse(f));
	return f;
}

const	struct	vmpolicy random_policy = {
	.name = "random", .reset = random_reset, .victim = random_victim
};
