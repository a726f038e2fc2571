/* slots.c - swap_init, swap_alloc, swap_free, free_swap_pages */

#include <xinu.h>

/*
 * The swap area's slots.  A slot belongs to one heap page of one process
 * from its first eviction until the page is freed: a page swapped back
 * in keeps its slot, so while the page stays clean its copy there is
 * still good and evicting it again writes nothing.  Free slots are a
 * stack of slot numbers, lowest first at boot; only the first swap_limit
 * slots are used (vm.swap=N shrinks swap for experiments).
 */

uint32	swap_limit;			/* slots in use			*/
local	uint16	slot_stack[MAX_SWAP_SIZE];	/* free slot numbers	*/
local	uint32	slot_nfree;
local	byte	slot_used[MAX_SWAP_SIZE];	/* for the audit	*/

/*------------------------------------------------------------------------
 *  swap_init  -  Make the first 'limit' slots free
 *------------------------------------------------------------------------
 */
void	swap_init(uint32 limit)
{
	uint32	i;

	swap_limit = limit;
	for (i = 0; i < limit; i++) {
		slot_stack[i] = limit - 1 - i;
		slot_used[i] = FALSE;
	}
	slot_nfree = limit;
}

/*------------------------------------------------------------------------
 *  swap_alloc  -  Take a free slot for process 'pid', or SYSERR
 *		   (interrupts disabled)
 *------------------------------------------------------------------------
 */
int32	swap_alloc(pid32 pid)
{
	int32	slot;

	if (slot_nfree == 0) {
		return SYSERR;
	}
	slot = slot_stack[--slot_nfree];
	slot_used[slot] = TRUE;
	proctab[pid].prvm->nslots++;
	return slot;
}

/*------------------------------------------------------------------------
 *  swap_free  -  Give back slot 'slot' of process 'pid' (interrupts off)
 *------------------------------------------------------------------------
 */
void	swap_free(pid32 pid, uint32 slot)
{
	assert(slot < swap_limit && slot_used[slot]);
	slot_used[slot] = FALSE;
	slot_stack[slot_nfree++] = slot;
	proctab[pid].prvm->nslots--;
}

/*------------------------------------------------------------------------
 *  swap_inuse  -  Is slot 'slot' allocated? (for the audit)
 *------------------------------------------------------------------------
 */
bool8	swap_inuse(uint32 slot)
{
	return slot < swap_limit && slot_used[slot];
}

/*------------------------------------------------------------------------
 *  free_swap_pages  -  Number of free swap slots, system-wide
 *------------------------------------------------------------------------
 */
uint32	free_swap_pages(void)
{
	return slot_nfree;
}
