/* insertd.c - insertd */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  insertd  -  Insert a process into a delta list: each key holds the
 *		time after the previous entry's
 *------------------------------------------------------------------------
 */
status	insertd(
	  pid32		pid,		/* process to insert		*/
	  qid16		q,		/* delta list to use		*/
	  int32		key		/* delay from now		*/
	)
{
	qid16	curr, prev;

	if (isbadqid(q) || isbadpid(pid)) {
		return SYSERR;
	}
	prev = queuehead(q);
	curr = queuetab[prev].qnext;
	while (curr != queuetail(q) && queuetab[curr].qkey <= key) {
		key -= queuetab[curr].qkey;
		prev = curr;
		curr = queuetab[curr].qnext;
	}
	queuetab[pid].qnext = curr;
	queuetab[pid].qprev = prev;
	queuetab[pid].qkey = key;
	queuetab[prev].qnext = pid;
	queuetab[curr].qprev = pid;
	if (curr != queuetail(q)) {
		queuetab[curr].qkey -= key;
	}
	return OK;
}
