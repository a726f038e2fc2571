/* test_queue.c - host unit tests of the process queues: system/queue.c,
 *		  insert.c, insertd.c and newqueue.c, compiled unchanged */

#include <xinu.h>
#include <stdarg.h>
#include "hunit.h"

/*
 * Processes 1..NUSED exist (their proctab entries are not free), so the
 * queue code accepts them; the others do not.  order() checks a queue
 * from both ends, so a broken back link shows as well as a broken
 * forward one.
 */

#define	NUSED	20

struct	procent	proctab[NPROC];		/* for isbadpid			*/

/*------------------------------------------------------------------------
 *  order  -  Whether queue 'q' holds exactly the 'n' processes given,
 *	      first to last, linked both ways
 *------------------------------------------------------------------------
 */
local	bool8	order(qid16 q, int32 n, ...)
{
	va_list	ap;
	pid32	want[NPROC];
	qid16	curr;
	int32	i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		want[i] = va_arg(ap, pid32);
	}
	va_end(ap);
	curr = queuehead(q);
	for (i = 0; i < n; i++) {
		if (queuetab[curr].qnext != want[i] ||
		    queuetab[want[i]].qprev != curr) {
			return FALSE;
		}
		curr = want[i];
	}
	return queuetab[curr].qnext == queuetail(q) &&
	       queuetab[queuetail(q)].qprev == curr;
}

/*------------------------------------------------------------------------
 *  keys  -  Whether the keys of the 'n' processes first on 'q' are
 *	     the ones given, in order
 *------------------------------------------------------------------------
 */
local	bool8	keys(qid16 q, int32 n, ...)
{
	va_list	ap;
	qid16	curr = firstid(q);
	bool8	ok = TRUE;

	va_start(ap, n);
	for (; n > 0; n--) {
		if (curr == queuetail(q) ||
		    queuetab[curr].qkey != va_arg(ap, int32)) {
			ok = FALSE;
			break;
		}
		curr = queuetab[curr].qnext;
	}
	va_end(ap);
	return ok;
}

/* A new queue is empty, and taking from it gives EMPTY */
local	void	queue_empty(void)
{
	qid16	q;

	tbegin("queue_empty");
	q = newqueue();
	TCHECK(q != SYSERR && !isbadqid(q));
	TCHECK(isempty(q) && !nonempty(q));
	TCHECK(firstid(q) == queuetail(q) && lastid(q) == queuehead(q));
	TCHECK(order(q, 0));
	TCHECK(dequeue(q) == EMPTY);
	TCHECK(getfirst(q) == EMPTY && getlast(q) == EMPTY);
	tend();
}

/* enqueue and dequeue are first in, first out */
local	void	queue_fifo(void)
{
	qid16	q = newqueue();

	tbegin("queue_fifo");
	TCHECK(enqueue(3, q) == 3 && enqueue(1, q) == 1);
	TCHECK(enqueue(2, q) == 2);
	TCHECK(order(q, 3, 3, 1, 2));
	TCHECK(nonempty(q) && firstid(q) == 3 && lastid(q) == 2);
	TCHECK(dequeue(q) == 3);
	TCHECK(enqueue(7, q) == 7);
	TCHECK(dequeue(q) == 1 && dequeue(q) == 2 && dequeue(q) == 7);
	TCHECK(dequeue(q) == EMPTY && isempty(q));
	tend();
}

/* insert keeps keys in descending order */
local	void	insert_by_priority(void)
{
	qid16	q = newqueue();

	tbegin("insert_by_priority");
	TCHECK(insert(1, q, 10) == OK);
	TCHECK(insert(2, q, 30) == OK);
	TCHECK(insert(3, q, 20) == OK);
	TCHECK(insert(4, q, -5) == OK);
	TCHECK(insert(5, q, 100) == OK);
	TCHECK(order(q, 5, 5, 2, 3, 1, 4));
	TCHECK(keys(q, 5, 100, 30, 20, 10, -5));
	TCHECK(firstkey(q) == 100 && lastkey(q) == -5);
	TCHECK(getfirst(q) == 5 && getlast(q) == 4);
	TCHECK(order(q, 3, 2, 3, 1));
	tend();
}

/* Equal keys stay in arrival order (round robin on the ready list) */
local	void	insert_equal_keys(void)
{
	qid16	q = newqueue();

	tbegin("insert_equal_keys");
	TCHECK(insert(1, q, 20) == OK);
	TCHECK(insert(2, q, 20) == OK);
	TCHECK(insert(3, q, 30) == OK);
	TCHECK(insert(4, q, 20) == OK);
	TCHECK(insert(5, q, 10) == OK);
	TCHECK(insert(6, q, 30) == OK);
	TCHECK(order(q, 6, 3, 6, 1, 2, 4, 5));
	TCHECK(dequeue(q) == 3);
	TCHECK(insert(3, q, 30) == OK);		/* to the back of its key */
	TCHECK(order(q, 6, 6, 3, 1, 2, 4, 5));
	tend();
}

/* insertd keeps a delta list: each key is the delay after the entry
 * before, and the entry after a new one gives up the new one's delay */
