/* cpmodel.c - cp_model: CLOCK-Pro's faults on a string, by page */

#include "cpmodel.h"

/*
 * A second, plain statement of swap/clockpro.c's rules, written by page
 * rather than by frame: a page is its own list node whether resident or
 * remembered, so there is no hash, no history pool and no frame table.
 * Compiled into the test image (test/kernel/playwl.c checks the
 * kernel's faults against it) and on the host (test/host/test_policy.c
 * checks swap/clockpro.c under framesim against it), it shares no code
 * with the policy.  A reference sets the page's A bit, a fault too,
 * as the MMU does: after the fill, when the faulting access retries.
 * A page never evicted before is a first touch (the kernel zero-fills
 * it: no slot) and comes in hot; one coming back from swap without
 * history takes the cold test.  The cold hand's fallback (no cold page
 * at all) is unreachable here: every frame is evictable.
 */

#define	NIL	0xFFFFu
#define	M_OUT	0		/* not listed				*/
#define	M_HOT	1
#define	M_COLD	2		/* resident cold			*/
#define	M_HIST	3		/* non-resident, in its test period	*/

struct	cpm	{
	uint8_t	 kind[WL_MAXPAGES];
	uint8_t	 test[WL_MAXPAGES], fresh[WL_MAXPAGES], abit[WL_MAXPAGES];
	uint8_t	 swapped[WL_MAXPAGES];	/* evicted once: not new	*/
	uint16_t next[WL_MAXPAGES], prev[WL_MAXPAGES];
	uint16_t hhot, hcold, htest;
	uint32_t m, nhot, ncold, nhist, mcold;
};

static	void	put(struct cpm *c, uint16_t p)	/* at the head	*/
{
	if (c->hhot == NIL) {
		c->next[p] = c->prev[p] = p;
		c->hhot = c->hcold = c->htest = p;
		return;
	}
	c->next[p] = c->hhot;
	c->prev[p] = c->prev[c->hhot];
	c->next[c->prev[c->hhot]] = p;
	c->prev[c->hhot] = p;
}

static	void	take(struct cpm *c, uint16_t p)	/* off the list	*/
{
	uint16_t after = c->next[p] == p ? NIL : c->next[p];

	if (c->hhot == p) {
		c->hhot = after;
	}
	if (c->hcold == p) {
		c->hcold = after;
	}
	if (c->htest == p) {
		c->htest = after;
	}
	c->next[c->prev[p]] = c->next[p];
	c->prev[c->next[p]] = c->prev[p];
}

static	void	share(struct cpm *c, int d)
{
	if (d > 0 && c->mcold + 1 < c->m) {
		c->mcold++;
	} else if (d < 0 && c->mcold > c->m / 32 + 1) {
		c->mcold--;
	}
}

static	void	endtest(struct cpm *c, uint16_t p)
{
	if (c->kind[p] == M_HIST) {
		take(c, p);
		c->kind[p] = M_OUT;
		c->nhist--;
	}
	c->test[p] = 0;
	share(c, -1);
}

static	int	hothand(struct cpm *c)
{
	uint32_t n;
	uint16_t p;

	for (n = 0; n < 4u * WL_MAXPAGES && c->hhot != NIL; n++) {
		p = c->hhot;
		c->hhot = c->next[p];
		if (c->kind[p] == M_HIST ||
		    (c->kind[p] == M_COLD && c->test[p])) {
			endtest(c, p);
		} else if (c->kind[p] == M_HOT) {
			if (c->abit[p]) {
				c->abit[p] = 0;
				continue;
			}
			c->kind[p] = M_COLD;
			c->fresh[p] = 0;
			c->nhot--;
			c->ncold++;
			return 1;
		}
	}
	return 0;
}

static	void	cool(struct cpm *c)
{
	while (c->nhot + c->mcold > c->m && hothand(c)) {
		;
	}
}

static	void	testhand(struct cpm *c)
{
	uint16_t p;

	while (c->htest != NIL) {
		p = c->htest;
		c->htest = c->next[p];
		if (c->kind[p] == M_HIST) {
			endtest(c, p);
			return;
		}
		if (c->kind[p] == M_COLD && c->test[p]) {
			endtest(c, p);
		}
	}
}

static	void	tohead(struct cpm *c, uint16_t p)
{
	take(c, p);
	put(c, p);
}

/* The cold hand: evict one resident cold page */
static	void	coldhand(struct cpm *c)
{
	uint16_t p;

	for (;;) {
		if (c->ncold == 0) {
			hothand(c);
		}
		p = c->hcold;
		c->hcold = c->next[p];
		if (c->kind[p] != M_COLD) {
			continue;
		}
		if (!c->abit[p]) {
			break;
		}
		c->abit[p] = 0;
		if (c->fresh[p]) {
			c->fresh[p] = 0;
			tohead(c, p);
		} else if (c->test[p]) {
			c->test[p] = 0;
			c->kind[p] = M_HOT;
			c->ncold--;
			c->nhot++;
			share(c, +1);
			tohead(c, p);
			cool(c);
		} else {
			c->test[p] = 1;
			tohead(c, p);
		}
	}
	c->ncold--;				/* p goes out		*/
	c->swapped[p] = 1;
	if (c->test[p] && c->nhist >= c->m) {
		testhand(c);
	}
	if (c->test[p]) {
		c->kind[p] = M_HIST;		/* in place		*/
		c->nhist++;
	} else {
		take(c, p);
		c->kind[p] = M_OUT;
	}
}

/*------------------------------------------------------------------------
 *  cp_model  -  Faults of CLOCK-Pro with 'frames' frames on 'refs'
 *		 references of workload 'kind' (npages, seed)
 *------------------------------------------------------------------------
 */
uint32_t cp_model(uint32_t kind, uint32_t npages, uint32_t seed,
		  uint32_t refs, uint32_t frames)
{
	static	struct	cpm	c;
	struct	wlgen	g;
	uint32_t i, proc, faults = 0;
	uint16_t p;

	if (wl_init(&g, kind, npages, seed) != 0) {
		return 0;
	}
	for (i = 0; i < WL_MAXPAGES; i++) {
		c.kind[i] = M_OUT;
		c.test[i] = c.fresh[i] = c.abit[i] = c.swapped[i] = 0;
	}
	c.hhot = c.hcold = c.htest = NIL;
	c.m = frames;
	c.nhot = c.ncold = c.nhist = 0;
	c.mcold = frames / 16 + 1;
	for (i = 0; i < refs; i++) {
		p = (uint16_t)wl_next(&g, &proc);
		if (c.kind[p] == M_HOT || c.kind[p] == M_COLD) {
			c.abit[p] = 1;
			continue;
		}
		faults++;
		if (c.nhot + c.ncold == c.m) {
			coldhand(&c);
		}
		c.fresh[p] = 1;
		c.abit[p] = 0;		/* the MMU sets it after the fill */
		if (c.kind[p] == M_HIST) {		/* reused in test */
			take(&c, p);
			c.nhist--;
			share(&c, +1);
			c.kind[p] = M_HOT;
		} else if (!c.swapped[p] ||		/* a first touch, */
			   c.nhot + c.mcold < c.m) {	/* or room for hot */
			c.kind[p] = M_HOT;
		} else {
			c.kind[p] = M_COLD;
		}
		c.test[p] = c.kind[p] == M_COLD;
		put(&c, p);
		if (c.kind[p] == M_HOT) {
			c.nhot++;
			cool(&c);
		} else {
			c.ncold++;
		}
		c.abit[p] = 1;
	}
	return faults;
}
