/* vminfo.c - allocated_virtual_pages, used_ffs_frames */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  allocated_virtual_pages  -  XINU_PAGES plus the heap pages 'pid' has
 *				reserved, touched or not
 *------------------------------------------------------------------------
 */
uint32	allocated_virtual_pages(
	  pid32		pid		/* process to ask about		*/
	)
{
	intmask	mask;
	uint32	n;

	mask = disable();
	if (isbadpid(pid)) {
		restore(mask);
		return SYSERR;
	}
	n = XINU_PAGES;
	if (isvcreated(pid)) {
		n += proctab[pid].prvm->heappages;
	}
	restore(mask);
	return n;
}

/*------------------------------------------------------------------------
 *  used_ffs_frames  -  FFS frames that 'pid' holds now
 *------------------------------------------------------------------------
 */
uint32	used_ffs_frames(
	  pid32		pid		/* process to ask about		*/
	)
{
	intmask	mask;
	uint32	n;

	mask = disable();
	if (isbadpid(pid)) {
		restore(mask);
		return SYSERR;
	}
	n = isvcreated(pid) ? proctab[pid].prvm->nframes : 0;
	restore(mask);
	return n;
}
