/* pginit.c - pginit, vmbanner */

#include <xinu.h>
#include <vm.h>
#include <seal.h>

/*
 * The kernel's page directory maps the kernel region 1:1 with page
 * tables that every other directory shares, so a change to a kernel
 * mapping (such as a kmap slot) is seen by every process at once.
 * Page 0 stays unmapped so that a NULL dereference faults.
 */

local	void	vmconfig(void);

/*------------------------------------------------------------------------
 *  pginit  -  Build the kernel's directory and turn paging on
 *------------------------------------------------------------------------
 */
void	pginit(void)
{
	pde_t	*pd;
	pte_t	*pt;
	uint32	d, t;

	if (ramtop(PHYS_END) < PHYS_END) {
		kprintf("Xinu/VM needs RAM up to %d MiB for its paging areas,"
			" but RAM ends at %d MiB:\ngive the machine more memory"
			" (QEMU: -m %d). Halting.\n", PHYS_END >> 20,
			ramtop(PHYS_END) >> 20, (PHYS_END >> 20) + 16);
		poweroff(EXIT_FAIL);
	}
	pdpt_init();
	pd = pdpt_alloc();
	for (d = 0; d < PDX(KERNEL_END); d++) {
		pt = pdpt_alloc();
		for (t = 0; t < NENTRIES; t++) {
			pt[t] = PGADDR(d, t) | PTE_P | PTE_W;
		}
		pd[d] = (uint32)pt | PTE_P | PTE_W;
	}
	pt = (pte_t *)PTE_FRAME(pd[0]);
	pt[0] = 0;			/* page 0: catch NULL pointers	*/
	kernel_pdbr = (uint32)pd;
	strokfn = pgstrok;		/* lib's %s asks the page tables */
	write_cr3(kernel_pdbr);
	write_cr0(read_cr0() | CR0_PG | CR0_WP);
	kmap_init();
	vstk_init();
	stackfault_init();
	vmconfig();
}

/*------------------------------------------------------------------------
 *  vmconfig  -  Size FFS and swap, pick the replacement policy and set
 *		 debug_swapping as the command line asked (vm.ffs=N
 *		 vm.swap=N vm.rmap=N vm.policy=NAME vm.seed=N vm.debug=N; checked
 *		 against the compile-time maxima by system/cmdline.c)
 *------------------------------------------------------------------------
 */
local	void	vmconfig(void)
{
	frame_ioinit();
	ffs_init(bootcfg.ffs);
	rmap_init(bootcfg.rmap);
	swap_init(bootcfg.swap);
	vm_setpolicy(bootcfg.policy[0] != NULLCH ? bootcfg.policy :
		     vmpolicies[0]->name, bootcfg.seed);
	debug_swapping = bootcfg.debug;
}

/*------------------------------------------------------------------------
 *  vmbanner  -  Print the physical layout of the paging areas
 *------------------------------------------------------------------------
 */
void	vmbanner(void)
{
	kprintf("  PD/PT    0x%08x-0x%08x %d frames\n", PTREGION_START,
		KERNEL_END - 1, MAX_PT_SIZE);
	kprintf("  FFS      0x%08x-0x%08x %d frames (using %d)\n", FFS_START,
		SWAP_START - 1, MAX_FFS_SIZE, ffs_limit);
	kprintf("  swap     0x%08x-0x%08x %d slots (using %d), policy %s\n",
		SWAP_START, VSTK_START - 1, MAX_SWAP_SIZE, swap_limit,
		vmpolicy->name);
	kprintf("  vstacks  0x%08x-0x%08x %d frames\n", VSTK_START,
		PHYS_END - 1, MAX_VSTK_SIZE);
	if (swapdev->blocks && swap_reserve() != SYSERR) {
		kprintf("  swap     on DISK0, blocks 0-%d (vm.swapdev=%s), "
			"reserve block %d\n", swap_limit - 1, swapdev->name,
			swap_reserve());
	} else if (swapdev->blocks) {
		kprintf("  swap     on DISK0, blocks 0-%d (vm.swapdev=%s)\n",
			swap_limit - 1, swapdev->name);
	}
	if (seal_on) {
		kprintf("  swap     sealed: ChaCha20-Poly1305, a 256-bit key "
			"from %s (vm.swapcrypt=on)\n", entropy_source());
	} else if (swapdev->blocks) {
		kprintf("  swap     not sealed: pages in clear on DISK0 "
			"(vm.swapcrypt=off)\n");
	}
	if (!isbadpid(pageoutpid)) {
		kprintf("  pageout  daemon P%d, free frames kept %d-%d\n",
			pageoutpid, pgo_lowater, pgo_hiwater);
	}
}
