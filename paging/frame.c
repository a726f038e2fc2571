/* frame.c - frame_accessed, frame_dirty, frame_unmap, frame_setio,
	     frame_remap */

#include <xinu.h>
#include <vm.h>

/*
 * The PTE side of the frame layer (frame.h).  ffstab records which page
 * of which process a frame holds, so the frame's PTE is found from its
 * number; swap/ changes that PTE only through these functions, which
 * flush the TLB entry when the owner's address space is loaded.  All
 * run with interrupts disabled and take a frame in use.
 */

/*------------------------------------------------------------------------
 *  frame_pte  -  The PTE that maps FFS frame 'f'
 *------------------------------------------------------------------------
 */
local	pte_t	*frame_pte(int32 f)
{
	struct	ffsframe *fr = &ffstab[f];

	return pte_lookup((pde_t *)proctab[fr->owner].prpdbr,
			  fr->vpn << PAGE_SHIFT);
}

/*------------------------------------------------------------------------
 *  frame_setpte  -  Set the PTE of frame 'f''s page to 'val'
 *------------------------------------------------------------------------
 */
local	void	frame_setpte(int32 f, pte_t val)
{
	struct	ffsframe *fr = &ffstab[f];

	pte_set(fr->owner, fr->vpn << PAGE_SHIFT, frame_pte(f), val);
}

/*------------------------------------------------------------------------
 *  frame_accessed  -  Was frame 'f''s page used since its A bit was last
 *		       cleared?  With 'clear', clear the bit too
 *------------------------------------------------------------------------
 */
bool8	frame_accessed(int32 f, bool8 clear)
{
	pte_t	*pte = frame_pte(f);
	bool8	used = (*pte & PTE_A) != 0;

	if (used && clear) {
		frame_setpte(f, *pte & ~PTE_A);
	}
	return used;
}

/*------------------------------------------------------------------------
 *  frame_dirty  -  Was frame 'f''s page written since it was mapped?
 *------------------------------------------------------------------------
 */
bool8	frame_dirty(int32 f)
{
	return (*frame_pte(f) & PTE_D) != 0;
}

/*------------------------------------------------------------------------
 *  frame_unmap  -  Frame 'f''s page now lives in swap slot 'slot': its
 *		    PTE names the slot (is_swapped) and maps no frame
 *------------------------------------------------------------------------
 */
void	frame_unmap(int32 f, uint32 slot)
{
	frame_setpte(f, (slot << PAGE_SHIFT) | PTE_IS_VMALLOC | PTE_IS_SWAPPED);
}

/*------------------------------------------------------------------------
 *  frame_remap  -  Map frame 'f''s page again (it was PTE_IN_IO), with
 *		    the D bit set when 'dirty' (its slot's copy is stale)
 *------------------------------------------------------------------------
 */
void	frame_remap(int32 f, bool8 dirty)
{
	frame_setpte(f, ffsaddr(f) | PTE_P | PTE_W | PTE_IS_VMALLOC |
			(dirty ? PTE_D : 0));
}

/*------------------------------------------------------------------------
 *  frame_setio  -  Unmap frame 'f''s page for I/O: its PTE holds the
 *		    frame with PTE_IN_IO, not present
 *------------------------------------------------------------------------
 */
void	frame_setio(int32 f)
{
	frame_setpte(f, ffsaddr(f) | PTE_IS_VMALLOC | PTE_IN_IO);
}
