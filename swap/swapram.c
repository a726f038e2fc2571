/* swapram.c - ram_read, ram_write: the swap area kept in RAM */

#include <xinu.h>

/*
 * The RAM backend: slots are the page frames after FFS (SWAP_START), as
 * in the course setting.  Both functions run with interrupts disabled
 * and use the kmap window: 'dst' or 'src' is the FFS frame, mapped by the
 * caller, and the slot goes in the other window slot.
 */

/*------------------------------------------------------------------------
 *  ram_read  -  Copy slot 'slot' into the page at 'dst'
 *------------------------------------------------------------------------
 */
local	void	ram_read(uint32 slot, void *dst)
{
	memcpy(dst, kmap(KMAP_SRC, SWAP_START + slot * PAGE_SIZE), PAGE_SIZE);
}

/*------------------------------------------------------------------------
 *  ram_write  -  Copy the page at 'src' into slot 'slot'
 *------------------------------------------------------------------------
 */
local	void	ram_write(uint32 slot, const void *src)
{
	memcpy(kmap(KMAP_DST, SWAP_START + slot * PAGE_SIZE), src, PAGE_SIZE);
}

const	struct	swapdev	ramswap = { "ram", ram_read, ram_write };
const	struct	swapdev	*swapdev = &ramswap;	/* the backend in use	*/
