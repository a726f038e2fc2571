/* escape.c - make test-grade's terminal bytes: an escape sequence, a bell
 *	      and bytes that are not UTF-8, which a report shows visibly */

#include <xinu.h>

process	main(void)
{
	kprintf("esc \033[31m bel \007 bytes \377\376 end\n");
	return OK;
}
