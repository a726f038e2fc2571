/* atahandler.c - atahandler, atatick */

#include <xinu.h>

local	void	ataend(struct atacblk *, byte);

/*------------------------------------------------------------------------
 *  atahandler  -  The disk interrupt: move the next DRQ block (a sector,
 *		   or a whole block in multiple mode) of the command in
 *		   flight between the disk and atbuf, and wake the caller
 *		   when the command is over.  atbuf is in the
 *		   kernel region, mapped in every address space, so the
 *		   process the interrupt finds does not matter.
 *------------------------------------------------------------------------
 */
void	atahandler(void)
{
	struct	atacblk	*atptr;
	uint32	csr, nwords;
	byte	st;

	resched_cntl(DEFER_START);
	for (atptr = &atatab[0]; atptr < &atatab[Nata]; atptr++) {
		if (!atptr->atpresent) {
			continue;
		}
		csr = atptr->atcsr;
		st = inb(csr + ATA_STATUS);	/* acknowledges the disk */
		if (!atptr->atbusy || (st & ATA_SR_BSY)) {
			continue;		/* not ours, or not yet	*/
		}
		if ((st & (ATA_SR_ERR | ATA_SR_DF)) || atptr->atleft == 0) {
			ataend(atptr, st);
			continue;
		}
		if ((st & ATA_SR_DRQ) == 0) {
			ataend(atptr, st | ATA_SR_ERR);
			continue;
		}
		nwords = atptr->atdrq * ATA_SECTSIZ / 2;
		if (atptr->atop == ATA_READ) {
			insw(csr + ATA_DATA, atptr->atnext, nwords);
		} else {
			outsw(csr + ATA_DATA, atptr->atnext, nwords);
		}
		atptr->atnext += atptr->atdrq * ATA_SECTSIZ;
		atptr->atleft -= atptr->atdrq;
		if (atptr->atleft == 0 && atptr->atop == ATA_READ) {
			ataend(atptr, inb(atptr->atctl));
		}
	}
	resched_cntl(DEFER_STOP);
}

/*------------------------------------------------------------------------
 *  atatick  -  The watchdog, run by the clock each tick while atawatch
 *		is TRUE: end a command whose interrupt has not come by
 *		its deadline as the interrupt would have, marked
 *		attimedout (the status is the alternate one, which does
 *		not acknowledge the disk); with no command in flight,
 *		stop the clock calling
 *------------------------------------------------------------------------
 */
void	atatick(void)
{
	struct	atacblk	*atptr;
	bool8	inflight = FALSE;

	resched_cntl(DEFER_START);	/* a caller woken here must not	*/
	for (atptr = &atatab[0]; atptr < &atatab[Nata]; atptr++) {
		if (!atptr->atbusy) {	/*   run, start a command and	*/
			continue;	/*   see atawatch cleared	*/
		}
		if (clkms < atptr->atdeadline) {
			inflight = TRUE;
			continue;
		}
		atptr->attimedout = TRUE;
		ataend(atptr, inb(atptr->atctl));
	}
	atawatch = inflight;
	resched_cntl(DEFER_STOP);
}

/*------------------------------------------------------------------------
 *  ataend  -  The command in flight is over with status 'st' (its
 *	       interrupt came, or the watchdog gave up on it): wake its
 *	       caller, or free the channel when the caller was killed
 *------------------------------------------------------------------------
 */
local	void	ataend(struct atacblk *atptr, byte st)
{
	atptr->atbusy = FALSE;		/* first: an interrupt for it	*/
	atptr->atstatus = st;		/*   from now on is ignored	*/
	if (atptr->atorphan) {
		atptr->atorphan = FALSE;
		ataunlock(atptr);
	} else {
		signal(atptr->atdone);
	}
}
