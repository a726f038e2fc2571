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

/* Fault and replacement counts, per process and in total */
struct	vmstats	{
	uint32	lazy;		/* first touches given a zeroed frame	*/
	uint32	swapins;	/* pages read back from swap		*/
	uint32	killed;		/* kills by the VM (vmkill)		*/
	uint32	evict_clean;	/* evictions that wrote nothing		*/
	uint32	evict_dirty;	/* evictions that wrote the page	*/
};

/* The VM state of a vcreate'd process (proctab[pid].prvm) */
struct	vmproc	{
	struct	vrun	*freeruns;	/* free runs of the heap	*/
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

extern	uint32	swap_limit;	/* slots in use: vm.swap=N or MAX_SWAP_SIZE */
extern	struct	vmstats	vmtotal;

#define	ispdptframe(a)	((uint32)(a) >= PTREGION_START && \
			 (uint32)(a) < KERNEL_END && \
			 ((uint32)(a) & (PAGE_SIZE - 1)) == 0)
#define	isvcreated(pid)	(proctab[(pid)].prvm != NULL)
#define	VHEAP_PAGES	((VHEAP_END - VHEAP_START) >> PAGE_SHIFT)

/* A swap backend (swap/): reads and writes whole slots.  The fault
 * path calls only these, so a disk backend is one more file */
struct	swapdev	{
	const	char	*name;
	void	(*read)(uint32 slot, void *dst);
	void	(*write)(uint32 slot, const void *src);
};
extern	const	struct	swapdev	*swapdev;	/* the backend in use	*/

/* Requests to the VM system process (paging/vmm.c) */
#define	VMR_ALLOC	1	/* vmalloc				*/
#define	VMR_FREE	2	/* vfree				*/
#define	VMR_STACK	3	/* getvirtualstack			*/
#define	VMM_PRIO	10000	/* above any user process		*/
extern	pid32	vmmpid;

/* paging/ and swap/: the functions behind the paging API (the API
 * itself is in paging.h) */
struct	trapframe;

/* paging/ */
extern	void	pginit(void);
extern	void	vmbanner(void);
extern	void	pdpt_init(void);
extern	void	*pdpt_alloc(void);
extern	void	pdpt_free(void *);
extern	uint32	pdpt_free_count(void);
extern	pte_t	*pte_lookup(pde_t *, uint32);
extern	void	pte_set(pid32, uint32, pte_t *, pte_t);
extern	uint32	pt_missing(pde_t *, uint32, uint32);
extern	void	pt_ensure(pde_t *, uint32, uint32);
extern	void	pt_release(pde_t *, uint32, uint32);
extern	void	freemap_init(struct freemap *, uint32, uint32);
extern	int32	freemap_take(struct freemap *);
extern	void	freemap_give(struct freemap *, uint32);
extern	bool8	freemap_isfree(const struct freemap *, uint32);
extern	status	vheap_init(struct vmproc *);
extern	int32	vheap_find(struct vmproc *, uint32);
extern	status	vheap_take(struct vmproc *, uint32, uint32);
extern	bool8	vheap_isallocated(struct vmproc *, uint32, uint32);
extern	status	vheap_give(struct vmproc *, uint32, uint32);
extern	void	vheap_destroy(struct vmproc *);
extern	char	*heap_alloc(pid32, uint32);
extern	status	heap_free(pid32, char *, uint32);
extern	void	page_release(pid32, uint32);
extern	void	vm_delete(struct vmproc *, pde_t *);
extern	void	pagefault(struct trapframe *, uint32);
extern	status	page_in(pid32, uint32, pte_t *);
extern	void	vmkill(const char *) __attribute__((noreturn));
extern	void	vmteardown(pid32);
extern	status	vm_audit(void);
extern	void	vstk_init(void);
extern	uint32	vstack_alloc(struct vmproc *, pde_t *, uint32);
extern	void	vstk_free(struct vmproc *, uint32);
extern	uint32	free_vstk_frames(void);
extern	void	stackfault_init(void);
extern	void	stackfault(void);
extern	void	stkguard(uint32);
extern	void	stkunguard(uint32);
extern	void	vmminit(void);
extern	char	*vmm_call(int32, char *, uint32);

/* swap/ */
extern	void	swap_init(uint32);
extern	int32	swap_alloc(pid32);
extern	void	swap_free(pid32, uint32);
extern	bool8	swap_inuse(uint32);
extern	status	swap_evict(void);
extern	void	swaptrace(const char *, uint32, uint32);
extern	status	vm_setpolicy(const char *, uint32);

#endif
