/* xmmap.c - a shared backing store (CSC501's get_bs, xmmap, xmunmap,
 * release_bs): two processes map store 5 at different pages of their heaps
 * and each sees the other's writes at once; the store keeps its data while
 * nothing maps it, and cannot be released while anything does
 */

#include <xinu.h>

#define STORE 5
#define NPAGES 4

sid32 turn_a, turn_b;

process proc_a(void)
{
	uint32 vp = 8192 + 100;		/* heap page numbers start at 8192 */
	char *p = (char *)(vp * PAGE_SIZE);

	kprintf("A:: xmmap at page %d: %s\n", vp,
		xmmap(vp, STORE, NPAGES) == OK ? "OK" : "SYSERR");
	strcpy(p + 3 * PAGE_SIZE, "written by A");
	signal(turn_b);
	wait(turn_a);
	kprintf("A:: reads \"%s\"\n", p + PAGE_SIZE);
	kprintf("A:: release_bs while mapped: %s\n",
		release_bs(STORE) == SYSERR ? "SYSERR" : "OK");
	kprintf("A:: xmunmap: %s\n", xmunmap(vp) == OK ? "OK" : "SYSERR");
	return OK;
}

process proc_b(void)
{
	uint32 vp = 8192 + 300;
	char *p = (char *)(vp * PAGE_SIZE);

	wait(turn_b);
	kprintf("B:: xmmap at page %d: %s\n", vp,
		xmmap(vp, STORE, NPAGES) == OK ? "OK" : "SYSERR");
	kprintf("B:: reads \"%s\"\n", p + 3 * PAGE_SIZE);
	strcpy(p + PAGE_SIZE, "written by B");
	signal(turn_a);
	return OK;
}

process proc_c(void)
{
	uint32 vp = 8192;
	char *p = (char *)(vp * PAGE_SIZE);

	xmmap(vp, STORE, NPAGES);
	kprintf("C:: with no one else mapping it, reads \"%s\" and \"%s\"\n",
		p + PAGE_SIZE, p + 3 * PAGE_SIZE);
	return OK;
}

process main(void)
{
	turn_a = semcreate(0);
	turn_b = semcreate(0);
	kprintf("main:: get_bs(%d, %d) = %d\n", STORE, NPAGES,
		get_bs(STORE, NPAGES));
	kprintf("main:: get_bs(%d, %d) again = %d\n", STORE, 2,
		get_bs(STORE, 2));
	kprintf("main:: get_bs(%d, %d) = %s\n", STORE, NPAGES + 1,
		get_bs(STORE, NPAGES + 1) == SYSERR ? "SYSERR" : "a size");
	kprintf("main:: xmmap from a create'd process: %s\n",
		xmmap(8192, STORE, 1) == SYSERR ? "SYSERR" : "OK");
	resume(vcreate(proc_a, 8192, 20, "A", 0));
	resume(vcreate(proc_b, 8192, 20, "B", 0));
	receive();
	receive();
	resume(vcreate(proc_c, 8192, 20, "C", 0));
	receive();
	kprintf("main:: release_bs: %s\n", release_bs(STORE) == OK ? "OK" : "SYSERR");
	return OK;
}
