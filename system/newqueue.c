/* newqueue.c - newqueue */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  newqueue  -  Allocate and initialize an empty queue in queuetab
 *------------------------------------------------------------------------
 */
qid16	newqueue(void)
{
	static	qid16	nextqid = NPROC;	/* next free head entry	*/
	qid16	q;

	if (nextqid + 1 >= NQENT) {
		return SYSERR;
	}
	q = nextqid;
	nextqid += 2;
	queuetab[queuehead(q)].qnext = queuetail(q);
	queuetab[queuehead(q)].qprev = EMPTY;
	queuetab[queuehead(q)].qkey = MAXKEY;
	queuetab[queuetail(q)].qnext = EMPTY;
	queuetab[queuetail(q)].qprev = queuehead(q);
	queuetab[queuetail(q)].qkey = MINKEY;
	return q;
}
