/* ports.h - message ports: bounded queues of messages */

#ifndef _PORTS_H_
#define _PORTS_H_

#ifndef	NPORTS
#define	NPORTS		30
#endif
#define	PT_MSGS		100	/* messages in all ports together	*/

#define	PT_FREE		1	/* port table entry is unused		*/
#define	PT_LIMBO	2	/* port is being deleted or reset	*/
#define	PT_ALLOC	3	/* port is in use			*/

struct	ptnode	{		/* one message in a port		*/
	umsg32	ptmsg;
	struct	ptnode	*ptnext;
};

struct	ptentry	{
	sid32	ptssem;		/* sender semaphore: free slots		*/
	sid32	ptrsem;		/* receiver semaphore: messages		*/
	uint16	ptstate;	/* PT_FREE, PT_LIMBO or PT_ALLOC	*/
	uint16	ptmaxcnt;	/* most messages it may hold		*/
	int32	ptseq;		/* changes each time it is recreated	*/
	struct	ptnode	*pthead;
	struct	ptnode	*pttail;
};

extern	struct	ptnode	*ptfree;
extern	struct	ptentry	porttab[];
extern	int32	ptnextid;

/* ptdelete and ptreset empty a port through this (system/ptclear.c) */
extern	void	ptclear(struct ptentry *, uint16, void (*)(int32));

#define	isbadport(p)	((int32)(p) < 0 || (p) >= NPORTS)

#endif
