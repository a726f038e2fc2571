/* main.c - main */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  main  -  The first user process: starts the shell
 *------------------------------------------------------------------------
 */
process	main(void)
{
	kprintf("Hello from Xinu/VM main\n");
	return OK;
}
