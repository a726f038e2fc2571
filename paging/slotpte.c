/* slotpte.c - slot_nextpte, page_park, frame_join */

#include <xinu.h>
#include <vm.h>

/*
 * The PTEs that hold a swap slot, found by scanning.  A frame has a
 * reverse map (rmap.c), a slot has only a count: the one time its
 * holders must be found is the exchange of a shared swapped page
 * (swap/swapin.c), when every frame and every slot holds a distinct
 * page and a page whose slot other PTEs still hold must come in.  The
 * page comes into a frame, every PTE that was swapped out to the slot
 * becomes a mapping of that frame (frame_join, read-only, as if each
 * mapper had faulted on it), and the slot, held by no one, takes the
 * victim.  That path is rare (everything full), so the holders are
 * found by walking every vcreate'd process's heap page tables instead
 * of keeping a second reverse map: with interrupts off, one walk reads
 * each process's heap directory entries (760 with the default heap
 * start) and the 1024 entries of each heap page table it has.  With RAM swap the holders
 * are first parked (page_park: PTE_IN_IO added to the swapped PTE, a
 * state no other PTE has), since the victim's PTEs name the same slot
 * before the frame exists; nothing runs between the two walks.
 */

#define	PTE_STATE	(PTE_P | PTE_IN_IO | PTE_IS_SWAPPED)

/*------------------------------------------------------------------------
 *  slot_nextpte  -  The next heap PTE after page '*vpn' of process
 *		     '*pid' (start with both 0) that names slot 'slot' in
 *		     state 'state' (PTE_IS_SWAPPED: swapped out to it,
 *		     with PTE_IN_IO: parked): TRUE with its process and
 *		     page, or FALSE when there is no more (interrupts off)
 *------------------------------------------------------------------------
 */
bool8	slot_nextpte(uint32 slot, pte_t state, pid32 *pid, uint32 *vpn)
{
	uint32	v = (*vpn == 0) ? VHEAP_FIRST : *vpn + 1;
	pid32	p;
	pde_t	*pd;
	pte_t	e;

	for (p = *pid; p < NPROC; p++, v = VHEAP_FIRST) {
		if (proctab[p].prstate == PR_FREE || !isvcreated(p)) {
			continue;
		}
		pd = (pde_t *)proctab[p].prpdbr;
		for (; v < (VHEAP_END >> PAGE_SHIFT); v++) {
			if ((pd[v / NENTRIES] & PTE_P) == 0) {
				v |= NENTRIES - 1;	/* no table: skip it */
				continue;
			}
			e = ((pte_t *)PTE_FRAME(pd[v / NENTRIES]))[v % NENTRIES];
			if ((e & PTE_STATE) == state && PTE_SLOT(e) == slot) {
				*pid = p;
				*vpn = v;
				return TRUE;
			}
		}
	}
	return FALSE;
}

/*------------------------------------------------------------------------
 *  page_park  -  Park page 'vpn' of 'pid', swapped out to a slot that
 *		  is about to take another page: PTE_IN_IO marks it for
 *		  frame_join (the fault path, nothing runs meanwhile)
 *------------------------------------------------------------------------
 */
void	page_park(pid32 pid, uint32 vpn)
{
	pte_t	*pte = pte_lookup((pde_t *)proctab[pid].prpdbr,
				  vpn << PAGE_SHIFT);

	pte_set(pid, vpn << PAGE_SHIFT, pte, *pte | PTE_IN_IO);
}

/*------------------------------------------------------------------------
 *  frame_join  -  Page 'vpn' of 'pid', swapped out to (or parked on)
 *		   the slot whose page frame 'f' now holds, maps the frame,
 *		   read-only (a shared page) unless 'writable' (a store's
 *		   page); the caller made sure an rmap entry is free
 *------------------------------------------------------------------------
 */
void	frame_join(int32 f, pid32 pid, uint32 vpn, bool8 writable)
{
	pte_t	*pte = pte_lookup((pde_t *)proctab[pid].prpdbr,
				  vpn << PAGE_SHIFT);
	status	added = rmap_add(f, pid, vpn);

	assert(added == OK);
	pte_set(pid, vpn << PAGE_SHIFT, pte, ffsaddr(f) | PTE_P |
		(writable ? PTE_W : 0) | PTE_IS_VMALLOC);
}
