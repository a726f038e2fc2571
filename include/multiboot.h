/* multiboot.h - the parts of the Multiboot 1 specification Xinu/VM uses */

#ifndef _MULTIBOOT_H_
#define _MULTIBOOT_H_

#define	MB_HEADER_MAGIC	0x1BADB002	/* in the kernel image		*/
#define	MB_BOOT_MAGIC	0x2BADB002	/* in EAX from the boot loader	*/
#define	MB_HEADER_FLAGS	0x00000003	/* page-align modules, want mem	*/

/* Bits of mb_info.flags that say which fields are valid */
#define	MBI_MEM		0x001	/* mem_lower, mem_upper			*/
#define	MBI_CMDLINE	0x004	/* cmdline				*/
#define	MBI_MMAP	0x040	/* mmap_length, mmap_addr		*/

#define	MB_MEM_AVAILABLE 1	/* memory map entry type: usable RAM	*/

#ifndef __ASSEMBLER__

struct	mb_info {
	uint32	flags;
	uint32	mem_lower;	/* KiB below 1 MiB			*/
	uint32	mem_upper;	/* KiB above 1 MiB			*/
	uint32	boot_device;
	uint32	cmdline;	/* physical address of a C string	*/
	uint32	mods_count;
	uint32	mods_addr;
	uint32	syms[4];
	uint32	mmap_length;	/* bytes of memory map			*/
	uint32	mmap_addr;	/* physical address of the first entry	*/
};

/* One memory map entry; 'size' does not count itself */
struct	mb_mmap {
	uint32	size;
	uint64	addr;
	uint64	len;
	uint32	type;
} __attribute__((packed));

#endif /* __ASSEMBLER__ */

#endif
