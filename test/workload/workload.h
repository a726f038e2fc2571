/* workload.h - deterministic page-reference strings (workload.c) */

/*
 * One C file, test/workload/workload.c, compiled both into the test
 * image (the in-kernel player, test/kernel/playwl.c) and on the host
 * (the OPT and LRU yardsticks and make curves), so both sides see the
 * same strings.  It needs nothing but <stdint.h>.
 */

#ifndef _WORKLOAD_H_
#define _WORKLOAD_H_

#include <stdint.h>

#define	WL_LOOP		0	/* pages 0..N-1 in order, over and over	*/
#define	WL_ZIPF		1	/* page r drawn with weight 1/(r+1)	*/
#define	WL_SCANHOT	2	/* half: a hot set of N/8 pages; half:	*/
				/*   a sequential scan of the rest	*/
#define	WL_TWOPROC	3	/* two processes, N/2 pages each (one	*/
				/*   zipf, one loop), in bursts of 16	*/
#define	WL_PHASE	4	/* zipf over pages 0..N/2-1, then from	*/
				/*   reference WL_SHIFT on over N/2..N-1 */
#define	WL_KINDS	5
#define	WL_SHIFT	5000	/* WL_PHASE's shift: half of make	*/
				/*   curves' 10,000 references		*/
#define	WL_MAXPAGES	256	/* largest N				*/

struct	wlgen	{
	uint32_t kind, npages;	/* what, over how many pages		*/
	uint32_t state;		/* the generator's random state		*/
	uint32_t step;		/* references made so far		*/
	uint32_t scan;		/* next page of a loop or scan		*/
	uint32_t scan2;		/* the second process's loop		*/
	uint32_t cum[WL_MAXPAGES];	/* zipf: cumulative weights	*/
	uint32_t zn;		/* zipf: pages in cum[]			*/
};

extern	int32_t	wl_init(struct wlgen *, uint32_t kind, uint32_t npages,
			uint32_t seed);
extern	uint32_t wl_next(struct wlgen *, uint32_t *proc);
extern	const char *wl_name(uint32_t kind);

#endif
