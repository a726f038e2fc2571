/* clockpro.c - clockpro_reset, clockpro_loaded, clockpro_victim,
		clockpro_evicted, clockpro_freed: CLOCK-Pro replacement */

#include <xinu.h>
#include <frame.h>

/*
 * CLOCK-Pro (Jiang, Chen and Zhang, USENIX ATC 2005): clock that tells
 * pages with a short reuse distance (hot) from those with a long one
 * (cold), so that a loop or a scan longer than memory cycles through a
 * few cold frames instead of flushing every page, as clock and LRU do.
 *
 * One circular list holds the resident pages (a node per frame) and up
 * to ffs_limit non-resident cold pages still in their test period (the
 * history: a node per remembered (owner, vpn)), in order of their last
 * move to the head, which is just behind the hot hand.  Three hands go
 * round it:
 *  - the cold hand looks for a victim among resident cold pages: one
 *    used (A bit) in its test period turns hot; one used out of it
 *    starts a test period at the head; an unused one is the victim.
 *  - the hot hand, run while hot pages exceed ffs_limit - mcold, turns
 *    an unused hot page cold (a used one loses its A bit), ends the
 *    test periods it passes and drops the history nodes it passes.
 *  - the test hand, run when the history would pass ffs_limit nodes,
 *    ends test periods up to and with the next history node it drops.
 * A page faulted in that is in the history turns hot at once, and so
 * does a first touch (no slot: new memory, as a phase change brings;
 * the hot hand makes room).  Any other, back from swap, starts hot
 * while the hot pages have room (at the start), else cold, in a test
 * period: so a loop's or a scan's pages, from their second pass on,
 * take the cold test.  mcold, the cold pages' share of
 * memory, grows by one when a page is used in its test period and
 * shrinks by one when a test period ends unused; it starts at
 * ffs_limit/16 + 1, a few frames where newcomers can show their reuse,
 * and stays within ffs_limit/32 + 1 .. ffs_limit-1 (see Cost).
 *
 * Departures from the paper: the fault that brings a page in sets its
 * A bit too, so a page just filled (fresh) that the cold hand finds
 * used is moved to the head for one more round instead of turning hot;
 * a first touch comes in hot (so does a COW copy, and a page that swap,
 * full, brought back without its slot: both have none);
 * frames with swap I/O in flight are passed over by every hand; a page
 * freed (vfree, exit) leaves the list and the history keeps no trace of
 * it.  The history forgets nothing else: a page freed while swapped out
 * may be remembered until the test hand drops it, which costs at most
 * one misjudged page, never a wrong one.
 *
 * Bounded state, fixed at boot: two nodes per frame (its resident node
 * and one history node), links of 16 bits; a hash of (owner, vpn) finds
 * a page in the history in O(1) at a fill.  With MAX_FFS_SIZE 16384
 * frames that is 352 KiB of kernel data.
 *
 * Cost: no tick.  A fill is O(1) plus the hot hand's run.  The cold
 * hand passes hot pages and history on its way round, and in a round
 * it evicts or promotes about mcold pages, so an eviction costs about
 * (ffs_limit + history) / mcold steps, amortised.  Hence the floor of
 * mcold, ffs_limit/32 + 1: at most about 64 steps an eviction however
 * large memory is (with a floor of 1, a loop drove mcold to 1 and each
 * eviction walked all of memory: 181,000 cycles a fault at 4096
 * frames), for one frame of a loop's 16, 32 or 48 given up to the cold
 * pages.
 */

#define	NIL		0xFFFF
#define	NNODES		(2 * MAX_FFS_SIZE)	/* frames, then history	*/
#define	HNODE(k)	(MAX_FFS_SIZE + (k))	/* history node 'k'	*/
#define	ishist(n)	((n) >= MAX_FFS_SIZE)
#define	HBUCKETS	MAX_FFS_SIZE		/* a power of two	*/

#define	CP_LISTED	0x01	/* on the list				*/
#define	CP_HOT		0x02	/* hot, else cold			*/
#define	CP_TEST		0x04	/* cold, in its test period		*/
#define	CP_FRESH	0x08	/* filled since the cold hand passed	*/
#define	CP_HIST		0x10	/* a history node (as ishist): the cold	*/
				/* hand passes CP_HOT | CP_HIST in one	*/
				/* test, the most of its steps		*/

