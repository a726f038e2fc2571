/* vm.h - the kernel's virtual-memory structures (paging/ and swap/) */

#ifndef _VM_H_
#define _VM_H_

#include "frame.h"	/* quoted: the host tests find it too */

/* A free run of heap pages; a process's runs are kept by address */
struct	vrun	{
	struct	vrun	*next;
	uint32	start;		/* first virtual page number		*/
	uint32	npages;		/* length in pages			*/
};

/* A store mapped into a process's heap (xmmap), kept by address */
struct	xmap	{
	struct	xmap	*next;
	uint32	vpn;		/* first virtual page number		*/
	uint32	npages;		/* the store's first npages pages	*/
	bsd_t	store;
};

/* A shared backing store (paging/bs.c) */
struct	bstore	{
	bool8	inuse;		/* made by get_bs, not yet released	*/
	uint32	npages;		/* its size				*/
	uint32	nmaps;		/* xmaps of it, in all processes	*/
	int32	slot[BS_MAXPAGES];	/* each page's slot, or NOSLOT	*/
	int32	frame[BS_MAXPAGES];	/* with none: the frame that	*/
};					/* holds it, else SYSERR (bs.c)	*/
extern	struct	bstore	bstab[];

/* The VM state of a vcreate'd process (proctab[pid].prvm) */
struct	vmproc	{
	struct	vrun	*freeruns;	/* free runs of the heap	*/
	struct	xmap	*xmaps;		/* stores mapped in it		*/
	uint32	heappages;	/* pages reserved by vmalloc		*/
	uint32	cursor;		/* page after its last vmalloc: where	*/
				/* a next-fit search starts		*/
	uint32	nframes;	/* FFS frames it holds now		*/
	uint32	nslots;		/* swap slots it holds now		*/
	uint32	stacktop;	/* next virtual stack ends below this	*/
	uint32	nstkframes;	/* virtual-stack frames it holds	*/
	struct	vmstats	stats;
};

/* The numbers 0 .. limit-1 of FFS frames or swap slots, lowest free
 * handed out first (paging/freemap.c) */
struct	freemap	{
	uint32	*words;		/* bit n%32 of words[n/32]: n is free	*/
	uint32	*summary;	/* bit w%32 of summary[w/32]: words[w]	*/
				/* has a free number			*/
	uint32	first;		/* summary words below it are all 0	*/
	uint32	limit;		/* numbers in use			*/
	uint32	nfree;		/* free numbers				*/
};
#define	FREEMAP_WORDS(max)	(((max) + 31) / 32)	/* bitmap words	*/
#define	FREEMAP_SUMS(max)	((FREEMAP_WORDS(max) + 31) / 32)

/* freemap_take - take the lowest free number of 'm', or SYSERR if none;
 * inline, as every fault takes a frame and every eviction a slot (see
 * paging/freemap.c) */
static	inline	int32	freemap_take(struct freemap *m)
{
	uint32	w, b;

	if (m->nfree == 0) {
		return SYSERR;
	}
	while (m->summary[m->first] == 0) {	/* ends: one is free	*/
		m->first++;
	}
	w = m->first * 32 + __builtin_ctz(m->summary[m->first]);
	b = __builtin_ctz(m->words[w]);
	m->words[w] &= ~(1u << b);
	if (m->words[w] == 0) {
		m->summary[m->first] &= ~(1u << (w & 31));
	}
	m->nfree--;
	return w * 32 + b;
}

extern	uint32	swap_limit;	/* slots in use: vm.swap=N or MAX_SWAP_SIZE */
extern	uint32	swap_nretired;	/* slots retired: their pages did not open */
#define	PAGE_CORRUPT	(-16)	/* page_in: the page's swap copy did not  */
				/*   open (sealed swap): the page is lost */
#define	PAGE_AGAIN	(-17)	/* swap_room: look at the page again	  */
extern	struct	vmstats	vmtotal;

#define	ispdptframe(a)	((uint32)(a) >= PTREGION_START && \
			 (uint32)(a) < KERNEL_END && \
			 ((uint32)(a) & (PAGE_SIZE - 1)) == 0)
#define	isvcreated(pid)	(proctab[(pid)].prvm != NULL)