local	void	insertd_deltas(void)
{
	qid16	q = newqueue();

	tbegin("insertd_deltas");
	TCHECK(insertd(1, q, 50) == OK);
	TCHECK(insertd(2, q, 10) == OK);
	TCHECK(insertd(3, q, 40) == OK);
	TCHECK(insertd(4, q, 20) == OK);
	TCHECK(insertd(5, q, 30) == OK);
	TCHECK(order(q, 5, 2, 4, 5, 3, 1));
	TCHECK(keys(q, 5, 10, 10, 10, 10, 10));
	TCHECK(insertd(6, q, 15) == OK);	/* between 10 and 20	*/
	TCHECK(order(q, 6, 2, 6, 4, 5, 3, 1));
	TCHECK(keys(q, 6, 10, 5, 5, 10, 10, 10));
	TCHECK(insertd(7, q, 100) == OK);	/* after all		*/
	TCHECK(lastid(q) == 7 && lastkey(q) == 50);
	TCHECK(insertd(8, q, 0) == OK);		/* before all		*/
	TCHECK(firstid(q) == 8 && keys(q, 2, 0, 10));
	tend();
}

/* Equal delays wake in the order they were inserted */
local	void	insertd_equal_delays(void)
{
	qid16	q = newqueue();

	tbegin("insertd_equal_delays");
	TCHECK(insertd(1, q, 20) == OK);
	TCHECK(insertd(2, q, 20) == OK);
	TCHECK(insertd(3, q, 5) == OK);
	TCHECK(insertd(4, q, 20) == OK);
	TCHECK(order(q, 4, 3, 1, 2, 4));
	TCHECK(keys(q, 4, 5, 15, 0, 0));
	tend();
}

/* getitem takes a process out of the middle, the front or the back,
 * and the queue stays linked both ways */
local	void	getitem_anywhere(void)
{
	qid16	q = newqueue();

	tbegin("getitem_anywhere");
	enqueue(1, q);
	enqueue(2, q);
	enqueue(3, q);
	enqueue(4, q);
	TCHECK(getitem(2) == 2);
	TCHECK(order(q, 3, 1, 3, 4));
	TCHECK(getitem(1) == 1);
	TCHECK(order(q, 2, 3, 4));
	TCHECK(getitem(4) == 4);
	TCHECK(order(q, 1, 3));
	TCHECK(getitem(3) == 3);
	TCHECK(order(q, 0) && isempty(q));
	tend();
}

/* Queues share queuetab but not their entries */
local	void	queues_apart(void)
{
	qid16	a = newqueue(), b = newqueue();

	tbegin("queues_apart");
	TCHECK(a != b && a != SYSERR && b != SYSERR);
	insert(1, a, 10);
	insertd(2, b, 10);
	insert(3, a, 5);
	insertd(4, b, 5);
	TCHECK(order(a, 2, 1, 3) && order(b, 2, 4, 2));
	TCHECK(dequeue(b) == 4);
	TCHECK(order(a, 2, 1, 3) && order(b, 1, 2));
	tend();
}

/* Bad queue IDs and process IDs are refused, leaving queues alone */
local	void	queue_bad_args(void)
{
	qid16	q = newqueue();

	tbegin("queue_bad_args");
	enqueue(1, q);
	TCHECK(enqueue(2, NPROC - 1) == SYSERR);	/* not a queue	*/
	TCHECK(enqueue(2, NQENT) == SYSERR);
	TCHECK(enqueue(2, -1) == SYSERR);
	TCHECK(enqueue(NUSED + 1, q) == SYSERR);	/* free entry	*/
	TCHECK(enqueue(-1, q) == SYSERR);
	TCHECK(enqueue(NPROC, q) == SYSERR);
	TCHECK(insert(NUSED + 1, q, 1) == SYSERR);
	TCHECK(insert(2, NQENT, 1) == SYSERR);
	TCHECK(insertd(NUSED + 1, q, 1) == SYSERR);
	TCHECK(insertd(2, 0, 1) == SYSERR);
	TCHECK(dequeue(NQENT) == SYSERR);
	TCHECK(order(q, 1, 1));
	tend();
}

/* newqueue runs out of entries after the last pair, and says so */
local	void	newqueue_runs_out(void)
{
	int32	n = 0;
	qid16	q;

	tbegin("newqueue_runs_out");
	while ((q = newqueue()) != SYSERR && n < NQENT) {
		TCHECK(!isbadqid(q) && isempty(q));
		n++;
	}
	TCHECK(q == SYSERR);
	tend();
}

/*------------------------------------------------------------------------
 *  main  -  Run every case
 *------------------------------------------------------------------------
 */
int32	main(void)
{
	pid32	pid;

	for (pid = 1; pid <= NUSED; pid++) {
		proctab[pid].prstate = PR_READY;
	}
	queue_empty();
	queue_fifo();
	insert_by_priority();
	insert_equal_keys();
	insertd_deltas();
	insertd_equal_delays();
	getitem_anywhere();
	queues_apart();
	queue_bad_args();
	newqueue_runs_out();		/* last: uses up queuetab	*/
	return tdone();
}
