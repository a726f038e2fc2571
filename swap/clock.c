/* clock.c - clock_victim, clock_reset: the default replacement policy */

#include <xinu.h>

/*
 * Approximate LRU by the clock algorithm: a hand sweeps the FFS frames
 * in order; a frame whose page was used since the hand last passed (A
 * bit set) gets a second chance (A cleared), else it is the victim.  The
 * one hand persists across faults and processes.
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
	pte_t	*pte;

	for (n = 0; n <= 2 * ffs_limit; n++) {
		f = hand;
		hand = (hand + 1) % ffs_limit;
		if (ffstab[f].owner == FFS_FREE) {
			continue;
		}
		pte = frame_pte(f);
		if ((*pte & PTE_A) == 0) {
			return f;
		}
		*pte &= ~PTE_A;		/* second chance		*/
		if (proctab[ffstab[f].owner].prpdbr == read_cr3()) {
			invlpg((void *)(ffstab[f].vpn << PAGE_SHIFT));
		}
	}
	return SYSERR;
}

const	struct	vmpolicy clock_policy = { "clock", clock_reset, clock_victim };
