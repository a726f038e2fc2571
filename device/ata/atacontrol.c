/* atacontrol.c - atacontrol */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  atacontrol  -  The disk's size (ATA_CTL_NBLOCKS, ATA_CTL_SECTORS) or
 *		   writing its cache out (ATA_CTL_FLUSH)
 *------------------------------------------------------------------------
 */
devcall	atacontrol(
	  struct dentry	*devptr,	/* the disk's entry		*/
	  int32		func,		/* ATA_CTL_...			*/
	  int32		arg1,		/* ATA_CTL_SWAPBLKS: the count	*/
	  int32		arg2		/* unused			*/
	)
{
	struct	atacblk	*atptr = &atatab[devptr->dvminor];
	status	rv;

	(void)arg2;
	if (!atptr->atpresent) {
		kprintf("%s: control: no disk\n", devptr->dvname);
		return SYSERR;
	}
	switch (func) {
	case ATA_CTL_NBLOCKS:
		return atptr->atsectors / ATA_BLKSECT;
	case ATA_CTL_SECTORS:
		return atptr->atsectors;
	case ATA_CTL_SWAPBLKS:		/* swap_start: swap's blocks	*/
		if (arg1 < 0 ||
		    (uint32)arg1 > atptr->atsectors / ATA_BLKSECT) {
			return SYSERR;
		}
		atptr->atswapblks = arg1;
		return OK;
	case ATA_CTL_FLUSH:
		if (atacheck(devptr, "flush", atptr->atbuf, 0) == SYSERR) {
			return SYSERR;
		}
		atalock(atptr);
		rv = atarun(atptr, ATA_FLUSH, 0);
		ataunlock(atptr);
		return rv;
	default:
		return SYSERR;
	}
}
