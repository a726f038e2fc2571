/* ethinit.c - ethinit */

#include <xinu.h>

/*
 * The e1000's registers (BAR 0) lie far above the kernel region, where
 * a vcreate'd process's own pages live.  They are reached through a
 * window of kernel pages whose PTEs are pointed at BAR 0 (uncached),
 * as paging/kmap.c does for frames: the kernel region's page tables
 * are shared by every directory, so the registers are at the same
 * address in every address space, for the handler and for any caller.
 */

#define	PTE_PWT		0x008		/* write-through		*/
#define	PTE_PCD		0x010		/* cache disabled		*/
#define	EEPROM_TRIES	100000		/* polls of EERD before giving up */
#define	RESET_TRIES	100000		/* polls of CTRL.RST		*/

struct	ethcblk	ethertab[Neth];

local	char	ethwindow[Neth][E1000_MMIO_LEN]
			__attribute__((aligned(PAGE_SIZE)));

/* The 8254x models accepted, and their names */
local	const	uint16	e1000ids[] = { 0x100E, 0x100F, 0x1011, 0x100C, 0x1010 };
local	const	char	*e1000names[] = { "82540EM", "82545EM", "82545EM-F",
					  "82544GC", "82546EB" };
#define	NE1000IDS	(sizeof(e1000ids) / sizeof(e1000ids[0]))

/*------------------------------------------------------------------------
 *  mapregs  -  Point the device's register window at BAR 0 ('bar')
 *------------------------------------------------------------------------
 */
local	void	mapregs(struct ethcblk *ethptr, char *window, uint32 bar)
{
	uint32	off;

	for (off = 0; off < E1000_MMIO_LEN; off += PAGE_SIZE) {
		kpte_set((uint32)window + off, PTE_FRAME(bar + off) | PTE_P |
			 PTE_W | PTE_PCD | PTE_PWT);
	}
	ethptr->regs = (volatile uint32 *)window;
}

/*------------------------------------------------------------------------
 *  eeprom_word  -  Read word 'addr' of the NIC's EEPROM, or SYSERR
 *------------------------------------------------------------------------
 */
local	int32	eeprom_word(struct ethcblk *ethptr, uint32 addr)
{
	uint32	v, i;

	e1000_reg(ethptr, E1000_EERD) = E1000_EERD_START
					| addr << E1000_EERD_ADDR;
	for (i = 0; i < EEPROM_TRIES; i++) {
		v = e1000_reg(ethptr, E1000_EERD);
		if (v & E1000_EERD_DONE) {
			return v >> E1000_EERD_DATA;
		}
	}
	return SYSERR;
}

/*------------------------------------------------------------------------
 *  readmac  -  Take the MAC from receive address 0 (the NIC loads it
 *		from the EEPROM at reset), else from the EEPROM itself
 *------------------------------------------------------------------------
 */
local	status	readmac(struct ethcblk *ethptr)
{
	uint32	lo, hi, i;
	int32	w;

	lo = e1000_reg(ethptr, E1000_RAL0);
	hi = e1000_reg(ethptr, E1000_RAH0);
	if (hi & E1000_RAH_AV) {
		for (i = 0; i < 4; i++) {
			ethptr->mac[i] = lo >> (8 * i);
		}
		ethptr->mac[4] = hi;
		ethptr->mac[5] = hi >> 8;
		return OK;
	}
	for (i = 0; i < 3; i++) {
		if ((w = eeprom_word(ethptr, i)) == SYSERR) {
			return SYSERR;
		}
		ethptr->mac[2 * i] = w;
		ethptr->mac[2 * i + 1] = w >> 8;
	}
	e1000_reg(ethptr, E1000_RAL0) = ethptr->mac[0] | ethptr->mac[1] << 8
			| ethptr->mac[2] << 16 | (uint32)ethptr->mac[3] << 24;
	e1000_reg(ethptr, E1000_RAH0) = ethptr->mac[4] | ethptr->mac[5] << 8
			| E1000_RAH_AV;
	return OK;
}

/*------------------------------------------------------------------------
 *  ringalloc  -  Kernel memory of 'n' bytes aligned to 16 (descriptor
 *		  rings and buffers; the kernel region is identity mapped,
 *		  so the address is also what the NIC uses), or NULL
 *------------------------------------------------------------------------
 */
local	char	*ringalloc(uint32 n)
{
	char	*p = getmem(n + 16);

	if (p == (char *)SYSERR) {
		return NULL;
	}
	memset(p, 0, n + 16);
	return (char *)(((uint32)p + 15) & ~15);
}

/*------------------------------------------------------------------------
 *  ringsinit  -  Give the NIC its two rings and start both directions
 *------------------------------------------------------------------------
 */
