/* fifo.c - fifo_reset, fifo_loaded, fifo_victim: first in, first out */

#include <xinu.h>
#include <frame.h>

/*
 * FIFO replacement: the victim is the frame filled longest ago, whether
 * or not its page was used since.  Each fill (a first touch or a
 * swap-in, told by the loaded hook) stamps the frame with a running
 * count; the victim is the frame in use with the smallest stamp.  The
 * scan is O(frames) per eviction, which is fine for the small memories
 * this policy is for (vm.ffs=N experiments); the count wraps only after
 * 2^32 fills.  Frames with swap I/O in flight (frame_busy) are passed
 * over.
 */

local	uint32	filled[MAX_FFS_SIZE];	/* fill stamp of each frame	*/
local	uint32	fills;			/* fills so far			*/

/*------------------------------------------------------------------------
 *  fifo_reset  -  Forget the order: frames in use count as filled now,
 *		   lowest number first
 *------------------------------------------------------------------------
 */
local	void	fifo_reset(uint32 seed)
{
	uint32	f;

	(void)seed;
	fills = 0;
	for (f = 0; f < ffs_limit; f++) {
		filled[f] = fills++;
	}
}

/*------------------------------------------------------------------------
 *  fifo_loaded  -  Frame 'f' was just filled: it goes to the back
 *------------------------------------------------------------------------
 */
local	void	fifo_loaded(int32 f)
{
	filled[f] = fills++;
}

/*------------------------------------------------------------------------
 *  fifo_victim  -  The frame in use filled longest ago, or SYSERR if no
 *		    frame is in use
 *------------------------------------------------------------------------
 */
local	int32	fifo_victim(void)
{
	uint32	f;
	int32	oldest = SYSERR;

	for (f = 0; f < ffs_limit; f++) {
		if (frame_evictable(f) && (oldest == SYSERR ||
		    fills - filled[f] > fills - filled[oldest])) {
			oldest = f;
		}
	}
	return oldest;
}

const	struct	vmpolicy fifo_policy = {
	.name = "fifo", .reset = fifo_reset, .victim = fifo_victim,
	.loaded = fifo_loaded
};
