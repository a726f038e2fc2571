/* ethstage.c - ethstage, ethunstage */

#include <xinu.h>

/*
 * A caller's buffer outside the kernel region may be a heap page that is
 * not in memory, and with swap on the disk bringing it in blocks for the
 * disk.  A process that blocked there while it held a transmit credit
 * (osem) or had taken a received frame (isem) and was killed lost the
 * credit for good, or left the frame in the ring for the next reader
 * with its credit gone.  So, as the ATA driver does (atastage.c),
 * ethread and ethwrite move a frame through a staging buffer from the
 * kernel heap whenever any byte of the caller's buffer lies past the
 * kernel region: filled from the caller's buffer before a credit is
 * taken (a write), emptied into it after the frame left the ring (a
 * read).  The caller's buffer is touched only while the process holds
 * nothing but its staging buffer, which kill gives back (net_forget).
 * Buffers in the kernel region (netin's, ip_send's) are used as they
 * are.
 */

local	char	*ethstg[NPROC];		/* each process's staging buffer */

/*------------------------------------------------------------------------
 *  ethstage  -  Where ethread or ethwrite moves a frame for the caller's
 *		 'buf' of 'len' bytes: 'buf' itself, or a staging buffer
 *		 of ETH_MAXFRAME bytes; SYSERR (with a console line) when
 *		 no staging buffer can be had
 *------------------------------------------------------------------------
 */
char	*ethstage(
	  struct dentry	*devptr,	/* the Ethernet device's entry	*/
	  const	char	*op,		/* "read" or "write"		*/
	  char		*buf,		/* the caller's frame buffer	*/
	  int32		len		/* its length			*/
	)
{
	char	*stage;
	intmask	mask;

	if ((uint32)buf + len <= KERNEL_END) {
		return buf;		/* all of it in the kernel region */
	}
	mask = disable();		/* no kill between the two	*/
	stage = getmem(ETH_MAXFRAME);
	if (stage != (char *)SYSERR) {
		ethstg[currpid] = stage;
	}
	restore(mask);
	if (stage == (char *)SYSERR) {
		kprintf("%s: %s: no memory for a staging buffer\n",
			devptr->dvname, op);
	}
	return stage;
}

/*------------------------------------------------------------------------
 *  ethunstage  -  Give back process 'pid''s staging buffer, if it has
 *		   one (from the driver, or kill through net_forget)
 *------------------------------------------------------------------------
 */
void	ethunstage(
	  pid32		pid		/* the process			*/
	)
{
	intmask	mask;

	mask = disable();
	if (ethstg[pid] != NULL) {
		freemem(ethstg[pid], ETH_MAXFRAME);
		ethstg[pid] = NULL;
	}
	restore(mask);
}
