/* small_stacks.c - the course's locked printf from processes created with
 * small stacks: each asks for 1024 bytes (Xinu's examples do), passes 8
 * arguments through __builtin_apply and must finish without a word from
 * the kernel (it overran nothing: its stack is a whole page) */
#include <xinu.h>

sid32	ps;

void	sync_printf(char *fmt, ...)
{
	void	*arg;

	wait(ps);
	arg = __builtin_apply_args();
	__builtin_apply((void *)kprintf, arg, 100);
	signal(ps);
}

process	worker(int id, int a, int b, int c, int d, int e, int f, int g)
{
	sync_printf("worker %d: %d %d %d %d %d %d %d\n", id, a, b, c, d, e, f,
		    g);
	return OK;
}

process	main(void)
{
	int	i;

	ps = semcreate(1);
	for (i = 1; i <= 3; i++) {
		resume(create(worker, 1024, 20, "worker", 8, i, i + 1, i + 2,
			      i + 3, i + 4, i + 5, i + 6, i + 7));
		receive();
	}
	sync_printf("main done\n");
	return OK;
}
