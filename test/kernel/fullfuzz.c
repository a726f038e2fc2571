/* fullfuzz.c - a fuzzer of shared pages with memory full */

#include <xinu.h>
#include <vm.h>
#include <vmtable.h>
#include "vmtest.h"

/*
 * sharefuzz.c's model of who sees what, in memory that is always full:
 * up to NW workers (vcreate'd, clones, clones of clones) each hold a
 * block of NH heap pages and may map store 2 (NS pages), NW * NH + NS
 * pages against vm.ffs + vm.swap = 12.  So a swapped page comes in by
 * the exchange (a heap page, a page shared since a clone, a store's),
 * and a new page (a first touch, a copy-on-write copy) dies with
 * OUT_OF_MEMORY.  The rules checked, vm_audit() after every step:
 *  - every word a live worker reads is the model's (a clone sees its
 *    parent's data as of the clone; every mapper sees every store write);
 *  - a worker dies only of the fuzzer's kill or of OUT_OF_MEMORY (every
 *    "P<pid>:: why" line is read back through kcapture), and of
 *    OUT_OF_MEMORY only when, right before the touch that died, the
 *    frames and slots held F + S distinct pages (a frame keeping its
 *    slot counts once; the driver and the other workers are blocked
 *    meanwhile, but for a concurrent check that only reads pages that
 *    exist, which changes no count);
 *  - at the end, every worker gone and the store released, every frame
 *    and every slot is free.
 * Some kills come in the middle of a command (the driver sleeps 0-2 ms
 * and kills the worker wherever it is: in a fault, in a disk exchange's
 * write or read), half of them while another worker checks its pages
 * at the same time; with disk swap, others are waited for in a fault's
 * disk write or read (the driver drops below every worker and polls).
 * The steps come from one seed (ffseed=N; fftrace=1 prints every
 * command and the frames after each step); the run must reach a
 * minimum of swap-ins with memory full, OUT_OF_MEMORY deaths and, on
 * disk, exchanges and kills in a fault's transfer.
 *
 * Every case maps the store (ffstores=0 leaves it out).  It found a
 * store's page never written, brought in by a disk exchange with no
 * read, joining its own frame twice (bsoom_zeroed_page_disk).
 */

#define	NW		6		/* workers at most		*/
#define	NH		4		/* heap pages of each		*/
#define	NS		3		/* store pages			*/
#define	STORE		2		/* the store's number		*/
#define	SVP		(VHEAP_FIRST + 64)	/* where it goes	*/
#define	LASTW		(PAGE_SIZE - 4)	/* offset of a page's last word	*/

enum	{ F_WRITE = 1, F_CHECK, F_REFILL, F_MAP, F_UNMAP, F_CLONE };

struct	fw	{
	pid32	pid;			/* SYSERR: no worker here	*/
	sid32	go;
	int32	gen;			/* 0 vcreate'd, else parent's + 1 */
	volatile bool8	busy;		/* a command under way		*/
	bool8	mapped;			/* the store mapped at SVP	*/
	int32	op, arg;		/* its command			*/
	uint32	val;
	volatile int32	pre;		/* distinct pages before its	*/
					/* last touch			*/
	bool8	swapped;		/* that page was in swap	*/
	uint32	fresh;			/* bit i: page i unwritten since */
					/* it was inherited		*/
	uint32	heap[NH];		/* what its block's words hold	*/
};

/* What a run reached */
struct	fcount	{
	int32	steps, clones, deepclones, clonefails, mapfails;
	int32	kills, midkills, infault, inxchg, whileother;
	int32	fullins;		/* swap-ins with memory full	*/
	int32	iokills;		/* kills waited for in a disk I/O */
	int32	iotries;		/* of those, tried (fw_iokill)	*/
	int32	ooms, oomsfull;		/* OUT_OF_MEMORY deaths; of them */
					/* after a touch that found it full */
};

