/* swapram.c - ram_getslot, ram_putslot: the swap area kept in RAM */

#include <xinu.h>
#include <vm.h>

/*
 * The RAM backend: slots are the page frames after FFS (SWAP_START), as
 * in the course setting.  A copy never blocks; it maps the slot and the
 * frame in the two kmap slots (the caller holds neither, see struct
 * swapdev in vm.h).
 */

#define	slotaddr(s)	(SWAP_START + (s) * PAGE_SIZE)

/*------------------------------------------------------------------------
 *  ram_getslot  -  Copy slot 'slot' into the frame at 'pa'
 *------------------------------------------------------------------------
 */
local	status	ram_getslot(uint32 slot, uint32 pa)
{
	page_copy(kmap(KMAP_DST, pa), kmap(KMAP_SRC, slotaddr(slot)));
	return OK;
}

/*------------------------------------------------------------------------
 *  ram_putslot  -  Copy the frame at 'pa' into slot 'slot'
 *------------------------------------------------------------------------
 */
local	void	ram_putslot(uint32 slot, uint32 pa)
{
	page_copy(kmap(KMAP_DST, slotaddr(slot)), kmap(KMAP_SRC, pa));
}

const	struct	swapdev	ramswap = {
	.name = "ram", .blocks = FALSE,
	.getslot = ram_getslot, .putslot = ram_putslot
};
const	struct	swapdev	*swapdev = &ramswap;	/* the backend in use	*/
