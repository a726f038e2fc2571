/* atastage.c - atastage, ataunstage */

#include <xinu.h>

/*
 * A caller's buffer outside the kernel region may be a heap page that is
 * not in memory, and with swap on the disk bringing it in needs the disk.
 * So the driver never touches such a buffer while it holds the channel:
 * it moves the block through a staging page from the kernel heap
 * whenever any byte of the buffer lies past the kernel region,
 * copied from the caller's buffer before the channel is taken (a write)
 * or into it after the channel is given back (a read).  Buffers in the
 * kernel region (the disk swap backend's bounce pages, system processes'
 * buffers) are used as they are.  A process killed while it holds a
 * staging page gives it back through atakill.
 */

local	char	*atstage[NPROC];	/* each process's staging page	*/

/*------------------------------------------------------------------------
 *  atastage  -  Where the driver moves a block for the caller's 'buf':
 *		 'buf' itself, or a staging page; SYSERR (with a console
 *		 line) when no staging page can be had (interrupts off)
 *------------------------------------------------------------------------
 */
char	*atastage(
	  struct dentry	*devptr,	/* the disk's entry		*/
	  const	char	*op,		/* "read" or "write"		*/
	  char		*buf		/* the caller's block buffer	*/
	)
{
	char	*stage;

	if ((uint32)buf + ATA_BLKSIZ <= KERNEL_END) {
		return buf;		/* all of it in the kernel region */
	}
	stage = getmem(ATA_BLKSIZ);
	if (stage == (char *)SYSERR) {
		kprintf("%s: %s: no memory for a staging page\n",
			devptr->dvname, op);
		return (char *)SYSERR;
	}
	atstage[currpid] = stage;
	return stage;
}

/*------------------------------------------------------------------------
 *  ataunstage  -  Give back process 'pid''s staging page, if it has one
 *		   (interrupts off; from the driver, or atakill)
 *------------------------------------------------------------------------
 */
void	ataunstage(
	  pid32		pid		/* the process			*/
	)
{
	if (atstage[pid] != NULL) {
		freemem(atstage[pid], ATA_BLKSIZ);
		atstage[pid] = NULL;
	}
}
