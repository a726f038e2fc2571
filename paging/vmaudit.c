/* vmaudit.c - vm_audit, audit_runs, audit_pte, audit_proc, audit_kstack,
	       audit_frame, audit_frames, audit_slots, audit_totals */

#include <xinu.h>
#include <vm.h>

/*
 * vm_audit checks the VM structures against each other; tests call it
 * after every step.  It reports the first inconsistency it finds:
 *   - every FFS frame in use is mapped, by exactly the PTEs its reverse
 *     map names (nmap of them); a PTE maps its frame writable only when
 *     it is the frame's one mapping and no other PTE holds the frame's
 *     slot; the rmap entries in use and free add up, and those
 *     promised to a disk exchange are free and promised only while
 *     one is in flight; the free map
 *     agrees with the frame table, and the free count matches; a frame
 *     that keeps a slot is the one frame_ofslot names for that slot;
 *     a frame with swap I/O in flight
 *     is named by a PTE_IN_IO entry, or by none when its page was freed
 *     meanwhile (FFS_ORPHAN); no free frame is busy, and frame_nio
 *     counts the busy ones;
 *   - every heap PTE belongs to a reserved page, and every reserved page
 *     has is_vmalloc; swapped PTEs name slots in use (the reserve too);
 *     each slot's reference count is the PTEs that hold it (swapped
 *     out to it, or mapping the frame that keeps it) and the store
 *     that holds it (bs.c), and a kept frame's slot is held; each
 *     store's count of mappings matches the processes'; the slots held
 *     (each once), those orphan frames keep and the retired ones
 *     (sealed swap's pages that did not open) are the slots in use,
 *     at most swap_limit of them,
 *     or one more while an exchange's I/O is in flight (swapin.c); a
 *     slot whose write began and did not end (SLOT_TORN: a kill undid
 *     it) is kept by a frame that is writing it or is newer (dirty),
 *     so no holder ever reads a torn copy;
 *   - per process: frames, slots and reserved pages match its counters;
 *     its free runs are sorted, separate and inside the heap; its stack
 *     pages lie in its stack region and use stack-area frames;
 *   - the PD/PT region's free count matches the tables in use;
 *   - every system process's kernel stack has its guard page unmapped.
 */

