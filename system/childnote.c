/* childnote.c - childdone, takemsg, dropnotes */

#include <xinu.h>

/*
 * When a process ends its parent is sent the child's pid, and Xinu
 * programs wait for children with one receive() each.  A plain send
 * would lose the note when the parent's one message slot is full (two
 * children ending before the parent runs), so notes that do not fit are
 * kept here, oldest first, and moved into the slot as it empties.
 * recvclr() empties the slot and drops them all: a program calls it to
 * start from a clean mailbox.
 */

struct	childnote {
	pid32	parent;		/* who is told, or 0 if entry is free	*/
	pid32	child;		/* who ended				*/
	uint32	seq;		/* order in which the notes were made	*/
};

local	struct	childnote notes[NPROC];
local	uint32	noteseq;

/*------------------------------------------------------------------------
 *  childdone  -  Tell 'parent' that 'child' has ended (interrupts off)
 *------------------------------------------------------------------------
 */
void	childdone(pid32 parent, pid32 child)
{
	int32	i;

	if (isbadpid(parent) || send(parent, child) == OK ||
	    parent == NULLPROC) {
		return;
	}
	for (i = 0; i < NPROC; i++) {
		if (notes[i].parent <= 0) {
			notes[i].parent = parent;
			notes[i].child = child;
			notes[i].seq = ++noteseq;
			return;
		}
	}
}

/*------------------------------------------------------------------------
 *  takemsg  -  Empty a process's message slot, refill it from its oldest
 *		kept note, and return the message (interrupts off)
 *------------------------------------------------------------------------
 */
umsg32	takemsg(pid32 pid)
{
	struct	procent	*prptr = &proctab[pid];
	umsg32	msg = prptr->prmsg;
	int32	i, oldest = -1;

	prptr->prhasmsg = FALSE;
	for (i = 0; i < NPROC; i++) {
		if (notes[i].parent == pid && (oldest < 0 ||
		    notes[i].seq < notes[oldest].seq)) {
			oldest = i;
		}
	}
	if (oldest >= 0) {
		prptr->prmsg = notes[oldest].child;
		prptr->prhasmsg = TRUE;
		notes[oldest].parent = 0;
	}
	return msg;
}

/*------------------------------------------------------------------------
 *  dropnotes  -  Forget the notes kept for a process (it ends, or it
 *		  clears its mailbox) (interrupts off)
 *------------------------------------------------------------------------
 */
void	dropnotes(pid32 pid)
{
	int32	i;

	for (i = 0; i < NPROC; i++) {
		if (notes[i].parent == pid) {
			notes[i].parent = 0;
		}
	}
}