local	struct	fw	fws[NW];
local	struct	fcount	fc;
local	uint32	fstore[NS];		/* what the store's pages hold	*/
local	char	*fblock;		/* every worker's block		*/
local	int32	fhot[2];		/* the last clone's parent, clone */
local	int32	fnew;			/* the clone's entry		*/
local	pri16	fprio;			/* the clone's priority		*/
local	volatile int32	fbad;		/* words seen wrong, calls failed */
local	int32	ffull;			/* F + S			*/
local	char	fcap[1024];		/* the console since the step began */
local	bool8	fstores;		/* workers map the store	*/
local	bool8	ftrace;			/* fftrace=1: print each command */
local	int32	fkpre;			/* the distinct pages before the */
					/* last touch of a worker killed */
					/* during a concurrent check, or -1 */

/*------------------------------------------------------------------------
 *  ff_distinct  -  The distinct pages the frames and slots hold now: a
 *		    frame in use and a slot in use each hold one, but a
 *		    frame keeping its slot holds the slot's page
 *------------------------------------------------------------------------
 */
local	int32	ff_distinct(void)
{
	intmask	mask;
	uint32	f;
	int32	n;

	mask = disable();
	n = ffs_limit - free_ffs_pages() + swap_used();
	for (f = 0; f < ffs_limit; f++) {
		n -= frame_inuse(f) && ffstab[f].slot != NOSLOT;
	}
	restore(mask);
	return n;
}

/*------------------------------------------------------------------------
 *  fw_page  -  The address of page i of a worker's view: its block
 *		(i < NH) or the store
 *------------------------------------------------------------------------
 */
local	char	*fw_page(int32 i)
{
	return i < NH ? PAGE(fblock, i) : (char *)((SVP + i - NH) << PAGE_SHIFT);
}

local	void	ff_dump(void)
{
	uint32	f;
	int32	i, k;
	pte_t	*pte;

	for (f = 0; f < ffs_limit; f++) {
		kprintf("  f%d own %d vpn 0x%x slot %d nmap %d bsp %d io %d\n", f,
			ffstab[f].owner, ffstab[f].vpn, ffstab[f].slot,
			ffstab[f].nmap, ffstab[f].bspage, ffstab[f].io);
	}
	for (i = 0; i < NS; i++) {
		kprintf("  bs%d slot %d frame %d\n", i, bstab[STORE].slot[i],
			bstab[STORE].frame[i]);
	}
	for (k = 0; k < NW; k++) {
		if (fws[k].pid == SYSERR) {
			continue;
		}
		kprintf("  w%d P%d:", k, fws[k].pid);
		for (i = 0; i < NH + NS; i++) {
			pte = pte_lookup((pde_t *)proctab[fws[k].pid].prpdbr,
					 (uint32)fw_page(i));
			kprintf(" %x", pte == NULL ? 0 : *pte);
		}
		kprintf("\n");
	}
}

/*------------------------------------------------------------------------
 *  fw_read, fw_write  -  Read page i of worker 'w''s view (word 0, and
 *			  the last word, which holds its complement, or 0
 *			  when never written), or write 'val' there; note
 *			  the distinct pages first, and count a page that
 *			  came in from swap with every frame and slot full
 *			  (an exchange: with RAM swap vmtotal does not
 *			  count those)
 *------------------------------------------------------------------------
 */
local	void	fw_pre(struct fw *w, int32 i)
{
	pte_t	*pte;
	intmask	mask;

	mask = disable();
	w->pre = ff_distinct();
	pte = pte_lookup((pde_t *)proctab[currpid].prpdbr, (uint32)fw_page(i));
	w->swapped = pte != NULL && (*pte & (PTE_P | PTE_IS_SWAPPED)) ==
		     PTE_IS_SWAPPED;
	restore(mask);
}

local	void	fw_post(struct fw *w)
{
	fc.fullins += w->swapped && w->pre >= ffull;
}

local	uint32	fw_read(struct fw *w, int32 i)
{
	uint32	v, last;

	fw_pre(w, i);
	v = vm_read(fw_page(i));
	fw_post(w);
	last = vm_read(fw_page(i) + LASTW);
	fbad += last != ~v && (v != 0 || last != 0);	/* 0, 0: unwritten */
	return v;
}

local	void	fw_write(struct fw *w, int32 i, uint32 val)
{
	fw_pre(w, i);
	vm_write(fw_page(i), val);
	fw_post(w);
	vm_write(fw_page(i) + LASTW, ~val);
}

