/* segments.c - segmentinit, idtinit, set_idt_task */

#include <xinu.h>

/*
 * Xinu/VM runs everything in ring 0 with flat 4 GiB segments; the GDT
 * exists because protected mode needs one, and for two TSSs: one that
 * the CPU saves into on a task switch, and one for the double-fault
 * task, which gets a known-good stack when a process overflows its
 * stack (see paging/stackfault.c).
 */

struct	segdesc	{		/* a GDT entry, as the CPU reads it	*/
	uint16	limit_lo;
	uint16	base_lo;
	byte	base_mid;
	byte	access;
	byte	limit_hi_flags;
	byte	base_hi;
} __attribute__((packed));

struct	gatedesc {		/* an IDT entry				*/
	uint16	off_lo;
	uint16	sel;
	byte	zero;
	byte	type;
	uint16	off_hi;
} __attribute__((packed));

struct	dtr	{		/* operand of lgdt and lidt		*/
	uint16	limit;
	uint32	base;
} __attribute__((packed));

#define	SEG_CODE	0x9A	/* present, ring 0, code, readable	*/
#define	SEG_DATA	0x92	/* present, ring 0, data, writable	*/
#define	SEG_TSS		0x89	/* present, ring 0, available 32-bit TSS */
#define	SEG_4K32	0xC0	/* 4 KiB granularity, 32-bit		*/
#define	GATE_INTR	0x8E	/* present, ring 0, 32-bit interrupt gate */
#define	GATE_TASK	0x85	/* present, ring 0, task gate		*/
#define	NIDT		256

local	struct	segdesc	gdt[NGDT];
local	struct	gatedesc idt[NIDT];
struct	tss	tss, dftss;

extern	uint32	trapstubs[];	/* entry stubs, in intr.S		*/

/*------------------------------------------------------------------------
 *  setseg  -  Fill one GDT entry
 *------------------------------------------------------------------------
 */
local	void	setseg(int32 i, uint32 base, uint32 limit, byte access,
			byte flags)
{
	gdt[i].limit_lo = limit & 0xFFFF;
	gdt[i].base_lo = base & 0xFFFF;
	gdt[i].base_mid = (base >> 16) & 0xFF;
	gdt[i].access = access;
	gdt[i].limit_hi_flags = flags | ((limit >> 16) & 0x0F);
	gdt[i].base_hi = (base >> 24) & 0xFF;
}

/*------------------------------------------------------------------------
 *  segmentinit  -  Load our GDT, reload every segment register, load TR
 *------------------------------------------------------------------------
 */
void	segmentinit(void)
{
	struct	dtr	gdtr;

	setseg(0, 0, 0, 0, 0);
	setseg(KCODE_SEL >> 3, 0, 0xFFFFF, SEG_CODE, SEG_4K32);
	setseg(KDATA_SEL >> 3, 0, 0xFFFFF, SEG_DATA, SEG_4K32);
	setseg(TSS_SEL >> 3, (uint32)&tss, sizeof(tss) - 1, SEG_TSS, 0);
	setseg(DFTSS_SEL >> 3, (uint32)&dftss, sizeof(dftss) - 1, SEG_TSS, 0);

	gdtr.limit = sizeof(gdt) - 1;
	gdtr.base = (uint32)gdt;
	asm volatile(
		"lgdt	%0\n\t"
		"movw	%1, %%ax\n\t"
		"movw	%%ax, %%ds\n\t"
		"movw	%%ax, %%es\n\t"
		"movw	%%ax, %%fs\n\t"
		"movw	%%ax, %%gs\n\t"
		"movw	%%ax, %%ss\n\t"
		"ljmp	%2, $1f\n"
		"1:\n\t"
		"movw	%3, %%ax\n\t"
		"ltr	%%ax"
		: : "m"(gdtr), "i"(KDATA_SEL), "i"(KCODE_SEL), "i"(TSS_SEL)
		: "eax", "memory");
}

/*------------------------------------------------------------------------
 *  idtinit  -  Point vectors 0-47 at their stubs and load the IDT
 *------------------------------------------------------------------------
 */
void	idtinit(void)
{
	struct	dtr	idtr;
	int32	v;

	for (v = 0; v < NEXCEPTIONS + NIRQ; v++) {
		idt[v].off_lo = trapstubs[v] & 0xFFFF;
		idt[v].sel = KCODE_SEL;
		idt[v].zero = 0;
		idt[v].type = GATE_INTR;
		idt[v].off_hi = trapstubs[v] >> 16;
	}
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (uint32)idt;
	asm volatile("lidt %0" : : "m"(idtr));
}

/*------------------------------------------------------------------------
 *  set_idt_task  -  Make vector 'v' switch to the task of selector 'sel'
 *------------------------------------------------------------------------
 */
void	set_idt_task(int32 v, uint16 sel)
{
	idt[v].off_lo = 0;
	idt[v].sel = sel;
	idt[v].zero = 0;
	idt[v].type = GATE_TASK;
	idt[v].off_hi = 0;
}
