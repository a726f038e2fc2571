/* stackedge.c - tests of page faults at the edge of a virtual stack */

#include <xinu.h>
#include <vm.h>
#include <vmtable.h>
#include "vmtest.h"

/*
 * The fault handler runs on the faulting process's own stack.  These
 * sweeps make a child fault with exactly N bytes of stack left below
 * its stack pointer, N from 0 to EDGEMAX in 8-byte steps (past 1200
 * and past the handler's FAULT_STKNEED, paging/stackfault.c), on a page
 * that needs a frame with FFS full (an eviction, then a zeroed frame or
 * a swap-in), or on a page it never reserved.  Whatever N is, the child
 * either finishes with its data intact or dies, STACK_OVERFLOW when
 * the stack was too short, and nothing it or its fault held is lost:
 * after each child every free count is back, no I/O is in flight and
 * vm_audit is clean.  Once the stack is long enough (FAULT_STKNEED and
 * the trap frame), every larger N must work too.
 */

#define	EDGEMAX		(FAULT_STKNEED + 256 > 1200 ? FAULT_STKNEED + 256 : 1200)
#define	EDGESTEP	8
#define	EDGEVAL(i)	(0x5EED0000 + (uint32)(i))	/* page i's first word	*/

#define	E_NEW		0	/* a page never touched: zero fill	*/
#define	E_SWAPIN	1	/* a page out in swap: swap-in		*/
#define	E_SEGV		2	/* a page it never reserved		*/
#define	E_MODES		3

local	const	char	*edgemode[E_MODES] = { "new", "swapin", "segv" };
local	volatile int32	edge_done;	/* the child got past its touch	*/

/*------------------------------------------------------------------------
 *  edge_touch  -  Write 'v' at 'addr' with the stack pointer at 'sp'
 *------------------------------------------------------------------------
 */
local	void	edge_touch(uint32 sp, char *addr, uint32 v)
{
	asm volatile("movl %%esp, %%ebx\n\t"
		     "movl %0, %%esp\n\t"
		     "movl %2, (%1)\n\t"
		     "movl %%ebx, %%esp"
		     : : "r"(sp), "r"(addr), "r"(v) : "ebx", "memory");
}

/*------------------------------------------------------------------------
 *  edgekid  -  Fill FFS with 'nframes' pages, then touch a page (as
 *		'mode' says) with 'left' bytes of stack left
 *------------------------------------------------------------------------
 */
local	process	edgekid(int32 left, int32 mode, int32 nframes)
{
	struct	procent	*prptr = &proctab[getpid()];
	uint32	lo = (uint32)prptr->prstkbase + sizeof(uint32) -
		     prptr->prstklen;
	char	*p = vmalloc((nframes + 1) * PAGE_SIZE);
	int32	target;		/* the page touched at the edge	*/
	intmask	mask;
	int32	i, bad = 0;

	if (p == (char *)SYSERR) {
		return SYSERR;
	}
	for (i = 0; i <= nframes; i++) {	/* the last evicts page 0 */
		if (mode == E_SWAPIN || i < nframes) {
			vm_write(PAGE(p, i), EDGEVAL(i));
		}
	}
	target = mode == E_SEGV ? nframes + 4 : mode == E_NEW ? nframes :
		 SYSERR;
	for (i = 0; mode == E_SWAPIN && i <= nframes; i++) {
		if (*pte_lookup((pde_t *)prptr->prpdbr,
				(uint32)PAGE(p, i)) & PTE_IS_SWAPPED) {
			target = i;	/* the policy's victim		*/
		}
	}
	if (target == SYSERR || free_ffs_pages() != 0) {
		return SYSERR;		/* the touch would not evict	*/
	}
	mask = disable();		/* no interrupt on the short stack */
	edge_touch(lo + left, PAGE(p, target), EDGEVAL(target));
	restore(mask);
	for (i = 0; i <= nframes; i++) {
		bad += vm_read(PAGE(p, i)) != EDGEVAL(i);
	}
	edge_done = bad == 0;
	return OK;
}

/* How a child ended */
#define	EDGE_FINISHED	0	/* past its touch, its data intact	*/
#define	EDGE_OVERFLOW	1	/* killed: STACK_OVERFLOW		*/
#define	EDGE_SEGV	2	/* killed: SEGMENTATION_FAULT		*/

/*------------------------------------------------------------------------
 *  edge_one  -  Run one child; how it ended, or SYSERR (with a line)
 *		 when it ended otherwise or left anything behind
 *------------------------------------------------------------------------
 */