/*------------------------------------------------------------------------
 *  fw_do  -  Carry out worker 'k''s command
 *------------------------------------------------------------------------
 */
local	void	fw_do(int32 k, process (*self)(int32, bool8))
{
	struct	fw	*w = &fws[k];
	int32	i;

	switch (w->op) {
	case F_WRITE:
		fw_write(w, w->arg, w->val);
		break;
	case F_CHECK:			/* arg 1: written pages only */
		for (i = 0; i < NH; i++) {
			if (w->arg == 0 || w->heap[i] != 0) {
				fbad += fw_read(w, i) != w->heap[i];
			}
		}
		for (i = 0; w->mapped && i < NS; i++) {
			fbad += fw_read(w, NH + i) != fstore[i];
		}
		break;
	case F_REFILL:
		fbad += vfree(fblock, NH * PAGE_SIZE) != OK;
		fbad += vmalloc(NH * PAGE_SIZE) != fblock;
		break;
	case F_MAP:
		w->mapped = xmmap(SVP, STORE, NS) == OK;
		break;
	case F_UNMAP:
		fbad += xmunmap(SVP) != OK;
		break;
	case F_CLONE:
		fws[fnew].pid = vclone(self, 8192, fprio, "fw", 2, fnew,
				       FALSE);
		break;
	}
}

/*------------------------------------------------------------------------
 *  fworker  -  Worker 'k': reserve its block (unless a clone), then carry
 *		out commands forever
 *------------------------------------------------------------------------
 */
