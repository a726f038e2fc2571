/* halfevent.c - make test-grade's stray event byte: half a line on the
 *		 event port (COM2), then a child the kernel kills for a
 *		 fault at 0x0; the grader must call the channel tampered */

#include <xinu.h>

process	crash(void)
{
	volatile int32	*p = NULL;

	return *p;
}

process	main(void)
{
	outb(COM2_BASE + UART_THR, 'x');
	resume(create(crash, 4096, 30, "crash", 0));
	receive();
	kprintf("main: done\n");
	return OK;
}
