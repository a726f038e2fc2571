/* hunit.c - tbegin, tcheck, tfail, tfailed, tend, tcase, taborts, tdone:
	     hunit.h on the host's C library */

#define	_POSIX_C_SOURCE	200809L	/* fork, pipe			*/

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "hunit.h"

#define	LINELEN		1024

static	const	char	*casename;	/* the case running		*/
static	int	nfailed;		/* cases that failed		*/
static	int	nchecks;		/* failures of the running case	*/
static	char	why[LINELEN];		/* the first of them		*/

/*------------------------------------------------------------------------
 *  tbegin  -  Start test case 'name'
 *------------------------------------------------------------------------
 */
void	tbegin(const char *name)
{
	casename = name;
	nchecks = 0;
	why[0] = '\0';
}

/*------------------------------------------------------------------------
 *  tfail  -  Record a failure of the running case; the first one is the
 *	      one its FAIL line gives
 *------------------------------------------------------------------------
 */
void	tfail(const char *fmt, ...)
{
	va_list	ap;

	if (nchecks++ == 0) {
		va_start(ap, fmt);
		vsnprintf(why, sizeof(why), fmt, ap);
		va_end(ap);
	}
}

/*------------------------------------------------------------------------
 *  tcheck  -  Record check 'expr' at 'line' when it failed
 *------------------------------------------------------------------------
 */
void	tcheck(int ok, const char *expr, int line)
{
	if (!ok) {
		tfail("%s (line %d)", expr, line);
	}
}

/*------------------------------------------------------------------------
 *  tfailed  -  Has the running case failed so far?
 *------------------------------------------------------------------------
 */
int	tfailed(void)
{
	return nchecks != 0;
}

/*------------------------------------------------------------------------
 *  tend  -  End the running case: print its line
 *------------------------------------------------------------------------
 */
void	tend(void)
{
	if (nchecks == 0) {
		printf("ok %s\n", casename);
		return;
	}
	nfailed++;
	if (nchecks > 1) {
		printf("FAIL %s: %s (and %d more)\n", casename, why, nchecks - 1);
	} else {
		printf("FAIL %s: %s\n", casename, why);
	}
}

/*------------------------------------------------------------------------
 *  runchild  -  Run 'fn' in a child process and wait for it; the child
 *		 ends case 'name' (if not NULL) and what it wrote on stderr
 *		 lands in 'err'; returns its wait status
 *------------------------------------------------------------------------
 */
static	int	runchild(void (*fn)(void), const char *name, char *err,
			 size_t len)
{
	int	fds[2], status;
	pid_t	pid;
	size_t	n = 0;
	ssize_t	got;

	fflush(stdout);
	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		perror("hunit: cannot start a child");
		exit(2);
	}
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDERR_FILENO);
		if (name != NULL) {
			tbegin(name);
		}
		fn();
		if (name != NULL) {
			tend();
		}
		fflush(stdout);
		exit(tfailed());
	}
	close(fds[1]);
	while (n < len - 1 && (got = read(fds[0], err + n, len - 1 - n)) > 0) {
		n += got;
	}
	err[n] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	return status;
}

/*------------------------------------------------------------------------
 *  tcase  -  Run case 'name' (function 'fn') in a child of its own
 *------------------------------------------------------------------------
 */
void	tcase(const char *name, void (*fn)(void))
{
	char	err[LINELEN];
	int	status;

	status = runchild(fn, name, err, sizeof(err));
	fputs(err, stderr);
	if (WIFSIGNALED(status)) {
		err[strcspn(err, "\n")] = '\0';
		printf("FAIL %s: died of signal %d (%s)\n", name,
		       WTERMSIG(status), err[0] ? err : "no message");
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		nfailed++;
	}
}

/*------------------------------------------------------------------------
 *  taborts  -  Does 'fn' abort, with a message that contains 'text'?
 *------------------------------------------------------------------------
 */
int	taborts(void (*fn)(void), const char *text)
{
	char	err[LINELEN];
	int	status;

	status = runchild(fn, NULL, err, sizeof(err));
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
	       strstr(err, text) != NULL;
}

/*------------------------------------------------------------------------
 *  tdone  -  The program's exit status: 1 if any case failed
 *------------------------------------------------------------------------
 */
int	tdone(void)
{
	return nfailed != 0;
}
