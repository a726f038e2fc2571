/* ether.h - Ethernet frames and the Intel 8254x (e1000) driver */

#ifndef _ETHER_H_
#define _ETHER_H_

/* Ethernet frames (the NIC adds and strips the CRC) */
#define	ETH_ADDR_LEN	6		/* bytes of a MAC address	*/
#define	ETH_HDR_LEN	14		/* destination, source, type	*/
#define	ETH_MTU		1500		/* largest payload		*/
#define	ETH_MAXFRAME	(ETH_HDR_LEN + ETH_MTU)
#define	ETH_GROUP	0x01		/* in a MAC's first byte: a	*/
					/*   multicast or broadcast one	*/
#define	ETH_TYPE_IP	0x0800
#define	ETH_TYPE_ARP	0x0806

struct	etherhdr {
	byte	dst[ETH_ADDR_LEN];
	byte	src[ETH_ADDR_LEN];
	uint16	type;			/* network byte order		*/
} __attribute__((packed));

/* Intel's PCI vendor number and the 8254x models QEMU emulates */
#define	E1000_VENDOR	0x8086

/* Registers (byte offsets into BAR 0), 8254x manual section 13 */
#define	E1000_CTRL	0x0000		/* device control		*/
#define	E1000_STATUS	0x0008		/* device status		*/
#define	E1000_EERD	0x0014		/* EEPROM read			*/
#define	E1000_ICR	0x00C0		/* interrupt cause (read clears) */
#define	E1000_IMS	0x00D0		/* interrupt mask set		*/
#define	E1000_IMC	0x00D8		/* interrupt mask clear		*/
#define	E1000_RCTL	0x0100		/* receive control		*/
#define	E1000_TCTL	0x0400		/* transmit control		*/
#define	E1000_TIPG	0x0410		/* transmit inter-packet gap	*/
#define	E1000_RDBAL	0x2800		/* receive ring base, low 32	*/
#define	E1000_RDBAH	0x2804		/* receive ring base, high 32	*/
#define	E1000_RDLEN	0x2808		/* receive ring bytes		*/
#define	E1000_RDH	0x2810		/* receive head			*/
#define	E1000_RDT	0x2818		/* receive tail			*/
#define	E1000_RDTR	0x2820		/* receive delay timer		*/
#define	E1000_TDBAL	0x3800		/* transmit ring base, low 32	*/
#define	E1000_TDBAH	0x3804
#define	E1000_TDLEN	0x3808
#define	E1000_TDH	0x3810
#define	E1000_TDT	0x3818
#define	E1000_MPC	0x4010		/* missed packets (read clears)	*/
#define	E1000_RNBC	0x40A0		/* no receive buffers (r. c.)	*/
#define	E1000_MTA	0x5200		/* multicast table, 128 words	*/
#define	E1000_MTA_N	128
#define	E1000_RAL0	0x5400		/* receive address 0, low 32	*/
#define	E1000_RAH0	0x5404		/* receive address 0, high 16	*/
#define	E1000_MMIO_LEN	0x6000		/* what the driver touches	*/

#define	E1000_CTRL_ASDE	0x00000020	/* auto-speed detection		*/
#define	E1000_CTRL_SLU	0x00000040	/* set link up			*/
#define	E1000_CTRL_RST	0x04000000	/* device reset (self-clearing)	*/
#define	E1000_STATUS_LU	0x00000002	/* link up			*/
#define	E1000_EERD_START 0x00000001	/* 8254x: start a read		*/
#define	E1000_EERD_DONE	0x00000010	/* 8254x: the read is done	*/
#define	E1000_EERD_ADDR	8		/* shift of the word address	*/
#define	E1000_EERD_DATA	16		/* shift of the data		*/
#define	E1000_RAH_AV	0x80000000	/* the address is valid		*/

#define	E1000_ICR_TXDW	0x00000001	/* a transmit descriptor done	*/
#define	E1000_ICR_LSC	0x00000004	/* link status changed		*/
#define	E1000_ICR_RXDMT0 0x00000010	/* receive ring running low	*/
#define	E1000_ICR_RXO	0x00000040	/* receive overrun		*/
#define	E1000_ICR_RXT0	0x00000080	/* receive timer (a frame in)	*/

#define	E1000_RCTL_EN	0x00000002	/* receiver enable		*/
#define	E1000_RCTL_BAM	0x00008000	/* accept broadcast		*/
#define	E1000_RCTL_SECRC 0x04000000	/* strip the Ethernet CRC	*/
					/* (BSIZE 0: 2048-byte buffers)	*/
