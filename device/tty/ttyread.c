/* ttyread.c - ttyread */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttyread  -  Read characters up to a newline or 'count'
 *------------------------------------------------------------------------
 */
devcall	ttyread(struct dentry *devptr, char *buff, int32 count)
{
	int32	n;
	char	ch;

	if (count < 0) {
		return SYSERR;
	}
	for (n = 0; n < count; ) {
		ch = ttygetc(devptr);
		buff[n++] = ch;
		if (ch == '\n') {
			break;
		}
	}
	return n;
}
