/* vmstub.c - getmem, freemem, kpanic_assert, entropy, proctab: the kernel's part
 *	      for the host tests of paging/ and swap/ */

#include <stdio.h>
#include <stdlib.h>
#include <xinu.h>
#include "../hunit.h"

/*
 * A block getmem hands out carries a header with its size, so freemem
 * can check it gets back a block it gave, with the size it gave.  Freed
 * blocks go back to malloc only when the program ends: their header is
 * cleared instead, so freeing a block twice is caught too.
 */

#define	BLKMAGIC	0x6D656D62	/* marks a block getmem gave	*/

struct	blkhdr	{
	uint32	magic;			/* BLKMAGIC while given out	*/
	uint32	nbytes;			/* size asked of getmem		*/
};

struct	procent	proctab[NPROC];
int32	stub_blocks;			/* getmem blocks not yet freed	*/
bool8	stub_nomem;			/* TRUE: getmem fails		*/


/*------------------------------------------------------------------------
 *  getmem  -  A block of 'nbytes' bytes, or SYSERR as the kernel's does
 *------------------------------------------------------------------------
 */
char	*getmem(uint32 nbytes)
{
	struct	blkhdr	*hdr;

	if (nbytes == 0 || stub_nomem ||
	    (hdr = malloc(sizeof(struct blkhdr) + nbytes)) == NULL) {
		return (char *)SYSERR;
	}
	hdr->magic = BLKMAGIC;
	hdr->nbytes = nbytes;
	stub_blocks++;
	return (char *)(hdr + 1);
}

/*------------------------------------------------------------------------
 *  freemem  -  Take back a block; a block getmem did not give, or a size
 *		other than the one asked, fails the running case
 *------------------------------------------------------------------------
 */
syscall	freemem(char *blk, uint32 nbytes)
{
	struct	blkhdr	*hdr = (struct blkhdr *)blk - 1;

	if (blk == NULL || blk == (char *)SYSERR || hdr->magic != BLKMAGIC ||
	    hdr->nbytes != nbytes) {
		tfail("freemem(%p, %u) of a block getmem did not give",
		      (void *)blk, nbytes);
		return SYSERR;
	}
	hdr->magic = 0;
	stub_blocks--;
	return OK;
}

/*------------------------------------------------------------------------
 *  kpanic_assert  -  A kernel assert failed: say what and where, abort
 *------------------------------------------------------------------------
 */
void	kpanic_assert(const char *expr, const char *file, int32 line)
{
	fprintf(stderr, "assert failed: %s at %s:%d\n", expr, file, line);
	abort();
}

/*------------------------------------------------------------------------
 *  entropy  -  Random bytes: the host's /dev/urandom
 *------------------------------------------------------------------------
 */
void	entropy(byte *out, uint32 len)
{
	FILE	*f = fopen("/dev/urandom", "rb");

	if (f == NULL || fread(out, 1, len, f) != len) {
		fprintf(stderr, "entropy: cannot read /dev/urandom\n");
		abort();
	}
	fclose(f);
}
