/* vminfo.c - allocated_virtual_pages, used_ffs_frames, used_swap_frames,
	      vmcount */

#include <xinu.h>

#define	VM_HEAPPAGES	0	/* what vmcount counts			*/
#define	VM_FRAMES	1
#define	VM_SLOTS	2

/*------------------------------------------------------------------------
 *  vmcount  -  Reserved heap pages, resident frames or swap slots of
 *		'pid' (0 for a system process), or SYSERR for a bad pid
 *------------------------------------------------------------------------
 */
local	uint32	vmcount(pid32 pid, int32 what)
{
	intmask	mask;
	struct	vmproc	*vm;
	uint32	n = 0;

	mask = disable();
	if (isbadpid(pid)) {
		restore(mask);
		return SYSERR;
	}
	vm = proctab[pid].prvm;
	if (vm != NULL) {
		n = (what == VM_HEAPPAGES) ? vm->heappages :
		    (what == VM_FRAMES) ? vm->nframes : vm->nslots;
	}
	restore(mask);
	return n;
}

/*------------------------------------------------------------------------
 *  allocated_virtual_pages  -  The heap's first page number (XINU_PAGES,
 *				or the ECE465 heap's) plus the heap pages
 *				'pid' has reserved, touched or not
 *------------------------------------------------------------------------
 */
uint32	allocated_virtual_pages(
	  pid32		pid		/* process to ask about		*/
	)
{
	uint32	n = vmcount(pid, VM_HEAPPAGES);

	return n == (uint32)SYSERR ? n : VHEAP_FIRST + n;
}

/*------------------------------------------------------------------------
 *  used_ffs_frames  -  FFS frames that 'pid' holds now
 *------------------------------------------------------------------------
 */
uint32	used_ffs_frames(
	  pid32		pid		/* process to ask about		*/
	)
{
	return vmcount(pid, VM_FRAMES);
}

/*------------------------------------------------------------------------
 *  used_swap_frames  -  Swap slots that 'pid' holds now (a page swapped
 *			 back in keeps its slot, so it counts here too)
 *------------------------------------------------------------------------
 */
uint32	used_swap_frames(
	  pid32		pid		/* process to ask about		*/
	)
{
	return vmcount(pid, VM_SLOTS);
}
