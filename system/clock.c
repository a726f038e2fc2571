/* clock.c - clkinit, clkhandler */

#include <xinu.h>

/*
 * The 8254 interrupts every millisecond (CLKFREQ).  Each tick advances
 * the time, counts down the first sleeper's delta and the running
 * process's quantum; either reaching zero may switch processes.  While
 * a disk command is in flight (atawatch) it also runs the disk's
 * watchdog, atatick; otherwise that costs one test of a flag.
 */

uint32	clkticks;		/* ms since the last whole second	*/
uint32	clktime;		/* seconds since boot			*/
uint64	clkms;			/* ms since boot			*/
qid16	sleepq;			/* delta list of sleeping processes	*/
uint32	preempt;		/* ms left in the current quantum	*/

/*------------------------------------------------------------------------
 *  clkhandler  -  Handle one clock tick (interrupts disabled)
 *------------------------------------------------------------------------
 */
void	clkhandler(void)
{
	clkms++;
	if (++clkticks >= CLKFREQ) {
		clktime++;
		clkticks = 0;
	}
	vm_tick();			/* a policy may age its frames	*/
	if (atawatch) {
		atatick();		/* a disk command past ATA_TIMEOUT */
	}
	if (nonempty(sleepq) && --queuetab[firstid(sleepq)].qkey <= 0) {
		wakeup();
	}
	if (--preempt == 0) {
		preempt = QUANTUM;
		resched();
	}
}

/*------------------------------------------------------------------------
 *  clkinit  -  Start the 1 ms clock
 *------------------------------------------------------------------------
 */
void	clkinit(void)
{
	uint16	count = (PIT_HZ + CLKFREQ / 2) / CLKFREQ;

	sleepq = newqueue();
	preempt = QUANTUM;
	clkticks = clktime = 0;
	clkms = 0;
	outb(PIT_CMD, PIT_RATEGEN);
	outb(PIT_CH0, count & 0xFF);
	outb(PIT_CH0, count >> 8);
	set_irq_handler(IRQ_CLOCK, clkhandler);
}
