/* pci.h - PCI configuration space through ports 0xCF8/0xCFC */

#ifndef _PCI_H_
#define _PCI_H_

/*
 * Configuration mechanism #1: write the address of a register (enable
 * bit, bus, device, function, register) to PCI_CONFIG_ADDR, then read
 * or write its 32 bits at PCI_CONFIG_DATA.  A "bdf" below is the
 * address without the register: pcibdf(bus, dev, fn).
 */
#define	PCI_CONFIG_ADDR	0xCF8
#define	PCI_CONFIG_DATA	0xCFC
#define	PCI_ENABLE	0x80000000
#define	pcibdf(b, d, f)	(PCI_ENABLE | (uint32)(b) << 16 | \
			 (uint32)(d) << 11 | (uint32)(f) << 8)
#define	PCI_NDEVS	32	/* device numbers on a bus		*/
#define	PCI_NFUNCS	8	/* functions of a multi-function device	*/

/* Registers of a type-0 header, and their fields */
#define	PCI_ID		0x00	/* vendor (bits 15-0), device (31-16)	*/
#define	PCI_NOVENDOR	0xFFFF	/* vendor read where nothing answers	*/
#define	PCI_CMD		0x04	/* command (bits 15-0)			*/
#define	PCI_CMD_MEM	0x0002	/* respond to memory accesses		*/
#define	PCI_CMD_MASTER	0x0004	/* may master the bus (DMA)		*/
#define	PCI_HDR		0x0C	/* header type in bits 23-16		*/
#define	PCI_HDR_MULTI	0x00800000	/* a multi-function device	*/
#define	PCI_BAR0	0x10	/* base address register 0		*/
#define	PCI_BAR_IO	0x1	/* the BAR is in I/O space		*/
#define	PCI_BAR_MASK	0xFFFFFFF0	/* address bits of a memory BAR	*/
#define	PCI_INTR	0x3C	/* interrupt line in bits 7-0		*/
#define	PCI_NOIRQ	0xFF	/* line the firmware did not route	*/

extern	uint32	pci_read(uint32, uint32);
extern	void	pci_write(uint32, uint32, uint32);
extern	int32	pci_find(uint16, const uint16 *, uint32, uint32 *);

#endif
