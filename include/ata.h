/* ata.h - the ATA (IDE) disk driver: ports, commands, control functions */

/*
 * One disk on an IDE channel, driven by PIO (device/ata/): one interrupt
 * per block with READ/WRITE MULTIPLE when the disk offers 8-sector DRQ
 * blocks (QEMU's does), else one per sector.  Xinu's block calls move
 * one block of ATA_BLKSIZ bytes:
 *	read(DISK0, buf, blk)	write(DISK0, buf, blk)
 * with 0 <= blk < control(DISK0, ATA_CTL_NBLOCKS, 0, 0).  A block is a
 * page, 8 sectors, because the swap area moves whole pages.
 *
 * A caller holds the channel's mutex (atmutex) for a whole block, so
 * callers are served one at a time; while the disk works it blocks on
 * atdone and other processes run.  atowner names the holder, or the
 * waiter the mutex is being handed to, so that kill can give the
 * channel back for a process that dies holding it (atakill): at once,
 * or, with its command still in flight (atorphan), when the handler
 * sees the command end.  A command whose interrupt has not come
 * ATA_TIMEOUT ms after it was issued is ended by the clock instead
 * (atatick, the watchdog), the same way, marked attimedout: its caller
 * fails the call and resets the channel, or, the caller killed, the
 * next command resets it first.  The interrupt handler moves each
 * sector between the disk and the driver's own buffer (atbuf, in the
 * kernel region, so it is reachable whatever address space the
 * interrupt finds); the caller copies between atbuf and its buffer.
 */

#ifndef _ATA_H_
#define _ATA_H_

#define	ATA_SECTSIZ	512		/* bytes per sector		*/
#define	ATA_BLKSIZ	4096		/* bytes per block: a page	*/
#define	ATA_BLKSECT	(ATA_BLKSIZ / ATA_SECTSIZ)

/* Register offsets from the command block (csr, 0x1F0 for primary) */
#define	ATA_DATA	0		/* 16-bit data			*/
#define	ATA_ERROR	1		/* error (read)			*/
#define	ATA_COUNT	2		/* sector count			*/
#define	ATA_LBA0	3		/* LBA bits 0-7			*/
#define	ATA_LBA1	4		/* LBA bits 8-15		*/
#define	ATA_LBA2	5		/* LBA bits 16-23		*/
#define	ATA_DRIVE	6		/* drive select, LBA bits 24-27	*/
#define	ATA_STATUS	7		/* status (read)		*/
#define	ATA_CMD		7		/* command (write)		*/
#define	ATA_CTLOFF	0x206		/* device control / alt status	*/
					/* (0x3F6 for primary)		*/

/* Status bits */
#define	ATA_SR_BSY	0x80		/* busy				*/
#define	ATA_SR_DRDY	0x40		/* drive ready			*/
#define	ATA_SR_DF	0x20		/* drive fault			*/
#define	ATA_SR_DRQ	0x08		/* data request			*/
#define	ATA_SR_ERR	0x01		/* error			*/

/* Drive select: master, LBA addressing */
#define	ATA_DRV_LBA	0xE0

/* Device control */
#define	ATA_CTL_NIEN	0x02		/* no interrupts		*/
#define	ATA_CTL_SRST	0x04		/* software reset		*/

/* Commands */
#define	ATA_READ	0x20		/* READ SECTORS (PIO, LBA28)	*/
#define	ATA_WRITE	0x30		/* WRITE SECTORS (PIO, LBA28)	*/
#define	ATA_READMULT	0xC4		/* READ MULTIPLE: a DRQ block	*/
#define	ATA_WRITEMULT	0xC5		/* WRITE MULTIPLE   per interrupt */
#define	ATA_SETMULT	0xC6		/* SET MULTIPLE MODE		*/
#define	ATA_FLUSH	0xE7		/* FLUSH CACHE			*/
#define	ATA_IDENTIFY	0xEC		/* IDENTIFY DEVICE		*/

/* IDENTIFY words */
#define	ATA_ID_MODEL	27		/* 20 words of model, swapped	*/
#define	ATA_ID_MODELLEN	40
#define	ATA_ID_MULTMAX	47		/* low byte: most sectors per	*/
					/*   DRQ block (READ MULTIPLE)	*/
#define	ATA_ID_CAPS	49		/* bit 9: LBA supported		*/
#define	ATA_ID_LBA28	60		/* 2 words: LBA28 sectors	*/
#define	ATA_CAPS_LBA	0x0200

#define	ATA_NOOWNER	(-1)		/* atowner of a free channel	*/

/* Bounds on polled waits (status reads), so no wait can hang */
#define	ATA_POLLS	1000000

/* Bound on the wait for a command's interrupt: ms from issuing it to
 * the watchdog ending it (a QEMU block takes well under 1 ms) */
#define	ATA_TIMEOUT	2000

/* control(dev, func, ...) functions */
#define	ATA_CTL_NBLOCKS	1		/* returns the number of blocks	*/
#define	ATA_CTL_FLUSH	2		/* write the disk's cache out	*/
#define	ATA_CTL_SECTORS	3		/* returns the number of sectors */
#define	ATA_CTL_SWAPBLKS 4		/* blocks 0..arg1-1 hold swap	*/

struct	atacblk	{		/* control block of one disk		*/
	did32	atdev;		/* its device number			*/
	uint32	atcsr;		/* command block base port		*/
	uint32	atctl;		/* device control / alt status port	*/
	bool8	atpresent;	/* a disk answered IDENTIFY		*/
	char	atmodel[ATA_ID_MODELLEN + 1];
	uint32	atsectors;	/* LBA28 capacity in sectors		*/
	uint32	atdrq;		/* sectors moved per interrupt: 1 or	*/
				/*   ATA_BLKSECT (multiple mode)	*/
	sid32	atmutex;	/* one caller at a time			*/
	pid32	atowner;	/* holds atmutex, or ATA_NOOWNER	*/
	bool8	atorphan;	/* the command in flight is a killed	*/
				/*   process's: free the channel at its end */
	sid32	atdone;		/* signalled when a command ends	*/

	/* The command in flight, shared with the interrupt handler	*/
	bool8	atbusy;		/* a command waits for interrupts	*/
	byte	atop;		/* its command				*/
	uint32	atleft;		/* sectors still to move		*/
	char	*atnext;	/* where the next sector goes/comes	*/
	byte	atstatus;	/* status when it ended			*/
	uint64	atdeadline;	/* clkms at which the watchdog ends it	*/
	bool8	attimedout;	/* the watchdog ended the last command	*/
				/*   and the channel is not yet reset	*/
	uint32	atswapblks;	/* blocks 0..atswapblks-1 are disk	*/
				/*   swap's: only its I/O (PRF_SWAPIO)	*/
	char	atbuf[ATA_BLKSIZ];	/* the block being moved	*/
};

extern	struct	atacblk	atatab[];
extern	bool8	atawatch;	/* a command may be in flight: the	*/
				/*   clock runs atatick while TRUE	*/

#endif
