/* kmap.c - kmap_init (kmap itself is inline, pte.h) */

#include <xinu.h>
#include <vm.h>

/*
 * FFS frames, swap slots and stack frames lie above the kernel region,
 * where a process's own heap and stack live, so the kernel cannot reach
 * them through the identity map.  The kmap window is KMAP_SLOTS pages of
 * the kernel image whose mappings are changed to point at any frame.
 * The window's page table is shared by every directory, so kmap works in
 * whatever address space is current.  Users keep interrupts disabled
 * while they use a slot.
 */

char	kmap_window[KMAP_SLOTS][PAGE_SIZE]
			__attribute__((aligned(PAGE_SIZE)));
pte_t	*kmap_pte[KMAP_SLOTS];	/* the slots' kernel PTEs	*/

/*------------------------------------------------------------------------
 *  kmap_init  -  Find the kernel PTEs of the window's pages
 *------------------------------------------------------------------------
 */
void	kmap_init(void)
{
	int32	i;

	for (i = 0; i < KMAP_SLOTS; i++) {
		kmap_pte[i] = pte_lookup((pde_t *)kernel_pdbr,
					 (uint32)kmap_window[i]);
	}
}
