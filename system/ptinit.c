/* ptinit.c - ptinit */

#include <xinu.h>

struct	ptnode	*ptfree;		/* free message nodes		*/
struct	ptentry	porttab[NPORTS];
int32	ptnextid;			/* next port entry to try	*/

/*------------------------------------------------------------------------
 *  ptinit  -  Initialize the port table and the pool of 'maxmsgs'
 *	       message nodes shared by all ports
 *------------------------------------------------------------------------
 */
syscall	ptinit(
	  int32		maxmsgs		/* nodes in the shared pool	*/
	)
{
	int32	i;
	struct	ptnode	*node;

	node = (struct ptnode *)getmem(maxmsgs * sizeof(struct ptnode));
	if (node == (struct ptnode *)SYSERR) {
		panic("ptinit: no memory for the message pool");
	}
	for (i = 0; i < NPORTS; i++) {
		porttab[i].ptstate = PT_FREE;
		porttab[i].ptseq = 0;
	}
	ptnextid = 0;
	ptfree = NULL;
	for (i = 0; i < maxmsgs; i++) {
		node[i].ptnext = ptfree;
		ptfree = &node[i];
	}
	return OK;
}
