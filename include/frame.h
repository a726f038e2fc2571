/* frame.h - the frame layer: FFS frames as paging/ and swap/ see them */

/*
 * Mechanism below, policy above.  paging/ owns page tables and the FFS
 * frame table; swap/ (slots, backends, eviction, replacement policies)
 * reaches frames only through what this header declares: the frame
 * table, the kmap window, and the PTE of a frame: its A and D bits and
 * the change to "swapped out to slot N".  A frame may be mapped by
 * several PTEs (a shared page): the frame_* helpers act on every one
 * of them, through the frame's reverse map (paging/rmap.c).
 * A replacement policy sees frame numbers and the frame_* helpers only,
 * never a PTE (see struct vmpolicy below).
 *
 * All of it runs with interrupts disabled: a frame may change owner at
 * the next fault.
 */

#ifndef _FRAME_H_
#define _FRAME_H_

/* One FFS frame (paging/ffs.c).  A frame may be mapped by several
 * PTEs (shared pages): {owner, vpn} is its first mapping, and the others
 * are a chain of rmap entries (the reverse map, paging/rmap.c) */
struct	ffsframe {
	pid32	owner;		/* a process mapping it (the first	*/
				/* mapping), FFS_FREE or FFS_ORPHAN	*/
	uint32	vpn;		/* virtual page number it backs there	*/
	int32	slot;		/* swap slot with a copy, or NOSLOT	*/
	byte	io;		/* FIO_NONE, or the I/O in flight	*/
	pid32	iopid;		/* the process doing that I/O		*/
	uint16	nmap;		/* PTEs that map it (present or		*/
				/* PTE_IN_IO): 1 + its rmap entries	*/
	int32	rmap;		/* its other mappings: first rmap entry,	*/
				/* or RMAP_END				*/
	int16	bspage;		/* a store's page with no slot: store	*/
				/* * BS_MAXPAGES + page, else NOBSPAGE	*/
};
#define	NOBSPAGE	(-1)

/* One more mapping of a frame: the PTE of page 'vpn' of 'pid' */
struct	rmapent	{
	pid32	pid;
	uint32	vpn;
	int32	next;		/* next entry of the frame, or RMAP_END	*/
};
#define	RMAP_END	(-1)
#define	RMAP_FIRST	(-2)	/* frame_mapping's cursor, to start;	*/
				/* past the first mapping ({owner, vpn})	*/
				/* it is the frame's rmap, so a walk	*/
				/* that takes that one from ffstab	*/
				/* starts there (an unshared frame's	*/
				/* is RMAP_END: no call at all)		*/
extern	uint32	rmap_limit;	/* rmap entries used (vm.rmap)		*/
extern	uint32	rmap_nfree;	/* rmap entries free			*/
extern	uint32	rmap_promised;	/* of those, promised to the disk	*/
				/* exchange in flight (swap/swapin.c)	*/
#define	rmap_room()	(rmap_nfree - rmap_promised)	/* free for	*/
				/* anyone else (rmap_add, vclone)	*/
extern	void	rmap_init(uint32 limit);
extern	status	rmap_add(int32 f, pid32 pid, uint32 vpn);
extern	uint16	rmap_del(int32 f, pid32 pid, uint32 vpn);
extern	void	rmap_clear(int32 f);
extern	void	frame_keep(int32 f);
extern	bool8	rmap_has(int32 f, pid32 pid, uint32 vpn);
extern	bool8	frame_mapping(int32 f, int32 *cur, pid32 *pid, uint32 *vpn);
extern	void	frame_setslot(int32 f, int32 slot);
/* The PTEs that hold a slot, found by a scan (slotpte.c), for the
 * exchange of a shared swapped page (swap/swapin.c) */
extern	bool8	slot_nextpte(uint32 slot, pte_t state, pid32 *pid,
			     uint32 *vpn);
extern	void	page_park(pid32 pid, uint32 vpn);
extern	void	frame_join(int32 f, pid32 pid, uint32 vpn, bool8 writable);
extern	int32	slotframe[];	/* slot -> the frame keeping it (rmap.c) */

/* frame_ofslot - the frame that holds slot 'slot''s page now (it keeps
 * the slot), or SYSERR; inline, as the swap-in path asks it each time */
static	inline	int32	frame_ofslot(uint32 slot)
{
	return slot <= MAX_SWAP_SIZE ? slotframe[slot] : SYSERR;
}
#define	FFS_FREE	(-1)
#define	FFS_ORPHAN	(-2)	/* owner: the page was freed while its	*/
				/* I/O was in flight; whoever ends the	*/
				/* I/O gives back the frame and slot	*/
