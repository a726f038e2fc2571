/* bspage.c - bs_letgo, bs_setframe, bs_toslot, frame_isstore */

#include <xinu.h>
#include <vm.h>

/*
 * Where each page of a shared backing store lives (paging/bs.c makes
 * and releases the stores, xmmap.c maps them).  A store holds a slot
 * for each of its pages, but the exchange that brings a swapped page
 * in when every frame and every slot is full (swapin.c) gives the
 * page's slot to the victim, a store's page too: the store then lets
 * the slot go (bs_letgo) and names the page by the frame that holds
 * it (bs_setframe: bstab's frame[], and the frame's bspage back to the
 * page), and that frame is kept while the store exists, as it holds
 * the only copy.  Its eviction (evict.c) takes a slot as any page with
 * none does, and the store holds that slot again (bs_toslot).  These
 * changes are swap's, so the store table is defined here.
 */

struct	bstore	bstab[NBS];

/*------------------------------------------------------------------------
 *  bs_letgo  -  Slot 'slot''s page gives up its copy (slot_drop): if it is
 *		 a store's, the store lets the slot go; the page (store *
 *		 BS_MAXPAGES + page, for bs_setframe), or NOBSPAGE
 *------------------------------------------------------------------------
 */
int32	bs_letgo(uint32 slot)
{
	bsd_t	b;
	uint32	i;

	if (!swap_isstore(slot)) {
		return NOBSPAGE;
	}
	for (b = 0; b < NBS; b++) {
		for (i = 0; bstab[b].inuse && i < bstab[b].npages; i++) {
			if (bstab[b].slot[i] == (int32)slot) {
				bstab[b].slot[i] = NOSLOT;
				swap_free(SYSERR, slot);
				return b * BS_MAXPAGES + i;
			}
		}
	}
	panic("bs_letgo: a store's slot that no store holds");
	return NOBSPAGE;
}

/*------------------------------------------------------------------------
 *  bs_setframe  -  Store page 'page' (bs_letgo's, or NOBSPAGE: nothing to
 *		    do) has no slot: frame 'f' holds it, and names it
 *------------------------------------------------------------------------
 */
void	bs_setframe(int32 page, int32 f)
{
	if (page != NOBSPAGE) {
		bstab[page / BS_MAXPAGES].frame[page % BS_MAXPAGES] = f;
		ffstab[f].bspage = page;
	}
}

/*------------------------------------------------------------------------
 *  bs_toslot  -  Frame 'f', being evicted, took slot 'slot' (its mappers
 *		  hold it): if it holds a store's page with no slot, the
 *		  store holds the slot again and names the page by it
 *------------------------------------------------------------------------
 */
void	bs_toslot(int32 f, uint32 slot)
{
	struct	ffsframe *fr = &ffstab[f];
	struct	bstore	*bs;

	if (fr->bspage == NOBSPAGE) {
		return;
	}
	bs = &bstab[fr->bspage / BS_MAXPAGES];
	bs->slot[fr->bspage % BS_MAXPAGES] = slot;
	bs->frame[fr->bspage % BS_MAXPAGES] = SYSERR;
	fr->bspage = NOBSPAGE;
	swap_setstore(slot);
	if (fr->owner != FFS_KEPT) {	/* else the slot was taken for	*/
		swap_share(SYSERR, slot);	/* no process: the store */
	}
}

/*------------------------------------------------------------------------
 *  frame_isstore  -  Does frame 'f' hold a store's page (by its slot, or
 *		      with none: bs.c)?
 *------------------------------------------------------------------------
 */
bool8	frame_isstore(int32 f)
{
	return ffstab[f].bspage != NOBSPAGE || (ffstab[f].slot != NOSLOT &&
	       swap_isstore(ffstab[f].slot));
}
