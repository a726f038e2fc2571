/* ataread.c - ataread */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ataread  -  Read block 'blk' (ATA_BLKSIZ bytes) of a disk into 'buf';
 *		the caller blocks while the disk works (a buffer outside
 *		the kernel region is filled after the channel is free,
 *		see atastage.c)
 *------------------------------------------------------------------------
 */
devcall	ataread(
	  struct dentry	*devptr,	/* the disk's entry		*/
	  char		*buf,		/* ATA_BLKSIZ bytes		*/
	  int32		blk		/* block number			*/
	)
{
	struct	atacblk	*atptr = &atatab[devptr->dvminor];
	char	*stage;
	status	rv;

	if (atacheck(devptr, "read", buf, blk) == SYSERR ||
	    (stage = atastage(devptr, "read", buf)) == (char *)SYSERR) {
		return SYSERR;
	}
	atalock(atptr);
	rv = atarun(atptr, ATA_READ, blk);
	if (rv == OK) {
		memcpy(stage, atptr->atbuf, ATA_BLKSIZ);
	}
	ataunlock(atptr);
	if (stage != buf) {		/* the channel is free: 'buf' may */
		if (rv == OK) {		/* fault and use the disk	*/
			memcpy(buf, stage, ATA_BLKSIZ);
		}
		ataunstage(currpid);
	}
	return rv;
}
