/* queue.c - enqueue, dequeue, getfirst, getlast, getitem */

#include <xinu.h>

struct	qentry	queuetab[NQENT];	/* all queues			*/

/*------------------------------------------------------------------------
 *  enqueue  -  Insert a process at the tail of a queue
 *------------------------------------------------------------------------
 */
pid32	enqueue(
	  pid32		pid,		/* process to insert		*/
	  qid16		q		/* queue to use			*/
	)
{
	qid16	tail, prev;

	if (isbadqid(q) || isbadpid(pid)) {
		return SYSERR;
	}
	tail = queuetail(q);
	prev = queuetab[tail].qprev;
	queuetab[pid].qnext = tail;
	queuetab[pid].qprev = prev;
	queuetab[prev].qnext = pid;
	queuetab[tail].qprev = pid;
	return pid;
}

/*------------------------------------------------------------------------
 *  dequeue  -  Remove and return the first process on a queue
 *------------------------------------------------------------------------
 */
pid32	dequeue(
	  qid16		q		/* queue to use			*/
	)
{
	if (isbadqid(q)) {
		return SYSERR;
	}
	if (isempty(q)) {
		return EMPTY;
	}
	return getitem(firstid(q));
}

/*------------------------------------------------------------------------
 *  getfirst  -  Remove and return the first process on a queue
 *------------------------------------------------------------------------
 */
pid32	getfirst(
	  qid16		q		/* queue to use			*/
	)
{
	if (isempty(q)) {
		return EMPTY;
	}
	return getitem(firstid(q));
}

/*------------------------------------------------------------------------
 *  getlast  -  Remove and return the last process on a queue
 *------------------------------------------------------------------------
 */
pid32	getlast(
	  qid16		q		/* queue to use			*/
	)
{
	if (isempty(q)) {
		return EMPTY;
	}
	return getitem(lastid(q));
}

/*------------------------------------------------------------------------
 *  getitem  -  Remove a process from whatever queue it is on
 *------------------------------------------------------------------------
 */
pid32	getitem(
	  pid32		pid		/* process to remove		*/
	)
{
	qid16	prev, next;

	next = queuetab[pid].qnext;
	prev = queuetab[pid].qprev;
	queuetab[prev].qnext = next;
	queuetab[next].qprev = prev;
	return pid;
}
