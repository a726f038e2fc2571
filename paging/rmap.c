/* rmap.c - rmap_init, rmap_add, rmap_del, rmap_clear, frame_keep,
	    rmap_has, frame_mapping, frame_setslot */

#include <xinu.h>
#include <vm.h>

/*
 * The reverse map: which PTEs map an FFS frame.  A frame's first mapping
 * is {owner, vpn} in ffstab; a shared page's others hang off the frame
 * as a chain of entries from one pool, fixed at boot (RMAP_EXTRA
 * entries: three per frame on average; vm.rmap=N uses only N, so that
 * tests can run it dry with a few frames).  nmap counts them all, and each
 * mapping counts in its process's nframes, so used_ffs_frames(pid)
 * counts the frames mapped in 'pid' and a frame shared by k processes
 * is still one frame of FFS.  When the first mapping goes, the next one
 * takes its place in ffstab.  The pool running dry is not an error:
 * rmap_add says SYSERR and its caller copes (vclone fails, the fault
 * handler evicts the frame from its other mappers and looks again).
 * Some free entries may be promised (rmap_promised): a disk exchange
 * of a shared page (swap/swapin.c) blocks, and when it ends each other
 * holder of the page's slot maps its frame, so the entries they will
 * take are the exchange's from its start; rmap_add leaves them, and
 * rmap_room() counts only the others.  The exchange sets the promise
 * (with the entries the PTEs holding its victim's spare slot would take
 * if a kill undoes it), vclone and xmmap add the holders they make, and
 * it is 0 again when the exchange ends, before the holders take their
 * entries.
 *
 * slotframe[] is the way from a swap slot to the frame that holds its
 * page now (a page swapped back in keeps its slot): the first mapper
 * to fault on a shared swapped page reads it, and the others find its
 * frame here and map it without I/O.  frame_setslot keeps the two
 * directions in step (frame_ofslot, inline in frame.h, reads it).  All
 * of it runs with interrupts disabled.
 */

local	struct	rmapent	rmaptab[RMAP_EXTRA];
local	int32	rmapfree;		/* first free entry, or RMAP_END */
uint32	rmap_limit;			/* entries used (vm.rmap)	*/
uint32	rmap_nfree;			/* entries free			*/
uint32	rmap_promised;			/* of those, the disk exchange's */
int32	slotframe[MAX_SWAP_SIZE + 1];	/* the reserve too	*/

/*------------------------------------------------------------------------
 *  rmap_init  -  The first 'limit' rmap entries free, no slot in a frame
 *		  (at boot)
 *------------------------------------------------------------------------
 */
void	rmap_init(uint32 limit)
{
	uint32	i;

	for (i = 0; i < limit; i++) {
		rmaptab[i].next = (i + 1 < limit) ? (int32)i + 1 : RMAP_END;
	}
	rmapfree = (limit > 0) ? 0 : RMAP_END;
	rmap_limit = limit;
	rmap_nfree = limit;
	rmap_promised = 0;
	for (i = 0; i <= MAX_SWAP_SIZE; i++) {
		slotframe[i] = SYSERR;
	}
}

/*------------------------------------------------------------------------
 *  rmap_add  -  Page 'vpn' of 'pid' maps frame 'f' (in use) too; SYSERR
 *		 when no rmap entry is free but those promised (a frame
 *		 with no mapping, a kept one, needs none).  The caller
 *		 sets the PTE
 *------------------------------------------------------------------------
 */
status	rmap_add(int32 f, pid32 pid, uint32 vpn)
{
	struct	ffsframe *fr = &ffstab[f];
	int32	e = rmapfree;

	assert(frame_inuse(f) && fr->owner != FFS_ORPHAN);
	if (fr->nmap == 0) {			/* a kept frame (FFS_KEPT) */
		fr->owner = pid;
		fr->vpn = vpn;
		fr->nmap = 1;
		proctab[pid].prvm->nframes++;
		return OK;
	}
	if (e == RMAP_END || rmap_nfree <= rmap_promised) {
		return SYSERR;
	}
	rmapfree = rmaptab[e].next;
	rmap_nfree--;
	rmaptab[e].pid = pid;
	rmaptab[e].vpn = vpn;
	rmaptab[e].next = fr->rmap;
	fr->rmap = e;
	fr->nmap++;
	proctab[pid].prvm->nframes++;
	return OK;
}