local	uint16	seen[MAX_FFS_SIZE];	/* PTEs found mapping each frame */
local	uint16	held[MAX_SWAP_SIZE + 1];	/* PTEs holding each slot */

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
			  uint32 *slots)
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
		AUDIT(frame_inuse(f) && rmap_has(f, pid, va >> PAGE_SHIFT),
		      "P%d: frame 0x%x of 0x%x is not in its reverse map",
		      pid, f, va);
		AUDIT(!(e & PTE_W) || page_isstore(e) ||
		      (ffstab[f].nmap == 1 && (ffstab[f].slot == NOSLOT ||
		       swap_refs(ffstab[f].slot) == 1)),
		      "P%d: 0x%x maps shared frame 0x%x writable", pid, va, f);
		seen[f]++;
		(*frames)++;
		if (ffstab[f].slot != NOSLOT) {
			AUDIT(swap_inuse(ffstab[f].slot),
			      "frame 0x%x keeps free slot 0x%x", f,
			      ffstab[f].slot);
			held[ffstab[f].slot]++;
			(*slots)++;
		}
	} else if (e & PTE_IS_SWAPPED) {
		AUDIT(swap_inuse(PTE_SLOT(e)), "P%d: 0x%x in free slot 0x%x",
		      pid, va, PTE_SLOT(e));
		held[PTE_SLOT(e)]++;
		(*slots)++;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  audit_proc  -  Check a vcreate'd process's tables against its counters
 *------------------------------------------------------------------------
 */
local	status	audit_proc(pid32 pid, uint32 *tables)
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
			    &frames, &slots) == SYSERR) {
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
 *  audit_frame  -  Check frame 'f' (in use) against the PTEs found
 *		    mapping it, its reverse map and its slot; adds the
 *		    slot an orphan keeps, held by no PTE, to '*slots'
 *------------------------------------------------------------------------
 */
local	status	audit_frame(int32 f, uint32 *slots)
{
	struct	ffsframe *fr = &ffstab[f];
	int32	cur = RMAP_FIRST;
	pid32	pid;
	uint32	vpn, n = 0;

	while (frame_mapping(f, &cur, &pid, &vpn)) {
		n++;
	}
	AUDIT(n == fr->nmap && seen[f] == fr->nmap, "frame 0x%x: %d PTEs "
	      "map it, %d in its reverse map, nmap %d", f, seen[f], n,
	      fr->nmap);
	AUDIT(fr->slot == NOSLOT || frame_ofslot(fr->slot) == f,
	      "frame 0x%x keeps slot 0x%x, which names frame 0x%x", f,
	      fr->slot, frame_ofslot(fr->slot));
	AUDIT(ffs_inuse(f), "frame 0x%x is free in the free map", f);
	AUDIT(fr->owner != FFS_KEPT || fr->bspage != NOBSPAGE ||
	      (fr->slot != NOSLOT && held[fr->slot] > 0),
	      "kept frame 0x%x: no one holds its slot", f);
	AUDIT(fr->bspage == NOBSPAGE || (bstab[fr->bspage / BS_MAXPAGES].inuse
	      && bstab[fr->bspage / BS_MAXPAGES].frame[fr->bspage %
	      BS_MAXPAGES] == (int32)f && fr->slot == NOSLOT &&
	      !frame_busy(f) && fr->owner != FFS_ORPHAN), "frame 0x%x: "
	      "store page %d does not name it, or it keeps a slot or I/O",
	      f, fr->bspage);
	if (fr->owner == FFS_ORPHAN) {
		/* freed during its I/O: busy, mapped by no one */
		AUDIT(frame_busy(f), "orphan frame 0x%x is idle", f);
		*slots += fr->slot != NOSLOT && held[fr->slot] == 0;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  audit_frames  -  Check the frame table against the frames the PTEs
 *		     map, the free map, the rmap pool and the I/O count;
 *		     adds the slots that orphan frames keep to '*slots'
 *------------------------------------------------------------------------
 */
local	status	audit_frames(uint32 *slots)
{
	uint32	f, used = 0, busy = 0, extra = 0;

	for (f = 0; f < ffs_limit; f++) {
		busy += frame_busy(f);
		if (!frame_inuse(f)) {
			AUDIT(!frame_busy(f) && !ffs_inuse(f) && seen[f] == 0,
			      "free frame 0x%x is busy, mapped or taken", f);
			continue;
		}
		used++;
		extra += ffstab[f].nmap > 0 ? ffstab[f].nmap - 1 : 0;
		if (audit_frame(f, slots) == SYSERR) {
			return SYSERR;
		}
	}
	AUDIT(busy == frame_nio, "%d frames busy, frame_nio says %d", busy,
	      frame_nio);
	AUDIT(used + free_ffs_pages() == ffs_limit,
	      "%d frames used + %d free != %d", used, free_ffs_pages(),
	      ffs_limit);
	AUDIT(extra + rmap_nfree == rmap_limit, "%d rmap entries used + %d "
	      "free != %d", extra, rmap_nfree, rmap_limit);
	AUDIT(rmap_promised <= rmap_nfree && ((rmap_promised == 0 &&
	      xchg_spare == NOSLOT) || xchg_slot != NOSLOT), "%d rmap "
	      "entries promised, %d free, exchange slot %d, spare %d",
	      rmap_promised, rmap_nfree, xchg_slot, xchg_spare);
	return OK;
}

/*------------------------------------------------------------------------
 *  audit_slots  -  Check each slot's reference count against the PTEs
 *		    that hold it; adds the slots held to '*slots'
 *------------------------------------------------------------------------
 */
local	status	audit_slots(uint32 *slots)
{
	uint32	s, f;

	for (s = 0; s <= MAX_SWAP_SIZE; s++) {
		AUDIT(held[s] == swap_refs(s), "slot 0x%x: %d PTEs hold it, "
		      "its count says %d", s, held[s], swap_refs(s));
		*slots += held[s] > 0;
		f = frame_ofslot(s);
		AUDIT(f == (uint32)SYSERR || (f < ffs_limit &&
		      frame_inuse(f) && ffstab[f].slot == (int32)s),
		      "slot 0x%x names frame 0x%x, which does not keep it",
		      s, f);
		AUDIT(!swap_inuse(s) || (slotmark[s] & SLOT_TORN) == 0 ||
		      (f != (uint32)SYSERR && (ffstab[f].io == FIO_WRITE ||
		       frame_dirty(f))),
		      "slot 0x%x: its write did not end, and no frame "
		      "holds its page newer", s);
	}
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
	intmask	mask;
	pid32	pid;
	uint32	slots = 0, stack = 0;
	uint32	tables = 1 + PDX(KERNEL_END);	/* the kernel's		*/
	status	rv = OK;

	mask = disable();
	memset(seen, 0, sizeof(seen));
	memset(held, 0, sizeof(held));
	for (pid = 0; pid < NPROC && rv == OK; pid++) {
		if (proctab[pid].prstate != PR_FREE && isvcreated(pid)) {
			rv = audit_proc(pid, &tables);
			stack += proctab[pid].prvm->nstkframes;
		} else if (proctab[pid].prstate != PR_FREE && pid != NULLPROC) {
			rv = audit_kstack(pid);
		}
	}
	if (rv == OK) {
		rv = bs_audit(held);
	}
	if (rv == OK) {
		rv = audit_slots(&slots);
	}
	if (rv == OK) {
		rv = audit_frames(&slots);
	}
	if (rv == OK) {
		rv = audit_totals(slots, stack, tables);
	}
	restore(mask);
	return rv;
}
