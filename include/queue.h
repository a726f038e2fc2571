/* queue.h - process queues: ready, sleep and semaphore waiting lists */

/*
 * All queues live in one table, queuetab.  Entries 0..NPROC-1 stand for
 * processes; each queue adds a head and a tail entry after them.  A
 * process is on at most one queue at a time, so its entry's links are
 * enough.  Keys order the ready list (priority, highest first) and the
 * sleep list (delta times, smallest first).
 */

#ifndef _QUEUE_H_
#define _QUEUE_H_

#ifndef	NQENT
#define	NQENT	(NPROC + 6 + NSEM + NSEM)	/* + ready, sleep, vmm lists */
#endif

#define	EMPTY	(-1)		/* null value for qnext or qprev	*/
#define	MAXKEY	0x7FFFFFFF
#define	MINKEY	0x80000000

struct	qentry	{
	int32	qkey;		/* key on which the queue is ordered	*/
	qid16	qnext;		/* index of next entry or tail		*/
	qid16	qprev;		/* index of previous entry or head	*/
};

extern	struct	qentry	queuetab[];

#define	queuehead(q)	(q)
#define	queuetail(q)	((q) + 1)
#define	firstid(q)	(queuetab[queuehead(q)].qnext)
#define	lastid(q)	(queuetab[queuetail(q)].qprev)
#define	isempty(q)	(firstid(q) >= NPROC)
#define	nonempty(q)	(firstid(q) < NPROC)
#define	firstkey(q)	(queuetab[firstid(q)].qkey)
#define	lastkey(q)	(queuetab[lastid(q)].qkey)

#define	isbadqid(x)	(((int32)(x) < NPROC) || (int32)(x) >= NQENT - 1)

#endif
