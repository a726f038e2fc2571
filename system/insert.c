/* insert.c - insert */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  insert  -  Insert a process into a queue in descending key order,
 *	       after the entries with an equal key (round-robin order)
 *------------------------------------------------------------------------
 */
status	insert(
	  pid32		pid,		/* process to insert		*/
	  qid16		q,		/* queue to use			*/
	  int32		key		/* key for the inserted process	*/
	)
{
	qid16	curr, prev;

	if (isbadqid(q) || isbadpid(pid)) {
		return SYSERR;
	}
	curr = firstid(q);
	while (curr != queuetail(q) && queuetab[curr].qkey >= key) {
		curr = queuetab[curr].qnext;
	}
	prev = queuetab[curr].qprev;
	queuetab[pid].qnext = curr;
	queuetab[pid].qprev = prev;
	queuetab[pid].qkey = key;
	queuetab[prev].qnext = pid;
	queuetab[curr].qprev = pid;
	return OK;
}
