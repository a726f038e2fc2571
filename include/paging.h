/* paging.h - the paging contract: sizes, PDE/PTE layout, the VM API */

/*
 * The course flavour.  The default is ECE565's.  ECE465 students put
 * "#define ECE465" at the top of this file (make ... DEFS=-DECE465 does
 * the same for kernel and program alike): the private heap then starts
 * after the kernel region, the PD/PT region and FFS instead of right
 * after the kernel region, and vmalloc is next fit instead of first fit.
 * The "Virtual layout" block below is the one place that looks at it.
 */

#ifndef _PAGING_H_
#define _PAGING_H_

/* Sizes; each may be overridden at build time */
#ifndef	XINU_PAGES
#define	XINU_PAGES	8192	/* kernel region pages, identity mapped	*/
#endif
#define	PAGE_SIZE	4096
#ifndef	MAX_PT_SIZE
#define	MAX_PT_SIZE	1024	/* frames of page directories + tables	*/
#endif
#ifndef	MAX_FFS_SIZE
#define	MAX_FFS_SIZE	16384	/* frames that back virtual heaps	*/
#endif
#define	RMAP_EXTRA	(3 * MAX_FFS_SIZE)	/* reverse-map entries:	*/
				/* mappings beyond each frame's first,	*/
				/* system-wide (paging/rmap.c)		*/
#ifndef	MAX_SWAP_SIZE
#define	MAX_SWAP_SIZE	32768	/* slots in the swap area		*/
#endif
#ifndef	MAX_VSTK_SIZE
#define	MAX_VSTK_SIZE	4096	/* frames that back virtual stacks	*/
#endif

#if MAX_PT_SIZE > 65536 || MAX_VSTK_SIZE > 65536
#error "the PD/PT and stack-frame free stacks hold 16-bit numbers"
#endif

#define	PAGE_SHIFT	12
#define	NENTRIES	1024	/* entries in a directory or table	*/
#define	PDX(va)		(((uint32)(va) >> 22) & 0x3FF)	/* dir. index	*/
#define	PTX(va)		(((uint32)(va) >> 12) & 0x3FF)	/* table index	*/
#define	PGADDR(d, t)	((uint32)(d) << 22 | (uint32)(t) << 12)
#define	PGROUNDUP(x)	(((uint32)(x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define	PGROUNDDOWN(x)	((uint32)(x) & ~(PAGE_SIZE - 1))

/* Physical layout: the kernel region, with the PD/PT region at its top,
 * then FFS, the swap area (in RAM) and the virtual-stack frames */
#define	KERNEL_END	((uint32)XINU_PAGES * PAGE_SIZE)
#define	PTREGION_START	(KERNEL_END - MAX_PT_SIZE * PAGE_SIZE)
#define	KHEAP_LIMIT	PTREGION_START	/* the kernel heap ends here	*/
#define	FFS_START	KERNEL_END
#define	SWAP_START	(FFS_START + MAX_FFS_SIZE * PAGE_SIZE)
#define	VSTK_START	(SWAP_START + MAX_SWAP_SIZE * PAGE_SIZE)
#define	PHYS_END	(VSTK_START + MAX_VSTK_SIZE * PAGE_SIZE)

/* Virtual layout of a vcreate'd process.  Its heap starts at
 * VHEAP_START (0x2000000 by default, 0x6400000 for ECE465 with the
 * default sizes); allocated_virtual_pages counts from its page number,
 * VHEAP_FIRST.  VHEAP_NEXTFIT says how vmalloc searches the heap: from
 * its start (first fit) or from where the process's previous vmalloc
 * ended, wrapping around (next fit) */
#ifdef	ECE465
#define	VHEAP_START	((uint32)(XINU_PAGES + MAX_PT_SIZE + MAX_FFS_SIZE) \
			 * PAGE_SIZE)
#define	VHEAP_NEXTFIT	1
#else
#define	VHEAP_START	KERNEL_END
#define	VHEAP_NEXTFIT	0
#endif
#define	VHEAP_FIRST	(VHEAP_START >> PAGE_SHIFT)	/* its page number */
#define	VHEAP_END	0xC0000000	/* the heap stays below this	*/
#define	VHEAP_PAGES	((VHEAP_END - VHEAP_START) >> PAGE_SHIFT)
#define	VSTACK_TOP	0xFFC00000	/* stacks grow down from here	*/

/* PDE/PTE bits set by software and read by the MMU */
#define	PTE_P		0x001	/* present				*/
#define	PTE_W		0x002	/* writable				*/
#define	PTE_U		0x004	/* user (unused: all runs in ring 0)	*/
#define	PTE_A		0x020	/* accessed (set by the MMU)		*/
#define	PTE_D		0x040	/* dirty (set by the MMU)		*/
/* Bits 9-11 are ours; the MMU ignores them */
#define	PTE_IS_VMALLOC	0x200	/* is_vmalloc: a heap page, maybe with	*/
				/* no frame yet				*/
#define	PTE_IS_SWAPPED	0x400	/* is_swapped: data in the swap slot	*/
				/* whose number is in the frame field	*/
#define	PTE_IS_STACK	0x800	/* a virtual-stack page			*/
/* In a PTE that is not present the MMU ignores every bit; one more */
#define	PTE_IN_IO	0x100	/* the page's frame (in the frame field) */
				/* has swap I/O in flight (frame.h)	*/