/* A swap backend (swap/): moves whole pages between a slot and a page
 * frame.  Eviction (putslot) and swap-in (getslot) are its only callers,
 * so a new backend is one more file.  The rules:
 *  - 'pa' is the physical address of the frame: an FFS frame, or a page
 *    of the kernel region (identity mapped, e.g. swapin.c's bounce page).
 *    It is not a pointer because a kmap mapping does not outlive a block.
 *  - The caller holds interrupts off (its mask) and holds no kmap slot
 *    across the call; the backend may use both kmap slots inside it.
 *  - blocks == FALSE: the call completes before it returns and never
 *    reschedules (the RAM backend).
 *  - blocks == TRUE: the call may block the calling process until the
 *    I/O is done (wait on the device's semaphore; interrupts are then
 *    enabled or not per process, as for any Xinu blocking call), and
 *    uses no kmap slot across a block.  The caller keeps the frame busy
 *    meanwhile (paging/frameio.c): not chosen, not freed, its page not
 *    mapped until the read is done.  The disk backend (swap/swapdisk.c)
 *    is one; vm.swapdev=disk picks it once the devices are up.
 *  - A backend is one file, swap/swapNAME.c defining NAMEswap, and
 *    one line of SWAPDEV_TABLE (vmtable.h); swap_start (swapstart.c)
 *    picks the one vm.swapdev names if its start hook agrees.
 *  - I/O cannot fail as far as the caller knows: a backend retries, or
 *    panics when the swap data is lost.  getslot returns OK, or SYSERR
 *    when the slot's bytes are not what was put there (sealed swap,
 *    swap/seal.c, wraps the backend in use and checks every page it
 *    reads back); the frame then holds nothing of them. */
struct	swapdev	{
	const	char	*name;		/* as in vm.swapdev=NAME	*/
	bool8	blocks;			/* getslot/putslot may block	*/
	status	(*getslot)(uint32 slot, uint32 pa);	/* slot -> frame */
	void	(*putslot)(uint32 slot, uint32 pa);	/* frame -> slot */
	status	(*start)(void);		/* optional (NULL): at boot,	*/
					/* once the devices are up: OK	*/
					/* when it can hold swap_limit	*/
					/* slots, else SYSERR having	*/
					/* said why in one line		*/
};
extern	const	struct	swapdev	*swapdev;	/* the backend in use	*/
extern	const	struct	swapdev	*const swapdevs[];	/* SWAPDEV_TABLE */

/* Requests to the VM system process (paging/vmm.c) */
#define	VMR_ALLOC	1	/* vmalloc				*/
#define	VMR_FREE	2	/* vfree				*/
#define	VMR_STACK	3	/* getvirtualstack			*/
#define	VMM_PRIO	10000	/* above any user process		*/
#define	PGO_PRIO	(VMM_PRIO - 1)	/* the pageout daemon: below vmm,	*/
				/* above the rest			*/
extern	pid32	vmmpid;

/* paging/ and swap/: the functions behind the paging API (the API
 * itself is in paging.h, what system/ calls in prototypes.h) */

/* paging/ */
extern	void	pdpt_init(void);
extern	void	*pdpt_alloc(void);
extern	void	pdpt_free(void *);
extern	uint32	pdpt_free_count(void);
extern	int	pgstrok(const char *, unsigned int);

extern	uint32	pt_missing(pde_t *, uint32, uint32);
extern	void	pt_ensure(pde_t *, uint32, uint32);
extern	void	pt_release(pde_t *, uint32, uint32);
extern	void	freemap_init(struct freemap *, uint32, uint32);
extern	void	freemap_give(struct freemap *, uint32);
extern	bool8	freemap_isfree(const struct freemap *, uint32);
extern	void	freemap_grow(struct freemap *);
extern	status	vheap_init(struct vmproc *);
extern	int32	vheap_find(struct vmproc *, uint32);
extern	status	vheap_take(struct vmproc *, uint32, uint32);
extern	bool8	vheap_isallocated(struct vmproc *, uint32, uint32);
extern	status	vheap_give(struct vmproc *, uint32, uint32);
extern	status	vheap_copy(struct vmproc *, struct vmproc *);
extern	bool8	vheap_isfree(struct vmproc *, uint32, uint32);
extern	status	xmap_copy(struct vmproc *, struct vmproc *);
extern	void	xmap_destroy(struct vmproc *);
extern	bool8	page_isstore(pte_t);
extern	bool8	frame_isstore(int32);
extern	status	bs_audit(uint16 *);
extern	int32	bs_letgo(uint32);
extern	void	bs_setframe(int32, int32);
extern	void	bs_toslot(int32, uint32);
extern	void	vheap_destroy(struct vmproc *);
extern	char	*heap_alloc(pid32, uint32);
extern	status	heap_free(pid32, char *, uint32);
extern	void	page_release(pid32, uint32);
extern	void	page_unmap(pid32, uint32, int32);
extern	status	page_cow(pid32, uint32);
extern	status	heap_clone(pid32, pid32);
extern	pid32	vspawn(void *, uint32, pri16, char *, uint32, va_list, pid32);
extern	void	vm_delete(struct vmproc *, pde_t *);
extern	status	page_in(pid32, uint32, pte_t *);
extern	status	page_share(pid32, uint32, pid32);
extern	void	vmkill(const char *) __attribute__((noreturn));
extern	status	vm_audit(void);
extern	void	vstk_init(void);
extern	uint32	vstack_alloc(struct vmproc *, pde_t *, uint32);
extern	void	vstk_free(struct vmproc *, uint32);
extern	uint32	free_vstk_frames(void);
extern	void	stackfault_init(void);
extern	void	stackfault(void);
extern	void	stkroom(uint32);
#define	FAULT_STKNEED	1536	/* stack the fault path may use below	*/
				/* its trap frame (stackfault.c)	*/