local	uint16	next[NNODES], prev[NNODES];
local	byte	flags[NNODES];
local	pid32	howner[MAX_FFS_SIZE];	/* the page a history node is	*/
local	uint32	hvpn[MAX_FFS_SIZE];
local	uint16	hchain[MAX_FFS_SIZE];	/* next in bucket, or in free	*/
local	uint16	bucket[HBUCKETS];
local	uint16	hfree;			/* unused history nodes		*/
local	uint16	hand_hot, hand_cold, hand_test;
local	uint32	nhot, ncold, nhist;	/* pages of each kind listed	*/
local	uint32	mcold;			/* cold pages' target share	*/

/*------------------------------------------------------------------------
 *  hash  -  The bucket of page 'vpn' of 'owner'
 *------------------------------------------------------------------------
 */
local	uint32	hash(pid32 owner, uint32 vpn)
{
	return ((vpn * 2654435761u) ^ (uint32)owner) & (HBUCKETS - 1);
}

/*------------------------------------------------------------------------
 *  enlist  -  Put unlisted node 'n' at the head of the list, just behind
 *	     the hot hand, with flags 'fl'
 *------------------------------------------------------------------------
 */
local	inline	void	enlist(uint16 n, byte fl)
{
	uint16	head = hand_hot, tail;

	flags[n] = fl | CP_LISTED;
	if (head == NIL) {
		next[n] = prev[n] = n;
		hand_hot = hand_cold = hand_test = n;
		return;
	}
	tail = prev[head];
	next[n] = head;
	prev[n] = tail;
	next[tail] = n;
	prev[head] = n;
}

/*------------------------------------------------------------------------
 *  unlink  -  Take node 'n', not alone on the list, off it; a hand on it
 *	     moves on to 'after', its successor
 *------------------------------------------------------------------------
 */
local	inline	void	unlink(uint16 n, uint16 after)
{
	uint16	before = prev[n];

	hand_hot = hand_hot == n ? after : hand_hot;
	hand_cold = hand_cold == n ? after : hand_cold;
	hand_test = hand_test == n ? after : hand_test;
	next[before] = after;
	prev[after] = before;
}

/*------------------------------------------------------------------------
 *  delist  -  Take node 'n' off the list; a hand on it moves on
 *------------------------------------------------------------------------
 */
local	void	delist(uint16 n)
{
	uint16	after = next[n];

	flags[n] = 0;
	if (after == n) {
		hand_hot = hand_cold = hand_test = NIL;
		return;
	}
	unlink(n, after);
}

/*------------------------------------------------------------------------
 *  tohead  -  Move node 'n', which the cold hand just passed, to the
 *	      head, keeping its flags (as delist and enlist would)
 *------------------------------------------------------------------------
 */
local	inline	void	tohead(uint16 n)
{
	uint16	after = next[n], before, head, tail;

	if (after == n) {		/* alone: every hand is on it	*/
		return;
	}
	if (hand_hot == n || hand_test == n) {	/* not the cold hand:	*/
		hand_hot = hand_hot == n ? after : hand_hot;	/* past n	*/
		hand_test = hand_test == n ? after : hand_test;
	}
	before = prev[n];
	next[before] = after;
	prev[after] = before;
	head = hand_hot;
	tail = prev[head];
	next[n] = head;
	prev[n] = tail;
	next[tail] = n;
	prev[head] = n;
}

/*------------------------------------------------------------------------
 *  mcold_add  -  Grow (+1) or shrink (-1) the cold share, within bounds
 *------------------------------------------------------------------------
 */
local	void	mcold_add(int32 d)
{
	if (d > 0 && mcold + 1 < ffs_limit) {
		mcold++;
	} else if (d < 0 && mcold > ffs_limit / 32 + 1) {
		mcold--;
	}
}

/*------------------------------------------------------------------------
 *  hist_drop  -  Forget history node 'n': off the list, its bucket and
 *		  back to the free nodes
 *------------------------------------------------------------------------
 */
local	void	hist_drop(uint16 n)
{
	uint16	k = n - MAX_FFS_SIZE, *pp;

	for (pp = &bucket[hash(howner[k], hvpn[k])]; *pp != k;
	     pp = &hchain[*pp]) {
		;
	}
	*pp = hchain[k];
	hchain[k] = hfree;
	hfree = k;
	delist(n);
	nhist--;
}