local	int32	edge_one(int32 left, int32 mode, int32 nframes)
{
	struct	vmsnap	s;
	char	out[256], ovf[32], segv[32];
	int32	end = SYSERR, i;
	pid32	pid;

	vmsnap_take(&s);
	edge_done = 0;
	kcapture(out, sizeof(out));
	pid = vrun_wait(vcreate(edgekid, 8192, INITPRIO + 1, "edge", 3, left,
				mode, nframes));
	kcapture(NULL, 0);
	for (i = 0; i < 5000 && frame_nio > 0; i++) {
		sleepms(1);
	}
	sprintf(ovf, "P%d:: STACK_OVERFLOW\n", pid);
	sprintf(segv, "P%d:: SEGMENTATION_FAULT\n", pid);
	if (edge_done) {
		end = EDGE_FINISHED;
	} else if (strstr(out, ovf) != NULL) {
		end = EDGE_OVERFLOW;
	} else if (strstr(out, segv) != NULL) {
		end = EDGE_SEGV;
	}
	if (pid == SYSERR || end == SYSERR) {
		kprintf("%s %d bytes left: ended so: %s\n", edgemode[mode],
			left, out);
		return SYSERR;
	}
	if (frame_nio != 0 || vm_audit() != OK || !vmsnap_same(&s)) {
		kprintf("%s %d bytes left: free frames %d (was %d), slots %d "
			"(%d), heap %d (%d), I/O %d\n", edgemode[mode], left,
			free_ffs_pages(), s.ffs, free_swap_pages(), s.swap,
			memlist.mlength, s.heap, frame_nio);
		return SYSERR;
	}
	return end;
}

/*------------------------------------------------------------------------
 *  edge_sweep  -  Sweep the stack left at a fault from 0 to EDGEMAX
 *		   under every policy and mode, 'nframes' frames in FFS:
 *		   STACK_OVERFLOW up to some point, the fault's own end
 *		   from there on, nothing lost anywhere
 *------------------------------------------------------------------------
 */
local	status	edge_sweep(int32 nframes)
{
	int32	pol, mode, left, end, good, from;
	uint32	children = 0;

	for (pol = 0; vm_policyname(pol) != NULL; pol++) {
		REQUIRE(vm_setpolicy(vm_policyname(pol), 5) == OK);
		for (mode = 0; mode < E_MODES; mode++) {
			good = mode == E_SEGV ? EDGE_SEGV : EDGE_FINISHED;
			from = SYSERR;
			for (left = 0; left <= EDGEMAX; left += EDGESTEP) {
				end = edge_one(left, mode, nframes);
				children++;
				REQUIRE(end != SYSERR);
				if (end == good && from == SYSERR) {
					from = left;
				}
				if (end != good && from != SYSERR) {
					kprintf("%s %d bytes left: overflow, "
						"but %d was enough\n",
						edgemode[mode], left, from);
				}
				REQUIRE(end == good || (from == SYSERR &&
					end == EDGE_OVERFLOW));
			}
			kprintf("%s %s: works from %d bytes left\n",
				vm_policyname(pol), edgemode[mode], from);
			CHECK(from != SYSERR && from <= FAULT_STKNEED + 128);
		}
	}
	kprintf("stack edge: %d children, all clean\n", children);
	return OK;
}

/*------------------------------------------------------------------------
 *  edge_boot  -  Sweep on swap backend 'dev' with the frames of FFS
 *------------------------------------------------------------------------
 */
local	status	edge_boot(const char *dev)
{
	REQUIRE(strcmp(swapdev->name, dev) == 0 && ffs_limit <= 2);
	return edge_sweep(ffs_limit);
}

/* Three cases per backend of the table (vmtable.h), sealed as its
 * default says, e.g. stackedge_ffs1_on_disk: one frame, two frames, and
 * one frame with one slot, where every frame and every slot is full and
 * a swap-in is an exchange (RAM: through the bounce page; disk: through
 * the spare slot); the disk is attached for every one */
#define	EDGE_CASE(dev, name, words)					\
	TEST_BOOT(stackedge_##name##_on_##dev, "+disk vm.swapdev=" #dev	\
		  " " words)						\
	{								\
		return edge_boot(#dev);					\
	}
#define	EDGE_CASES(dev)							\
	EDGE_CASE(dev, ffs1, "vm.ffs=1")				\
	EDGE_CASE(dev, ffs2, "vm.ffs=2")				\
	EDGE_CASE(dev, full, "vm.ffs=1 vm.swap=1")
SWAPDEV_TABLE(EDGE_CASES)
