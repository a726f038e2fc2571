/* swapram.c - swap_read, swap_write: the swap area kept in RAM */

#include <xinu.h>

/*
 * The swap backend: slots are page frames after FFS (SWAP_START), as in
 * the course setting.  A disk backend would replace these two functions
 * and nothing else.  Both run with interrupts disabled and use the kmap
 * window's source slot.
 */

/*------------------------------------------------------------------------
 *  swap_read  -  Copy slot 'slot' into the page at 'dst'
 *------------------------------------------------------------------------
 */
void	swap_read(uint32 slot, void *dst)
{
	memcpy(dst, kmap(KMAP_SRC, SWAP_START + slot * PAGE_SIZE), PAGE_SIZE);
}

/*------------------------------------------------------------------------
 *  swap_write  -  Copy the page at 'src' into slot 'slot'
 *------------------------------------------------------------------------
 */
void	swap_write(uint32 slot, const void *src)
{
	memcpy(kmap(KMAP_DST, SWAP_START + slot * PAGE_SIZE), src, PAGE_SIZE);
}