extern	status	vmm_call(int32, char *, uint32, char **);

/* swap/ */
extern	void	swap_init(uint32);
extern	status	swap_addreserve(void);
extern	int32	swap_alloc(pid32);
extern	int32	swap_spare(pid32);
extern	void	swap_move(pid32, pid32, uint32);
extern	uint32	swap_used(void);
extern	bool8	swap_over(void);
extern	int32	swap_reserve(void);
extern	void	swap_share(pid32, uint32);
extern	bool8	swap_unhold(pid32, uint32);
extern	void	swap_free(pid32, uint32);
extern	int32	swap_take(void);
extern	void	swap_setstore(uint32);
extern	bool8	swap_isstore(uint32);
extern	uint16	slotref[];	/* PTEs holding each slot (slots.c)	*/
extern	byte	slotmark[];	/* each slot's marks (slots.c):		*/
#define	SLOT_STORE	0x1		/* a shared backing store's	*/
#define	SLOT_ZERO	0x2		/* zeros, not written yet	*/
#define	SLOT_BAD	0x4		/* its page did not open	*/
#define	SLOT_TORN	0x8		/* a write began, did not end:	*/
					/* its copy is no good		*/

/* The slot reads and the one mark the fault and eviction paths touch on
 * every page: inline, so that an unshared page pays no call for them */

/* swap_refs - the PTEs that hold slot 'slot' (0 when it is free, or
 * retired, or kept only by an orphan frame) */
static	inline	uint32	swap_refs(uint32 slot)
{
	return slot <= MAX_SWAP_SIZE ? slotref[slot] : 0;
}

/* swap_zeroed - does slot 'slot' hold zeros not yet written there? */
static	inline	bool8	swap_zeroed(uint32 slot)
{
	return slot <= MAX_SWAP_SIZE && (slotmark[slot] & SLOT_ZERO) != 0;
}

/* swap_written - a page is being written to slot 'slot' (its copy is
 * torn until swap_whole) */
static	inline	void	swap_written(uint32 slot)
{
	slotmark[slot] = (slotmark[slot] & ~SLOT_ZERO) | SLOT_TORN;
}

/* swap_whole - the write to slot 'slot' ended: its copy is good */
static	inline	void	swap_whole(uint32 slot)
{
	slotmark[slot] &= ~SLOT_TORN;
}
extern	void	swap_retire(pid32, uint32);
extern	void	swap_release(uint32);
extern	void	orphan_release(int32);
extern	void	swap_ioabort(pid32);
extern	bool8	swap_inuse(uint32);
extern	status	swap_evict(struct pgostats *);
extern	status	swap_exchange(void);
extern	status	swap_evict_again(void);
extern	status	swap_evict_frame(int32);
extern	void	slot_drop(int32);
extern	status	swap_in(int32, int32, bool8 *);
extern	int32	swap_room(pid32, uint32, int32, bool8 *);
extern	int32	xchg_slot;		/* swapin.c: the disk exchange	*/
extern	void	xchg_cancel(pid32);	/*   in flight's slot, or NOSLOT */
extern	int32	xchg_spare;		/*   its victim's, or NOSLOT	*/
extern	uint32	xchg_holds(pid32, uint32 *);
extern	void	xchg_promise(uint32, uint32);
extern	bool8	xchg_undo(pid32, int32);
extern	void	xchg_unwrite(int32);
extern	void	xchg_spared(int32);
extern	process	pageout(void);
extern	sid32	pgosem;
extern	void	pageout_poke(void);
extern	pid32	pageoutpid;
extern	uint32	pgo_lowater, pgo_hiwater;
extern	struct	pgostats pgostats;
extern	void	swaptrace(const char *, uint32, uint32);

/* The PTE reads and writes on every fault's path, inline; in angle
 * brackets, so that the host tests (64-bit, no page tables) get their
 * stand-in, test/host/vmstub/pte.h */
#include <pte.h>

#endif
