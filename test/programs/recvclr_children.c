/* recvclr_children.c - after several children have ended, one recvclr()
 * leaves the mailbox empty: the next recvtime() times out */

#include <xinu.h>

#define NCHILD 4

process child(int id)
{
	int j;

	for (j = 0; j < 100000; j++)
		;
	printf("P%d:: child %d ends\n", currpid, id);
	return OK;
}

process main(void)
{
	pid32 pid;
	umsg32 msg;
	int i;

	printf("main: starting %d children above my priority\n", NCHILD);
	for (i = 1; i <= NCHILD; i++) {
		pid = vcreate(child, 8192, 30, "child", 1, i);
		resume(pid);
	}
	msg = recvclr();
	printf("main: recvclr returned P%d\n", msg);
	msg = recvtime(100);
	if (msg == TIMEOUT) {
		printf("main: recvtime timed out: nothing was left\n");
	} else {
		printf("main: recvtime returned %d\n", msg);
	}
	pid = vcreate(child, 8192, 30, "child", 1, NCHILD + 1);
	resume(pid);
	msg = receive();
	printf("main: receive returned P%d, the last child\n", msg);
	return OK;
}
