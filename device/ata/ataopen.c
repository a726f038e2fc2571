/* ataopen.c - ataopen */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ataopen  -  Open a disk: OK when one answered at boot
 *------------------------------------------------------------------------
 */
devcall	ataopen(
	  struct dentry	*devptr,	/* the disk's entry		*/
	  char		*name,		/* unused			*/
	  char		*mode		/* unused			*/
	)
{
	(void)name;
	(void)mode;
	if (!atatab[devptr->dvminor].atpresent) {
		kprintf("%s: open: no disk\n", devptr->dvname);
		return SYSERR;
	}
	return OK;
}
