/* pte.h - stand-in: the host tests use none of include/pte.h's inline
 *	   PTE helpers, which need 32-bit page tables and the CPU's TLB */
