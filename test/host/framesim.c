/* framesim.c - the fake frame layer, sim_faults, opt_faults, lru_faults */

#include <stdlib.h>
#include <xinu.h>
#include "framesim.h"

struct	ffsframe ffstab[MAX_FFS_SIZE];
uint32	ffs_limit;
uint32	frame_nio;			/* frames marked busy (io)	*/
local	bool8	abit[MAX_FFS_SIZE];
#define	SIM_PAGES	4096		/* pages a string may name	*/
local	bool8	swapped[SIM_PAGES];	/* evicted once: has a slot	*/

bool8	frame_accessed(int32 f, bool8 clear)
{
	bool8	used = abit[f];

	if (clear) {
		abit[f] = FALSE;
	}
	return used;
}

bool8	frame_dirty(int32 f)
{
	(void)f;
	return FALSE;
}

uint32	free_ffs_pages(void)
{
	uint32	f, n = 0;

	for (f = 0; f < ffs_limit; f++) {
		n += !frame_inuse(f);
	}
	return n;
}

/*------------------------------------------------------------------------
 *  sim_faults  -  Faults of policy 'p' with 'frames' frames on refs[]
 *------------------------------------------------------------------------
 */
uint32	sim_faults(const struct vmpolicy *p, const uint32 *refs, uint32 n,
		   uint32 frames, bool8 tick)
{
	uint32	i, f, faults = 0;
	int32	v;

	ffs_limit = frames;
	for (f = 0; f < MAX_FFS_SIZE; f++) {
		ffstab[f].owner = FFS_FREE;
		abit[f] = FALSE;
	}
	for (i = 0; i < SIM_PAGES; i++) {
		swapped[i] = FALSE;
	}
	p->reset(1);
	for (i = 0; i < n; i++) {
		for (f = 0; f < frames; f++) {
			if (frame_inuse(f) && ffstab[f].vpn == refs[i]) {
				break;
			}
		}
		if (f == frames) {		/* a fault		*/
			faults++;
			if (refs[i] >= SIM_PAGES) {
				abort();
			}
			for (f = 0; f < frames && frame_inuse(f); f++) {
				;
			}
			if (f == frames) {
				v = p->victim();
				if (v == SYSERR || !frame_inuse(v)) {
					abort();
				}
				f = v;
				if (p->evicted != NULL) {
					p->evicted(f);
				}
				swapped[ffstab[f].vpn] = TRUE;
			}
			ffstab[f].owner = 1;
			ffstab[f].vpn = refs[i];
			ffstab[f].slot = swapped[refs[i]] ? (int32)refs[i] :
					 NOSLOT;
			if (p->loaded != NULL) {
				p->loaded(f);
			}
		}
		abit[f] = TRUE;
		if (tick && p->tick != NULL) {
			p->tick();
		}
	}
	return faults;
}

/*------------------------------------------------------------------------
 *  resident  -  Index of page 'pg' in res[0..n-1], or -1
 *------------------------------------------------------------------------
 */
local	int32	resident(const uint32 *res, uint32 n, uint32 pg)
{
	uint32	j;

	for (j = 0; j < n; j++) {
		if (res[j] == pg) {
			return j;
		}
	}
	return -1;
}

/*------------------------------------------------------------------------
 *  opt_faults  -  Belady's OPT: evict the page whose next use is
 *		   farthest away (or never comes)
 *------------------------------------------------------------------------
 */
uint32	opt_faults(const uint32 *refs, uint32 n, uint32 frames)
{
	uint32	*res = malloc(frames * sizeof(uint32)), nres = 0;
	uint32	i, j, k, far, faults = 0, victim;

	for (i = 0; i < n; i++) {
		if (resident(res, nres, refs[i]) >= 0) {
			continue;
		}
		faults++;
		if (nres < frames) {
			res[nres++] = refs[i];
			continue;
		}
		victim = 0;
		far = 0;
		for (j = 0; j < nres; j++) {
			for (k = i + 1; k < n && refs[k] != res[j]; k++) {
				;
			}
			if (k > far) {
				far = k;
				victim = j;
			}
			if (k == n) {
				break;		/* never used again	*/
			}
		}
		res[victim] = refs[i];
	}
	free(res);
	return faults;
}

/*------------------------------------------------------------------------
 *  lru_faults  -  Exact LRU: evict the page used longest ago
 *------------------------------------------------------------------------
 */
uint32	lru_faults(const uint32 *refs, uint32 n, uint32 frames)
{
	uint32	*res = malloc(frames * sizeof(uint32)), nres = 0;
	uint32	i, faults = 0;
	int32	j;

	for (i = 0; i < n; i++) {	/* res[0] is the least recent	*/
		j = resident(res, nres, refs[i]);
		if (j < 0) {
			faults++;
			if (nres == frames) {
				j = 0;
			} else {
				j = nres++;
			}
		}
		for (; j < (int32)nres - 1; j++) {
			res[j] = res[j + 1];
		}
		res[nres - 1] = refs[i];
	}
	free(res);
	return faults;
}