#define	FFS_KEPT	(-3)	/* owner: the last PTE mapping the page	*/
				/* went while it was dirty and others	*/
				/* hold its slot: no PTE maps it, and	*/
				/* it stays until eviction writes it	*/
				/* back (or a mapper maps it again)	*/
#define	NOSLOT		(-1)

/* A frame's I/O in flight (a blocking swap backend, paging/frameio.c).
 * While it lasts the page's PTE is not present and holds the frame with
 * PTE_IN_IO; the frame is not handed out, not chosen as a victim and
 * its slot not reclaimed.  A process faulting on such a page waits in
 * frame_iowait for any I/O to end and looks again. */
#define	FIO_NONE	0
#define	FIO_READ	1	/* slot -> frame (swap_in)		*/
#define	FIO_WRITE	2	/* frame -> slot (eviction)		*/
#define	frame_busy(f)	(ffstab[(f)].io != FIO_NONE)
#define	frame_evictable(f) (frame_inuse(f) && !frame_busy(f))	/* what	*/
				/* a policy may name as its victim	*/
extern	uint32	frame_nio;	/* frames with I/O in flight		*/
extern	void	frame_ioinit(void);
extern	void	frame_iostart(int32 f, byte io);
extern	void	frame_iodone(int32 f);
extern	void	frame_iowake(void);
extern	void	frame_iowait(void);
extern	int32	frame_ioframe(pid32 pid);

extern	struct	ffsframe ffstab[];
extern	uint32	ffs_limit;	/* frames in use: vm.ffs=N or MAX_FFS_SIZE */

#define	ffsaddr(f)	(FFS_START + (uint32)(f) * PAGE_SIZE)
#define	ffsindex(pa)	(((uint32)(pa) - FFS_START) / PAGE_SIZE)
#define	isffsframe(pa)	((uint32)(pa) >= FFS_START && (uint32)(pa) < SWAP_START)
#define	frame_inuse(f)	(ffstab[(f)].owner != FFS_FREE)

extern	void	ffs_init(uint32);
extern	int32	ffs_alloc(pid32, uint32);
extern	void	ffs_free(int32);
extern	void	ffs_release(int32);
extern	bool8	ffs_inuse(uint32);

/* The kmap window: kernel pages to reach frames outside the kernel
 * region from any address space (paging/kmap.c; kmap is inline, pte.h) */
#define	KMAP_DST	0	/* frame being filled			*/
#define	KMAP_SRC	1	/* frame being copied from		*/
#define	KMAP_SLOTS	2
extern	void	kmap_init(void);
extern	char	kmap_window[KMAP_SLOTS][PAGE_SIZE];	/* the pages	*/
extern	pte_t	*kmap_pte[KMAP_SLOTS];	/* their kernel PTEs		*/

/* Whole pages zeroed and copied, fast (paging/pagecopy.c) */
extern	void	page_zero(void *);
extern	void	page_copy(void *, const void *);

/* The page-table entry of frame 'f' (in use), through its A and D bits
 * (paging/frame.c); each flushes the TLB entry it changes */
extern	bool8	frame_accessed(int32 f, bool8 clear);	/* each OR	*/
				/* over the frame's mappings		*/
extern	bool8	frame_dirty(int32 f);
extern	void	frame_setdirty(int32 f);
extern	void	frame_unmap(int32 f, uint32 slot);
extern	void	frame_setio(int32 f);
extern	void	frame_remap(int32 f, bool8 dirty);

/* A replacement policy (swap/): one file that includes <xinu.h> and
 * <frame.h> and defines a struct vmpolicy, and one line of
 * VMPOLICY_TABLE (vmtable.h).  Its functions run with interrupts
 * disabled.  A policy that keeps no state per page ignores the
 * optional hooks. */
struct	vmpolicy {
	const	char	*name;		/* as in vm.policy=NAME		*/
	void	(*reset)(uint32 seed);	/* start over (at boot and on	*/
					/* vm_setpolicy)		*/
	int32	(*victim)(void);	/* a frame in use to evict, or	*/
					/* SYSERR when none is in use	*/
	void	(*loaded)(int32 f);	/* optional (NULL): frame 'f'	*/
					/* just received a page		*/
	void	(*tick)(void);		/* optional (NULL): a clock	*/
					/* tick (1 ms) passed		*/
	void	(*evicted)(int32 f);	/* optional (NULL): frame 'f''s	*/
					/* page goes to swap (owner and	*/
					/* vpn still in ffstab[f])	*/
	void	(*freed)(int32 f);	/* optional (NULL): frame 'f''s	*/
					/* page left it other than by	*/
					/* eviction (freed)		*/
};
extern	const	struct	vmpolicy *vmpolicy;	/* the one in force	*/
extern	const	struct	vmpolicy *const vmpolicies[];	/* NULL-ended	*/

#endif
