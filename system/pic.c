/* pic.c - picinit, pic_eoi, pic_ack_inservice, pic_unmask, pic_mask */

#include <xinu.h>

/*
 * The two 8259s are remapped so that IRQ 0-15 arrive on vectors 32-47,
 * clear of the CPU's exception vectors.  All lines start masked except
 * the cascade; a driver unmasks its line with set_irq_handler.
 */

#define	ICW1_INIT	0x11	/* edge triggered, cascade, ICW4 follows */
#define	ICW4_8086	0x01

local	uint16	irqmask = 0xFFFF & ~(1 << IRQ_CASCADE);

/*------------------------------------------------------------------------
 *  pic_setmask  -  Write the current mask to both controllers
 *------------------------------------------------------------------------
 */
local	void	pic_setmask(void)
{
	outb(PIC1_DATA, irqmask & 0xFF);
	outb(PIC2_DATA, irqmask >> 8);
}

/*------------------------------------------------------------------------
 *  picinit  -  Remap and mask the interrupt controllers
 *------------------------------------------------------------------------
 */
void	picinit(void)
{
	outb(PIC1_CMD, ICW1_INIT);
	outb(PIC2_CMD, ICW1_INIT);
	outb(PIC1_DATA, IRQBASE_VEC);		/* ICW2: vector base	*/
	outb(PIC2_DATA, IRQBASE_VEC + 8);
	outb(PIC1_DATA, 1 << IRQ_CASCADE);	/* ICW3: slave on IRQ2	*/
	outb(PIC2_DATA, IRQ_CASCADE);
	outb(PIC1_DATA, ICW4_8086);
	outb(PIC2_DATA, ICW4_8086);
	pic_setmask();
}

/*------------------------------------------------------------------------
 *  pic_eoi  -  Acknowledge an interrupt on line 'irq'
 *------------------------------------------------------------------------
 */
void	pic_eoi(uint32 irq)
{
	if (irq >= 8) {
		outb(PIC2_CMD, PIC_EOI);
	}
	outb(PIC1_CMD, PIC_EOI);
}

/*------------------------------------------------------------------------
 *  pic_ack_inservice  -  Acknowledge an interrupt the controllers handed
 *			  to the CPU that trap() never saw (its delivery
 *			  failed: see paging/stackfault.c)
 *------------------------------------------------------------------------
 */
void	pic_ack_inservice(void)
{
	outb(PIC2_CMD, PIC_READ_ISR);
	if (inb(PIC2_CMD) != 0) {
		outb(PIC2_CMD, PIC_EOI);
	}
	outb(PIC1_CMD, PIC_READ_ISR);
	if (inb(PIC1_CMD) != 0) {
		outb(PIC1_CMD, PIC_EOI);
	}
	outb(PIC2_CMD, PIC_READ_IRR);	/* the power-on default	*/
	outb(PIC1_CMD, PIC_READ_IRR);
}

/*------------------------------------------------------------------------
 *  pic_unmask  -  Let interrupts on line 'irq' through
 *------------------------------------------------------------------------
 */
void	pic_unmask(uint32 irq)
{
	irqmask &= ~(1 << irq);
	pic_setmask();
}

/*------------------------------------------------------------------------
 *  pic_mask  -  Block interrupts on line 'irq'
 *------------------------------------------------------------------------
 */
void	pic_mask(uint32 irq)
{
	irqmask |= (1 << irq);
	pic_setmask();
}
