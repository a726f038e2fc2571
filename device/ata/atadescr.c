/* atadescr.c - atadescr, atabanner */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  atadescr  -  Describe disk 'minor' in 'buf' (what the boot banner and
 *		 devdump print); returns buf
 *------------------------------------------------------------------------
 */
char	*atadescr(int32 minor, char *buf, uint32 len)
{
	struct	atacblk	*atptr = &atatab[minor];
	struct	dentry	*devptr = &devtab[atptr->atdev];

	if (!atptr->atpresent) {
		snprintf(buf, len, "%s none (no ATA disk at 0x%x)",
			 devptr->dvname, atptr->atcsr);
		return buf;
	}
	snprintf(buf, len, "%s %s, %d MiB: %d blocks of %d KiB, IRQ %d",
		 devptr->dvname, atptr->atmodel,
		 atptr->atsectors / (1024 * 1024 / ATA_SECTSIZ),
		 atptr->atsectors / ATA_BLKSECT, ATA_BLKSIZ / 1024,
		 devptr->dvirq);
	return buf;
}

/*------------------------------------------------------------------------
 *  atabanner  -  The boot banner's line for each disk
 *------------------------------------------------------------------------
 */
void	atabanner(void)
{
	char	line[128];
	int32	minor;

	for (minor = 0; minor < Nata; minor++) {
		kprintf("  disk     %s\n", atadescr(minor, line, sizeof(line)));
	}
}
