/* process.h - the process table and process states */

#ifndef _PROCESS_H_
#define _PROCESS_H_

#ifndef	NPROC
#define	NPROC		100
#endif

/* Process state constants */
#define	PR_FREE		0	/* process table entry is unused	*/
#define	PR_CURR		1	/* process is currently running		*/
#define	PR_READY	2	/* process is on the ready queue	*/
#define	PR_RECV		3	/* process is waiting for a message	*/
#define	PR_SLEEP	4	/* process is sleeping			*/
#define	PR_SUSP		5	/* process is suspended			*/
#define	PR_WAIT		6	/* process is on a semaphore queue	*/
#define	PR_RECTIM	7	/* process is receiving with a timeout	*/
#define	PR_VMWAIT	8	/* process waits for the VM system proc. */

/* Miscellaneous process definitions */
#define	PNMLEN		16	/* length of a process name		*/
#define	NULLPROC	0	/* ID of the null process		*/
#define	NDESC		3	/* device descriptors per process	*/
#define	STKSLACK	256	/* bytes of stack left above a new	*/
				/* process's first frame: a printf	*/
				/* wrapper built on __builtin_apply	*/
				/* reads a block above its own frame	*/
#define	MINSTK		(400 + STKSLACK)	/* smallest stack a process */
					/* gets: Xinu's 400 bytes + slack */

#define	MAXARGS		32	/* most arguments create accepts	*/
#define	STACKMAGIC	0x0A0AAAA9	/* marks the lowest stack word	*/

/* The lowest word of a process's stack, which holds STACKMAGIC as in
 * Xinu, for programs and debuggers that look; the kernel checks nothing
 * there: the guard page below every stack catches an overrun */
#define	stklimit(prptr)	((uint32 *)((prptr)->prstkbase - (prptr)->prstklen \
				+ sizeof(uint32)))

#define	isbadpid(x)	( ((pid32)(x) < 0) || \
			  ((pid32)(x) >= NPROC) || \
			  (proctab[(x)].prstate == PR_FREE))

/* Process table entry */
struct	procent {
	uint16	prstate;	/* PR_FREE, PR_CURR, ...		*/
	pri16	prprio;		/* process priority			*/
	char	*prstkptr;	/* saved stack pointer			*/
	char	*prstkbase;	/* highest address of the stack		*/
	uint32	prstklen;	/* stack length in bytes		*/
	char	prname[PNMLEN];	/* process name				*/
	sid32	prsem;		/* semaphore it waits on, if PR_WAIT	*/
	pid32	prparent;	/* process that created it		*/
	umsg32	prmsg;		/* message sent to this process		*/
	bool8	prhasmsg;	/* nonzero iff prmsg is valid		*/
	int16	prdesc[NDESC];	/* device descriptors			*/
	uint32	prpdbr;		/* physical address of its page dir.	*/
	struct	vmproc *prvm;	/* its VM state (vcreate'd only)	*/
	uint16	prflags;	/* PRF_DAEMON, PRF_NOKILL		*/
};

/* Process flags (prflags), set by whoever starts a system daemon */
#define	PRF_DAEMON	0x0001	/* a system daemon, not a user process:	*/
				/* the system halts without waiting	*/
				/* for it (vmm, netin)			*/
#define	PRF_NOKILL	0x0002	/* kill refuses it (vmm)		*/
#define	PRF_SWAPIO	0x0004	/* in the disk swap backend's I/O: it	*/
				/* may use DISK0's swap blocks		*/
#define	PRF_INFAULT	0x0008	/* in the page-fault handler, which had	*/
				/* FAULT_STKNEED bytes of stack to run	*/

extern	struct	procent proctab[];
extern	int32	prcount;	/* processes that are not free		*/
extern	pid32	currpid;	/* the running process			*/

#endif
