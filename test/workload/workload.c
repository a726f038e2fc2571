/* workload.c - wl_init, wl_next, wl_name: page-reference strings */

#include "workload.h"

/*
 * A workload is an endless, deterministic string of page references
 * drawn from a seed: the same (kind, npages, seed) gives the same string
 * on the host and in the kernel.  wl_next returns the next page (0 ..
 * npages-1) and, for WL_TWOPROC, which process makes the reference (0 or
 * 1; the pages of process 1 are npages/2 .. npages-1); otherwise
 * process 0.  The random numbers come from a linear congruential
 * generator of our own (integer arithmetic only: the kernel has no
 * floating point), so the string does not depend on any libc's rand.
 */

#define	ZIPF_SCALE	(1u << 20)	/* weight of page 0		*/
#define	BURST		16		/* WL_TWOPROC: refs per turn	*/

/*------------------------------------------------------------------------
 *  draw  -  The next number of the generator, 0 .. 2^24-1
 *------------------------------------------------------------------------
 */
static	uint32_t draw(struct wlgen *g)
{
	g->state = g->state * 1103515245u + 12345u;
	return (g->state >> 8) & 0xFFFFFF;
}

/*------------------------------------------------------------------------
 *  zipf  -  A page 0 .. zn-1, page r with weight ZIPF_SCALE/(r+1)
 *------------------------------------------------------------------------
 */
static	uint32_t zipf(struct wlgen *g)
{
	uint32_t u = draw(g) % g->cum[g->zn - 1], lo = 0, hi = g->zn - 1;

	while (lo < hi) {		/* the first r with cum[r] > u	*/
		uint32_t mid = (lo + hi) / 2;

		if (g->cum[mid] > u) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	return lo;
}

/*------------------------------------------------------------------------
 *  wl_init  -  Start workload 'kind' over 'npages' pages from 'seed';
 *		-1 for a kind or size it does not know
 *------------------------------------------------------------------------
 */
int32_t	wl_init(struct wlgen *g, uint32_t kind, uint32_t npages,
		uint32_t seed)
{
	uint32_t r, sum = 0;

	if (kind >= WL_KINDS || npages < 16 || npages > WL_MAXPAGES) {
		return -1;
	}
	g->kind = kind;
	g->npages = npages;
	g->state = seed;
	g->step = g->scan = g->scan2 = 0;
	g->zn = kind == WL_TWOPROC || kind == WL_PHASE ? npages / 2 : npages;
	for (r = 0; r < g->zn; r++) {
		sum += ZIPF_SCALE / (r + 1);
		g->cum[r] = sum;
	}
	return 0;
}

/*------------------------------------------------------------------------
 *  wl_next  -  The next page of the string; '*proc' gets the process
 *------------------------------------------------------------------------
 */
uint32_t wl_next(struct wlgen *g, uint32_t *proc)
{
	uint32_t hot = g->npages / 8, half = g->npages / 2, page;

	*proc = 0;
	switch (g->kind) {
	case WL_LOOP:
		page = g->scan;
		g->scan = (g->scan + 1) % g->npages;
		break;
	case WL_ZIPF:
		page = zipf(g);
		break;
	case WL_SCANHOT:
		if (draw(g) & 1) {
			page = draw(g) % hot;
		} else {
			page = hot + g->scan;
			g->scan = (g->scan + 1) % (g->npages - hot);
		}
		break;
	case WL_PHASE:
		page = zipf(g) + (g->step >= WL_SHIFT ? half : 0);
		break;
	default:			/* WL_TWOPROC			*/
		if ((g->step / BURST) % 2 == 0) {
			page = zipf(g);
		} else {
			*proc = 1;
			page = half + g->scan2;
			g->scan2 = (g->scan2 + 1) % (g->npages - half);
		}
		break;
	}
	g->step++;
	return page;
}

/*------------------------------------------------------------------------
 *  wl_name  -  The name of workload 'kind'
 *------------------------------------------------------------------------
 */
const char *wl_name(uint32_t kind)
{
	static const char *const names[WL_KINDS] = {
		"loop", "zipf", "scanhot", "twoproc", "phase"
	};

	return kind < WL_KINDS ? names[kind] : "?";
}
