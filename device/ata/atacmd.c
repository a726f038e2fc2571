/* atacmd.c - atacheck, atalock, ataunlock, atanotbusy, atarun, atareset */

#include <xinu.h>

local	status	atafail(struct atacblk *, byte, uint32, const char *, byte);

/*
 * What ataread, atawrite and atacontrol share: checking a call, and
 * running one command while the caller holds the channel (atmutex) with
 * interrupts disabled.  Polled waits read the status a bounded number
 * of times (ATA_POLLS), so a silent disk gives SYSERR, not a hang; the
 * wait for the command's end blocks the caller on atdone, which the
 * interrupt handler signals, and other processes run meanwhile.  The
 * clock's watchdog (atatick) signals it instead when the interrupt has
 * not come ATA_TIMEOUT ms after the command was issued.
 *
 * An interrupt that comes after that, late, finds atbusy FALSE and is
 * ignored (the handler only acknowledges the disk).  One the interrupt
 * controller latched and delivers only once the next command is in
 * flight cannot end that command early either: the reset (atafail, or
 * the next atarun when the caller was killed) aborted the old command
 * before the next was issued, so the status the handler acts on, BSY
 * until the disk has data or is done, is the new command's.
 */

/*------------------------------------------------------------------------
 *  atacheck  -  Refuse, with a console line, a block call on a device
 *		 with no disk, from a caller that cannot block (the null
 *		 process, code deferring rescheduling), with a NULL buffer
 *		 or one the caller may not use (bufok; a read writes it),
 *		 or for a block outside the disk
 *------------------------------------------------------------------------
 */
