/* vmstub.c - getmem, freemem, kpanic_assert, proctab, and the test-case
 *	      bookkeeping of vmunit.h, for the host tests of paging/ and swap/ */

#define	_POSIX_C_SOURCE	200809L	/* fork, pipe; not unistd.h's syscall */

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xinu.h>
#include "vmunit.h"

/*
 * A block getmem hands out carries a header with its size, so freemem
 * can check it gets back a block it gave, with the size it gave.  Freed
 * blocks go back to malloc only when the program ends: their header is
 * cleared instead, so freeing a block twice is caught too.
 */

#define	BLKMAGIC	0x6D656D62	/* marks a block getmem gave	*/
#define	LINELEN		512

struct	blkhdr	{
	uint32	magic;			/* BLKMAGIC while given out	*/
	uint32	nbytes;			/* size asked of getmem		*/
};

struct	procent	proctab[NPROC];
int32	stub_blocks;			/* getmem blocks not yet freed	*/
bool8	stub_nomem;			/* TRUE: getmem fails		*/

local	int32	nfailed;		/* cases that failed		*/
local	char	why[LINELEN];		/* the case's first failure	*/

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
		vfail("freemem(%p, %u) of a block getmem did not give",
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
 *  vcheck  -  Record a failed check of the running case
 *------------------------------------------------------------------------
 */
void	vcheck(bool8 ok, const char *expr, int32 line)
{
	if (!ok) {
		vfail("%s (line %d)", expr, line);
	}
}

/*------------------------------------------------------------------------
 *  vfail  -  Record a failure of the running case; the first one is
 *	      the one its FAIL line gives
 *------------------------------------------------------------------------
 */
void	vfail(const char *fmt, ...)
{
	va_list	ap;

	if (why[0] == NULLCH) {
		va_start(ap, fmt);
		vsnprintf(why, sizeof(why), fmt, ap);
		va_end(ap);
	}
}

/*------------------------------------------------------------------------
 *  vfailed  -  Has the running case failed so far?
 *------------------------------------------------------------------------
 */
bool8	vfailed(void)
{
	return why[0] != NULLCH;
}

/*------------------------------------------------------------------------
 *  runchild  -  Run 'fn' in a child process and wait for it; the child
 *		 prints the line of case 'name' (if not NULL) and what it
 *		 wrote on stderr lands in 'err'; returns its wait status
 *------------------------------------------------------------------------
 */
local	int	runchild(void (*fn)(void), const char *name, char *err,
			 size_t len)
{
	int	fds[2], status;
	pid_t	pid;
	size_t	n = 0;
	ssize_t	got;

	fflush(stdout);
	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		perror("vmunit: cannot start a child");
		exit(2);
	}
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDERR_FILENO);
		fn();
		if (name != NULL) {
			printf(vfailed() ? "FAIL %s: %s\n" : "ok %s\n", name,
			       why);
		}
		exit(vfailed());
	}
	close(fds[1]);
	while (n < len - 1 && (got = read(fds[0], err + n, len - 1 - n)) > 0) {
		n += got;
	}
	err[n] = NULLCH;
	close(fds[0]);
	waitpid(pid, &status, 0);
	return status;
}

/*------------------------------------------------------------------------
 *  vcase  -  Run one test case in a child of its own and count it
 *------------------------------------------------------------------------
 */
void	vcase(const char *name, void (*fn)(void))
{
	char	err[LINELEN];
	int	status;

	status = runchild(fn, name, err, sizeof(err));
	fputs(err, stderr);
	if (WIFSIGNALED(status)) {
		err[strcspn(err, "\n")] = NULLCH;
		printf("FAIL %s: died of signal %d (%s)\n", name,
		       WTERMSIG(status), err[0] ? err : "no message");
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		nfailed++;
	}
}

/*------------------------------------------------------------------------
 *  vaborts  -  Does 'fn' abort, with a message that contains 'text'?
 *------------------------------------------------------------------------
 */
bool8	vaborts(void (*fn)(void), const char *text)
{
	char	err[LINELEN];
	int	status;

	status = runchild(fn, NULL, err, sizeof(err));
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
	       strstr(err, text) != NULL;
}

/*------------------------------------------------------------------------
 *  vdone  -  The program's exit status: 1 if any case failed
 *------------------------------------------------------------------------
 */
int32	vdone(void)
{
	return nfailed != 0;
}
