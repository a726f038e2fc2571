/* clock.h - the 1 ms system clock and the sleep list */

#ifndef _CLOCK_H_
#define _CLOCK_H_

#ifndef	CLKFREQ
#define	CLKFREQ		1000	/* clock interrupts per second		*/
#endif

extern	uint32	clkticks;	/* ms since the last whole second	*/
extern	uint32	clktime;	/* seconds since boot			*/
extern	uint64	clkms;		/* ms since boot			*/
extern	qid16	sleepq;		/* queue of sleeping processes		*/

#define	MAXSECONDS	2147483	/* largest argument to sleep		*/

#endif
