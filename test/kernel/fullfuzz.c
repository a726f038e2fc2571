/* fullfuzz.c - a fuzzer of shared pages with memory full */

#include <xinu.h>
#include <vm.h>
#include <vmtable.h>
#include "vmtest.h"
#include "fuzzwork.h"

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
 *
 * The workers, their commands and the model are fuzzwork.c's (shared
 * with sharefuzz.c); how a page is touched, the deaths and the driver
 * are here.
 */

#define	NW		6		/* workers at most		*/
#define	NH		4		/* heap pages of each		*/
#define	NS		3		/* store pages			*/
#define	STORE		2		/* the store's number		*/
#define	SVP		(VHEAP_FIRST + 64)	/* where it goes	*/
#define	LASTW		(PAGE_SIZE - 4)	/* offset of a page's last word	*/

/* What a run reached (fwr: its steps, clones and refusals) */
struct	fcount	{
	int32	kills, midkills, infault, inxchg, whileother;
	int32	fullins;		/* swap-ins with memory full	*/
	int32	iokills;		/* kills waited for in a disk I/O */
	int32	iotries;		/* of those, tried (fw_iokill)	*/
	int32	ooms, oomsfull;		/* OUT_OF_MEMORY deaths; of them */
					/* after a touch that found it full */
};

local	struct	fcount	fc;
local	int32	ffull;			/* F + S			*/
local	char	fcap[1024];		/* the console since the step began */
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
 *  ff_dump  -  fftrace=1: print every frame, the store's slots and
 *		frames, and each worker's PTEs of its view
 *------------------------------------------------------------------------
 */
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
 *  fw_pre  -  Before worker 'w' touches page i of its view: note the
 *	       distinct pages, and whether the page is in swap
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

/*------------------------------------------------------------------------
 *  fw_touch  -  Write 'val' to page i of worker 'w''s view (and its
 *		 complement to the last word), or read it (and check the
 *		 last word: the complement, or 0 when never written);
 *		 count a page that came in from swap with every frame and
 *		 slot full (an exchange: with RAM swap vmtotal does not
 *		 count those)
 *------------------------------------------------------------------------
 */
local	uint32	fw_touch(struct fw *w, int32 i, bool8 write, uint32 val)
{
	char	*p = fw_page(i);
	uint32	last;

	fw_pre(w, i);
	if (write) {
		vm_write(p, val);
	} else {
		val = vm_read(p);
	}
	fc.fullins += w->swapped && w->pre >= ffull;
	if (write) {
		vm_write(p + LASTW, ~val);
		return val;
	}
	last = vm_read(p + LASTW);		/* 0 with 0: unwritten	*/
	fwr.bad += last != ~val && (val != 0 || last != 0);
	return val;
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
 *  ff_start  -  Start command 'op' on worker 'k' (fw_start), printed
 *		 with fftrace=1
 *------------------------------------------------------------------------
 */
local	void	ff_start(int32 k, int32 op, int32 arg, uint32 val)
{
	if (ftrace) {
		kprintf("ff %d: w%d P%d op %d arg %d\n", fwr.steps, k,
			fws[k].pid, op, arg);
	}
	fw_start(k, op, arg, val);
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

	fwr.new = free;
	fwr.prio = fw_prio();
	if (op == F_CLONE) {
		fws[free].go = semcreate(0);
		fws[free].pid = SYSERR;
	}
	ff_start(k, op, op == F_CHECK ? rand() % 4 != 0 : fw_target(w),
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
		kprintf("ff %d: kill w%d P%d%s\n", fwr.steps, k, fws[k].pid,
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
	    fws[k].mapped ? F_UNMAP : fwr.stores ? F_MAP : F_CHECK;
	ff_start(k, r, rand() % NH, (uint32)rand());
	if (j >= 0) {
		ff_start(j, F_CHECK, 1, 0);
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

	ff_start(k, rand() % 4 != 0 ? F_CHECK : F_WRITE, 0, (uint32)rand());
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
 *  fw_act  -  Step 'r' (0-39) of the run on worker 'k': a kill, a kill
 *	       in a fault's disk transfer (disk swap), a kill with a
 *	       command on, or a command
 *------------------------------------------------------------------------
 */
local	void	fw_act(int32 k, int32 r)
{
	if (r < 2) {
		fw_kill(k, -1);
	} else if (r < 6 && swapdev->blocks) {
		fw_iokill(k, fc.inxchg == 0 || rand() % 2 == 0);
	} else if (r < 8) {
		fw_midkill(k);
	} else {
		fw_step(k, fw_free(k));
	}
}

/*------------------------------------------------------------------------
 *  ff_after  -  After each step: read the deaths, and print the frames
 *		 with fftrace=1
 *------------------------------------------------------------------------
 */
local	void	ff_after(void)
{
	fw_deaths();
	if (ftrace) {
		ff_dump();
	}
	fkpre = -1;
	recvclr();			/* the death notes	*/
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
		"%d xmmaps refused\n", fwr.steps, fwr.clones, fwr.deepclones,
		fwr.clonefails, fwr.mapfails);
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
	CHECK(fwr.deepclones >= steps / 100 && fc.midkills >= steps / 20);
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
	fw_drain(s);
	CHECK(free_ffs_pages() == ffs_limit && swap_used() == 0);
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
	int32	fails = test_failures;

	seed = bootarg_uint("ffseed", seed);
	steps = bootarg_uint("ffsteps", steps);
	kprintf("fullfuzz: seed %d (ffseed=%d repeats the steps)\n", seed,
		seed);
	vmsnap_take(&s);
	srand(seed);
	ffull = ffs_limit + swap_limit;
	ftrace = bootarg_uint("fftrace", 0) != 0;
	fwr.nw = NW;
	fwr.nh = NH;
	fwr.ns = NS;
	fwr.store = STORE;
	fwr.svp = SVP;
	fwr.writes = 14;
	fwr.stores = bootarg_uint("ffstores", stores) != 0;
	fwr.full = TRUE;
	fwr.done = SYSERR;		/* a worker may die: poll	*/
	fwr.touch = fw_touch;
	REQUIRE(fw_begin() == OK);
	memset(&fc, 0, sizeof(fc));
	fkpre = -1;
	kcapture(fcap, sizeof(fcap));
	if (fw_run(steps, fw_act, ff_after) != OK) {
		return SYSERR;
	}
	fw_report(&t0, steps);
	fw_end(&s);
	return fw_verdict("fullfuzz", "ffseed", seed, fails);
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
