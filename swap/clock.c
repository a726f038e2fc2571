/* clock.c - clock_victim, clock_reset: the default replacement policy */

#include <xinu.h>
#include <frame.h>

/*
 * Approximate LRU by the clock algorithm: a hand sweeps the FFS frames
 * in order; a frame whose page was used since the hand last passed (A
 * bit set) gets a second chance (A cleared), else it is the victim.  The
 * one hand persists across faults and processes.  Frames with swap I/O
 * in flight are passed over (their A bit untouched).
 */

local	uint32	hand;			/* next frame to look at	*/

/*------------------------------------------------------------------------
 *  clock_reset  -  Put the hand at frame 0
 *------------------------------------------------------------------------
 */
local	void	clock_reset(uint32 seed)
{
	(void)seed;
	hand = 0;
}

/*------------------------------------------------------------------------
 *  clock_victim  -  The next frame the hand finds unused since its last
 *		     pass, or SYSERR if no frame is in use
 *------------------------------------------------------------------------
 */
local	int32	clock_victim(void)
{
	uint32	n, f;

	for (n = 0; n <= 2 * ffs_limit; n++) {
		f = hand;
		hand = (hand + 1) % ffs_limit;
		if (frame_evictable(f) && !frame_accessed(f, TRUE)) {
			return f;	/* else: a second chance	*/
		}
	}
	return SYSERR;
}

const	struct	vmpolicy clock_policy = {
	.name = "clock", .reset = clock_reset, .victim = clock_victim
};