#define	PTE_FRAME(e)	((uint32)(e) & ~0xFFF)	/* frame address	*/
#define	PTE_SLOT(e)	((uint32)(e) >> PAGE_SHIFT)	/* swap slot	*/

typedef	uint32	pde_t;		/* page directory entry			*/
typedef	uint32	pte_t;		/* page table entry			*/

extern	uint32	kernel_pdbr;	/* physical address of the kernel's dir. */

/* Shared backing stores (CSC501's names, paging/bs.c, paging/xmmap.c) */
typedef	uint32	bsd_t;		/* a backing store's number		*/
#define	NBS		16	/* stores 0 .. NBS-1			*/
#define	BS_MAXPAGES	256	/* pages of a store at most		*/

/* The paging API */
extern	pid32	vcreate(void *, uint32, pri16, char *, uint32, ...);
extern	pid32	vclone(void *, uint32, pri16, char *, uint32, ...);
extern	syscall	get_bs(bsd_t, uint32);
extern	syscall	xmmap(uint32, bsd_t, uint32);
extern	syscall	xmunmap(uint32);
extern	syscall	release_bs(bsd_t);
extern	char	*vmalloc(uint32);
extern	syscall	vfree(char *, uint32);
extern	char	*getvirtualstack(uint32);
extern	uint32	free_ffs_pages(void);
extern	uint32	free_swap_pages(void);
extern	uint32	allocated_virtual_pages(pid32);
extern	uint32	used_ffs_frames(pid32);
extern	uint32	used_swap_frames(pid32);
extern	uint32	debug_swapping;

/* Fault and replacement counts, per process and in total */
struct	vmstats	{
	uint32	lazy;		/* first touches given a zeroed frame	*/
	uint32	swapins;	/* pages read back from swap		*/
	uint32	killed;		/* kills by the VM (vmkill)		*/
	uint32	evict_clean;	/* evictions that wrote nothing		*/
	uint32	evict_dirty;	/* evictions that wrote the page	*/
	uint32	iowaits;	/* waits for another's swap I/O to end	*/
	uint32	selfevicts;	/* faults that had to evict a page	*/
				/* themselves (FFS had no free frame)	*/
	uint32	exchanges;	/* victims written to the spare slot	*/
				/* (disk swap full, swap_room)		*/
	uint32	joins;		/* faults that mapped a shared page's	*/
				/* frame another mapper brought in	*/
	uint32	cowcopies;	/* writes that copied a shared page	*/
	uint32	cowkeeps;	/* writes that found the last mapping	*/
				/* of a shared page: made writable	*/
};

/* The pageout daemon's work (vm.swapper=on, swap/pageout.c) */
struct	pgostats {
	uint32	wakeups;	/* times it woke below the low watermark */
	uint32	scanned;	/* frames it looked at as victims	*/
	uint32	cleaned;	/* dirty pages it wrote to swap		*/
	uint32	freed;		/* frames it freed			*/
};

/* A snapshot of the VM, taken with interrupts off by vm_info (for the
 * shell: the VM's own structures are in vm.h, for paging/ and swap/) */
#define	VMINFO_RUNS	32	/* reserved heap runs recorded at most	*/
struct	vmrunmap {		/* one reserved heap run		*/
	uint32	va;		/* first address			*/
	uint32	npages;
	uint32	resident;	/* pages with a frame			*/
	uint32	swapped;	/* pages in a swap slot			*/
	uint32	shared;		/* pages whose frame or slot is held by	*/
				/* another PTE or a store too		*/
	uint32	cow;		/* of those, copy-on-write (vclone's)	*/
};
struct	vminfo	{
	/* The system */
	uint32	ffs_used, ffs_limit;	/* FFS frames			*/
	uint32	swap_used, swap_limit;	/* swap slots (used: the reserve */
					/* too)				*/
	int32	swap_reserve;		/* the reserve slot, or SYSERR	*/
	uint32	pdpt_used;		/* of MAX_PT_SIZE		*/
	uint32	vstk_used;		/* of MAX_VSTK_SIZE		*/
	const	char	*policy;	/* replacement policy in force	*/
	const	char	*swapdev;	/* swap backend: "ram", "disk"	*/
	bool8	swapper;		/* the pageout daemon runs	*/
	bool8	swapcrypt;		/* pages are sealed (swap/seal.c) */
	uint32	sealed, opened;		/* pages sealed going out, and	*/
					/*   opened coming back		*/
	uint32	sealfails, retired;	/* pages that did not open, and	*/
					/*   the slots retired for them	*/
	uint32	lowater, hiwater;	/* its watermarks (free frames)	*/
	struct	pgostats pageout;	/* its work			*/
	struct	vmstats	total;
	/* The process asked about, when vcreated is TRUE */
	bool8	vcreated;
	char	name[PNMLEN];
	uint32	heappages;		/* reserved heap pages		*/
	uint32	nframes, nslots;	/* FFS frames, swap slots held	*/
	uint32	stacktop, nstkframes;	/* its stacks: lowest top, frames */
	struct	vmstats	stats;
	uint32	nruns;			/* reserved runs in runs[]	*/
	bool8	moreruns;		/* TRUE: more than VMINFO_RUNS	*/
	struct	vmrunmap runs[VMINFO_RUNS];
};
extern	syscall	vm_info(pid32, struct vminfo *);
extern	status	vm_setpolicy(const char *, uint32);
extern	const	char	*vm_policyname(int32);
extern	const	char	*swapdev_name(int32);

#endif
