/* resched.h - deferral of rescheduling */

#ifndef _RESCHED_H_
#define _RESCHED_H_

#define	DEFER_START	1	/* start deferral			*/
#define	DEFER_STOP	2	/* stop deferral			*/

struct	defer	{
	int32	ndefers;	/* number of outstanding deferrals	*/
	bool8	attempt;	/* was resched called while deferred?	*/
};

extern	struct	defer	Defer;
extern	qid16	readylist;
extern	uint32	preempt;	/* ticks left in the current quantum	*/

#endif
