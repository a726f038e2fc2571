/* vmaudit.c - vm_audit, audit_runs, audit_pte, audit_proc, audit_kstack,
	       audit_frames, audit_totals */

#include <xinu.h>
#include <vm.h>

/*
 * vm_audit checks the VM structures against each other; tests call it
 * after every step.  It reports the first inconsistency it finds:
 *   - every FFS frame in use is mapped, by its owner's PTE for its page,
 *     and no frame is mapped twice; the free map agrees with the frame
 *     table, and the free count matches; a frame with swap I/O in flight
 *     is named by a PTE_IN_IO entry, or by none when its page was freed
 *     meanwhile (FFS_ORPHAN); no free frame is busy, and frame_nio
 *     counts the busy ones;
 *   - every heap PTE belongs to a reserved page, and every reserved page
 *     has is_vmalloc; swapped PTEs name slots in use (the reserve too);
 *     the slots held and the retired ones (sealed swap's pages that
 *     did not open) are the slots in use, at most swap_limit of them,
 *     or one more while an exchange's I/O is in flight (swapin.c);
 *   - per process: frames, slots and reserved pages match its counters;
 *     its free runs are sorted, separate and inside the heap; its stack
 *     pages lie in its stack region and use stack-area frames;
 *   - the PD/PT region's free count matches the tables in use;
 *   - every system process's kernel stack has its guard page unmapped.
 */

#define	AUDIT(c, ...)	do { if (!(c)) { kprintf("vm_audit: " __VA_ARGS__); \
				kprintf("\n"); return SYSERR; } } while (0)

/*------------------------------------------------------------------------
 *  audit_runs  -  Check a process's free runs and reserved-page count
 *------------------------------------------------------------------------
 */
local	status	audit_runs(pid32 pid, struct vmproc *vm)
{
	struct	vrun	*run;
	uint32	freepages = 0, end = VHEAP_FIRST;

	for (run = vm->freeruns; run != NULL; run = run->next) {
		AUDIT(run->npages > 0 && run->start >= end &&
		      (run->start > end || end == VHEAP_FIRST),
		      "P%d: free run at page 0x%x is empty, unsorted or "
		      "touches the previous one", pid, run->start);
		end = run->start + run->npages;
		AUDIT(end <= VHEAP_FIRST + VHEAP_PAGES,
		      "P%d: free run past the heap", pid);
		freepages += run->npages;
	}
	AUDIT(freepages + vm->heappages == VHEAP_PAGES,
	      "P%d: %d free + %d reserved pages != heap size", pid,
	      freepages, vm->heappages);
	return OK;
}

/*------------------------------------------------------------------------
 *  audit_pte  -  Check one heap PTE of a process; counts what it holds
 *------------------------------------------------------------------------
 */
