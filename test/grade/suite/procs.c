/* procs.c - make test-grade's sample program: processes and messages
 *
 * main starts two workers; each sends main its square and ends, and the
 * kernel tells main which child ended.  Graded line by line (pids renamed
 * in order of first appearance).
 */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  worker  -  Send the parent n*n and end
 *------------------------------------------------------------------------
 */
local	process	worker(pid32 parent, int32 n)
{
	printf("worker %d: pid %d\n", n, getpid());
	sleepms(10);
	send(parent, n * n);
	return OK;
}

/*------------------------------------------------------------------------
 *  main  -  Start two workers, one after the other, add their answers
 *------------------------------------------------------------------------
 */
process	main(void)
{
	int32	n, sum;
	pid32	pid;

	printf("procs: main is pid %d\n", getpid());
	sum = 0;
	for (n = 2; n <= 3; n++) {
		pid = create(worker, 1024, 20, "worker", 2, getpid(), n);
		printf("procs: started P%d\n", pid);
		resume(pid);
		sum += receive();
		printf("procs: P%d has ended\n", receive());
	}
	printf("procs: sum of squares %d\n", sum);
	return OK;
}
