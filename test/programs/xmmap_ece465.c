/* xmmap_ece465.c - a shared backing store in the ECE465 flavour (the heap
 * starts at page 25600, after the kernel region, the PD/PT region and FFS;
 * vmalloc is next fit): two processes map store 3 at different pages of
 * their heaps and take turns bumping a counter in it, each seeing the
 * other's writes at once; a vmalloc after the mapping goes past it
 */

#include <xinu.h>

#define STORE 3
#define NPAGES 4
#define HEAP 25600			/* first heap page in ECE465 */
#define ROUNDS 3

sid32 turn_a, turn_b;

process proc_a(void)
{
	uint32 vp = HEAP + 2;
	char *p = (char *)(vp * PAGE_SIZE);
	uint32 *count = (uint32 *)(p + 2 * PAGE_SIZE);
	char *mine = vmalloc(2 * PAGE_SIZE);
	int i;

	kprintf("A:: xmmap at page %d, below the heap: %s\n", 8192 + 100,
		xmmap(8192 + 100, STORE, 1) == SYSERR ? "SYSERR" : "OK");
	kprintf("A:: vmalloc 2 pages at 0x%x\n", (uint32)mine);
	kprintf("A:: xmmap at page %d: %s\n", vp,
		xmmap(vp, STORE, NPAGES) == OK ? "OK" : "SYSERR");
	kprintf("A:: vmalloc 1 page after it at 0x%x\n",
		(uint32)vmalloc(PAGE_SIZE));
	strcpy(p, "hello from A");
	*count = 1;
	kprintf("A:: writes count %d\n", *count);
	for (i = 0; i < ROUNDS; i++) {
		signal(turn_b);
		wait(turn_a);
		kprintf("A:: reads count %d, writes %d\n", *count, *count + 1);
		*count = *count + 1;
	}
	kprintf("A:: reads \"%s\"\n", p + PAGE_SIZE);
	signal(turn_b);
	kprintf("A:: xmunmap: %s\n", xmunmap(vp) == OK ? "OK" : "SYSERR");
	return OK;
}

process proc_b(void)
{
	uint32 vp = HEAP + 300;
	char *p = (char *)(vp * PAGE_SIZE);
	uint32 *count = (uint32 *)(p + 2 * PAGE_SIZE);
	int i;

	wait(turn_b);
	kprintf("B:: xmmap at page %d: %s\n", vp,
		xmmap(vp, STORE, NPAGES) == OK ? "OK" : "SYSERR");
	kprintf("B:: %d virtual pages\n", allocated_virtual_pages(getpid()));
	kprintf("B:: reads \"%s\"\n", p);
	strcpy(p + PAGE_SIZE, "hello from B");
	for (i = 0; i < ROUNDS; i++) {
		kprintf("B:: reads count %d, writes %d\n", *count, *count + 1);
		*count = *count + 1;
		signal(turn_a);
		wait(turn_b);
	}
	kprintf("B:: reads count %d\n", *count);
	kprintf("B:: xmunmap: %s\n", xmunmap(vp) == OK ? "OK" : "SYSERR");
	return OK;
}

process main(void)
{
	turn_a = semcreate(0);
	turn_b = semcreate(0);
	kprintf("main:: get_bs(%d, %d) = %d\n", STORE, NPAGES,
		get_bs(STORE, NPAGES));
	resume(vcreate(proc_a, 8192, 20, "A", 0));
	resume(vcreate(proc_b, 8192, 20, "B", 0));
	receive();
	receive();
	kprintf("main:: release_bs: %s\n",
		release_bs(STORE) == OK ? "OK" : "SYSERR");
	return OK;
}
