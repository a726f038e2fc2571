/* poweroff.c - poweroff, xdone */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  poweroff  -  Stop the machine: send the output the ttys still hold,
 *		 then exit QEMU with 'code' when its exit device is
 *		 present, else power off through ACPI, else halt
 *------------------------------------------------------------------------
 */
void	poweroff(uint32 code)
{
	disable();
	ttydrain();
	kevent("halt %u", code);
	outb(DEBUG_EXIT_PORT, code);
	outw(ACPI_PM1A_CNT, ACPI_SLP_S5);
	for (;;) {
		halt_cpu();
	}
}

/*------------------------------------------------------------------------
 *  xdone  -  The last user process has ended: say so and stop
 *------------------------------------------------------------------------
 */
void	xdone(void)
{
	ttydrain();			/* what processes wrote comes first */
	kprintf("\n\nAll user processes have completed.\n\n");
	poweroff(EXIT_DONE);
}
