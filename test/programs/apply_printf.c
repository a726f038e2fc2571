/* apply_printf.c - a locked printf built on __builtin_apply, called from
 * the first frame of vcreate'd processes (the stack-slack contract) */

#include <xinu.h>

sid32 print_sem;

/* The course's locked printf: it forwards its arguments to kprintf by
 * copying a 100-byte block from where they start */
void sync_printf(char *fmt, ...)
{
	(void)fmt;	/* kprintf gets it through arg */
	wait(print_sem);
	void *arg = __builtin_apply_args();
	__builtin_apply((void *)kprintf, arg, 100);
	signal(print_sem);
}

process worker(int id, int npages)
{
	char *p;
	int i;

	sync_printf("P%d:: worker %d starts\n", currpid, id);
	p = vmalloc(npages * PAGE_SIZE);
	for (i = 0; i < npages; i++) {
		p[i * PAGE_SIZE] = 'a' + i;
	}
	sync_printf("P%d:: worker %d: %d virtual pages, %d FFS frames\n",
		    currpid, id, allocated_virtual_pages(currpid),
		    used_ffs_frames(currpid));
	vfree(p, npages * PAGE_SIZE);
	sync_printf("P%d:: worker %d: %d FFS frames after vfree\n", currpid,
		    id, used_ffs_frames(currpid));
	return OK;
}

process main(void)
{
	pid32 pid;
	int i;

	print_sem = semcreate(1);
	sync_printf("main: sync_printf in a system process\n");
	for (i = 1; i <= 3; i++) {
		pid = vcreate(worker, 8192, 20, "worker", 2, i, 2 * i);
		resume(pid);
		receive();
	}
	sync_printf("main: all workers done, %d FFS frames free\n",
		    free_ffs_pages());
	return OK;
}
