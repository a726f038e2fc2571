/* atawrite.c - atawrite */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  atawrite  -  Write 'buf' (ATA_BLKSIZ bytes) to block 'blk' of a disk;
 *		 the caller blocks while the disk works
 *------------------------------------------------------------------------
 */
devcall	atawrite(
	  struct dentry	*devptr,	/* the disk's entry		*/
	  char		*buf,		/* ATA_BLKSIZ bytes		*/
	  int32		blk		/* block number			*/
	)
{
	struct	atacblk	*atptr = &atatab[devptr->dvminor];
	status	rv;

	if (atacheck(devptr, "write", buf, blk) == SYSERR) {
		return SYSERR;
	}
	atalock(atptr);
	memcpy(atptr->atbuf, buf, ATA_BLKSIZ);
	rv = atarun(atptr, ATA_WRITE, blk);
	ataunlock(atptr);
	return rv;
}
