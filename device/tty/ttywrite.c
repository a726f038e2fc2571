/* ttywrite.c - ttywrite */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttywrite  -  Write 'count' characters to a tty
 *------------------------------------------------------------------------
 */
devcall	ttywrite(struct dentry *devptr, char *buff, int32 count)
{
	int32	i;

	if (count < 0) {
		return SYSERR;
	}
	if (!bufok(buff, count, FALSE)) {
		kprintf("%s: write: bad buffer 0x%x\n", devptr->dvname,
			(uint32)buff);
		return SYSERR;
	}
	for (i = 0; i < count; i++) {
		ttyputc(devptr, buff[i]);
	}
	return count;
}