local	status	audit_pte(pid32 pid, uint32 va, pte_t e, uint32 *frames,
			  uint32 *slots, byte *seen)
{
	struct	vmproc	*vm = proctab[pid].prvm;
	int32	f;

	AUDIT(e & PTE_IS_VMALLOC, "P%d: PTE 0x%x for 0x%x lacks is_vmalloc",
	      pid, e, va);
	AUDIT(vheap_isallocated(vm, va >> PAGE_SHIFT, 1),
	      "P%d: page 0x%x has a PTE but is not reserved", pid, va);
	if (e & (PTE_P | PTE_IN_IO)) {
		AUDIT(isffsframe(PTE_FRAME(e)), "P%d: 0x%x maps non-FFS 0x%x",
		      pid, va, PTE_FRAME(e));
		f = ffsindex(PTE_FRAME(e));
		AUDIT(((e & PTE_IN_IO) != 0) == frame_busy(f) &&
		      (e & (PTE_P | PTE_IN_IO)) != (PTE_P | PTE_IN_IO),
		      "P%d: PTE 0x%x of 0x%x disagrees with frame 0x%x's I/O %d",
		      pid, e, va, f, ffstab[f].io);
		AUDIT(!seen[f], "FFS frame 0x%x is mapped twice", f);
		seen[f] = TRUE;
		AUDIT(ffstab[f].owner == pid &&
		      ffstab[f].vpn == va >> PAGE_SHIFT,
		      "P%d: frame 0x%x of 0x%x is recorded for P%d page 0x%x",
		      pid, f, va, ffstab[f].owner, ffstab[f].vpn << PAGE_SHIFT);
		(*frames)++;
		if (ffstab[f].slot != NOSLOT) {
			AUDIT(swap_inuse(ffstab[f].slot),
			      "frame 0x%x keeps free slot 0x%x", f,
			      ffstab[f].slot);
			(*slots)++;
		}
	} else if (e & PTE_IS_SWAPPED) {
		AUDIT(swap_inuse(PTE_SLOT(e)), "P%d: 0x%x in free slot 0x%x",
		      pid, va, PTE_SLOT(e));
		(*slots)++;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  audit_proc  -  Check a vcreate'd process's tables against its counters
 *------------------------------------------------------------------------
 */
local	status	audit_proc(pid32 pid, byte *seen, uint32 *tables)
{
	struct	vmproc	*vm = proctab[pid].prvm;
	pde_t	*pd = (pde_t *)proctab[pid].prpdbr;
	pte_t	*pt;
	uint32	d, t, frames = 0, slots = 0, reserved = 0, stack = 0;

	if (audit_runs(pid, vm) == SYSERR) {
		return SYSERR;
	}
	AUDIT(ispdptframe(pd), "P%d: directory 0x%x outside PD/PT", pid, (uint32)pd);
	for (d = 0; d < PDX(KERNEL_END); d++) {
		/* the MMU sets A in whichever directory walked it */
		AUDIT((pd[d] | PTE_A) == (((pde_t *)kernel_pdbr)[d] | PTE_A),
		      "P%d: kernel PDE %d differs", pid, d);
	}
	(*tables)++;
	for (d = PDX(KERNEL_END); d < NENTRIES; d++) {
		if ((pd[d] & PTE_P) == 0) {
			continue;
		}
		(*tables)++;
		pt = (pte_t *)PTE_FRAME(pd[d]);
		for (t = 0; t < NENTRIES; t++) {
			if (pt[t] & PTE_IS_STACK) {
				AUDIT(PGADDR(d, t) >= vm->stacktop &&
				      PGADDR(d, t) < VSTACK_TOP &&
				      (!(pt[t] & PTE_P) ||
				       (PTE_FRAME(pt[t]) >= VSTK_START &&
					PTE_FRAME(pt[t]) < PHYS_END)),
				      "P%d: bad stack PTE 0x%x for 0x%x", pid,
				      pt[t], PGADDR(d, t));
				stack += (pt[t] & PTE_P) != 0;
				continue;
			}
			if (pt[t] != 0 && audit_pte(pid, PGADDR(d, t), pt[t],
			    &frames, &slots, seen) == SYSERR) {
				return SYSERR;
			}
			reserved += (pt[t] != 0);
		}
	}
	AUDIT(stack == vm->nstkframes, "P%d: maps %d stack frames, counts %d",
	      pid, stack, vm->nstkframes);
	AUDIT(reserved == vm->heappages, "P%d: %d PTEs for %d reserved pages",
	      pid, reserved, vm->heappages);
	AUDIT(frames == vm->nframes, "P%d: maps %d frames, counts %d", pid,
	      frames, vm->nframes);
	AUDIT(slots == vm->nslots, "P%d: holds %d slots, counts %d", pid,
	      slots, vm->nslots);
	return OK;
}

/*------------------------------------------------------------------------
 *  audit_kstack  -  Check that a system process's stack guard is unmapped
 *------------------------------------------------------------------------
 */
local	status	audit_kstack(pid32 pid)
{
	struct	procent	*prptr = &proctab[pid];
	uint32	guard;

	guard = (uint32)prptr->prstkbase + sizeof(uint32) -
		PGROUNDUP(prptr->prstklen) - PAGE_SIZE;
	AUDIT(*pte_lookup((pde_t *)kernel_pdbr, guard) == PTE_IS_STACK,
	      "P%d: the guard page 0x%x of its stack is mapped", pid, guard);
	return OK;
}

/*------------------------------------------------------------------------
 *  audit_frames  -  Check the frame table against the frames the PTEs
 *		     map ('seen'), the free map and the I/O count; adds
 *		     the slots that orphan frames keep to '*slots'
 *------------------------------------------------------------------------
 */
local	status	audit_frames(const byte *seen, uint32 *slots)
{
	uint32	f, used = 0, busy = 0;
	status	rv = OK;

	for (f = 0; f < ffs_limit && rv == OK; f++) {
		used += (ffstab[f].owner != FFS_FREE);
		busy += frame_busy(f);
		if (ffstab[f].owner == FFS_FREE && frame_busy(f)) {
			kprintf("vm_audit: free frame 0x%x is busy\n", f);
			rv = SYSERR;
		}
		if (ffstab[f].owner == FFS_ORPHAN) {
			/* freed during its I/O: busy, mapped by no one,
			 * its slot counted by no process */
			*slots += (ffstab[f].slot != NOSLOT);
			if (!frame_busy(f) || seen[f] || !ffs_inuse(f)) {
				kprintf("vm_audit: orphan frame 0x%x is idle,"
					" mapped or free\n", f);
				rv = SYSERR;
			}
		} else if (ffstab[f].owner != FFS_FREE && !seen[f]) {
			kprintf("vm_audit: frame 0x%x of P%d is not mapped\n",
				f, ffstab[f].owner);
			rv = SYSERR;
		} else if ((ffstab[f].owner != FFS_FREE) != ffs_inuse(f)) {
			kprintf("vm_audit: frame 0x%x is %s in the free map\n",
				f, ffs_inuse(f) ? "taken" : "free");
			rv = SYSERR;
		}
	}
	if (rv == SYSERR) {
		return SYSERR;
	}
	AUDIT(busy == frame_nio, "%d frames busy, frame_nio says %d", busy,
	      frame_nio);
	AUDIT(used + free_ffs_pages() == ffs_limit,
	      "%d frames used + %d free != %d", used, free_ffs_pages(),
	      ffs_limit);
	return OK;
}

/*------------------------------------------------------------------------
 *  audit_totals  -  Check the slots, stack frames and page tables that
 *		     the processes hold against the free counts
 *------------------------------------------------------------------------
 */
local	status	audit_totals(uint32 slots, uint32 stack, uint32 tables)
{
	AUDIT(slots + swap_nretired == swap_used(),
	      "%d slots held + %d retired, %d in use", slots, swap_nretired,
	      swap_used());
	AUDIT(swap_used() <= swap_limit + (frame_nio > 0),
	      "%d slots in use, %d allowed", swap_used(),
	      swap_limit + (frame_nio > 0));
	AUDIT(stack + free_vstk_frames() == MAX_VSTK_SIZE,
	      "%d stack frames held + %d free != %d", stack,
	      free_vstk_frames(), MAX_VSTK_SIZE);
	AUDIT(tables + pdpt_free_count() == MAX_PT_SIZE,
	      "%d tables + %d free != %d PD/PT frames", tables,
	      pdpt_free_count(), MAX_PT_SIZE);
	return OK;
}

/*------------------------------------------------------------------------
 *  vm_audit  -  Check all VM structures; OK or SYSERR with a line saying
 *		 what is wrong
 *------------------------------------------------------------------------
 */
status	vm_audit(void)
{
	static	byte	seen[MAX_FFS_SIZE];	/* frames found mapped	*/
	intmask	mask;
	pid32	pid;
	uint32	slots = 0, stack = 0;
	uint32	tables = 1 + PDX(KERNEL_END);	/* the kernel's		*/
	status	rv = OK;

	mask = disable();
	memset(seen, 0, sizeof(seen));
	for (pid = 0; pid < NPROC && rv == OK; pid++) {
		if (proctab[pid].prstate != PR_FREE && isvcreated(pid)) {
			rv = audit_proc(pid, seen, &tables);
			slots += proctab[pid].prvm->nslots;
			stack += proctab[pid].prvm->nstkframes;
		} else if (proctab[pid].prstate != PR_FREE && pid != NULLPROC) {
			rv = audit_kstack(pid);
		}
	}
	if (rv == OK) {
		rv = audit_frames(seen, &slots);
	}
	if (rv == OK) {
		rv = audit_totals(slots, stack, tables);
	}
	restore(mask);
	return rv;
}
