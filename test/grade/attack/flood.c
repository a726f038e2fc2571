/* flood.c - make test-grade's endless printer: it never stops printing,
 *	     so the grader must stop it at MAXOUT (status output limit) */

#include <xinu.h>

process	main(void)
{
	for (;;) {
		kprintf("flood flood flood flood flood flood flood flood\n");
	}
	return OK;
}
