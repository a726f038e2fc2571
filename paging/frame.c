/* frame.c - frame_accessed, frame_dirty, frame_setdirty, frame_unmap,
	     frame_setio, frame_remap */

#include <xinu.h>
#include <vm.h>

/*
 * The PTE side of the frame layer (frame.h).  The frame table and its
 * reverse map (rmap.c) record which pages of which processes a frame
 * holds, so the frame's PTEs are found from its number; swap/ changes
 * those PTEs only through these functions, which act on every mapping
 * of the frame and flush the TLB entry when the mapper's address space
 * is loaded.  A and D are the OR over the mappings: a shared page was
 * used, or written, when any of its mappers did.  All run with
 * interrupts disabled and take a frame in use.
 */

/*------------------------------------------------------------------------
 *  page_pteof  -  The PTE of page 'vpn' of process 'pid'
 *------------------------------------------------------------------------
 */
local	pte_t	*page_pteof(pid32 pid, uint32 vpn)
{
	return pte_lookup((pde_t *)proctab[pid].prpdbr, vpn << PAGE_SHIFT);
}

/*------------------------------------------------------------------------
 *  page_bits  -  The 'bits' of the PTE of page 'vpn' of 'pid'; with
 *		  'clear', clear them there
 *------------------------------------------------------------------------
 */
local	pte_t	page_bits(pid32 pid, uint32 vpn, pte_t bits, bool8 clear)
{
	pte_t	*pte = page_pteof(pid, vpn);
	pte_t	seen = *pte & bits;

	if (clear && seen != 0) {
		pte_set(pid, vpn << PAGE_SHIFT, pte, *pte & ~bits);
	}
	return seen;
}

/*------------------------------------------------------------------------
 *  frame_bits  -  The OR of 'bits' over frame 'f''s PTEs; with 'clear',
 *		   clear them in each.  The first mapping is ffstab's, so
 *		   an unshared frame (most of them) walks no rmap chain
 *------------------------------------------------------------------------
 */
local	inline	pte_t	frame_bits(int32 f, pte_t bits, bool8 clear)
{
	struct	ffsframe *fr = &ffstab[f];
	int32	cur = fr->rmap;		/* the cursor past the first	*/
	pid32	pid;
	uint32	vpn;
	pte_t	seen = 0;

	if (fr->nmap == 0) {
		return 0;		/* a kept frame: no PTE maps it	*/
	}
	pid = fr->owner;
	vpn = fr->vpn;
	do {
		seen |= page_bits(pid, vpn, bits, clear);
	} while (cur != RMAP_END && frame_mapping(f, &cur, &pid, &vpn));
	return seen;
}

/*------------------------------------------------------------------------
 *  page_setpte  -  Set the PTE of page 'vpn' of 'pid' to 'val', keeping
 *		    its PTE_W when 'keepw'
 *------------------------------------------------------------------------
 */
local	void	page_setpte(pid32 pid, uint32 vpn, pte_t val, bool8 keepw)
{
	pte_t	*pte = page_pteof(pid, vpn);

	pte_set(pid, vpn << PAGE_SHIFT, pte,
		val | (keepw ? (*pte & PTE_W) : 0));
}

/*------------------------------------------------------------------------
 *  frame_setptes  -  Set every PTE of frame 'f' to 'val', keeping each
 *		      one's PTE_W when 'keepw' (the first mapping's from
 *		      ffstab, as in frame_bits)
 *------------------------------------------------------------------------
 */
local	void	frame_setptes(int32 f, pte_t val, bool8 keepw)
{
	struct	ffsframe *fr = &ffstab[f];
	int32	cur = fr->rmap;
	pid32	pid;
	uint32	vpn;

	if (fr->nmap == 0) {
		return;
	}
	pid = fr->owner;
	vpn = fr->vpn;
	do {
		page_setpte(pid, vpn, val, keepw);
	} while (cur != RMAP_END && frame_mapping(f, &cur, &pid, &vpn));
}

/*------------------------------------------------------------------------
 *  frame_accessed  -  Was frame 'f''s page used, by any mapper, since its
 *		       A bits were last cleared?  With 'clear', clear them
 *------------------------------------------------------------------------
 */
bool8	frame_accessed(int32 f, bool8 clear)
{
	return frame_bits(f, PTE_A, clear) != 0;
}

/*------------------------------------------------------------------------
 *  frame_dirty  -  Was frame 'f''s page written, by any mapper, since
 *		    it was mapped?  (A kept frame, FFS_KEPT, always was)
 *------------------------------------------------------------------------
 */
bool8	frame_dirty(int32 f)
{
	return ffstab[f].owner == FFS_KEPT || frame_bits(f, PTE_D, FALSE) != 0;
}

/*------------------------------------------------------------------------
 *  frame_setdirty  -  Frame 'f''s page is newer than its slot's copy:
 *		       set the D bit of its first mapping (a mapping that
 *		       goes away takes its D bit with it)
 *------------------------------------------------------------------------
 */
void	frame_setdirty(int32 f)
{
	struct	ffsframe *fr = &ffstab[f];
	pte_t	*pte = page_pteof(fr->owner, fr->vpn);

	if (fr->nmap > 0 && (*pte & PTE_D) == 0) {
		pte_set(fr->owner, fr->vpn << PAGE_SHIFT, pte, *pte | PTE_D);
	}
}

/*------------------------------------------------------------------------
 *  frame_unmap  -  Frame 'f''s page now lives in swap slot 'slot': each
 *		    of its PTEs names the slot (is_swapped) and maps no
 *		    frame
 *------------------------------------------------------------------------
 */
void	frame_unmap(int32 f, uint32 slot)
{
	frame_setptes(f, (slot << PAGE_SHIFT) | PTE_IS_VMALLOC |
		      PTE_IS_SWAPPED, FALSE);
}

/*------------------------------------------------------------------------
 *  frame_remap  -  Map frame 'f''s page again in each PTE (they were
 *		    PTE_IN_IO, each keeping its PTE_W), the D bit set when
 *		    'dirty' (its slot's copy is stale)
 *------------------------------------------------------------------------
 */
void	frame_remap(int32 f, bool8 dirty)
{
	frame_setptes(f, ffsaddr(f) | PTE_P | PTE_IS_VMALLOC |
		      (dirty ? PTE_D : 0), TRUE);
}

/*------------------------------------------------------------------------
 *  frame_setio  -  Unmap frame 'f''s page for I/O: each PTE holds the
 *		    frame with PTE_IN_IO, not present (and keeps its PTE_W,
 *		    which the MMU ignores now, for frame_remap)
 *------------------------------------------------------------------------
 */
void	frame_setio(int32 f)
{
	frame_setptes(f, ffsaddr(f) | PTE_IS_VMALLOC | PTE_IN_IO, TRUE);
}
