/* swapdisk.c - disk_start, disk_getslot, disk_putslot: swap on DISK0 */

#include <xinu.h>
#include <vm.h>

/*
 * The disk backend (vm.swapdev=disk, chosen at boot by swap_start,
 * swapstart.c, when disk_start agrees): slot N is block N of DISK0,
 * one 4 KiB block per page.
 * Its calls block while the disk works, so it sets 'blocks' and the
 * fault path keeps the frame busy meanwhile (see paging/frameio.c).
 *
 * The driver copies between the caller's buffer and its own while it
 * holds the channel, so it is never given a frame (which is not in the
 * kernel region, and a kmap slot cannot be held across a block) but a
 * bounce page of the calling process's own, in the kernel region: a
 * process has at most one swap I/O at a time, and kill needs to free
 * nothing.  The frame and the bounce page are copied with interrupts
 * off, through a kmap slot, on the side of the I/O where nothing
 * blocks.  A page already in the kernel region (sealed swap's, see
 * sealdev.c) is its own bounce page: the driver is given it as it is.
 *
 * A failed transfer is retried; swap data that cannot be written or
 * read back is lost, a kernel-level failure: panic.
 */

#define	DISK_TRIES	3		/* attempts per transfer	*/

local	char	bounce[NPROC][PAGE_SIZE];	/* one per process	*/

/* The page the driver is given for the page at 'pa'			*/
#define	diskbuf(pa)	((pa) + PAGE_SIZE <= KERNEL_END ? (char *)(pa)	\
			 : bounce[currpid])

/*------------------------------------------------------------------------
 *  disk_start  -  At boot: OK when DISK0 is there and holds every slot
 *		   (the block after them, if it has it, is the reserve,
 *		   see slots.c), else say why in one line
 *------------------------------------------------------------------------
 */
local	status	disk_start(void)
{
	struct	atacblk	*atptr = &atatab[devtab[DISK0].dvminor];
	uint32	nblocks = atptr->atsectors / ATA_BLKSECT;

	if (!atptr->atpresent) {
		kprintf("vm.swapdev=disk: no disk on DISK0, swapping"
			" to RAM\n");
		return SYSERR;
	}
	if (nblocks < swap_limit) {
		kprintf("vm.swapdev=disk: DISK0 holds %d pages, swap"
			" needs %d; swapping to RAM\n", nblocks, swap_limit);
		return SYSERR;
	}
	if (nblocks > swap_limit) {
		swap_addreserve();	/* SYSERR: past the swap area	*/
	}
	/* Programs keep off swap's blocks, the reserve too */
	control(DISK0, ATA_CTL_SWAPBLKS, swap_limit +
		(swap_reserve() != SYSERR), 0);
	return OK;
}

/*------------------------------------------------------------------------
 *  disk_getslot  -  Read slot 'slot' into the frame at 'pa' (blocks)
 *------------------------------------------------------------------------
 */
local	status	disk_getslot(uint32 slot, uint32 pa)
{
	char	*buf = diskbuf(pa);
	int32	i;

	proctab[currpid].prflags |= PRF_SWAPIO;	/* swap's blocks	*/
	for (i = 0; read(DISK0, buf, slot) == SYSERR; i++) {
		if (i + 1 >= DISK_TRIES) {
			panic("swap: cannot read slot back from DISK0");
		}
	}
	proctab[currpid].prflags &= ~PRF_SWAPIO;
	if (buf != (char *)pa) {
		memcpy(kmap(KMAP_DST, pa), buf, PAGE_SIZE);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  disk_putslot  -  Write the frame at 'pa' into slot 'slot' (blocks)
 *------------------------------------------------------------------------
 */
local	void	disk_putslot(uint32 slot, uint32 pa)
{
	char	*buf = diskbuf(pa);
	int32	i;

	if (buf != (char *)pa) {
		memcpy(buf, kmap(KMAP_SRC, pa), PAGE_SIZE);
	}
	proctab[currpid].prflags |= PRF_SWAPIO;	/* swap's blocks	*/
	for (i = 0; write(DISK0, buf, slot) == SYSERR; i++) {
		if (i + 1 >= DISK_TRIES) {
			panic("swap: cannot write a slot to DISK0");
		}
	}
	proctab[currpid].prflags &= ~PRF_SWAPIO;
}

const	struct	swapdev	diskswap = {
	.name = "disk", .blocks = TRUE,
	.getslot = disk_getslot, .putslot = disk_putslot,
	.start = disk_start
};
