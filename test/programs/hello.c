/* hello.c - the smallest course program: make test's prog:hello
 *
 * main and a child print their pids; the comparison with hello.expected
 * renames pids in order of first appearance, so the numbers the kernel
 * hands out do not matter, only which lines name the same process.
 */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  child  -  Say who we are and who started us
 *------------------------------------------------------------------------
 */
local	process	child(pid32 parent)
{
	printf("child: pid %d, started by pid %d\n", getpid(), parent);
	return OK;
}

/*------------------------------------------------------------------------
 *  main  -  Start the child and wait for it to end
 *------------------------------------------------------------------------
 */
process	main(void)
{
	pid32	pid;

	printf("hello: main is pid %d\n", getpid());
	pid = create(child, 1024, 20, "child", 1, getpid());
	printf("hello: started P%d\n", pid);
	resume(pid);
	printf("hello: P%d has ended\n", receive());
	return OK;
}
