/* bufok.c - bufok, pgstrok, pageok, overlaps */

#include <xinu.h>
#include <vm.h>

/*
 * Checking a caller's pointer at the system-call boundary.  Everything
 * runs in ring 0, and a driver touches the caller's buffer with
 * interrupts disabled, where a fault the handler cannot resolve is a
 * kernel panic (procfault.c).  So a call that takes a buffer asks here
 * first, and refuses a bad one with SYSERR before it changes anything.
 *
 * A page is one the caller may use when the address space it runs in
 * now (CR3) maps it, or when it is a page of its own heap that has no
 * frame yet or lies in swap (PTE_IS_VMALLOC): touching such a page
 * faults and the fault handler brings it in, with interrupts off too
 * (with disk swap the faulting process blocks for the read, as any
 * process may block with interrupts disabled).  That takes in the
 * kernel region (image, kernel heap, the stacks of system processes),
 * a vcreate'd process's resident heap and its stacks, and leaves out
 * page 0, a stack's guard page (only PTE_IS_STACK, not present), a
 * heap page that is not reserved, and every address with no page
 * table.  Writing needs PTE_W too (CR0.WP makes the kernel honour it),
 * or a heap page (a shared, copy-on-write one: the write fault gives the
 * caller its own copy), and never reaches the kernel's code or the PD/PT
 * region, which the kernel region maps writable.
 * Before paging is on every address is physical and usable.
 */

/*------------------------------------------------------------------------
 *  pageok  -  TRUE when the caller may read (and, if 'write', write)
 *		the page holding 'va' in directory 'pd'
 *------------------------------------------------------------------------
 */
local	bool8	pageok(pde_t *pd, uint32 va, bool8 write)
{
	pte_t	*pte = pte_lookup(pd, va);

	if (pte == NULL) {
		return FALSE;
	}
	if (*pte & PTE_P) {
		return !write || (*pte & (PTE_W | PTE_IS_VMALLOC)) != 0;
	}
	return (*pte & PTE_IS_VMALLOC) != 0;
}

/*------------------------------------------------------------------------
 *  overlaps  -  Does [first, last] meet [start, end)?
 *------------------------------------------------------------------------
 */
local	bool8	overlaps(uint32 first, uint32 last, uint32 start, uint32 end)
{
	return first < end && last >= start;
}

/*------------------------------------------------------------------------
 *  bufok  -  TRUE when the caller may use the 'len' bytes at 'buf':
 *	      read them, and write them too when 'write' (nothing is
 *	      touched; 0 bytes are always fine)
 *------------------------------------------------------------------------
 */
bool8	bufok(
	  const	void	*buf,		/* the caller's buffer		*/
	  uint32	len,		/* its length in bytes		*/
	  bool8		write		/* TRUE: the call writes it	*/
	)
{
	uint32	va = (uint32)buf, last;

	if (len == 0 || (read_cr0() & CR0_PG) == 0) {
		return TRUE;
	}
	last = va + len - 1;
	if (last < va) {
		return FALSE;		/* wraps past 4 GiB		*/
	}
	if (write && (overlaps(va, last, (uint32)text, (uint32)etext) ||
		      overlaps(va, last, PTREGION_START, KERNEL_END))) {
		return FALSE;		/* the kernel's code, page tables */
	}
	for (va = PGROUNDDOWN(va); ; va += PAGE_SIZE) {
		if (!pageok((pde_t *)read_cr3(), va, write)) {
			return FALSE;
		}
		if (va == PGROUNDDOWN(last)) {
			return TRUE;
		}
	}
}

/*------------------------------------------------------------------------
 *  pgstrok  -  Nonzero when the string at 's' can be read up to its NUL,
 *		or up to 'max' bytes when it has none before: lib's strok
 *		asks it (strokfn, set by pginit) for fmtout's %s and for
 *		process names
 *------------------------------------------------------------------------
 */
int	pgstrok(
	  const	char	*s,		/* the caller's string		*/
	  unsigned int	max		/* bytes that matter at most	*/
	)
{
	uint32	i;

	for (i = 0; i < max; i++) {
		if ((i == 0 || ((uint32)(s + i) & (PAGE_SIZE - 1)) == 0) &&
		    !bufok(s + i, 1, FALSE)) {
			return FALSE;
		}
		if (s[i] == NULLCH) {
			break;
		}
	}
	return TRUE;
}
