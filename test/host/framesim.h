/* framesim.h - a fake frame layer and reference-string simulators */

/*
 * framesim.c stands in for paging/'s frame layer (ffstab, ffs_limit,
 * frame_accessed, frame_dirty, free_ffs_pages) so the real policy files
 * of swap/ run on the host, and plays a reference string against one:
 * a hit sets the frame's A bit; a miss fills the lowest free frame, or
 * the policy's victim (its evicted hook runs, as the kernel's eviction
 * runs it), then calls its loaded hook.  As in the kernel, a page
 * evicted once comes back with a slot (ffstab[f].slot) and a first
 * touch has none (NOSLOT).  With 'tick', the
 * policy's tick hook runs after every reference.  opt_faults and
 * lru_faults are the yardsticks: Belady's OPT (evict the page used
 * farthest in the future) and exact LRU.
 */

#ifndef _FRAMESIM_H_
#define _FRAMESIM_H_

extern	uint32	sim_faults(const struct vmpolicy *, const uint32 *refs,
			   uint32 n, uint32 frames, bool8 tick);
extern	uint32	opt_faults(const uint32 *refs, uint32 n, uint32 frames);
extern	uint32	lru_faults(const uint32 *refs, uint32 n, uint32 frames);

#endif
