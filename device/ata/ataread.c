/* ataread.c - ataread */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ataread  -  Read block 'blk' (ATA_BLKSIZ bytes) of a disk into 'buf';
 *		the caller blocks while the disk works
 *------------------------------------------------------------------------
 */
devcall	ataread(
	  struct dentry	*devptr,	/* the disk's entry		*/
	  char		*buf,		/* ATA_BLKSIZ bytes		*/
	  int32		blk		/* block number			*/
	)
{
	struct	atacblk	*atptr = &atatab[devptr->dvminor];
	status	rv;

	if (atacheck(devptr, "read", buf, blk) == SYSERR) {
		return SYSERR;
	}
	atalock(atptr);
	rv = atarun(atptr, ATA_READ, blk);
	if (rv == OK) {
		memcpy(buf, atptr->atbuf, ATA_BLKSIZ);
	}
	ataunlock(atptr);
	return rv;
}
