/* vclone.c - a copy-on-write clone: the child starts with the parent's heap
 * as it was at the clone (same addresses, same contents), reading it takes
 * no frame, writing takes one frame a page, and neither side sees the
 * other's writes; a process made by create may not clone
 */

#include <xinu.h>

#define NPAGES 8

process child(char *p)
{
	uint32 before = free_ffs_pages();
	int i;

	kprintf("child:: reads  ");
	for (i = 0; i < NPAGES; i++) {
		kprintf("%c", p[i * PAGE_SIZE]);
	}
	kprintf("\nchild:: reading took %d frames\n", before - free_ffs_pages());
	for (i = 0; i < 3; i++) {
		p[i * PAGE_SIZE] = 'a' + i;
	}
	kprintf("child:: writing 3 pages took %d frames\n",
		before - free_ffs_pages());
	kprintf("child:: reads  ");
	for (i = 0; i < NPAGES; i++) {
		kprintf("%c", p[i * PAGE_SIZE]);
	}
	kprintf("\nchild:: frees its copy: %s\n",
		vfree(p, NPAGES * PAGE_SIZE) == OK ? "OK" : "SYSERR");
	return OK;
}

process parent(void)
{
	uint32 before;
	pid32 kid;
	char *p;
	int i;

	p = vmalloc(NPAGES * PAGE_SIZE);
	for (i = 0; i < NPAGES; i++) {
		p[i * PAGE_SIZE] = 'A' + i;
	}
	before = free_ffs_pages();
	kid = vclone(child, 8192, 30, "child", 1, p);
	kprintf("parent:: the clone maps %d frames, %d of them new\n",
		used_ffs_frames(kid), before - free_ffs_pages());
	kprintf("parent:: the clone has %d heap pages, as the parent has %d\n",
		allocated_virtual_pages(kid) - allocated_virtual_pages(0),
		allocated_virtual_pages(getpid()) - allocated_virtual_pages(0));
	resume(kid);
	receive();
	p[7 * PAGE_SIZE] = 'Z';
	kprintf("parent:: reads ");
	for (i = 0; i < NPAGES; i++) {
		kprintf("%c", p[i * PAGE_SIZE]);
	}
	kprintf("\nparent:: writing page 7, the child gone, took %d frames\n",
		before - free_ffs_pages());
	return OK;
}

process main(void)
{
	kprintf("main:: vclone from a create'd process: %s\n",
		vclone(child, 8192, 30, "child", 1, NULL) == SYSERR ?
		"SYSERR" : "a pid");
	resume(vcreate(parent, 8192, 20, "parent", 0));
	receive();
	return OK;
}
