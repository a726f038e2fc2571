/* random.c - random_victim, random_reset: the seed's random policy */

#include <xinu.h>
#include <frame.h>

/*
 * Random replacement: any frame in use, chosen by a generator of its own
 * (so programs calling rand() do not change it); the same seed
 * (vm.seed=N) gives the same victims.  Frames with swap I/O in flight
 * (frame_busy) are drawn again.
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
 *  random_victim  -  A random frame in use and not busy, or SYSERR if none
 *------------------------------------------------------------------------
 */
local	int32	random_victim(void)
{
	uint32	f;

	if (free_ffs_pages() + frame_nio >= ffs_limit) {
		return SYSERR;		/* none in use, or all busy	*/
	}
	do {
		state = state * 1103515245 + 12345;
		f = (state >> 8) % ffs_limit;
	} while (!frame_evictable(f));
	return f;
}

const	struct	vmpolicy random_policy = {
	.name = "random", .reset = random_reset, .victim = random_victim
};
