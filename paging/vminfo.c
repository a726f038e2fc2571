/* vminfo.c - allocated_virtual_pages, used_ffs_frames, used_swap_frames,
	      vmcount, vm_shared, vm_runs, vm_info */

#include <xinu.h>
#include <vm.h>
#include <seal.h>

/*
 * What the VM tells programs and the shell about itself.  The course's
 * three counters (allocated_virtual_pages, used_ffs_frames,
 * used_swap_frames) read one process; vm_info copies a whole snapshot
 * (struct vminfo in paging.h), taken with interrupts off so its numbers
 * agree with each other.  Nothing here changes a table, so programs may
 * call these as often as they like; the shell's vmstat reads the VM
 * only through them, never through vm.h.
 *
 * vm_info takes the snapshot on its own stack and copies it to the
 * caller's buffer only at the end.  A store into that buffer may fault
 * on a page swapped out to the disk and block, and while it blocks the
 * process asked about may be killed, its free runs and page directory
 * freed and reused: a walk of them that went on after the block would
 * follow freed memory.  Built first, the snapshot is the process as it
 * was; the copy can only make it later.  The snapshot costs the caller
 * sizeof(struct vminfo) (about 1 KiB) of stack, and the copy's fault the
 * FAULT_STKNEED below that.
 */

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

/*------------------------------------------------------------------------
 *  vm_shared  -  Count heap PTE 'e' in 'mr' if its page is shared: its
 *		  frame has other mappings or its slot other holders, or
 *		  it is a store's (the store holds it too, by its slot or
 *		  by its frame, paging/bs.c); copy-on-write unless it is
 *		  a store's page
 *------------------------------------------------------------------------
 */
local	void	vm_shared(pte_t e, struct vmrunmap *mr)
{
	int32	f, slot = NOSLOT;
	bool8	shared = FALSE;

	if (e & (PTE_P | PTE_IN_IO)) {
		f = ffsindex(PTE_FRAME(e));
		slot = ffstab[f].slot;
		shared = ffstab[f].nmap > 1;
	} else if (e & PTE_IS_SWAPPED) {
		slot = PTE_SLOT(e);
	}
	shared = shared || (slot != NOSLOT && swap_refs(slot) > 1);
	mr->shared += shared || page_isstore(e);
	mr->cow += shared && !page_isstore(e);
}

/*------------------------------------------------------------------------
 *  vm_runs  -  Record the reserved runs of a process's heap (the gaps
 *		between its free runs) with their resident and swapped
 *		pages (interrupts off)
 *------------------------------------------------------------------------
 */
local	void	vm_runs(pid32 pid, struct vminfo *info)
{
	pde_t	*pd = (pde_t *)proctab[pid].prpdbr;
	struct	vrun	*run = proctab[pid].prvm->freeruns;
	struct	vmrunmap *mr;
	uint32	next = VHEAP_FIRST, start, i;
	pte_t	e;

	info->nruns = 0;
	for (;; run = run->next) {
		start = (run == NULL) ? VHEAP_FIRST + VHEAP_PAGES : run->start;
		if (start > next && info->nruns == VMINFO_RUNS) {
			info->moreruns = TRUE;
			return;
		}
		if (start > next) {
			mr = &info->runs[info->nruns++];
			mr->va = next << PAGE_SHIFT;
			mr->npages = start - next;
			mr->resident = mr->swapped = 0;
			mr->shared = mr->cow = 0;
			for (i = 0; i < mr->npages; i++) {
				e = *pte_lookup(pd, mr->va + i * PAGE_SIZE);
				mr->resident += (e & PTE_P) != 0;
				mr->swapped += (e & PTE_IS_SWAPPED) != 0;
				vm_shared(e, mr);
			}
		}
		if (run == NULL) {
			return;
		}
		next = run->start + run->npages;
	}
}

/*------------------------------------------------------------------------
 *  vm_info  -  Fill 'info' with a snapshot of the VM: the whole system,
 *		and process 'pid' when it is a vcreate'd one
 *------------------------------------------------------------------------
 */
syscall	vm_info(
	  pid32		pid,		/* process to look at		*/
	  struct vminfo	*info		/* where the snapshot goes	*/
	)
{
	intmask	mask;
	struct	vmproc	*vm;
	struct	vminfo	snap;		/* all of it, before 'info'	*/

	mask = disable();
	if (isbadpid(pid) || info == NULL) {
		restore(mask);
		return SYSERR;
	}
	if (!bufok(info, sizeof(*info), TRUE)) {
		kprintf("vm_info: bad buffer 0x%x\n", (uint32)info);
		restore(mask);
		return SYSERR;
	}
	memset(&snap, 0, sizeof(snap));
	snap.ffs_limit = ffs_limit;
	snap.ffs_used = ffs_limit - free_ffs_pages();
	snap.swap_limit = swap_limit;
	snap.swap_used = swap_used();	/* swap_limit + 1 in an exchange */
	snap.swap_reserve = swap_reserve();
	snap.pdpt_used = MAX_PT_SIZE - pdpt_free_count();
	snap.vstk_used = MAX_VSTK_SIZE - free_vstk_frames();
	snap.policy = vmpolicy->name;
	snap.swapdev = swapdev->name;
	snap.swapper = !isbadpid(pageoutpid);
	snap.swapcrypt = seal_on;
	snap.sealed = sealstats.sealed;
	snap.opened = sealstats.opened;
	snap.sealfails = sealstats.failed;
	snap.retired = swap_nretired;
	snap.lowater = pgo_lowater;
	snap.hiwater = pgo_hiwater;
	snap.pageout = pgostats;
	snap.total = vmtotal;
	vm = proctab[pid].prvm;
	if (vm != NULL) {
		snap.vcreated = TRUE;
		memcpy(snap.name, proctab[pid].prname, PNMLEN);
		snap.heappages = vm->heappages;
		snap.nframes = vm->nframes;
		snap.nslots = vm->nslots;
		snap.stacktop = vm->stacktop;
		snap.nstkframes = vm->nstkframes;
		snap.stats = vm->stats;
		vm_runs(pid, &snap);
	}
	memcpy(info, &snap, sizeof(snap));	/* may block: see above	*/
	restore(mask);
	return OK;
}
