/* frame.h - the frame layer: FFS frames as paging/ and swap/ see them */

/*
 * Mechanism below, policy above.  paging/ owns page tables and the FFS
 * frame table; swap/ (slots, backends, eviction, replacement policies)
 * reaches frames only through what this header declares: the frame
 * table, the kmap window, and the PTE of a frame: its A and D bits and
 * the change to "swapped out to slot N".
 * A replacement policy sees frame numbers and the frame_* helpers only,
 * never a PTE (see struct vmpolicy below).
 *
 * All of it runs with interrupts disabled: a frame may change owner at
 * the next fault.
 */

#ifndef _FRAME_H_
#define _FRAME_H_

/* One FFS frame (paging/ffs.c) */
struct	ffsframe {
	pid32	owner;		/* process whose heap page it holds, or */
				/* FFS_FREE				*/
	uint32	vpn;		/* virtual page number it backs		*/
	int32	slot;		/* swap slot with a copy, or NOSLOT	*/
	byte	io;		/* FIO_NONE, or the I/O in flight	*/
	pid32	iopid;		/* the process doing that I/O		*/
};
#define	FFS_FREE	(-1)
#define	FFS_ORPHAN	(-2)	/* owner: the page was freed while its	*/
				/* I/O was in flight; whoever ends the	*/
				/* I/O gives back the frame and slot	*/
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
 * region from any address space (paging/kmap.c) */
#define	KMAP_DST	0	/* frame being filled			*/
#define	KMAP_SRC	1	/* frame being copied from		*/
#define	KMAP_SLOTS	2
extern	void	kmap_init(void);
extern	void	*kmap(int32, uint32);

/* Whole pages zeroed and copied, fast (paging/pagecopy.c) */
extern	void	page_zero(void *);
extern	void	page_copy(void *, const void *);

/* The page-table entry of frame 'f' (in use), through its A and D bits
 * (paging/frame.c); each flushes the TLB entry it changes */
extern	bool8	frame_accessed(int32 f, bool8 clear);
extern	bool8	frame_dirty(int32 f);
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
