/* atainit.c - atainit */

#include <xinu.h>

struct	atacblk	atatab[Nata];
bool8	atawatch;		/* the clock runs atatick while TRUE	*/

local	status	ataidentify(struct atacblk *);

/*------------------------------------------------------------------------
 *  atainit  -  Find the disk on an IDE channel with IDENTIFY (polled,
 *		its interrupt off), then take its interrupts; no disk
 *		leaves the device there but refusing every call
 *------------------------------------------------------------------------
 */
devcall	atainit(struct dentry *devptr)
{
	struct	atacblk	*atptr = &atatab[devptr->dvminor];

	atptr->atdev = devptr->dvnum;
	atptr->atcsr = (uint32)devptr->dvcsr;
	atptr->atctl = atptr->atcsr + ATA_CTLOFF;
	atptr->atbusy = FALSE;
	atptr->atowner = ATA_NOOWNER;
	atptr->atorphan = FALSE;
	atptr->attimedout = FALSE;
	atptr->atmutex = semcreate(1);
	atptr->atdone = semcreate(0);
	atptr->atpresent = ataidentify(atptr) == OK;
	if (atptr->atpresent) {
		set_irq_handler(devptr->dvirq, devptr->dvintr);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  ataidentify  -  Ask the master drive who it is; OK and the model and
 *		    size filled in, or SYSERR when no ATA disk answers
 *------------------------------------------------------------------------
 */
local	status	ataidentify(struct atacblk *atptr)
{
	uint16	id[ATA_SECTSIZ / 2];
	uint32	csr = atptr->atcsr;
	byte	st;
	int32	i;

	atptr->atmodel[0] = NULLCH;
	atptr->atsectors = 0;
	outb(atptr->atctl, ATA_CTL_NIEN);
	outb(csr + ATA_DRIVE, ATA_DRV_LBA);
	for (i = 0; i < 4; i++) {
		inb(atptr->atctl);	/* the 400 ns the select takes	*/
	}
	st = inb(csr + ATA_STATUS);
	if (st == 0 || st == 0xFF) {
		return SYSERR;		/* no drive, or no channel	*/
	}
	outb(csr + ATA_COUNT, 0);
	outb(csr + ATA_LBA0, 0);
	outb(csr + ATA_LBA1, 0);
	outb(csr + ATA_LBA2, 0);
	outb(csr + ATA_CMD, ATA_IDENTIFY);
	if (inb(csr + ATA_STATUS) == 0) {
		return SYSERR;
	}
	st = atanotbusy(atptr);
	if (st == 0 || inb(csr + ATA_LBA1) != 0 || inb(csr + ATA_LBA2) != 0) {
		return SYSERR;		/* silent, or not ATA (a CD)	*/
	}
	for (i = 0; i < ATA_POLLS && (st & (ATA_SR_DRQ | ATA_SR_ERR)) == 0;
	     i++) {
		st = inb(atptr->atctl);
	}
	if ((st & ATA_SR_DRQ) == 0) {
		return SYSERR;
	}
	insw(csr + ATA_DATA, id, ATA_SECTSIZ / 2);
	inb(csr + ATA_STATUS);
	outb(atptr->atctl, 0);		/* interrupts on		*/
	if ((id[ATA_ID_CAPS] & ATA_CAPS_LBA) == 0) {
		return SYSERR;
	}
	for (i = 0; i < ATA_ID_MODELLEN / 2; i++) {
		atptr->atmodel[2 * i] = id[ATA_ID_MODEL + i] >> 8;
		atptr->atmodel[2 * i + 1] = id[ATA_ID_MODEL + i] & 0xFF;
	}
	for (i = ATA_ID_MODELLEN; i > 0 && atptr->atmodel[i - 1] == ' '; i--) {
		;
	}
	atptr->atmodel[i] = NULLCH;
	atptr->atsectors = id[ATA_ID_LBA28] | (uint32)id[ATA_ID_LBA28 + 1] << 16;
	atptr->atdrq = 1;
	if ((id[ATA_ID_MULTMAX] & 0xFF) >= ATA_BLKSECT) {
		outb(atptr->atctl, ATA_CTL_NIEN);
		outb(csr + ATA_COUNT, ATA_BLKSECT);
		outb(csr + ATA_CMD, ATA_SETMULT);
		st = atanotbusy(atptr);
		inb(csr + ATA_STATUS);
		outb(atptr->atctl, 0);
		if (st != 0 && (st & (ATA_SR_ERR | ATA_SR_DF)) == 0) {
			atptr->atdrq = ATA_BLKSECT;	/* a block an interrupt */
		}
	}
	return OK;
}