/*------------------------------------------------------------------------
 *  endtest  -  Node 'n' passes out of its test period unused: a history
 *		node is forgotten, a resident cold page stays cold
 *------------------------------------------------------------------------
 */
local	void	endtest(uint16 n)
{
	if (ishist(n)) {
		hist_drop(n);
	} else {
		flags[n] &= ~CP_TEST;
	}
	mcold_add(-1);
}

/*------------------------------------------------------------------------
 *  run_hot  -  The hot hand: turn one unused hot page cold; FALSE when
 *		a round found none
 *------------------------------------------------------------------------
 */
local	bool8	run_hot(void)
{
	uint32	steps;
	uint16	n;

	for (steps = 0; steps < 2 * NNODES && hand_hot != NIL; steps++) {
		n = hand_hot;
		hand_hot = next[n];
		if (ishist(n) || (flags[n] & CP_TEST)) {
			endtest(n);
		} else if ((flags[n] & CP_HOT) && frame_evictable(n) &&
			   !frame_accessed(n, TRUE)) {
			flags[n] &= ~(CP_HOT | CP_FRESH);
			nhot--;
			ncold++;
			return TRUE;
		}
	}
	return FALSE;
}

/*------------------------------------------------------------------------
 *  run_test  -  The test hand: end test periods up to and with the next
 *		 history node, which it drops
 *------------------------------------------------------------------------
 */
local	void	run_test(void)
{
	uint32	steps;
	uint16	n;

	for (steps = 0; steps < NNODES && hand_test != NIL; steps++) {
		n = hand_test;
		hand_test = next[n];
		if (ishist(n)) {
			endtest(n);
			return;
		}
		if (flags[n] & CP_TEST) {
			endtest(n);
		}
	}
}

/*------------------------------------------------------------------------
 *  cool  -  Run the hot hand while hot pages pass their share
 *------------------------------------------------------------------------
 */
local	void	cool(void)
{
	while (nhot + mcold > ffs_limit && run_hot()) {
		;
	}
}

/*------------------------------------------------------------------------
 *  clockpro_reset  -  Forget everything; frames in use join the list
 *		       cold, lowest number first
 *------------------------------------------------------------------------
 */
local	void	clockpro_reset(uint32 seed)
{
	uint32	n;

	(void)seed;
	hand_hot = hand_cold = hand_test = NIL;
	nhot = ncold = nhist = 0;
	mcold = ffs_limit / 16 + 1;	/* a few frames for newcomers */
	for (n = 0; n < NNODES; n++) {
		flags[n] = 0;
	}
	for (n = 0; n < HBUCKETS; n++) {
		bucket[n] = NIL;
	}
	for (n = 0; n < MAX_FFS_SIZE; n++) {
		hchain[n] = n + 1 < MAX_FFS_SIZE ? n + 1 : NIL;
	}
	hfree = 0;
	for (n = 0; n < ffs_limit; n++) {
		if (frame_inuse(n)) {
			enlist(n, 0);
			ncold++;
		}
	}
}

/*------------------------------------------------------------------------
 *  clockpro_freed  -  Frame 'f''s page is gone (freed, lost) or was
 *		       evicted untested: take the frame off the list
 *------------------------------------------------------------------------
 */
local	void	clockpro_freed(int32 f)
{
	if (!(flags[f] & CP_LISTED)) {
		return;
	}
	if (flags[f] & CP_HOT) {
		nhot--;
	} else {
		ncold--;
	}
	delist(f);
}

/*------------------------------------------------------------------------
 *  clockpro_loaded  -  Frame 'f' just received a page: hot if it is new
 *			(no slot: a first touch) or the history has it,
 *			else cold in a test period
 *------------------------------------------------------------------------
 */