local	process	fworker(int32 k, bool8 first)
{
	if (first) {
		fbad += vmalloc(NH * PAGE_SIZE) != fblock;
		fws[k].busy = FALSE;
	}
	for (;;) {
		wait(fws[k].go);
		fw_do(k, fworker);
		fws[k].busy = FALSE;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  fw_prio  -  A random priority around the driver's (INITPRIO)
 *------------------------------------------------------------------------
 */
local	pri16	fw_prio(void)
{
	return INITPRIO - 2 + rand() % 5;
}

/*------------------------------------------------------------------------
 *  fw_gone  -  Forget worker 'k' (killed or dead)
 *------------------------------------------------------------------------
 */
local	void	fw_gone(int32 k)
{
	semdelete(fws[k].go);
	fws[k].pid = SYSERR;
	fws[k].busy = FALSE;
}

/*------------------------------------------------------------------------
 *  fw_deaths  -  Read the console since the step began: every line
 *		  "P<pid>:: why" must be a worker's OUT_OF_MEMORY after a
 *		  touch that found F + S distinct pages; forget those
 *		  workers.  Then every worker left must be alive
 *------------------------------------------------------------------------
 */
local	void	fw_deaths(void)
{
	char	*p = fcap;
	pid32	pid;
	int32	k;
	bool8	oom;

	while ((p = strstr(p, ":: ")) != NULL) {
		oom = strncmp(p + 3, "OUT_OF_MEMORY\n", 14) == 0;
		while (p > fcap && p[-1] >= '0' && p[-1] <= '9') {
			p--;
		}
		pid = atoi(p);
		for (k = 0; k < NW && fws[k].pid != pid; k++) {
			;
		}
		CHECK(p > fcap && p[-1] == 'P' && oom && k < NW);
		if (k < NW) {
			kprintf("fullfuzz: P%d (worker %d) OUT_OF_MEMORY "
				"with %d distinct pages\n", pid, k,
				fws[k].pre);
			CHECK(fws[k].pre >= ffull || fkpre + 1 >= ffull);
			fc.ooms++;
			fc.oomsfull += fws[k].pre >= ffull;
			fw_gone(k);
		}
		p = strstr(p, ":: ") + 3;
	}
	for (k = 0; k < NW; k++) {
		CHECK(fws[k].pid == SYSERR ||
		      proctab[fws[k].pid].prstate != PR_FREE);
	}
	kcapture(fcap, sizeof(fcap));
}

/*------------------------------------------------------------------------
 *  fw_wait  -  Wait until worker 'k''s command ended or it died; TRUE
 *		when it ended
 *------------------------------------------------------------------------
 */
local	bool8	fw_wait(int32 k)
{
	while (fws[k].busy && proctab[fws[k].pid].prstate != PR_FREE) {
		sleepms(1);
	}
	return !fws[k].busy;
}

/*------------------------------------------------------------------------
 *  fw_start  -  Start command 'op' on worker 'k'
 *------------------------------------------------------------------------
 */
local	void	fw_start(int32 k, int32 op, int32 arg, uint32 val)
{
	struct	fw	*w = &fws[k];

	w->op = op;
	w->arg = arg;
	w->val = val;
	w->pre = 0;
	w->busy = TRUE;
	if (ftrace) {
		kprintf("ff %d: w%d P%d op %d arg %d\n", fc.steps, k, w->pid,
			op, arg);
	}
	signal(w->go);
}

/*------------------------------------------------------------------------
 *  fw_pick  -  The command for worker 'w' (F_CLONE needs a free entry)
 *------------------------------------------------------------------------
 */
local	int32	fw_pick(struct fw *w, bool8 canclone)
{
	int32	r = rand() % 32;

	if (r < 14) {
		return F_WRITE;
	}
	if (r < 21) {
		return F_CHECK;
	}
	if (r < 22) {
		return VHEAP_NEXTFIT ? F_CHECK : F_REFILL;
	}
	if (r < 25 && fstores) {
		return w->mapped ? F_UNMAP : F_MAP;
	}
	return canclone ? F_CLONE : F_WRITE;
}

/*------------------------------------------------------------------------
 *  fw_target  -  The page a write of worker 'w' goes to: a store page a
 *		  quarter of the time when mapped, else a block page,
 *		  mostly one it still shares since a clone
 *------------------------------------------------------------------------
 */
local	int32	fw_target(struct fw *w)
{
	int32	i = rand() % NH, j;

	if (w->mapped && rand() % 4 == 0) {
		return NH + rand() % NS;
	}
	for (j = 0; j < NH && rand() % 4 != 0; j++) {
		if (w->fresh & (1U << ((i + j) % NH))) {
			return (i + j) % NH;
		}
	}
	return i;
}

/*------------------------------------------------------------------------
 *  fw_model  -  Worker 'k' carried out its command: the model follows
 *------------------------------------------------------------------------
 */
local	void	fw_model(int32 k)
{
	struct	fw	*w = &fws[k], *c = &fws[fnew];

	switch (w->op) {
	case F_WRITE:
		if (w->arg < NH) {
			w->heap[w->arg] = w->val;
			w->fresh &= ~(1U << w->arg);
		} else {
			fstore[w->arg - NH] = w->val;
		}
		break;
	case F_REFILL:
		memset(w->heap, 0, sizeof(w->heap));
		w->fresh = 0;
		break;
	case F_MAP:
		fc.mapfails += !w->mapped;
		break;
	case F_UNMAP:
		w->mapped = FALSE;
		break;
	case F_CLONE:
		if (c->pid == SYSERR) {		/* no room for the copy	*/
			semdelete(c->go);
			fc.clonefails++;
			break;
		}
		memcpy(c->heap, w->heap, sizeof(w->heap));
		c->mapped = w->mapped;
		c->gen = w->gen + 1;
		c->busy = FALSE;
		w->fresh = c->fresh = (1U << NH) - 1;
		fc.clones++;
		fc.deepclones += c->gen >= 2;
		fhot[0] = k;
		fhot[1] = fnew;
		resume(c->pid);
		break;
	}
}

/*------------------------------------------------------------------------
 *  fw_step  -  One random command of worker 'k' ('free': an entry for a
 *		clone, or -1), in the model too unless it died
 *------------------------------------------------------------------------
 */
local	void	fw_step(int32 k, int32 free)
{
	struct	fw	*w = &fws[k];
	int32	op = fw_pick(w, free >= 0);

	fnew = free;
	fprio = fw_prio();
	if (op == F_CLONE) {
		fws[free].go = semcreate(0);
		fws[free].pid = SYSERR;
	}
	fw_start(k, op, op == F_CHECK ? rand() % 4 != 0 : fw_target(w),
		 (uint32)rand());
	if (fw_wait(k)) {
		fw_model(k);
	} else if (op == F_CLONE) {
		semdelete(fws[free].go);	/* (it died: not cloning) */
	}
}

/*------------------------------------------------------------------------
 *  fw_kill  -  Kill worker 'k' (unless it died already); 'other': a
 *		worker checking at the same time, or -1
 *------------------------------------------------------------------------
 */
local	void	fw_kill(int32 k, int32 other)
{
	struct	procent	*prptr = &proctab[fws[k].pid];
	bool8	infault;
	intmask	mask;

	mask = disable();			/* (it may run first)	*/
	if (prptr->prstate == PR_FREE) {
		restore(mask);
		return;				/* OUT_OF_MEMORY: fw_deaths */
	}
	infault = (prptr->prflags & PRF_INFAULT) != 0;
	fc.infault += infault;
	fc.inxchg += infault && xchg_slot != NOSLOT;
	fc.whileother += other >= 0 && fws[other].pid != SYSERR &&
			 (proctab[fws[other].pid].prflags & PRF_INFAULT);
	if (ftrace) {
		kprintf("ff %d: kill w%d P%d%s\n", fc.steps, k, fws[k].pid,
			infault ? " in a fault" : "");
	}
	CHECK(kill(fws[k].pid) == OK);
	restore(mask);
	fw_gone(k);
	fc.kills++;
}

/*------------------------------------------------------------------------
 *  fw_midkill  -  Start a command on worker 'k' that changes only its
 *		   own pages (and, half the time, a check on another
 *		   worker), let it run a while (or not), and kill it
 *------------------------------------------------------------------------
 */
local	void	fw_midkill(int32 k)
{
	int32	r = rand() % 4, j = rand() % NW;

	if (j == k || fws[j].pid == SYSERR || rand() % 2 == 0) {
		j = -1;
	}
	r = r == 0 ? F_CHECK : r == 1 ? F_WRITE :
	    r == 2 && !VHEAP_NEXTFIT ? F_REFILL :
	    fws[k].mapped ? F_UNMAP : fstores ? F_MAP : F_CHECK;
	fw_start(k, r, rand() % NH, (uint32)rand());
	if (j >= 0) {
		fw_start(j, F_CHECK, 1, 0);
	}
	sleepms(rand() % 3);			/* 0: a yield		*/
	fkpre = fws[k].pre;
	fw_kill(k, j);
	fc.midkills++;
	if (j >= 0) {
		fw_wait(j);
	}
}

/*------------------------------------------------------------------------
 *  fw_inio  -  Is worker 'k' blocked in a fault's disk write (FIO_WRITE)
 *		or read (FIO_READ) of its own?
 *------------------------------------------------------------------------
 */
local	bool8	fw_inio(int32 k, byte io)
{
	uint32	f;

	for (f = 0; f < ffs_limit; f++) {
		if (ffstab[f].io == io && ffstab[f].iopid == fws[k].pid &&
		    (proctab[fws[k].pid].prflags & PRF_INFAULT)) {
			return TRUE;
		}
	}
	return FALSE;
}

/*------------------------------------------------------------------------
 *  fw_iokill  -  Disk swap: start a command on worker 'k' that changes
 *		  only its own pages, with the driver below every worker,
 *		  so that it runs only while they block; kill 'k' in the
 *		  first disk write or read (half the time each) of a
 *		  fault of its own (with 'xchg', only one of a disk
 *		  exchange), or when the command ends
 *------------------------------------------------------------------------
 */
local	void	fw_iokill(int32 k, bool8 xchg)
{
	byte	io = rand() % 2 == 0 ? FIO_WRITE : FIO_READ;
	pri16	prio;
	bool8	found = FALSE;

	fw_start(k, rand() % 4 != 0 ? F_CHECK : F_WRITE, 0, (uint32)rand());
	prio = chprio(getpid(), INITPRIO - 3);
	while (fws[k].busy && proctab[fws[k].pid].prstate != PR_FREE &&
	       !(found = fw_inio(k, io) && (!xchg || xchg_slot != NOSLOT))) {
		;
	}
	fkpre = fws[k].pre;
	fc.iokills += found;
	fc.iotries++;
	fw_kill(k, -1);
	chprio(getpid(), prio);
	fc.midkills++;
}

/*------------------------------------------------------------------------
 *  fw_new  -  A new vcreate'd worker in entry 'k'
 *------------------------------------------------------------------------
 */
local	status	fw_new(int32 k)
{
	memset(&fws[k], 0, sizeof(fws[k]));
	fws[k].go = semcreate(0);
	fws[k].busy = TRUE;
	fws[k].pid = vcreate(fworker, 8192, fw_prio(), "fw", 2, k, TRUE);
	if (fws[k].pid == SYSERR) {
		return SYSERR;
	}
	resume(fws[k].pid);
	return fw_wait(k) ? OK : SYSERR;
}

/*------------------------------------------------------------------------
 *  fw_choose  -  The worker of the next step: after a clone, often its
 *		  parent or the clone, else any
 *------------------------------------------------------------------------
 */
local	int32	fw_choose(void)
{
	int32	k = fhot[rand() % 2];

	return rand() % 2 == 0 && fws[k].pid != SYSERR ? k : rand() % NW;
}

/*------------------------------------------------------------------------
 *  fw_free  -  A free entry for a clone of 'k', or -1
 *------------------------------------------------------------------------
 */
local	int32	fw_free(int32 k)
{
	int32	free;

	for (free = 0; free < NW && fws[free].pid != SYSERR; free++) {
		;
	}
	return free < NW && free != k ? free : -1;
}

/*------------------------------------------------------------------------
 *  fw_report  -  Print what the run reached since 't0' and check the
 *		  minimums of a run of 'steps' steps
 *------------------------------------------------------------------------
 */
local	void	fw_report(struct vmstats *t0, int32 steps)
{
	int32	xchgs = vmtotal.exchanges - t0->exchanges;

	kprintf("fullfuzz: %d steps, %d clones (%d of clones, %d refused), "
		"%d xmmaps refused\n", fc.steps, fc.clones, fc.deepclones,
		fc.clonefails, fc.mapfails);
	kprintf("fullfuzz: %d exchanges (%d swap-ins with memory full), "
		"%d OUT_OF_MEMORY (%d found full), %d copies, %d joins, "
		"%d swap-ins\n", xchgs, fc.fullins, fc.ooms, fc.oomsfull, vmtotal.cowcopies - t0->cowcopies,
		vmtotal.joins - t0->joins, vmtotal.swapins - t0->swapins);
	kprintf("fullfuzz: %d kills (%d with a command on: %d in a fault, "
		"%d in a disk exchange, %d while another faulted; %d "
		"waited for in a disk transfer)\n", fc.kills, fc.midkills,
		fc.infault, fc.inxchg, fc.whileother, fc.iokills);
	CHECK(fc.fullins >= steps / 40 && fc.ooms >= steps / 40);
	CHECK(!swapdev->blocks || xchgs >= steps / 60);
	CHECK(fc.deepclones >= steps / 100 && fc.midkills >= steps / 20);
	/* Where a kill lands (in a fault, in its disk transfer, in an
	 * exchange) depends on QEMU's timing: the counts are printed, and
	 * only the tries are required; xchgrmap.c kills in each wait of
	 * an exchange on purpose */
	CHECK(!swapdev->blocks || fc.iotries >= steps / 20);
}

/*------------------------------------------------------------------------
 *  fw_end  -  Kill the workers left, release the store, and check that
 *	       every frame and every slot is free
 *------------------------------------------------------------------------
 */
local	void	fw_end(struct vmsnap *s)
{
	int32	k;

	for (k = 0; k < NW; k++) {
		if (fws[k].pid != SYSERR) {
			fw_kill(k, -1);
		}
	}
	kcapture(NULL, 0);
	CHECK(release_bs(STORE) == OK);
	recvclr();
	for (k = 0; k < 5000 && frame_nio > 0; k++) {
		sleepms(1);			/* an orphan's write	*/
	}
	CHECK(frame_nio == 0 && vm_audit() == OK);
	CHECK(vmsnap_same(s) && free_ffs_pages() == ffs_limit &&
	      swap_used() == 0);
}

/*------------------------------------------------------------------------
 *  ff_seed  -  A case's seed, from its name
 *------------------------------------------------------------------------
 */
local	uint32	ff_seed(const char *name)
{
	uint32	h = 5381;

	while (*name != NULLCH) {
		h = h * 33 + (byte)*name++;
	}
	return h % 100000;
}

/*------------------------------------------------------------------------
 *  fullfuzz  -  'steps' steps from seed 'seed', each against the model,
 *		 vm_audit after each; then the minimums
 *------------------------------------------------------------------------
 */
local	status	fullfuzz(uint32 seed, int32 steps, bool8 stores)
{
	struct	vmsnap	s;
	struct	vmstats	t0 = vmtotal;
	int32	k, r, fails = test_failures;

	seed = bootarg_uint("ffseed", seed);
	steps = bootarg_uint("ffsteps", steps);
	kprintf("fullfuzz: seed %d (ffseed=%d repeats the steps)\n", seed,
		seed);
	vmsnap_take(&s);
	srand(seed);
	ffull = ffs_limit + swap_limit;
	ftrace = bootarg_uint("fftrace", 0) != 0;
	fstores = bootarg_uint("ffstores", stores) != 0;
	REQUIRE(get_bs(STORE, NS) == NS);
	memset(fstore, 0, sizeof(fstore));
	memset(&fc, 0, sizeof(fc));
	fbad = 0;
	fblock = (char *)VHEAP_START;
	fhot[0] = fhot[1] = 0;
	fkpre = -1;
	for (k = 0; k < NW; k++) {
		fws[k].pid = SYSERR;
	}
	kcapture(fcap, sizeof(fcap));
	for (fc.steps = 0; fc.steps < steps && fbad == 0; fc.steps++) {
		k = fw_choose();
		r = rand() % 40;
		if (fws[k].pid == SYSERR) {	/* a new worker there	*/
			REQUIRE(fw_new(k) == OK);
		} else if (r < 2) {
			fw_kill(k, -1);
		} else if (r < 6 && swapdev->blocks) {
			fw_iokill(k, fc.inxchg == 0 || rand() % 2 == 0);
		} else if (r < 8) {
			fw_midkill(k);
		} else {
			fw_step(k, fw_free(k));
		}
		fw_deaths();
		if (ftrace) {
			ff_dump();
		}
		fkpre = -1;
		recvclr();			/* the death notes	*/
		CHECK(vm_audit() == OK);
	}
	CHECK(fbad == 0);
	fw_report(&t0, steps);
	fw_end(&s);
	if ((int32)test_failures != fails) {
		kprintf("fullfuzz: FAILED with seed %d (ffseed=%d)\n", seed,
			seed);
	}
	return OK;
}

/* Two cases per policy of the table, e.g. fullfuzz_ram_clock and
 * fullfuzz_disk_clock (sealed, with the reserve block), each its own
 * seed */
#define	FF_BOOT		"vm.ffs=6 vm.swap=6 vm.seed=5 vm.policy="
#define	FULLFUZZ_CASES(name)						\
	TEST_BOOT(fullfuzz_ram_##name, FF_BOOT #name)			\
	{								\
		return fullfuzz(ff_seed("ram_" #name), 1500, TRUE);	\
	}								\
	TEST_BOOT(fullfuzz_disk_##name, "+disk vm.swapdev=disk "	\
		  FF_BOOT #name)					\
	{								\
		REQUIRE(swap_reserve() == (int32)swap_limit);		\
		return fullfuzz(ff_seed("disk_" #name), 1500, TRUE);	\
	}
VMPOLICY_TABLE(FULLFUZZ_CASES)

/* A small reverse-map pool (vm.rmap=4): clones and xmmaps are refused,
 * a fault that would join a frame evicts it, and an exchange whose
 * slot's holders find no entries is OUT_OF_MEMORY (still only full) */
TEST_BOOT(fullfuzz_rmap_ram, FF_BOOT "clock vm.rmap=4")
{
	return fullfuzz(ff_seed("rmap_ram"), 1500, TRUE);
}

TEST_BOOT(fullfuzz_rmap_disk, "+disk vm.swapdev=disk " FF_BOOT
	  "clock vm.rmap=4")
{
	return fullfuzz(ff_seed("rmap_disk"), 1500, TRUE);
}
