/* slots.c - swap_init, swap_alloc, swap_free, swap_release, free_swap_pages */

#include <xinu.h>
#include <vm.h>

/*
 * The swap area's slots.  A slot belongs to one heap page of one process
 * from its first eviction until the page is freed: a page swapped back
 * in keeps its slot, so while the page stays clean its copy there is
 * still good and evicting it again writes nothing.  The lowest-numbered
 * free slot is always the next one handed out (a free map, as for FFS
 * frames), which the swap trace lines show.  Only the first swap_limit
 * slots are used (vm.swap=N shrinks swap for experiments).
 */

uint32	swap_limit;			/* slots in use			*/
local	uint32	slot_words[FREEMAP_WORDS(MAX_SWAP_SIZE)];
local	uint32	slot_sums[FREEMAP_SUMS(MAX_SWAP_SIZE)];
local	struct	freemap	slot_map = { slot_words, slot_sums, 0, 0, 0 };

/*------------------------------------------------------------------------
 *  swap_init  -  Make the first 'limit' slots free
 *------------------------------------------------------------------------
 */
void	swap_init(uint32 limit)
{
	swap_limit = limit;
	freemap_init(&slot_map, limit, MAX_SWAP_SIZE);
}

/*------------------------------------------------------------------------
 *  swap_alloc  -  Take the lowest free slot for process 'pid', or SYSERR
 *		   (interrupts disabled)
 *------------------------------------------------------------------------
 */
int32	swap_alloc(pid32 pid)
{
	int32	slot = freemap_take(&slot_map);

	if (slot == SYSERR) {
		return SYSERR;
	}
	proctab[pid].prvm->nslots++;
	return slot;
}

/*------------------------------------------------------------------------
 *  swap_free  -  Give back slot 'slot' of process 'pid' (interrupts off)
 *------------------------------------------------------------------------
 */
void	swap_free(pid32 pid, uint32 slot)
{
	freemap_give(&slot_map, slot);
	proctab[pid].prvm->nslots--;
}

/*------------------------------------------------------------------------
 *  swap_release  -  Give back slot 'slot' of a page freed during its I/O,
 *		     whose process no longer counts it (interrupts off)
 *------------------------------------------------------------------------
 */
void	swap_release(uint32 slot)
{
	freemap_give(&slot_map, slot);
}

/*------------------------------------------------------------------------
 *  swap_inuse  -  Is slot 'slot' allocated? (for the audit)
 *------------------------------------------------------------------------
 */
bool8	swap_inuse(uint32 slot)
{
	return slot < swap_limit && !freemap_isfree(&slot_map, slot);
}

/*------------------------------------------------------------------------
 *  free_swap_pages  -  Number of free swap slots, system-wide
 *------------------------------------------------------------------------
 */
uint32	free_swap_pages(void)
{
	return slot_map.nfree;
}