status	atacheck(
	  struct dentry	*devptr,	/* the disk's entry		*/
	  const	char	*op,		/* "read" or "write"		*/
	  char		*buf,		/* the caller's block buffer	*/
	  int32		blk		/* block number			*/
	)
{
	struct	atacblk	*atptr = &atatab[devptr->dvminor];
	uint32	nblocks = atptr->atsectors / ATA_BLKSECT;

	if (!atptr->atpresent) {
		kprintf("%s: %s: no disk\n", devptr->dvname, op);
		return SYSERR;
	}
	if (currpid == NULLPROC || Defer.ndefers > 0) {
		kprintf("%s: %s: the caller cannot block\n", devptr->dvname,
			op);
		return SYSERR;
	}
	if (buf == NULL) {
		kprintf("%s: %s: no buffer\n", devptr->dvname, op);
		return SYSERR;
	}
	if (!bufok(buf, ATA_BLKSIZ, strcmp(op, "read") == 0)) {
		kprintf("%s: %s: bad buffer 0x%x\n", devptr->dvname, op,
			(uint32)buf);
		return SYSERR;
	}
	if (blk < 0 || (uint32)blk >= nblocks) {
		kprintf("%s: %s: block %d is outside 0..%d\n", devptr->dvname,
			op, blk, nblocks - 1);
		return SYSERR;
	}
	if ((uint32)blk < atptr->atswapblks && strcmp(op, "flush") != 0 &&
	    (proctab[currpid].prflags & PRF_SWAPIO) == 0) {
		kprintf("%s: %s: block %d holds swap (blocks 0..%d while "
			"vm.swapdev=disk)\n", devptr->dvname, op, blk,
			atptr->atswapblks - 1);
		return SYSERR;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  atalock  -  Take the channel (interrupts disabled), waiting while
 *		another process has it
 *------------------------------------------------------------------------
 */
void	atalock(struct atacblk *atptr)
{
	wait(atptr->atmutex);
	atptr->atowner = currpid;
}

/*------------------------------------------------------------------------
 *  ataunlock  -  Give the channel to the first process waiting for it,
 *		  naming it owner before it runs (kill may find it ready
 *		  and holding the channel), or free it
 *------------------------------------------------------------------------
 */
void	ataunlock(struct atacblk *atptr)
{
	struct	sentry	*semptr = &semtab[atptr->atmutex];

	atptr->atowner = semptr->scount < 0 ? firstid(semptr->squeue)
					    : ATA_NOOWNER;
	signal(atptr->atmutex);
}

/*------------------------------------------------------------------------
 *  atanotbusy  -  Wait, a bounded number of status reads, until the
 *		   disk is not busy; its status, or 0 when it stays busy
 *------------------------------------------------------------------------
 */
byte	atanotbusy(struct atacblk *atptr)
{
	uint32	i;
	byte	st;

	for (i = 0; i < ATA_POLLS; i++) {
		st = inb(atptr->atctl);
		if ((st & ATA_SR_BSY) == 0) {
			return st;
		}
	}
	return 0;
}

/*------------------------------------------------------------------------
 *  atareset  -  Reset the channel after a failed command, so the next
 *		 one finds the disk idle
 *------------------------------------------------------------------------
 */
void	atareset(struct atacblk *atptr)
{
	int32	i;

	atptr->atbusy = FALSE;
	atptr->attimedout = FALSE;
	outb(atptr->atctl, ATA_CTL_SRST | ATA_CTL_NIEN);
	for (i = 0; i < 4; i++) {
		inb(atptr->atctl);	/* hold reset at least 5 us	*/
	}
	outb(atptr->atctl, ATA_CTL_NIEN);
	atanotbusy(atptr);
	outb(atptr->atcsr + ATA_DRIVE, ATA_DRV_LBA);
	inb(atptr->atcsr + ATA_STATUS);	/* drops a pending interrupt	*/
	outb(atptr->atctl, 0);
}

/*------------------------------------------------------------------------
 *  atarun  -  Run 'cmd' on block 'blk' between the disk and atbuf, the
 *	       caller holding atmutex with interrupts disabled; OK, or
 *	       SYSERR with a console line and the channel reset
 *------------------------------------------------------------------------
 */
status	atarun(
	  struct atacblk *atptr,	/* the disk			*/
	  byte		cmd,		/* ATA_READ, ATA_WRITE, ATA_FLUSH */
	  uint32	blk		/* block number (not for FLUSH)	*/
	)
{
	uint32	csr = atptr->atcsr;
	uint32	lba = blk * ATA_BLKSECT;
	uint32	nsect = (cmd == ATA_FLUSH) ? 0 : ATA_BLKSECT;
	byte	st;
	uint32	i;
	char	why[48];

	if (atptr->attimedout) {	/* a killed caller's command	*/
		atareset(atptr);	/*   timed out: abort it first	*/
	}
	if (atanotbusy(atptr) == 0) {
		return atafail(atptr, cmd, blk, "stays busy", inb(atptr->atctl));
	}
	outb(csr + ATA_DRIVE, ATA_DRV_LBA | ((lba >> 24) & 0x0F));
	outb(csr + ATA_COUNT, nsect);
	outb(csr + ATA_LBA0, lba & 0xFF);
	outb(csr + ATA_LBA1, (lba >> 8) & 0xFF);
	outb(csr + ATA_LBA2, (lba >> 16) & 0xFF);
	atptr->atop = cmd;
	atptr->atleft = nsect;
	atptr->atnext = atptr->atbuf;
	atptr->atbusy = TRUE;
	atptr->atdeadline = clkms + ATA_TIMEOUT;
	atawatch = TRUE;		/* the clock watches from now	*/
	if (atptr->atdrq > 1 && cmd != ATA_FLUSH) {	/* multiple mode */
		outb(csr + ATA_CMD, cmd == ATA_READ ? ATA_READMULT :
				    ATA_WRITEMULT);
	} else {
		outb(csr + ATA_CMD, cmd);
	}

	if (cmd == ATA_WRITE) {		/* the first DRQ block goes now	*/
		st = 0;
		for (i = 0; i < ATA_POLLS; i++) {
			st = inb(atptr->atctl);
			if ((st & ATA_SR_BSY) == 0 &&
			    (st & (ATA_SR_DRQ | ATA_SR_ERR | ATA_SR_DF)) != 0) {
				break;
			}
		}
		if ((st & (ATA_SR_BSY | ATA_SR_DRQ | ATA_SR_ERR | ATA_SR_DF))
		    != ATA_SR_DRQ) {
			return atafail(atptr, cmd, blk,
				       "does not take the data", st);
		}
		outsw(csr + ATA_DATA, atptr->atnext,
		      atptr->atdrq * ATA_SECTSIZ / 2);
		atptr->atnext += atptr->atdrq * ATA_SECTSIZ;
		atptr->atleft -= atptr->atdrq;
	}
	wait(atptr->atdone);		/* atahandler ends the command,	*/
					/*   or atatick gives up on it	*/
	if (atptr->attimedout) {
		sprintf(why, "no interrupt (timed out after %d ms)",
			ATA_TIMEOUT);
		return atafail(atptr, cmd, blk, why, atptr->atstatus);
	}
	if ((atptr->atstatus & (ATA_SR_ERR | ATA_SR_DF)) == 0 &&
	    atptr->atleft == 0) {
		return OK;
	}
	return atafail(atptr, cmd, blk, (atptr->atstatus & ATA_SR_DF) ?
		       "drive fault" : "device error", atptr->atstatus);
}

/*------------------------------------------------------------------------
 *  atafail  -  Report a failed command with the disk's status 'st' and
 *		error register, and reset the channel; returns SYSERR
 *------------------------------------------------------------------------
 */
local	status	atafail(
	  struct atacblk *atptr,	/* the disk			*/
	  byte		cmd,		/* the command that failed	*/
	  uint32	blk,		/* its block			*/
	  const	char	*why,		/* what went wrong		*/
	  byte		st		/* the status that told		*/
	)
{
	kprintf("%s: %s block %d failed: %s (status 0x%02x, error 0x%02x)\n",
		devtab[atptr->atdev].dvname,
		cmd == ATA_READ ? "read" : cmd == ATA_WRITE ? "write" : "flush",
		blk, why, st, inb(atptr->atcsr + ATA_ERROR));
	atareset(atptr);
	return SYSERR;
}