#define	E1000_TCTL_EN	0x00000002	/* transmitter enable		*/
#define	E1000_TCTL_PSP	0x00000008	/* pad short packets		*/
#define	E1000_TCTL_CT	0x000000F0	/* collision threshold 15	*/
#define	E1000_TCTL_COLD	0x00040000	/* collision distance 64 (FD)	*/
#define	E1000_TIPG_DEF	0x0060200A	/* IPGT 10, IPGR1 8, IPGR2 6	*/

/* Legacy descriptors, 16 bytes each (manual 3.2.3 and 3.3.3) */
struct	e1000_rxd {
	uint32	addr_lo, addr_hi;	/* buffer's physical address	*/
	uint16	length;			/* bytes the NIC stored		*/
	uint16	csum;
	byte	status;
	byte	errors;
	uint16	special;
};
#define	E1000_RXD_DD	0x01		/* descriptor done		*/
#define	E1000_RXD_EOP	0x02		/* end of packet		*/

struct	e1000_txd {
	uint32	addr_lo, addr_hi;
	uint16	length;
	byte	cso;
	byte	cmd;
	byte	status;
	byte	css;
	uint16	special;
};
#define	E1000_TXD_EOP	0x01		/* cmd: end of packet		*/
#define	E1000_TXD_IFCS	0x02		/* cmd: insert the CRC		*/
#define	E1000_TXD_RS	0x08		/* cmd: report status (DD)	*/
#define	E1000_TXD_DD	0x01		/* status: descriptor done	*/

/* The driver */
#define	ETH_NRXD	64		/* receive descriptors		*/
#define	ETH_NTXD	32		/* transmit descriptors		*/
#define	ETH_BUFSIZE	2048		/* bytes per ring buffer	*/

#define	ETH_STATE_NONE	0		/* no NIC was found		*/
#define	ETH_STATE_UP	1		/* found and running		*/

/* control() functions of an Ethernet device */
#define	ETH_CTRL_GET_MAC 1		/* copy the MAC to (byte *)arg1	*/
#define	ETH_CTRL_LINK	2		/* TRUE if the link is up	*/
#define	ETH_CTRL_READY	3		/* TRUE once frames can come in	*/

/*
 * QEMU's e1000 holds back every frame that arrives within ETH_RXSETTLE
 * ms of a write to RCTL (its flush_queue_timer) and passes them in only
 * when that time is over; the 8254x itself passes nothing in while
 * its link is down.  ETH_CTRL_READY says when both are past.
 */
#define	ETH_RXSETTLE	1000		/* ms after enabling receive	*/

struct	ethcblk	{
	int32	state;			/* ETH_STATE_...		*/
	const	char	*model;		/* "82540EM", ...		*/
	volatile uint32	*regs;		/* BAR 0 through the window	*/
	uint32	irq;			/* the PIC line the NIC uses	*/
	byte	mac[ETH_ADDR_LEN];
	struct	e1000_rxd *rxring;
	char	*rxbufs;		/* ETH_NRXD buffers		*/
	uint32	rxhead;			/* next descriptor ethread reads */
	uint32	rxseen;			/* next the handler has not	*/
					/*   counted into isem		*/
	bool8	rxskip;			/* in the pieces of a frame too	*/
					/*   long for one buffer	*/
	struct	e1000_txd *txring;
	char	*txbufs;		/* ETH_NTXD buffers		*/
	uint32	txtail;			/* next descriptor to fill	*/
	uint32	txclean;		/* oldest not yet seen done	*/
	sid32	isem;			/* frames waiting in the ring	*/
	sid32	osem;			/* free transmit descriptors	*/
	uint32	rxframes, txframes;	/* frames read and written	*/
	uint32	rxerrors;		/* frames the NIC marked bad	*/
	uint32	rxoversize;		/* longer than ETH_MAXFRAME or	*/
					/*   the reader's buffer: dropped */
	uint32	rxmissed;		/* dropped for a full ring	*/
	uint32	overruns;		/* receive overrun interrupts	*/
	uint32	interrupts;
	uint64	rxon;			/* clkms when RCTL was written	*/
};

extern	struct	ethcblk	ethertab[];

#define	e1000_reg(ep, r)	((ep)->regs[(r) / sizeof(uint32)])

/* The descriptors and buffers are ordinary memory: keep the compiler
 * from moving their stores past the register write that hands them to
 * the NIC (x86 itself keeps stores in order) */
#define	e1000_barrier()	asm volatile("" : : : "memory")

#endif
