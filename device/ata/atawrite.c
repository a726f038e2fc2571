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
	char	*stage;
	status	rv;

	if (atacheck(devptr, "write", buf, blk) == SYSERR ||
	    (stage = atastage(devptr, "write", buf)) == (char *)SYSERR) {
		return SYSERR;
	}
	if (stage != buf) {		/* before the channel is taken:	*/
		memcpy(stage, buf, ATA_BLKSIZ);	/* 'buf' may fault	*/
	}
	atalock(atptr);
	memcpy(atptr->atbuf, stage, ATA_BLKSIZ);
	rv = atarun(atptr, ATA_WRITE, blk);
	ataunlock(atptr);
	if (stage != buf) {
		ataunstage(currpid);
	}
	return rv;
}
