/* semaphore.h - the semaphore table */

#ifndef _SEMAPHORE_H_
#define _SEMAPHORE_H_

#ifndef	NSEM
#define	NSEM		100
#endif

#define	S_FREE	0		/* semaphore table entry is unused	*/
#define	S_USED	1		/* semaphore table entry is in use	*/

struct	sentry	{
	byte	sstate;		/* S_FREE or S_USED			*/
	int32	scount;		/* count for the semaphore		*/
	qid16	squeue;		/* queue of processes that are waiting	*/
};

extern	struct	sentry semtab[];

#define	isbadsem(s)	((int32)(s) < 0 || (s) >= NSEM)

#endif
