/* vminfo.c - allocated_virtual_pages, used_ffs_frames, vmcount */

#include <xinu.h>

#define	VM_HEAPPAGES	0	/* what vmcount counts			*/
#define	VM_FRAMES	1

/*------------------------------------------------------------------------
 *  vmcount  -  Reserved heap pages or resident frames of 'pid' (0 for a
 *		system process), or SYSERR for a bad pid
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
		n = (what == VM_HEAPPAGES) ? vm->heappages : vm->nframes;
	}
	restore(mask);
	return n;
}

/*------------------------------------------------------------------------
 *  allocated_virtual_pages  -  XINU_PAGES plus the heap pages 'pid' has
 *				reserved, touched or not
 *------------------------------------------------------------------------
 */
uint32	allocated_virtual_pages(
	  pid32		pid		/* process to ask about		*/
	)
{
	uint32	n = vmcount(pid, VM_HEAPPAGES);

	return n == (uint32)SYSERR ? n : XINU_PAGES + n;
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
