/* hello.c - the smallest course program: make test's prog:hello
 *
 * main and a child print their pids; the comparison with hello.expected
 * renames pids in order of first appearance, so the numbers the kernel
 * hands out do not matter, only which lines name the same process.
 * hello.conf gives it a command-line word (who=) and a -D word, which
 * must both reach it through compile/bin/batch.
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
	char	who[16];

	printf("hello: main is pid %d\n", getpid());
	printf("hello: who=%s\n", bootarg("who", who, sizeof(who)) ? who : "?");
#ifdef HELLO_GREETING
	printf("hello: %s\n", HELLO_GREETING);
#endif
	pid = create(child, 1024, 20, "child", 1, getpid());
	printf("hello: started P%d\n", pid);
	resume(pid);
	printf("hello: P%d has ended\n", receive());
	return OK;
}
