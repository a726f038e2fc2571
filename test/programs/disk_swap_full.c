/* disk_swap_full.c - every frame and every slot of a full-size swap
 * area on the disk holds a distinct page, and all of them still come
 * back: a swapped page comes in through the reserve block past the
 * area.  The page beyond FFS + swap dies with OUT_OF_MEMORY, and only
 * its process.  (disk_swap_full.conf shrinks the area to 16 slots and
 * FFS to 4 frames, so the whole area is quick to fill.) */
#include <xinu.h>

#define	FITS	(4 + 16)		/* FFS frames + swap slots	*/

/*------------------------------------------------------------------------
 *  filler  -  Write FITS pages, read them back three ways, then touch
 *	       one page more
 *------------------------------------------------------------------------
 */
process	filler(void)
{
	char	*p = vmalloc((FITS + 1) * PAGE_SIZE);
	int	i, bad = 0;

	if (p == (char *)SYSERR) {
		kprintf("vmalloc failed\n");
		return SYSERR;
	}
	for (i = 0; i < FITS; i++) {
		p[i * PAGE_SIZE] = (char)(i + 1);
		p[i * PAGE_SIZE + PAGE_SIZE - 1] = (char)(100 + i);
	}
	kprintf("wrote %d pages: %d FFS frames, %d swap slots\n", FITS,
		used_ffs_frames(getpid()), used_swap_frames(getpid()));
	for (i = FITS - 1; i >= 0; i--) {
		bad += p[i * PAGE_SIZE] != (char)(i + 1);
	}
	for (i = 0; i < FITS; i++) {
		bad += p[i * PAGE_SIZE + PAGE_SIZE - 1] != (char)(100 + i);
	}
	for (i = 0; i < FITS; i += 3) {
		bad += p[i * PAGE_SIZE] != (char)(i + 1);
	}
	kprintf("read them back: %d bad\n", bad);
	p[FITS * PAGE_SIZE] = 1;		/* one page too many	*/
	kprintf("not reached\n");
	return OK;
}

process	main(void)
{
	resume(vcreate(filler, 8192, 20, "filler", 0));
	receive();
	kprintf("main: %d FFS frames and %d swap slots free\n",
		free_ffs_pages(), free_swap_pages());
	return OK;
}