local	status	ringsinit(struct ethcblk *ethptr)
{
	uint32	i;

	ethptr->rxring = (struct e1000_rxd *)ringalloc(ETH_NRXD
					* sizeof(struct e1000_rxd));
	ethptr->txring = (struct e1000_txd *)ringalloc(ETH_NTXD
					* sizeof(struct e1000_txd));
	ethptr->rxbufs = ringalloc(ETH_NRXD * ETH_BUFSIZE);
	ethptr->txbufs = ringalloc(ETH_NTXD * ETH_BUFSIZE);
	if (ethptr->rxring == NULL || ethptr->txring == NULL
	    || ethptr->rxbufs == NULL || ethptr->txbufs == NULL) {
		return SYSERR;
	}
	for (i = 0; i < ETH_NRXD; i++) {
		ethptr->rxring[i].addr_lo = (uint32)ethptr->rxbufs
					    + i * ETH_BUFSIZE;
	}
	for (i = 0; i < ETH_NTXD; i++) {
		ethptr->txring[i].addr_lo = (uint32)ethptr->txbufs
					    + i * ETH_BUFSIZE;
	}
	ethptr->rxhead = ethptr->rxseen = 0;
	ethptr->txtail = ethptr->txclean = 0;

	e1000_reg(ethptr, E1000_RDBAL) = (uint32)ethptr->rxring;
	e1000_reg(ethptr, E1000_RDBAH) = 0;
	e1000_reg(ethptr, E1000_RDLEN) = ETH_NRXD * sizeof(struct e1000_rxd);
	e1000_reg(ethptr, E1000_RDH) = 0;
	e1000_reg(ethptr, E1000_RDT) = ETH_NRXD - 1;	/* one kept back */
	e1000_reg(ethptr, E1000_RDTR) = 0;
	e1000_reg(ethptr, E1000_RCTL) = E1000_RCTL_EN | E1000_RCTL_BAM
					| E1000_RCTL_SECRC;
	ethptr->rxon = clkms;		/* the only write to RCTL	*/

	e1000_reg(ethptr, E1000_TDBAL) = (uint32)ethptr->txring;
	e1000_reg(ethptr, E1000_TDBAH) = 0;
	e1000_reg(ethptr, E1000_TDLEN) = ETH_NTXD * sizeof(struct e1000_txd);
	e1000_reg(ethptr, E1000_TDH) = 0;
	e1000_reg(ethptr, E1000_TDT) = 0;
	e1000_reg(ethptr, E1000_TIPG) = E1000_TIPG_DEF;
	e1000_reg(ethptr, E1000_TCTL) = E1000_TCTL_EN | E1000_TCTL_PSP
					| E1000_TCTL_CT | E1000_TCTL_COLD;
	return OK;
}

/*------------------------------------------------------------------------
 *  ethinit  -  Find an e1000 on PCI bus 0, reset it, read its MAC, set
 *		up its rings and interrupt; its BAR 0 and IRQ line become
 *		the device's dvcsr and dvirq.  Without one the device stays
 *		in ETH_STATE_NONE (its calls return SYSERR) and the boot
 *		goes on: that is not an error.
 *------------------------------------------------------------------------
 */
devcall	ethinit(struct dentry *devptr)
{
	struct	ethcblk	*ethptr = &ethertab[devptr->dvminor];
	uint32	bdf, bar, i;
	int32	model;

	memset(ethptr, 0, sizeof(*ethptr));
	ethptr->state = ETH_STATE_NONE;
	if (devptr->dvminor != 0) {
		return OK;		/* one NIC: the first found	*/
	}
	model = pci_find(E1000_VENDOR, e1000ids, NE1000IDS, &bdf);
	if (model == SYSERR) {
		return OK;
	}
	ethptr->model = e1000names[model];
	bar = pci_read(bdf, PCI_BAR0);
	ethptr->irq = pci_read(bdf, PCI_INTR) & 0xFF;
	if ((bar & PCI_BAR_IO) || ethptr->irq >= NIRQ) {
		ethptr->model = "unusable (no memory BAR or no IRQ)";
		return SYSERR;
	}
	devptr->dvcsr = (void *)(bar & PCI_BAR_MASK);	/* for devdump	*/
	devptr->dvirq = ethptr->irq;
	pci_write(bdf, PCI_CMD, pci_read(bdf, PCI_CMD) | PCI_CMD_MEM
		  | PCI_CMD_MASTER);
	mapregs(ethptr, ethwindow[devptr->dvminor], bar & PCI_BAR_MASK);

	e1000_reg(ethptr, E1000_IMC) = 0xFFFFFFFF;
	e1000_reg(ethptr, E1000_CTRL) |= E1000_CTRL_RST;
	for (i = 0; i < RESET_TRIES
		    && (e1000_reg(ethptr, E1000_CTRL) & E1000_CTRL_RST); i++) {
		;
	}
	e1000_reg(ethptr, E1000_IMC) = 0xFFFFFFFF;
	(void)e1000_reg(ethptr, E1000_ICR);
	e1000_reg(ethptr, E1000_CTRL) |= E1000_CTRL_SLU | E1000_CTRL_ASDE;
	for (i = 0; i < E1000_MTA_N; i++) {
		e1000_reg(ethptr, E1000_MTA + 4 * i) = 0;
	}
	if (readmac(ethptr) == SYSERR || ringsinit(ethptr) == SYSERR) {
		ethptr->model = "unusable (no MAC or no memory)";
		return SYSERR;
	}
	(void)e1000_reg(ethptr, E1000_MPC);	/* counters start at 0	*/
	(void)e1000_reg(ethptr, E1000_RNBC);
	ethptr->isem = semcreate(0);
	ethptr->osem = semcreate(ETH_NTXD - 1);
	ethptr->state = ETH_STATE_UP;
	set_irq_handler(ethptr->irq, devptr->dvintr);
	e1000_reg(ethptr, E1000_IMS) = E1000_ICR_RXT0 | E1000_ICR_RXO
		| E1000_ICR_RXDMT0 | E1000_ICR_TXDW | E1000_ICR_LSC;
	return OK;
}
