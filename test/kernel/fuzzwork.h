/* fuzzwork.h - the workers and the model shared by the fuzzers of shared
 *		pages (sharefuzz.c, fullfuzz.c) */

#ifndef _FUZZWORK_H_
#define _FUZZWORK_H_

#define	FW_NWMAX	8		/* workers at most, of any fuzzer */
#define	FW_NHMAX	6		/* heap pages of each, at most	*/
#define	FW_NSMAX	4		/* store pages, at most		*/

/* A worker's commands */
enum	{ F_WRITE = 1, F_CHECK, F_REFILL, F_MAP, F_UNMAP, F_CLONE };

/* A worker, and the model of what it sees */
struct	fw	{
	pid32	pid;			/* SYSERR: no worker here	*/
	sid32	go;
	int32	gen;			/* 0 vcreate'd, else parent's + 1 */
	volatile bool8	busy;		/* a command under way		*/
	bool8	mapped;			/* the store mapped at 'svp'	*/
	int32	op, arg;		/* its command (F_CHECK's arg 1: */
	uint32	val;			/* written pages only)		*/
	volatile int32	pre;		/* fullfuzz: distinct pages	*/
					/* before its last touch	*/
	bool8	swapped;		/* fullfuzz: that page was in swap */
	uint32	fresh;			/* bit i: block page i unwritten */
					/* since it was inherited	*/
	uint32	heap[FW_NHMAX];		/* what its block's pages hold	*/
};

/* A run: what the fuzzer sets before fw_begin, then the shared state */
struct	fwrun	{
	int32	nw, nh, ns;		/* workers, heap pages, store pages */
	bsd_t	store;			/* the store's number		*/
	uint32	svp;			/* the page where it is mapped	*/
	int32	writes;			/* fw_pick: writes in 32 commands */
	bool8	stores;			/* workers map the store	*/
	bool8	full;			/* memory full: a clone or an	*/
					/* xmmap may be refused		*/
	sid32	done;			/* signalled at each command's	*/
					/* end, or SYSERR: 'busy' polled */
	uint32	(*touch)(struct fw *, int32, bool8, uint32);
					/* write a page of the worker's	*/
					/* view, or read it		*/
	char	*block;			/* every worker's block		*/
	uint32	storeval[FW_NSMAX];	/* what the store's pages hold	*/
	int32	hot[2];			/* the last clone's parent, clone */
	int32	new;			/* the clone's entry		*/
	pri16	prio;			/* the clone's priority		*/
	volatile int32	bad;		/* words seen wrong, calls failed */
	int32	steps;			/* steps so far (fw_run)	*/
	int32	clones, deepclones;	/* deep: a clone's clone	*/
	int32	clonefails, mapfails;	/* refused (only when 'full')	*/
};

extern	struct	fw	fws[];		/* fuzzwork.c			*/
extern	struct	fwrun	fwr;

extern	status	fw_begin(void);
extern	char	*fw_page(int32);
extern	pri16	fw_prio(void);
extern	int32	fw_pick(struct fw *, bool8);
extern	int32	fw_target(struct fw *);
extern	int32	fw_choose(void);
extern	void	fw_start(int32, int32, int32, uint32);
extern	bool8	fw_wait(int32);
extern	void	fw_model(int32);
extern	status	fw_new(int32);
extern	status	fw_run(int32, void (*)(int32, int32), void (*)(void));
extern	void	fw_drain(struct vmsnap *);
extern	status	fw_verdict(const char *, const char *, uint32, int32);

#endif
