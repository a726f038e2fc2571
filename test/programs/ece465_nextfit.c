/* ece465_nextfit.c - the ECE465 flavour: the heap starts after the kernel
 * region, the PD/PT region and FFS, and vmalloc is next fit */

#include <xinu.h>

process allocator(void)
{
	char *a, *b, *c, *d, *rest;

	kprintf("P%d:: %d virtual pages at the start\n", currpid,
		allocated_virtual_pages(currpid));
	a = vmalloc(4 * PAGE_SIZE);
	b = vmalloc(4 * PAGE_SIZE);
	kprintf("a = 0x%x, b = 0x%x\n", (uint32)a, (uint32)b);
	kprintf("vfree(a) = %d\n", vfree(a, 4 * PAGE_SIZE));
	c = vmalloc(2 * PAGE_SIZE);
	d = vmalloc(8 * PAGE_SIZE);
	kprintf("c = 0x%x, d = 0x%x\n", (uint32)c, (uint32)d);
	kprintf("P%d:: %d virtual pages\n", currpid,
		allocated_virtual_pages(currpid));
	d[0] = 'd';
	kprintf("P%d:: %d FFS frames after touching d\n", currpid,
		used_ffs_frames(currpid));

	/* take the rest of the heap: the next search wraps around */
	rest = vmalloc(0xC0000000 - (uint32)(d + 8 * PAGE_SIZE));
	kprintf("rest = 0x%x\n", (uint32)rest);
	kprintf("3 pages at 0x%x\n", (uint32)vmalloc(3 * PAGE_SIZE));
	kprintf("2 pages at 0x%x\n", (uint32)vmalloc(2 * PAGE_SIZE));
	kprintf("1 page at 0x%x\n", (uint32)vmalloc(PAGE_SIZE));
	return OK;
}

process main(void)
{
	resume(vcreate(allocator, 8192, 20, "allocator", 0));
	receive();
	return OK;
}
