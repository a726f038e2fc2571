/* sealdev.c - seal_start, seal_plain: sealed swap between the fault
 *	       path and the swap backend */

#include <xinu.h>
#include <vm.h>
#include <seal.h>

/*
 * seal_start puts sealing (seal.c) between the fault path and whichever
 * backend is in use (RAM or disk, struct swapdev in vm.h), as a backend
 * of its own that wraps it: the plain backend moves sealed bytes between
 * a slot and a page of the calling process's own here (sealbuf, in the
 * kernel region, so identity mapped: the disk driver reads and writes
 * it as it is, with no bounce copy), and the frame is sealed from, or
 * opened into, only here: no backend ever sees a frame's clear bytes,
 * and a new backend is sealed for free.  A process has at most one swap
 * I/O at a time (it blocks in it), so one page each is enough, and a
 * kill leaves nothing to free.  A page that does not open is lost: the
 * fault path retires its slot and kills its process (SWAP_CORRUPT, see
 * page_lost in paging/pagefault.c).
 */

local	const	struct	swapdev	*plain;		/* the backend sealed	*/
local	struct	swapdev	sealswap;		/* it, sealed		*/
local	char	sealbuf[NPROC][PAGE_SIZE]	/* sealed bytes, per	*/
			__attribute__((aligned(PAGE_SIZE)));	/* process;  */
				/* whole pages: backends kmap them	*/

/*------------------------------------------------------------------------
 *  sealed_getslot  -  Read slot 'slot' through the plain backend and
 *		       open it into the frame at 'pa'; SYSERR: it did not
 *		       open, and the frame holds none of its bytes
 *------------------------------------------------------------------------
 */
local	status	sealed_getslot(uint32 slot, uint32 pa)
{
	char	*buf = sealbuf[currpid];

	plain->getslot(slot, (uint32)buf);	/* identity mapped; blocks */
	return open_page(slot, buf, kmap(KMAP_DST, pa));
}

/*------------------------------------------------------------------------
 *  sealed_putslot  -  Seal the frame at 'pa' and write it to slot 'slot'
 *		       through the plain backend
 *------------------------------------------------------------------------
 */
local	void	sealed_putslot(uint32 slot, uint32 pa)
{
	char	*buf = sealbuf[currpid];

	seal_page(slot, kmap(KMAP_SRC, pa), buf);
	plain->putslot(slot, (uint32)buf);	/* may block		*/
}

/*------------------------------------------------------------------------
 *  seal_start  -  Seal the pages of the backend in use from now on when
 *		   vm.swapcrypt says so (default: on for disk, off for RAM)
 *------------------------------------------------------------------------
 */
void	seal_start(void)
{
	bool8	on = bootcfg.swapcrypt[0] == NULLCH ? swapdev->blocks
		     : strcmp(bootcfg.swapcrypt, "on") == 0;

	seal_init(on);
	if (on) {
		plain = swapdev;
		sealswap = *plain;
		sealswap.getslot = sealed_getslot;
		sealswap.putslot = sealed_putslot;
		swapdev = &sealswap;
	}
}

/*------------------------------------------------------------------------
 *  seal_plain  -  The backend under the seal (make bench puts it back in
 *		   place, with no page in swap, to compare the two)
 *------------------------------------------------------------------------
 */
const	struct	swapdev	*seal_plain(void)
{
	return seal_on ? plain : swapdev;
}