/*------------------------------------------------------------------------
 *  rmap_del  -  Page 'vpn' of 'pid' no longer maps frame 'f'; returns
 *		 the mappings left.  The last one stays as the frame's
 *		 owner (the caller frees the frame or makes it an orphan)
 *------------------------------------------------------------------------
 */
uint16	rmap_del(int32 f, pid32 pid, uint32 vpn)
{
	struct	ffsframe *fr = &ffstab[f];
	int32	*link = &fr->rmap, e;

	assert(fr->nmap > 1);
	if (fr->owner == pid && fr->vpn == vpn) {
		e = fr->rmap;			/* the next one moves up */
		fr->owner = rmaptab[e].pid;
		fr->vpn = rmaptab[e].vpn;
		*link = rmaptab[e].next;
	} else {
		while ((e = *link) != RMAP_END &&
		       (rmaptab[e].pid != pid || rmaptab[e].vpn != vpn)) {
			link = &rmaptab[e].next;
		}
		assert(e != RMAP_END);
		*link = rmaptab[e].next;
	}
	rmaptab[e].next = rmapfree;
	rmapfree = e;
	rmap_nfree++;
	fr->nmap--;
	proctab[pid].prvm->nframes--;
	return fr->nmap;
}

/*------------------------------------------------------------------------
 *  rmap_clear  -  Frame 'f' is being freed: no PTE maps it any more
 *		   (the caller changed them), so each mapping leaves its
 *		   process's count and its entry goes back to the pool
 *------------------------------------------------------------------------
 */
void	rmap_clear(int32 f)
{
	struct	ffsframe *fr = &ffstab[f];
	int32	e;

	if (fr->nmap > 0) {
		proctab[fr->owner].prvm->nframes--;
	}
	while ((e = fr->rmap) != RMAP_END) {
		proctab[rmaptab[e].pid].prvm->nframes--;
		fr->rmap = rmaptab[e].next;
		rmaptab[e].next = rmapfree;
		rmapfree = e;
		rmap_nfree++;
	}
	fr->nmap = 0;
}

/*------------------------------------------------------------------------
 *  frame_keep  -  No PTE maps frame 'f' any more (the caller changed
 *		   them), but it stays in use, kept (FFS_KEPT): for a
 *		   store (paging/heap.c), or for the page an undone
 *		   exchange puts back in it (swap/swapin.c)
 *------------------------------------------------------------------------
 */
void	frame_keep(int32 f)
{
	rmap_clear(f);
	ffstab[f].owner = FFS_KEPT;
}

/*------------------------------------------------------------------------
 *  rmap_has  -  Does page 'vpn' of 'pid' map frame 'f'? (for the audit)
 *------------------------------------------------------------------------
 */
bool8	rmap_has(int32 f, pid32 pid, uint32 vpn)
{
	int32	cur = RMAP_FIRST;
	pid32	p;
	uint32	v;

	while (frame_mapping(f, &cur, &p, &v)) {
		if (p == pid && v == vpn) {
			return TRUE;
		}
	}
	return FALSE;
}

/*------------------------------------------------------------------------
 *  frame_mapping  -  The next mapping of frame 'f' after cursor '*cur'
 *		      (RMAP_FIRST to start): TRUE with its process and
 *		      page, or FALSE when there is no more
 *------------------------------------------------------------------------
 */
bool8	frame_mapping(int32 f, int32 *cur, pid32 *pid, uint32 *vpn)
{
	struct	ffsframe *fr = &ffstab[f];

	if (*cur == RMAP_FIRST) {
		if (fr->nmap == 0) {
			return FALSE;
		}
		*pid = fr->owner;
		*vpn = fr->vpn;
		*cur = fr->rmap;
		return TRUE;
	}
	if (*cur == RMAP_END) {
		return FALSE;
	}
	*pid = rmaptab[*cur].pid;
	*vpn = rmaptab[*cur].vpn;
	*cur = rmaptab[*cur].next;
	return TRUE;
}

/*------------------------------------------------------------------------
 *  frame_setslot  -  Frame 'f' keeps slot 'slot' (NOSLOT: none) as the
 *		      copy of its page
 *------------------------------------------------------------------------
 */
void	frame_setslot(int32 f, int32 slot)
{
	struct	ffsframe *fr = &ffstab[f];

	if (fr->slot != NOSLOT && slotframe[fr->slot] == f) {
		slotframe[fr->slot] = SYSERR;
	}
	fr->slot = slot;
	if (slot != NOSLOT) {
		slotframe[slot] = f;
	}
}
