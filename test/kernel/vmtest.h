/* vmtest.h - helpers shared by the paging and swapping tests */

#ifndef _VMTEST_H_
#define _VMTEST_H_

/* What must come back to its starting value after a test */
struct	vmsnap	{
	uint32	ffs;		/* free FFS frames			*/
	uint32	swap;		/* free swap slots			*/
	uint32	pdpt;		/* free PD/PT frames			*/
	uint32	heap;		/* free kernel heap bytes		*/
	uint32	vstk;		/* free virtual-stack frames		*/
};

#define	vmsnap_take(s)	((s)->ffs = free_ffs_pages(), \
			 (s)->swap = free_swap_pages(), \
			 (s)->pdpt = pdpt_free_count(), \
			 (s)->heap = memlist.mlength, \
			 (s)->vstk = free_vstk_frames())

#define	vmsnap_same(s)	((s)->ffs == free_ffs_pages() && \
			 (s)->swap == free_swap_pages() && \
			 (s)->pdpt == pdpt_free_count() && \
			 (s)->heap == memlist.mlength && \
			 (s)->vstk == free_vstk_frames())

/* Run 'fn' in a vcreate'd child with one argument and wait for it */
#define	vrun(fn, arg)	vrun_wait(vcreate((fn), 8192, INITPRIO + 1, #fn, 1, (arg)))

/*------------------------------------------------------------------------
 *  vrun_wait  -  Resume a child and receive its death note
 *------------------------------------------------------------------------
 */
static inline pid32 vrun_wait(pid32 pid)
{
	if (pid == SYSERR) {
		return SYSERR;
	}
	recvclr();
	resume(pid);
	while (receive() != (umsg32)pid) {
		;
	}
	return pid;
}

#define	PAGE(p, i)	((p) + (i) * PAGE_SIZE)

extern	bool8	swappedout(char *);	/* badbuf.c: is a heap page of	*/
					/*   this process in swap?	*/

/*
 * A page fault is invisible to the compiler: without a barrier it may
 * move other loads (such as a fault counter) across the access that
 * faults.  Tests touch pages through these.
 */
static inline uint32 vm_read(char *addr)
{
	uint32	v;

	asm volatile("" : : : "memory");
	v = *(volatile uint32 *)addr;
	asm volatile("" : : : "memory");
	return v;
}

static inline void vm_write(char *addr, uint32 v)
{
	asm volatile("" : : : "memory");
	*(volatile uint32 *)addr = v;
	asm volatile("" : : : "memory");
}

/*------------------------------------------------------------------------
 *  recurse  -  Use about 'depth' KiB of stack; returns a checksum that
 *		depends on every frame's local data: (depth + 1) * 240
 *		when every frame is intact
 *------------------------------------------------------------------------
 */
static inline uint32 recurse(uint32 depth)
{
	volatile uint32	words[240];	/* about 1 KiB per call		*/
	uint32	i, sum;

	for (i = 0; i < 240; i++) {
		words[i] = depth * 1000 + i;
	}
	sum = depth == 0 ? 0 : recurse(depth - 1);
	for (i = 0; i < 240; i++) {
		sum += (words[i] == depth * 1000 + i);
	}
	return sum;
}

#endif
