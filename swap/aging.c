/* aging.c - aging_reset, aging_loaded, aging_tick, aging_victim */

#include <xinu.h>
#include <frame.h>

/*
 * Aging, a software approximation of LRU: each frame has an 8-bit
 * counter.  On every clock tick (1 ms) each counter is shifted right and
 * the frame's accessed bit, which is then cleared, enters at the top, so
 * a counter holds the page's use in the last eight ticks, the latest in
 * the highest bit.  The victim is the frame in use with the smallest
 * counter (the lowest-numbered among equals).  A page just filled counts
 * as used in the current tick (0x80): it would otherwise be the first
 * victim before any tick could see its use.
 *
 * Cost: the tick visits every frame in use, roughly 60-170
 * instructions each, the clock interrupt included.  Measured under
 * Bochs at 4 million instructions per emulated second (4,000 a tick):
 * vm_workloads_fifo_matches_model stalled under aging at vm.ffs=64 (the
 * work took the whole tick, >= 4,000/64 each) and passed at vm.ffs=24
 * (< 4,000/24 each); see docs/costs.md.  So with thousands of frames in
 * use aging takes a visible share of the CPU; it is meant for small
 * memories (vm.ffs=N).  The other policies have no tick and cost
 * nothing per tick.
 *
 * Frames with swap I/O in flight (frame_busy) are neither victims nor
 * aged: their page is not mapped (or gone), so there is no A bit.
 */

#define	AGE_NEW		0x80	/* a page just filled			*/

local	byte	age[MAX_FFS_SIZE];

/*------------------------------------------------------------------------
 *  aging_reset  -  Every counter starts at zero
 *------------------------------------------------------------------------
 */
local	void	aging_reset(uint32 seed)
{
	uint32	f;

	(void)seed;
	for (f = 0; f < ffs_limit; f++) {
		age[f] = 0;
	}
}

/*------------------------------------------------------------------------
 *  aging_loaded  -  Frame 'f' was just filled: used in this tick
 *------------------------------------------------------------------------
 */
local	void	aging_loaded(int32 f)
{
	age[f] = AGE_NEW;
}

/*------------------------------------------------------------------------
 *  aging_tick  -  Shift every counter, topping it up from the A bit
 *------------------------------------------------------------------------
 */
local	void	aging_tick(void)
{
	uint32	f;

	for (f = 0; f < ffs_limit; f++) {
		if (frame_evictable(f)) {	/* a busy one has no A bit */
			age[f] = (age[f] >> 1) |
				 (frame_accessed(f, TRUE) ? 0x80 : 0);
		}
	}
}

/*------------------------------------------------------------------------
 *  aging_victim  -  The frame in use with the smallest counter, or
 *		     SYSERR if no frame is in use
 *------------------------------------------------------------------------
 */
local	int32	aging_victim(void)
{
	uint32	f;
	int32	least = SYSERR;

	for (f = 0; f < ffs_limit; f++) {
		if (frame_evictable(f) &&
		    (least == SYSERR || age[f] < age[least])) {
			least = f;
		}
	}
	return least;
}

const	struct	vmpolicy aging_policy = {
	.name = "aging", .reset = aging_reset, .victim = aging_victim,
	.loaded = aging_loaded, .tick = aging_tick
};
