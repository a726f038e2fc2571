/* ffs.c - ffs_init, ffs_alloc, ffs_free, ffs_release, ffs_inuse,
	   free_ffs_pages */

#include <xinu.h>
#include <vm.h>

/*
 * FFS, the free frame space: the frames that back virtual heaps.  The
 * frame table ffstab records, for each frame, the process and virtual
 * page it holds (so that eviction can find the PTE to change) and the
 * swap slot holding a copy of it, if any.  The lowest-numbered free
 * frame is always the next one handed out (a free map), so a process
 * that follows one that freed everything gets frames 0, 1, 2, ... again,
 * as the course's reference kernels do.  Only the first ffs_limit frames
 * are used (vm.ffs=N shrinks FFS for experiments).
 */

struct	ffsframe ffstab[MAX_FFS_SIZE];
uint32	ffs_limit;			/* frames in use		*/
struct	vmstats	vmtotal;		/* the VM's counts, for all	*/
					/* processes: here at its	*/
					/* bottom, so every part counts	*/
local	uint32	ffs_words[FREEMAP_WORDS(MAX_FFS_SIZE)];
local	uint32	ffs_sums[FREEMAP_SUMS(MAX_FFS_SIZE)];
local	struct	freemap	ffs_map = { ffs_words, ffs_sums, 0, 0, 0 };

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
		ffstab[i].io = FIO_NONE;
		ffstab[i].iopid = SYSERR;
		ffstab[i].nmap = 0;
		ffstab[i].rmap = RMAP_END;
		ffstab[i].bspage = NOBSPAGE;
	}
	freemap_init(&ffs_map, limit, MAX_FFS_SIZE);
}

/*------------------------------------------------------------------------
 *  ffs_alloc  -  Take the lowest free frame for page 'vpn' of process
 *		  'pid'; returns its number, or SYSERR when FFS is full
 *		  (interrupts disabled)
 *------------------------------------------------------------------------
 */
int32	ffs_alloc(pid32 pid, uint32 vpn)
{
	int32	f = freemap_take(&ffs_map);

	if (f == SYSERR) {
		return SYSERR;
	}
	ffstab[f].owner = pid;
	ffstab[f].vpn = vpn;
	ffstab[f].slot = NOSLOT;
	ffstab[f].nmap = 1;
	proctab[pid].prvm->nframes++;
	return f;
}

/*------------------------------------------------------------------------
 *  ffs_free  -  Return frame 'f' to FFS; the caller has dealt with its
 *		 swap slot and with every PTE that mapped it: each of
 *		 those processes counts one frame less (interrupts
 *		 disabled)
 *------------------------------------------------------------------------
 */
void	ffs_free(int32 f)
{
	struct	ffsframe *fr = &ffstab[f];

	assert(f >= 0 && (uint32)f < ffs_limit && fr->owner != FFS_FREE &&
	       fr->bspage == NOBSPAGE);	/* a store's: bs.c gives it back */
	if (fr->nmap == 1) {		/* unshared: no rmap chain	*/
		proctab[fr->owner].prvm->nframes--;
		fr->nmap = 0;
	} else if (fr->nmap > 1) {
		rmap_clear(f);
	}
	fr->owner = FFS_FREE;
	if (fr->slot != NOSLOT) {
		frame_setslot(f, NOSLOT);
	}
	freemap_give(&ffs_map, f);
}

/*------------------------------------------------------------------------
 *  ffs_release  -  Return orphan frame 'f' (FFS_ORPHAN: its page was
 *		    freed during its I/O, and its process's counts with
 *		    it); the caller has given back the slot it kept
 *		    (orphan_release, swap/ioabort.c; interrupts disabled)
 *------------------------------------------------------------------------
 */
void	ffs_release(int32 f)
{
	struct	ffsframe *fr = &ffstab[f];

	assert(fr->owner == FFS_ORPHAN && !frame_busy(f) && fr->nmap == 0);
	fr->owner = FFS_FREE;
	if (fr->slot != NOSLOT) {
		frame_setslot(f, NOSLOT);
	}
	freemap_give(&ffs_map, f);
}

/*------------------------------------------------------------------------
 *  ffs_inuse  -  Is frame 'f' taken in the free map? (for the audit,
 *		  which checks it against the frame table)
 *------------------------------------------------------------------------
 */
bool8	ffs_inuse(uint32 f)
{
	return f < ffs_limit && !freemap_isfree(&ffs_map, f);
}

/*------------------------------------------------------------------------
 *  free_ffs_pages  -  Number of free FFS frames, system-wide
 *------------------------------------------------------------------------
 */
uint32	free_ffs_pages(void)
{
	return ffs_map.nfree;
}
