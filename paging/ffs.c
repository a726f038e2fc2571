/* ffs.c - ffs_init, ffs_alloc, ffs_free, free_ffs_pages */

#include <xinu.h>

/*
 * FFS, the free frame space: the frames that back virtual heaps.  The
 * frame table ffstab records, for each frame, the process and virtual
 * page it holds (so that eviction can find the PTE to change) and the
 * swap slot holding a copy of it, if any.  Free frames are a stack of
 * frame numbers; at boot the lowest frame is handed out first.  Only the
 * first ffs_limit frames are used (vm.ffs=N shrinks FFS for experiments).
 */

struct	ffsframe ffstab[MAX_FFS_SIZE];
uint32	ffs_limit;			/* frames in use		*/
local	uint16	ffs_stack[MAX_FFS_SIZE];	/* free frame numbers	*/
local	uint32	ffs_nfree;

/*------------------------------------------------------------------------
 *  ffs_init  -  Make the first 'limit' frames free
 *------------------------------------------------------------------------
 */
void	ffs_init(uint32 limit)
{
	uint32	i;

	ffs_limit = limit;
	for (i = 0; i < MAX_FFS_SIZE; i++) {
		ffstab[i].owner = FFS_FREE;
		ffstab[i].slot = NOSLOT;
	}
	for (i = 0; i < limit; i++) {
		ffs_stack[i] = limit - 1 - i;
	}
	ffs_nfree = limit;
}

/*------------------------------------------------------------------------
 *  ffs_alloc  -  Take a free frame for page 'vpn' of process 'pid';
 *		  returns its number, or SYSERR when FFS is full
 *		  (interrupts disabled)
 *------------------------------------------------------------------------
 */
int32	ffs_alloc(pid32 pid, uint32 vpn)
{
	int32	f;

	if (ffs_nfree == 0) {
		return SYSERR;
	}
	f = ffs_stack[--ffs_nfree];
	ffstab[f].owner = pid;
	ffstab[f].vpn = vpn;
	ffstab[f].slot = NOSLOT;
	proctab[pid].prvm->nframes++;
	return f;
}

/*------------------------------------------------------------------------
 *  ffs_free  -  Return frame 'f' to FFS; the caller has dealt with its
 *		 swap slot (interrupts disabled)
 *------------------------------------------------------------------------
 */
void	ffs_free(int32 f)
{
	struct	ffsframe *fr = &ffstab[f];

	assert(f >= 0 && (uint32)f < ffs_limit && fr->owner != FFS_FREE);
	proctab[fr->owner].prvm->nframes--;
	fr->owner = FFS_FREE;
	fr->slot = NOSLOT;
	ffs_stack[ffs_nfree++] = f;
}

/*------------------------------------------------------------------------
 *  free_ffs_pages  -  Number of free FFS frames, system-wide
 *------------------------------------------------------------------------
 */
uint32	free_ffs_pages(void)
{
	return ffs_nfree;
}