local	void	clockpro_loaded(int32 f)
{
	pid32	owner = ffstab[f].owner;
	uint32	vpn = ffstab[f].vpn;
	uint16	k;

	if (flags[f] & CP_LISTED) {
		clockpro_freed(f);
	}
	if (ffstab[f].slot != NOSLOT) {		/* back from swap	*/
		for (k = bucket[hash(owner, vpn)];
		     k != NIL && (hvpn[k] != vpn || howner[k] != owner);
		     k = hchain[k]) {
			;
		}
		if (k == NIL && nhot + mcold >= ffs_limit) {
			enlist(f, CP_TEST | CP_FRESH);
			ncold++;
			return;
		}
		if (k != NIL) {
			hist_drop(HNODE(k));	/* used in its test period */
			mcold_add(+1);
		}
	}
	enlist(f, CP_HOT | CP_FRESH);
	nhot++;
	cool();
}

/*------------------------------------------------------------------------
 *  clockpro_evicted  -  Frame 'f''s page goes to swap: a cold page in
 *			 its test period stays on the list as history
 *------------------------------------------------------------------------
 */
local	void	clockpro_evicted(int32 f)
{
	pid32	owner = ffstab[f].owner;
	uint32	vpn = ffstab[f].vpn;
	uint16	k, h, b, after, before;

	if ((flags[f] & (CP_LISTED | CP_HOT | CP_TEST)) !=
	    (CP_LISTED | CP_TEST)) {
		clockpro_freed(f);
		return;
	}
	if (nhist >= ffs_limit) {
		run_test();		/* may end f's test too		*/
		if (!(flags[f] & CP_TEST)) {
			clockpro_freed(f);
			return;
		}
	}
	if (hfree == NIL) {
		clockpro_freed(f);
		return;
	}
	k = hfree;
	b = hash(owner, vpn);
	hfree = hchain[k];
	howner[k] = owner;
	hvpn[k] = vpn;
	hchain[k] = bucket[b];
	bucket[b] = k;

	h = HNODE(k);			/* h takes f's place		*/
	after = next[f];
	before = prev[f];
	if (after == f) {
		after = before = h;
	}
	next[h] = after;
	prev[h] = before;
	prev[after] = h;
	next[before] = h;
	if (hand_hot == f || hand_cold == f || hand_test == f) {
		hand_hot = hand_hot == f ? h : hand_hot;
		hand_cold = hand_cold == f ? h : hand_cold;
		hand_test = hand_test == f ? h : hand_test;
	}
	flags[h] = CP_LISTED | CP_TEST | CP_HIST;
	flags[f] = 0;
	nhist++;
	ncold--;
}

/*------------------------------------------------------------------------
 *  anyframe  -  The first frame that can go, or SYSERR if none can
 *------------------------------------------------------------------------
 */
local	int32	anyframe(void)
{
	uint32	f;

	for (f = 0; f < ffs_limit; f++) {
		if (frame_evictable(f)) {
			return f;
		}
	}
	return SYSERR;
}

/*------------------------------------------------------------------------
 *  clockpro_victim  -  The cold hand's next unused cold page, or any
 *			frame that can go, or SYSERR if none can
 *------------------------------------------------------------------------
 */
local	int32	clockpro_victim(void)
{
	uint32	steps;
	uint16	n;
	byte	fl;

	for (steps = 0; steps < 4 * NNODES; steps++) {
		if (ncold == 0 && !run_hot()) {	/* also when the list	*/
			break;			/* is empty (no hand)	*/
		}
		n = hand_cold;
		while (flags[n] & (CP_HOT | CP_HIST)) {	/* passed by	*/
			if (++steps == 4 * NNODES) {
				hand_cold = next[n];
				return anyframe();
			}
			n = next[n];
		}
		hand_cold = next[n];
		if (!frame_evictable(n)) {
			continue;
		}
		if (!frame_accessed(n, TRUE)) {
			return n;
		}
		fl = flags[n];
		if (fl & CP_FRESH) {		/* its own fault, maybe	*/
			flags[n] = fl & ~CP_FRESH;
		} else if (fl & CP_TEST) {	/* reused soon		*/
			flags[n] = (fl & ~CP_TEST) | CP_HOT;
			ncold--;
			nhot++;
			mcold_add(+1);
			tohead(n);
			cool();
			continue;
		} else {
			flags[n] = fl | CP_TEST;
		}
		tohead(n);
	}
	return anyframe();
}

const	struct	vmpolicy clockpro_policy = {
	.name = "clockpro", .reset = clockpro_reset,
	.victim = clockpro_victim, .loaded = clockpro_loaded,
	.evicted = clockpro_evicted, .freed = clockpro_freed
};
