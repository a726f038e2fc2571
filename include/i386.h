/* i386.h - facts about the x86 CPU and the PC platform, named once */

#ifndef _I386_H_
#define _I386_H_

/* Segment selectors of our GDT (see system/segments.c) */
#define	KCODE_SEL	0x08	/* kernel code, base 0, limit 4 GiB	*/
#define	KDATA_SEL	0x10	/* kernel data, base 0, limit 4 GiB	*/
#define	TSS_SEL		0x18	/* the task every process runs in	*/
#define	DFTSS_SEL	0x20	/* the double-fault task		*/
#define	NGDT		5	/* entries in the GDT			*/

/* EFLAGS bits */
#define	EFLAGS_IF	0x00000200	/* interrupts enabled		*/
#define	EFLAGS_NT	0x00004000	/* nested task			*/

/* CR0 bits */
#define	CR0_PE		0x00000001	/* protected mode		*/
#define	CR0_WP		0x00010000	/* write protect in ring 0	*/
#define	CR0_PG		0x80000000	/* paging			*/

/* Exception vectors with a name of their own */
#define	VEC_DOUBLEFAULT	8
#define	VEC_PAGEFAULT	14
#define	NEXCEPTIONS	32

/* Page-fault error code bits */
#define	PFERR_P		0x1	/* 1: protection fault, 0: not present	*/
#define	PFERR_W		0x2	/* 1: write access			*/
#define	PFERR_U		0x4	/* 1: user mode				*/

/* 8259 programmable interrupt controllers */
#define	PIC1_CMD	0x20
#define	PIC1_DATA	0x21
#define	PIC2_CMD	0xA0
#define	PIC2_DATA	0xA1
#define	PIC_EOI		0x20	/* non-specific end of interrupt	*/
#define	PIC_READ_IRR	0x0A	/* OCW3: reads of CMD give the IRR	*/
#define	PIC_READ_ISR	0x0B	/* OCW3: reads of CMD give the ISR	*/
#define	IRQBASE_VEC	32	/* vector of IRQ 0 after remapping	*/
#define	NIRQ		16
#define	IRQ_CLOCK	0
#define	IRQ_CASCADE	2	/* the slave PIC hangs off this line	*/

/* 8254 programmable interval timer */
#define	PIT_CH0		0x40	/* channel 0 data			*/
#define	PIT_CMD		0x43
#define	PIT_HZ		1193182	/* input clock				*/
#define	PIT_RATEGEN	0x34	/* channel 0, lo/hi byte, mode 2	*/

/* QEMU's isa-debug-exit device: writing v exits QEMU with (v<<1)|1 */
#define	DEBUG_EXIT_PORT	0xf4
#define	EXIT_DONE	0	/* QEMU status 1: halted normally, test passed */
#define	EXIT_FAIL	1	/* QEMU status 3: a test failed		*/
#define	EXIT_PANIC	2	/* QEMU status 5: the kernel panicked	*/
#define	EXIT_BADARGS	3	/* QEMU status 7: command line refused	*/

/* ACPI power off on QEMU's PIIX4 PM (when there is no exit device) */
#define	ACPI_PM1A_CNT	0x604
#define	ACPI_SLP_S5	0x2000	/* SLP_EN with sleep type 0		*/

#ifndef __ASSEMBLER__

/* Register image pushed by the trap entry (system/intr.S) */
struct	trapframe {
	uint32	edi, esi, ebp, esp0, ebx, edx, ecx, eax;	/* pushal */
	uint32	vector;		/* interrupt vector			*/
	uint32	errcode;	/* CPU error code, or 0			*/
	uint32	eip, cs, eflags;	/* pushed by the CPU		*/
};

/* A 32-bit task-state segment, as the CPU reads and writes it */
struct	tss	{
	uint32	link;		/* selector of the task that called us	*/
	uint32	esp0, ss0, esp1, ss1, esp2, ss2;
	uint32	cr3, eip, eflags;
	uint32	eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32	es, cs, ss, ds, fs, gs;
	uint32	ldt;
	uint16	trap, iomap;
};

extern	struct	tss	tss, dftss;

/* Port I/O and control registers */
static inline void outb(uint16 port, byte v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline byte inb(uint16 port)
{
	byte	v;
	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline void outw(uint16 port, uint16 v)
{
	asm volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}
static inline void outl(uint16 port, uint32 v)
{
	asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint32 inl(uint16 port)
{
	uint32	v;
	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline uint64 rdtsc(void)	/* the time-stamp counter	*/
{
	uint32	lo, hi;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64)hi << 32 | lo;
}
static inline void cpuid(uint32 leaf, uint32 sub, uint32 r[4])
{					/* EAX, EBX, ECX, EDX of a leaf	*/
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]),
		     "=d"(r[3]) : "a"(leaf), "c"(sub));
}
static inline void insw(uint16 port, void *buf, uint32 nwords)
{
	asm volatile("cld; rep insw" : "+D"(buf), "+c"(nwords)
		     : "d"(port) : "memory");
}
static inline void outsw(uint16 port, const void *buf, uint32 nwords)
{
	asm volatile("cld; rep outsw" : "+S"(buf), "+c"(nwords)
		     : "d"(port) : "memory");
}
static inline uint32 read_cr0(void)
{
	uint32	v;
	asm volatile("movl %%cr0, %0" : "=r"(v));
	return v;
}
static inline void write_cr0(uint32 v)
{
	asm volatile("movl %0, %%cr0" : : "r"(v) : "memory");
}
static inline uint32 read_cr2(void)
{
	uint32	v;
	asm volatile("movl %%cr2, %0" : "=r"(v));
	return v;
}
static inline uint32 read_cr3(void)
{
	uint32	v;
	asm volatile("movl %%cr3, %0" : "=r"(v));
	return v;
}
static inline void write_cr3(uint32 v)
{
	asm volatile("movl %0, %%cr3" : : "r"(v) : "memory");
}
static inline void invlpg(void *va)
{
	asm volatile("invlpg (%0)" : : "r"(va) : "memory");
}
static inline void halt_cpu(void)
{
	asm volatile("hlt");
}

#endif /* __ASSEMBLER__ */

#endif
