/* xchgrmap.c - tests of the rmap entries a disk exchange is promised */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

/*
 * A disk exchange of a shared swapped page blocks twice (the victim's
 * write, then the page's read), and at its end every other holder of
 * the page's slot maps the frame it came into, an rmap entry each.
 * Those entries are the exchange's from its start: a vclone meanwhile
 * may not take them, and a vclone of a holder, which makes one more
 * holder, needs one more.
 *
 * vm.ffs=4 vm.swap=4 vm.rmap=4 on disk swap.  A writes pages 0-3,
 * clones B (4 entries, all of them), writes pages 4-7: pages 0-3 go to
 * slots 0-3, each held by A and B, and the entries are free again; A's
 * pages 4-7 fill FFS.  The test holds the disk channel, so A waits for
 * it in each transfer of the exchange of its page 0 (its victim's
 * write, then the page's read), and B clones itself twice in each
 * wait: each clone holds page 0's slot too.  The exchange was promised
 * one entry (B's); the first three clones take the three left, and the
 * fourth finds none: refused.  Then A's page 0 comes in, B and the
 * three clones map its frame, and swap is back to its limit: every word
 * right, vm_audit() clean.  Variants kill A in either wait: the promise
 * goes with the exchange (the audit checks it).
 */

#define	XFFS		4
#define	XSWAP		4
#define	XRMAP		4
#define	XPAGES		(XFFS + XSWAP)
#define	XCLONES		4
#define	XWORD(i, w)	(0x3C000000 ^ (uint32)(i) << 16 ^ (uint32)(w) * 0x9E3779B1)
#define	XKILL_NONE	0		/* the exchange ends		*/
#define	XKILL_WRITE	1		/* A is killed in the write	*/
#define	XKILL_READ	2		/* ... in the read		*/

local	char	*xheap;			/* A's XPAGES pages (and B's)	*/
local	sid32	xready, xgoa, xgob, xback;
local	volatile pid32	xkid[XCLONES];	/* B's clones, or SYSERR	*/
local	volatile int32	xbad;		/* pages wrong, failed audits	*/

/*------------------------------------------------------------------------
 *  xsems  -  Make the semaphores, xbad 0 ('make'), or delete them
 *------------------------------------------------------------------------
 */
local	void	xsems(bool8 make)
{
	if (make) {
		xready = semcreate(0);
		xgoa = semcreate(0);
		xgob = semcreate(0);
		xback = semcreate(0);
		xbad = 0;
	} else {
		semdelete(xready);
		semdelete(xgoa);
		semdelete(xgob);
		semdelete(xback);
	}
}

/*------------------------------------------------------------------------
 *  xfillat, xokat  -  Write every word of the page at 'p' as page 'i'
 *		       of the pattern; are they all right? (read from the
 *		       first word on: a swapped page faults)
 *------------------------------------------------------------------------
 */
local	void	xfillat(char *p, int32 i)
{
	uint32	w;

	for (w = 0; w < PAGE_SIZE / 4; w++) {
		vm_write(p + 4 * w, XWORD(i, w));
	}
}

local	bool8	xokat(char *p, int32 i)
{
	uint32	w;

	for (w = 0; w < PAGE_SIZE / 4; w++) {
		if (vm_read(p + 4 * w) != XWORD(i, w)) {
			return FALSE;
		}
	}
	return TRUE;
}

/* Page 'i' of xheap							*/
#define	xfill(i)	xfillat(PAGE(xheap, (i)), (i))
#define	xpageok(i)	xokat(PAGE(xheap, (i)), (i))

/*------------------------------------------------------------------------
 *  xturns  -  The filler's turns, its pages 0 .. XSWAP-1 swapped out:
 *	       read page 0 (the exchange), then every page
 *------------------------------------------------------------------------
 */
local	void	xturns(void)
{
	int32	i;

	for (i = 0; i < XSWAP; i++) {
		xbad += !swappedout(PAGE(xheap, i));
	}
	signal(xready);
	wait(xgoa);
	xbad += !xpageok(0);		/* the exchange			*/
	signal(xback);
	wait(xgoa);
	for (i = 0; i < XPAGES; i++) {
		xbad += !xpageok(i);
	}
	xbad += vm_audit() != OK;
}

/*------------------------------------------------------------------------
 *  xk  -  A clone of B: read page 0, say so
 *------------------------------------------------------------------------
 */
local	process	xk(void)
{
	xbad += !xpageok(0);
	signal(xback);
	return OK;
}

/*------------------------------------------------------------------------
 *  xread0  -  When told, read page 0 and say so
 *------------------------------------------------------------------------
 */
local	void	xread0(void)
{
	wait(xgob);
	xbad += !xpageok(0);
	signal(xback);
}

/*------------------------------------------------------------------------
 *  xb  -  A's clone: clone itself twice in each of the test's two
 *	   windows, then read page 0
 *------------------------------------------------------------------------
 */
local	process	xb(void)
{
	int32	i;

	for (i = 0; i < XCLONES; i++) {
		if (i % 2 == 0) {
			wait(xgob);
		}
		xkid[i] = vclone(xk, 8192, INITPRIO + 3, "xk", 0);
		if (i % 2 == 1) {
			signal(xback);
		}
	}
	xread0();
	return OK;
}

/*------------------------------------------------------------------------
 *  xa  -  Fill XPAGES pages, cloning B after the first XFFS; read page
 *	   0 (the exchange), then, B and its clones gone, every page
 *------------------------------------------------------------------------
 */
local	process	xa(void)
{
	pid32	b;
	int32	i;

	xheap = vmalloc(XPAGES * PAGE_SIZE);
	if (xheap == (char *)SYSERR) {
		xbad++;
		signal(xready);
		return SYSERR;
	}
	for (i = 0; i < XPAGES; i++) {
		if (i == XFFS) {
			b = vclone(xb, 8192, INITPRIO + 3, "xb", 0);
			xbad += (b == SYSERR || resume(b) == SYSERR);
		}
		xfill(i);
	}
	xturns();
	return OK;
}

/*------------------------------------------------------------------------
 *  xinio  -  Does process 'pid' wait for the disk channel with a swap
 *	      transfer 'io' set up?
 *------------------------------------------------------------------------
 */
local	bool8	xinio(pid32 pid, struct atacblk *atptr, byte io)
{
	int32	f = frame_ioframe(pid);

	return f != SYSERR && ffstab[f].io == io &&
	       proctab[pid].prstate == PR_WAIT &&
	       proctab[pid].prsem == atptr->atmutex;
}

/*------------------------------------------------------------------------
 *  xwindows  -  A's exchange, the test holding the channel: B clones
 *		 itself twice while A waits to write the victim, twice
 *		 while it waits to read its page; 'how' kills A in one
 *		 of them (interrupts off)
 *------------------------------------------------------------------------
 */
local	void	xwindows(pid32 a, int32 how)
{
	struct	atacblk	*atptr = &atatab[devtab[DISK0].dvminor];

	atalock(atptr);
	signal(xgoa);			/* A waits to write its victim	*/
	CHECK(xinio(a, atptr, FIO_WRITE) && swap_over());
	signal(xgob);
	wait(xback);
	if (how == XKILL_WRITE) {
		CHECK(kill(a) == OK);
	}
	ataunlock(atptr);		/* A writes, then waits for us	*/
	atalock(atptr);			/* ... to read: we have it now	*/
	CHECK(how == XKILL_WRITE || xinio(a, atptr, FIO_READ));
	signal(xgob);
	wait(xback);
	if (how == XKILL_READ) {
		CHECK(kill(a) == OK);
	}
	ataunlock(atptr);
}

/*------------------------------------------------------------------------
 *  xcase  -  Run the exchange with B's clones, A killed as 'how' says,
 *	      and check what everyone saw
 *------------------------------------------------------------------------
 */
local	status	xcase(int32 how)
{
	struct	vmsnap	s;
	intmask	mask;
	pid32	a;
	int32	i, made = 0;

	REQUIRE(ffs_limit == XFFS && swap_limit == XSWAP &&
		rmap_limit == XRMAP && swapdev->blocks &&
		swap_reserve() == XSWAP);
	vmsnap_take(&s);
	xsems(TRUE);
	recvclr();
	a = vcreate(xa, 8192, INITPRIO + 1, "xa", 0);
	REQUIRE(a != SYSERR && resume(a) != SYSERR);
	wait(xready);
	REQUIRE(xbad == 0);
	REQUIRE(free_ffs_pages() == 0 && free_swap_pages() == 0);
	REQUIRE(rmap_nfree == XRMAP && vm_audit() == OK);
	mask = disable();
	xwindows(a, how);
	restore(mask);
	if (how == XKILL_NONE) {
		wait(xback);		/* A read its page 0		*/
	}
	for (i = 0; i < XCLONES; i++) {
		made += (xkid[i] != SYSERR);
	}
	/* The fourth clone came while the entries were all promised,
	 * unless A was killed before: then the promise went with it */
	CHECK(made == (how == XKILL_WRITE ? XCLONES : XCLONES - 1));
	CHECK(vm_audit() == OK && swap_used() <= swap_limit);
	for (i = 0; i < XCLONES; i++) {
		if (xkid[i] != SYSERR && resume(xkid[i]) != SYSERR) {
			wait(xback);
		}
	}
	signal(xgob);			/* B reads page 0 and ends	*/
	wait(xback);
	if (how == XKILL_NONE) {
		signal(xgoa);		/* A reads every page		*/
	}
	while (receive() != (umsg32)a) {
		;
	}
	CHECK(xbad == 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s) && swap_used() == 0);
	xsems(FALSE);
	return OK;
}

#define	XBOOT	"+disk vm.swapdev=disk vm.ffs=4 vm.swap=4 vm.rmap=4"

/* A case that is one call: XCASE(name, boot line, call) */
#define	XCASE(name, boot, call)						\
	TEST_BOOT(name, boot) { return call; }

XCASE(shareoom_promise_disk, XBOOT, xcase(XKILL_NONE))
XCASE(shareoom_promise_disk_clear, XBOOT " vm.swapcrypt=off",
      xcase(XKILL_NONE))
XCASE(shareoom_promise_killed_writing, XBOOT, xcase(XKILL_WRITE))
XCASE(shareoom_promise_killed_reading, XBOOT, xcase(XKILL_READ))

/*
 * The same promise for a store's page (paging/bs.c): an xmmap while the
 * exchange of a store's page is in flight names the page's slot too,
 * so the exchange's end maps that mapper's PTE as well: one entry more
 * is promised for it, or the xmmap is refused.  vm.rmap=2: A maps a
 * store of 4 pages at heap pages 0-3 (the store's slots) and writes
 * them, then 4 heap pages at 4-7 (the frames), and reads store page 0;
 * while it waits to write its victim, three mappers xmmap the store:
 * two fit, the third is refused.  Then page 0 comes in with no slot,
 * the two map its frame and read it right, swap is back to its limit,
 * and A reads every page once they are gone.
 */

#define	XSTORE		5
#define	XMAPPERS	3

local	volatile status	xmapped[XMAPPERS];	/* each mapper's xmmap	*/

/*------------------------------------------------------------------------
 *  xm  -  A mapper: xmmap the store where A has it, when told; then,
 *	   mapped, read its page 0 when told
 *------------------------------------------------------------------------
 */
local	process	xm(int32 k)
{
	wait(xgob);
	xmapped[k] = xmmap(VHEAP_FIRST, XSTORE, XSWAP);
	signal(xback);
	if (xmapped[k] == OK) {
		xread0();
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  xsa  -  Map the store at pages 0-3, write them and pages 4-7 of the
 *	    heap; read page 0 (the exchange), then every page
 *------------------------------------------------------------------------
 */
local	process	xsa(void)
{
	int32	i;

	xheap = (char *)(VHEAP_FIRST << PAGE_SHIFT);
	xbad += xmmap(VHEAP_FIRST, XSTORE, XSWAP) != OK;
	xbad += vmalloc(XFFS * PAGE_SIZE) != PAGE(xheap, XSWAP);
	for (i = 0; i < XPAGES && xbad == 0; i++) {
		xfill(i);
	}
	xturns();
	return OK;
}

TEST_BOOT(bsoom_promise_disk, "+disk vm.swapdev=disk vm.ffs=4 vm.swap=4 "
	  "vm.rmap=2")
{
	struct	atacblk	*atptr = &atatab[devtab[DISK0].dvminor];
	struct	vmsnap	s;
	intmask	mask;
	pid32	a;
	int32	k, made = 0;

	REQUIRE(swapdev->blocks && swap_reserve() == XSWAP);
	vmsnap_take(&s);
	REQUIRE(get_bs(XSTORE, XSWAP) == XSWAP);
	xsems(TRUE);
	recvclr();
	a = vcreate(xsa, 8192, INITPRIO + 1, "xsa", 0);
	REQUIRE(a != SYSERR && resume(a) != SYSERR);
	for (k = 0; k < XMAPPERS; k++) {
		REQUIRE(resume(vcreate(xm, 8192, INITPRIO + 3, "xm", 1, k))
			!= SYSERR);
	}
	wait(xready);
	REQUIRE(xbad == 0 && free_ffs_pages() == 0 && free_swap_pages() == 0);
	mask = disable();
	atalock(atptr);
	signal(xgoa);			/* A waits to write its victim	*/
	CHECK(xinio(a, atptr, FIO_WRITE) && swap_over());
	for (k = 0; k < XMAPPERS; k++) {
		signal(xgob);
		wait(xback);
		made += xmapped[k] == OK;
	}
	ataunlock(atptr);
	restore(mask);
	wait(xback);			/* A read its page 0		*/
	CHECK(made == XMAPPERS - 1 && xmapped[XMAPPERS - 1] == SYSERR);
	CHECK(bstab[XSTORE].slot[0] == NOSLOT && swap_used() == swap_limit);
	CHECK(ffstab[bstab[XSTORE].frame[0]].nmap == 1 + made);
	CHECK(vm_audit() == OK);
	for (k = 0; k < made; k++) {
		signal(xgob);		/* a mapper reads page 0, ends	*/
		wait(xback);
	}
	signal(xgoa);			/* A reads every page		*/
	while (receive() != (umsg32)a) {
		;
	}
	CHECK(xbad == 0 && bstab[XSTORE].nmaps == 0);
	CHECK(release_bs(XSTORE) == OK);
	CHECK(vm_audit() == OK && vmsnap_same(&s) && swap_used() == 0);
	xsems(FALSE);
	return OK;
}

/*
 * The faulter killed in its page's read while others hold the page's
 * slot, the victim another process's page.  vm.ffs=4 vm.swap=4 on disk
 * swap.  A writes pages 0-3 and clones B; V writes 4 pages of its own,
 * which push A's pages (B's too) out to slots 0-3, each held by A and
 * B; with 'share' V clones W first, so V's frames have two mappings
 * each (vm.rmap=5: B's entry for the exchange, W's four).  A reads
 * its page 0: the exchange writes one of V's pages to the spare slot
 * and starts the read of A's page into the frame; the test holds the
 * disk channel and kills A in that read.  The read never reached the
 * frame, which still holds V's page: V's page (and W's) maps it again
 * and gives the spare up, so at once vm_audit() is clean, swap is at
 * its limit, FFS is full, and a new page dies with OUT_OF_MEMORY (V's
 * 4 pages in the frames, B's 4 in the slots).  Then B, W and V read
 * every word right.  With 'cloned' (vm.rmap=9), W also clones itself
 * while A waits to read: the clone holds the spare too, and maps the
 * frame with V and W when the exchange is undone.  With 'cloning', W
 * starts that clone while A waits to write V's page: the vclone waits
 * for the write (W's page is in it) and sleeps through the read (an
 * exchange wakes the waiters after its read), so it clones once the
 * kill has undone the exchange, W's page mapped again.
 */

#define	XL_ALONE	0		/* V's pages are V's alone	*/
#define	XL_SHARED	1		/* W maps them too		*/
#define	XL_CLONED	2		/* ... and W clones itself in	*/
					/* the read			*/
#define	XL_CLONING	3		/* ... starting in the write	*/
local	char	*xvheap;		/* V's pages (W's too)		*/
local	sid32	xgow;			/* W: clone yourself		*/
local	pid32	xkw;			/* W				*/

/*------------------------------------------------------------------------
 *  xlreader  -  When told, read 'npages' pages at 'p', pattern pages
 *		 'first' on, check the audit and say so
 *------------------------------------------------------------------------
 */
local	void	xlreader(char *p, int32 first, int32 npages)
{
	int32	i;

	wait(xgob);
	for (i = 0; i < npages; i++) {
		xbad += !xokat(PAGE(p, i), first + i);
	}
	xbad += vm_audit() != OK;
	signal(xback);
}

/*------------------------------------------------------------------------
 *  xlb, xlw  -  A's clone B, V's clone W: read the pages when told
 *------------------------------------------------------------------------
 */
local	process	xlb(void)
{
	xlreader(xheap, 0, XFFS);
	return OK;
}

local	process	xlw(void)
{
	xlreader(xvheap, XFFS, XFFS);
	return OK;
}

/*------------------------------------------------------------------------
 *  xlwc  -  V's clone W that, when told, clones itself, then reads the
 *	     pages when told
 *------------------------------------------------------------------------
 */
local	process	xlwc(void)
{
	pid32	k;

	wait(xgow);
	k = vclone(xlw, 8192, INITPRIO + 3, "xlw", 0);
	xbad += (k == SYSERR || resume(k) == SYSERR);
	signal(xback);
	xlreader(xvheap, XFFS, XFFS);
	return OK;
}

/*------------------------------------------------------------------------
 *  xastart  -  A's start: write pages 0-3, clone B, tell the test it is
 *		ready and wait to be told to go on
 *------------------------------------------------------------------------
 */
local	void	xastart(void)
{
	pid32	b;
	int32	i;

	xheap = vmalloc(XFFS * PAGE_SIZE);
	xbad += xheap == (char *)SYSERR;
	for (i = 0; i < XFFS && xbad == 0; i++) {
		xfill(i);
	}
	b = vclone(xlb, 8192, INITPRIO + 3, "xlb", 0);
	xbad += (b == SYSERR || resume(b) == SYSERR);
	signal(xready);
	wait(xgoa);
}

/*------------------------------------------------------------------------
 *  xvfill  -  V's start: its 4 pages, written as pattern pages 4-7
 *------------------------------------------------------------------------
 */
local	void	xvfill(void)
{
	int32	i;

	xvheap = vmalloc(XFFS * PAGE_SIZE);
	xbad += xvheap == (char *)SYSERR;
	for (i = 0; i < XFFS && xbad == 0; i++) {
		xfillat(PAGE(xvheap, i), XFFS + i);
	}
}

/*------------------------------------------------------------------------
 *  xla  -  Write pages 0-3, clone B; when told, read page 0 (it is
 *	    killed in that read)
 *------------------------------------------------------------------------
 */
local	process	xla(void)
{
	xastart();
	xbad += !xpageok(0);		/* killed in the read		*/
	xbad++;				/* not reached			*/
	return OK;
}

/*------------------------------------------------------------------------
 *  xlv  -  Write 4 pages (pattern pages 4-7), clone W as 'how' says, and
 *	    read them when told
 *------------------------------------------------------------------------
 */
local	process	xlv(int32 how)
{
	pid32	w;

	xvfill();
	if (how != XL_ALONE) {
		w = vclone(how >= XL_CLONED ? xlwc : xlw, 8192, INITPRIO + 3,
			   "xlw", 0);
		xbad += (w == SYSERR || resume(w) == SYSERR);
		xkw = w;
	}
	signal(xready);
	xlreader(xvheap, XFFS, XFFS);
	return OK;
}

/*------------------------------------------------------------------------
 *  xlnew  -  Touch a new page: it dies there
 *------------------------------------------------------------------------
 */
local	process	xlnew(void)
{
	char	*p = vmalloc(PAGE_SIZE);

	xbad += p == (char *)SYSERR;
	vm_write(p, 1);			/* OUT_OF_MEMORY		*/
	xbad++;				/* not reached			*/
	return OK;
}

/*------------------------------------------------------------------------
 *  xavstart  -  The start xlcase and xvcase share: A ('afn') and then V
 *		 ('vfn', given 'how') each set up and ready, every frame
 *		 and slot full; the snapshot before in 's'
 *------------------------------------------------------------------------
 */
local	status	xavstart(void *afn, char *aname, void *vfn, char *vname,
			 int32 how, struct vmsnap *s, pid32 *a, pid32 *v)
{
	REQUIRE(ffs_limit == XFFS && swap_limit == XSWAP &&
		swapdev->blocks && swap_reserve() == XSWAP);
	vmsnap_take(s);
	xsems(TRUE);
	xgow = semcreate(0);
	recvclr();
	*a = vcreate(afn, 8192, INITPRIO + 1, aname, 0);
	REQUIRE(*a != SYSERR && resume(*a) != SYSERR);
	wait(xready);
	*v = vcreate(vfn, 8192, INITPRIO + 1, vname, 1, how);
	REQUIRE(*v != SYSERR && resume(*v) != SYSERR);
	wait(xready);
	REQUIRE(xbad == 0 && free_ffs_pages() == 0 && free_swap_pages() == 0);
	REQUIRE(vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  xlcase  -  Kill A in its exchange's read, the victim V's page (and
 *	       W's, as 'how' says), and check what everyone sees after
 *------------------------------------------------------------------------
 */
local	char	xlout[128];

local	status	xlcase(int32 how)
{
	struct	atacblk	*atptr = &atatab[devtab[DISK0].dvminor];
	struct	vmsnap	s;
	char	want[32];
	intmask	mask;
	pid32	a, v, n;
	int32	k;

	REQUIRE(xavstart(xla, "xla", xlv, "xlv", how, &s, &a, &v) == OK);
	mask = disable();
	atalock(atptr);
	signal(xgoa);			/* A waits to write V's page	*/
	CHECK(xinio(a, atptr, FIO_WRITE) && swap_over());
	if (how == XL_CLONING) {
		signal(xgow);		/* W's vclone waits for the write */
		CHECK(proctab[xkw].prstate == PR_WAIT &&
		      proctab[xkw].prsem != atptr->atmutex);
	}
	ataunlock(atptr);		/* A writes, then waits for us	*/
	atalock(atptr);			/* ... to read: we have it now	*/
	CHECK(xinio(a, atptr, FIO_READ));
	if (how == XL_CLONED) {
		signal(xgow);		/* W clones itself		*/
		wait(xback);
	}
	CHECK(kill(a) == OK);
	CHECK(vm_audit() == OK && swap_used() == swap_limit &&
	      free_ffs_pages() == 0);
	ataunlock(atptr);
	restore(mask);
	sleepms(20);			/* the disk ends the dead read	*/
	if (how == XL_CLONING) {
		wait(xback);		/* W's vclone, woken by the undo */
	}
	CHECK(vm_audit() == OK && swap_used() == swap_limit &&
	      free_ffs_pages() == 0);
	kcapture(xlout, sizeof(xlout));
	n = vrun_wait(vcreate(xlnew, 8192, INITPRIO + 1, "xlnew", 0));
	kcapture(NULL, 0);
	REQUIRE(n != SYSERR);
	sprintf(want, "P%d:: OUT_OF_MEMORY\n", n);
	CHECK(strcmp(xlout, want) == 0);
	CHECK(vm_audit() == OK && swap_used() == swap_limit);
	for (k = 0; k < 2 + (how >= XL_CLONED ? 2 : how); k++) {
		signal(xgob);		/* B, V, W ... read every page	*/
		wait(xback);
	}
	while (receive() != (umsg32)v) {
		;
	}
	CHECK(xbad == 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s) && swap_used() == 0);
	xsems(FALSE);
	semdelete(xgow);
	return OK;
}

#define	XLBOOT	"+disk vm.swapdev=disk vm.ffs=4 vm.swap=4"

XCASE(shareoom_killed_reading_other_victim, XLBOOT " vm.rmap=5",
      xlcase(XL_ALONE))
XCASE(shareoom_killed_reading_other_victim_clear,
      XLBOOT " vm.rmap=5 vm.swapcrypt=off",
      xlcase(XL_ALONE))
XCASE(shareoom_killed_reading_shared_victim, XLBOOT " vm.rmap=5",
      xlcase(XL_SHARED))
XCASE(shareoom_killed_reading_cloned_victim, XLBOOT " vm.rmap=9",
      xlcase(XL_CLONED))
XCASE(shareoom_killed_reading_cloning_victim, XLBOOT " vm.rmap=9",
      xlcase(XL_CLONING))

/*
 * The same with a store's page as the victim, and the page read a
 * store's too, whose slot the store holds.  vm.ffs=1 vm.swap=3: store
 * S1 of 2 pages (slots 0, 1), store S2 of 1 (slot 2).  K maps S2 and
 * writes its page; A maps S1, writes its pages and a heap page H,
 * then reads S1's page 0, which comes in by an exchange and with no
 * slot (H goes to the reserve).  K reads its page: the exchange writes
 * S1's page 0 to the free slot 0 (the store holds it again) and
 * starts the read of slot 2; the test kills K in the read.  Then S1's
 * page 0 is back in the frame with no slot, A maps it, swap is at its
 * limit, a new page dies with OUT_OF_MEMORY, and A reads its three
 * pages right.
 */

#define	XS1	6			/* A's store: 2 pages		*/
#define	XS2	7			/* K's store: 1 page		*/

/*------------------------------------------------------------------------
 *  xsk  -  Map S2, write its page; when told, read it (it is killed in
 *	    that read)
 *------------------------------------------------------------------------
 */
local	process	xsk(void)
{
	char	*p = (char *)(VHEAP_FIRST << PAGE_SHIFT);

	xbad += xmmap(VHEAP_FIRST, XS2, 1) != OK;
	xfillat(p, 20);
	signal(xready);
	wait(xgob);
	xbad += !xokat(p, 20);		/* killed in the read		*/
	xbad++;				/* not reached			*/
	return OK;
}

/*------------------------------------------------------------------------
 *  xsv  -  Map S1, write its 2 pages and a heap page, read S1's page 0
 *	    (it comes in with no slot); when told, read all three
 *------------------------------------------------------------------------
 */
local	process	xsv(void)
{
	char	*s = (char *)(VHEAP_FIRST << PAGE_SHIFT);
	char	*h;

	xbad += xmmap(VHEAP_FIRST, XS1, 2) != OK;
	h = vmalloc(PAGE_SIZE);
	xbad += h == (char *)SYSERR;
	if (xbad == 0) {
		xfillat(PAGE(s, 0), 10);
		xfillat(PAGE(s, 1), 11);
		xfillat(h, 12);
		xbad += !xokat(PAGE(s, 0), 10);
	}
	signal(xready);
	wait(xgoa);
	xbad += !xokat(PAGE(s, 0), 10) + !xokat(PAGE(s, 1), 11) +
		!xokat(h, 12);
	xbad += vm_audit() != OK;
	signal(xback);
	return OK;
}

TEST_BOOT(bsoom_killed_reading_store_victim, "+disk vm.swapdev=disk "
	  "vm.ffs=1 vm.swap=3")
{
	struct	atacblk	*atptr = &atatab[devtab[DISK0].dvminor];
	struct	vmsnap	s;
	char	want[32];
	intmask	mask;
	pid32	a, k, n;
	int32	f;

	REQUIRE(swapdev->blocks && swap_reserve() == 3);
	vmsnap_take(&s);
	REQUIRE(get_bs(XS1, 2) == 2 && get_bs(XS2, 1) == 1);
	xsems(TRUE);
	recvclr();
	k = vcreate(xsk, 8192, INITPRIO + 1, "xsk", 0);
	REQUIRE(k != SYSERR && resume(k) != SYSERR);
	wait(xready);
	a = vcreate(xsv, 8192, INITPRIO + 1, "xsv", 0);
	REQUIRE(a != SYSERR && resume(a) != SYSERR);
	wait(xready);
	REQUIRE(xbad == 0 && free_ffs_pages() == 0 && free_swap_pages() == 0);
	REQUIRE(bstab[XS1].slot[0] == NOSLOT && swap_used() == swap_limit);
	REQUIRE(vm_audit() == OK);
	mask = disable();
	atalock(atptr);
	signal(xgob);			/* K waits to write S1's page 0	*/
	CHECK(xinio(k, atptr, FIO_WRITE) && swap_over());
	CHECK(bstab[XS1].slot[0] == 0);
	ataunlock(atptr);		/* K writes, then waits for us	*/
	atalock(atptr);			/* ... to read: we have it now	*/
	CHECK(xinio(k, atptr, FIO_READ));
	CHECK(kill(k) == OK);
	f = bstab[XS1].frame[0];
	CHECK(bstab[XS1].slot[0] == NOSLOT && f != SYSERR &&
	      ffstab[f].owner == a && ffstab[f].slot == NOSLOT);
	CHECK(vm_audit() == OK && swap_used() == swap_limit &&
	      free_ffs_pages() == 0);
	ataunlock(atptr);
	restore(mask);
	sleepms(20);			/* the disk ends the dead read	*/
	CHECK(vm_audit() == OK && swap_used() == swap_limit);
	kcapture(xlout, sizeof(xlout));
	n = vrun_wait(vcreate(xlnew, 8192, INITPRIO + 1, "xlnew", 0));
	kcapture(NULL, 0);
	REQUIRE(n != SYSERR);
	sprintf(want, "P%d:: OUT_OF_MEMORY\n", n);
	CHECK(strcmp(xlout, want) == 0);
	signal(xgoa);			/* A reads its three pages	*/
	wait(xback);
	while (receive() != (umsg32)a) {
		;
	}
	CHECK(xbad == 0);
	CHECK(release_bs(XS1) == OK && release_bs(XS2) == OK);
	CHECK(vm_audit() == OK && vmsnap_same(&s) && swap_used() == 0);
	xsems(FALSE);
	return OK;
}

/*
 * The edges of a store page's exchange, the victim a store's page in
 * the one frame (vm.ffs=1 vm.swap=3, set up as above: S2's page, K's,
 * is read, and S1's page 0, which A maps alone with no slot and has
 * written anew since it came in, is the victim that goes to the spare
 * slot).  Each process below runs the
 * test's commands one at a time.  In the victim's write the test has
 * X xmmap S1 (its PTE then holds the spare: xchg_promise), and may
 * have X clone itself (Y holds the spare too), A xmunmap S1 or A
 * killed (the victim's page freed by its one mapper: the frame is an
 * orphan, the store and X still hold the spare), or A clone itself
 * (B: the vclone waits for the I/O on A's page to end).  In the page's read
 * A, X and Y may read S1's page 0 back (they wait: every frame is
 * busy).  K is killed in the write, in the read, or not at all.
 * After every step vm_audit() is clean; once nothing is in flight,
 * swap is at its limit, a new page beyond F + S pages dies with
 * OUT_OF_MEMORY, every survivor reads every word right, and so does a
 * late mapper of each store.
 */

#define	XE_MAP		0x01		/* X maps S1 in the write	*/
#define	XE_CLONE	0x02		/* ... and clones itself (Y)	*/
#define	XE_UNMAP	0x04		/* A unmaps S1 in the write	*/
#define	XE_AKILL	0x08		/* A is killed in the write	*/
#define	XE_REREAD	0x10		/* A, X, Y read page 0 in the read */
#define	XE_KWRITE	0x20		/* K is killed in the write	*/
#define	XE_KREAD	0x40		/* ... in the read		*/
#define	XE_KEPT		0x80		/* A unmaps S1 before: the	*/
					/* victim is a kept frame	*/
#define	XE_FREEH	0x100		/* A vfrees H before: K's is an	*/
					/* ordinary eviction, no spare	*/
#define	XE_ACLONE	0x200		/* A clones itself (B) in the	*/
					/* write: it waits for it	*/

#define	XC_MAP		1		/* the commands: xmmap the store */
#define	XC_FILL		2		/* write its pages (and H)	*/
#define	XC_READ0	3		/* read its page 0		*/
#define	XC_UNMAP	4		/* xmunmap it			*/
#define	XC_CLONE	5		/* vclone into its kid's slot	*/
#define	XC_CHECK	6		/* read every page, audit	*/
#define	XC_HEAP		7		/* vmalloc its page H		*/
#define	XC_NEW0		8		/* write S1's page 0 anew	*/
#define	XC_FREEH	9		/* vfree H			*/
#define	XC_END		10		/* end				*/

#define	XE_K		0		/* the processes' slots in xe[]	*/
#define	XE_A		1
#define	XE_X		2
#define	XE_Y		3
#define	XE_LATE		4		/* late mappers: S1, then S2	*/
#define	XE_B		6		/* A's clone			*/
#define	XE_N		7

local	struct	xeproc	{		/* one process run by commands	*/
	sid32	go;			/* its next command is ready	*/
	volatile int32	cmd;		/* the command			*/
	volatile status	res;		/* its result			*/
	volatile pid32	pid;		/* the process, SYSERR: dead	*/
	int32	store;			/* the store it maps, and how	*/
	int32	npages;			/* many pages (at VHEAP_FIRST)	*/
	int32	pat;			/* pattern page of its page 0	*/
	bool8	mapped;			/* it maps the store now	*/
	char	*h;			/* a heap page, or NULL		*/
	int32	kid;			/* where its clone goes in xe[]	*/
}	xe[XE_N];
local	int32	xs1p0;			/* pattern page of S1's page 0	*/

/* The pattern page of page 'i' of the store 'p' maps			*/
#define	xepat(p, i)	((p)->store == XS1 && (i) == 0 ? xs1p0 : (p)->pat + (i))

/*------------------------------------------------------------------------
 *  xep  -  Process 'me' of xe[]: run commands until told to end
 *------------------------------------------------------------------------
 */
local	process	xep(int32 me)
{
	struct	xeproc	*p = &xe[me];
	char	*s = (char *)(VHEAP_FIRST << PAGE_SHIFT);
	int32	i;

	for (;;) {
		wait(p->go);
		switch (p->cmd) {
		case XC_MAP:
			p->res = xmmap(VHEAP_FIRST, p->store, p->npages);
			p->mapped = p->res == OK;
			break;
		case XC_HEAP:
			p->h = vmalloc(PAGE_SIZE);
			p->res = p->h == (char *)SYSERR ? SYSERR : OK;
			break;
		case XC_FILL:
			for (i = 0; i < p->npages; i++) {
				xfillat(PAGE(s, i), xepat(p, i));
			}
			if (p->h != NULL) {
				xfillat(p->h, p->pat + 2);
			}
			break;
		case XC_READ0:
			xbad += !xokat(s, xepat(p, 0));
			break;
		case XC_FREEH:
			p->res = vfree(p->h, PAGE_SIZE);
			p->h = NULL;
			break;
		case XC_NEW0:
			xs1p0 = p->pat + 20;
			xfillat(s, xs1p0);
			break;
		case XC_UNMAP:
			p->res = xmunmap(VHEAP_FIRST);
			p->mapped = p->mapped && p->res != OK;
			break;
		case XC_CLONE:
			xe[p->kid] = *p;
			xe[p->kid].go = semcreate(0);
			xe[p->kid].pid = vclone(xep, 8192, INITPRIO + 3, "xey",
						1, p->kid);
			p->res = resume(xe[p->kid].pid) == SYSERR ? SYSERR : OK;
			break;
		case XC_CHECK:
			for (i = 0; p->mapped && i < p->npages; i++) {
				xbad += !xokat(PAGE(s, i), xepat(p, i));
			}
			if (p->h != NULL) {
				xbad += !xokat(p->h, p->pat + 2);
			}
			xbad += vm_audit() != OK;
			break;
		default:
			signal(xback);
			return OK;
		}
		signal(xback);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  xenew  -  Process 'me' of xe[] mapping 'store' of 'npages' pages,
 *	      its page 0 pattern page 'pat', mapping it now with 'map'
 *------------------------------------------------------------------------
 */
local	pid32	xenew(int32 me, int32 store, int32 npages, int32 pat, bool8 map)
{
	struct	xeproc	*p = &xe[me];

	p->go = semcreate(0);
	p->store = store;
	p->npages = npages;
	p->pat = pat;
	p->mapped = FALSE;
	p->h = NULL;
	p->pid = vcreate(xep, 8192, INITPRIO + 3, "xep", 1, me);
	if (p->pid == SYSERR || resume(p->pid) == SYSERR) {
		return SYSERR;
	}
	if (map) {
		p->cmd = XC_MAP;
		signal(p->go);
		wait(xback);
		return p->res == OK ? p->pid : SYSERR;
	}
	return p->pid;
}

/*------------------------------------------------------------------------
 *  xedo  -  Have process 'me' run command 'cmd', and, with 'done', wait
 *	     until it has; its result
 *------------------------------------------------------------------------
 */
local	status	xedo(int32 me, int32 cmd, bool8 done)
{
	xe[me].cmd = cmd;
	signal(xe[me].go);
	if (done) {
		wait(xback);
	}
	return xe[me].res;
}

/*------------------------------------------------------------------------
 *  xefill  -  Write 'n' new pages, then one more: it dies there
 *------------------------------------------------------------------------
 */
local	process	xefill(int32 n)
{
	char	*p = vmalloc((n + 1) * PAGE_SIZE);
	int32	i;

	xbad += p == (char *)SYSERR;
	for (i = 0; i <= n; i++) {
		vm_write(PAGE(p, i), i);	/* the last: OUT_OF_MEMORY */
	}
	xbad++;				/* not reached			*/
	return OK;
}

/*------------------------------------------------------------------------
 *  xewaits  -  Is process 'pid' blocked on something other than the
 *		disk channel (a page's I/O, frame_iowait)?
 *------------------------------------------------------------------------
 */
local	bool8	xewaits(pid32 pid, struct atacblk *atptr)
{
	return proctab[pid].prstate == PR_WAIT &&
	       proctab[pid].prsem != atptr->atmutex;
}

/*------------------------------------------------------------------------
 *  xeread  -  The page's read, K holding the channel's turn: with
 *	       XE_REREAD the holders of the spare read the victim back
 *	       (and wait), with XE_KREAD K is killed (interrupts off)
 *------------------------------------------------------------------------
 */
local	void	xeread(int32 how, struct atacblk *atptr, bool8 *rereads)
{
	int32	me;

	CHECK(xinio(xe[XE_K].pid, atptr, FIO_READ));
	CHECK(vm_audit() == OK);
	for (me = XE_A; me <= XE_Y && (how & XE_REREAD); me++) {
		rereads[me] = xe[me].pid != SYSERR && xe[me].mapped;
		if (rereads[me]) {
			xedo(me, XC_READ0, FALSE);
			CHECK(xewaits(xe[me].pid, atptr));
		}
	}
	if (how & XE_KREAD) {
		CHECK(kill(xe[XE_K].pid) == OK);
		xe[XE_K].pid = SYSERR;
		CHECK(vm_audit() == OK && swap_used() == swap_limit);
	}
}

/*------------------------------------------------------------------------
 *  xeoom  -  Once nothing is in flight and 'pages' distinct pages live:
 *	      the audit is clean, swap is at its limit when they fill
 *	      F + S, and a process that writes the room left and one
 *	      page more dies with exactly OUT_OF_MEMORY
 *------------------------------------------------------------------------
 */
local	status	xeoom(int32 pages)
{
	int32	room = ffs_limit + swap_limit - pages;
	char	want[32];
	pid32	n;

	CHECK(xbad == 0 && vm_audit() == OK && swap_used() <= swap_limit);
	CHECK(room > 0 || (swap_used() == swap_limit &&
			   free_ffs_pages() == 0));
	kcapture(xlout, sizeof(xlout));
	n = vrun_wait(vcreate(xefill, 8192, INITPRIO + 1, "xefill", 1, room));
	kcapture(NULL, 0);
	REQUIRE(n != SYSERR);
	sprintf(want, "P%d:: OUT_OF_MEMORY\n", n);
	CHECK(strcmp(xlout, want) == 0 && xbad == 0);
	CHECK(vm_audit() == OK && swap_used() == swap_limit);
	return OK;
}

/*------------------------------------------------------------------------
 *  xesetup  -  K maps S2 and writes it; A maps S1, writes it and H,
 *		reads S1's page 0 (it comes in with no slot) and writes
 *		it anew, and with XE_KEPT unmaps S1 (the frame is kept
 *		for the store); X is ready to map S1.  Every frame and
 *		slot full, but with XE_FREEH, where A frees H (a slot)
 *------------------------------------------------------------------------
 */
local	status	xesetup(int32 how)
{
	int32	me;

	REQUIRE(swapdev->blocks && swap_reserve() == 3);
	REQUIRE(get_bs(XS1, 2) == 2 && get_bs(XS2, 1) == 1);
	xsems(TRUE);
	recvclr();
	for (me = 0; me < XE_N; me++) {
		xe[me].pid = SYSERR;
		xe[me].go = SYSERR;
	}
	xs1p0 = 10;
	REQUIRE(xenew(XE_K, XS2, 1, 20, TRUE) != SYSERR);
	xedo(XE_K, XC_FILL, TRUE);
	REQUIRE(xenew(XE_A, XS1, 2, 10, TRUE) != SYSERR);
	REQUIRE(xedo(XE_A, XC_HEAP, TRUE) == OK);
	REQUIRE(xenew(XE_X, XS1, 2, 10, FALSE) != SYSERR);
	xe[XE_A].kid = XE_B;
	xe[XE_X].kid = XE_Y;
	xedo(XE_A, XC_FILL, TRUE);
	xedo(XE_A, XC_READ0, TRUE);		/* no slot now		*/
	xedo(XE_A, XC_NEW0, TRUE);		/* unlike slot 0's copy	*/
	if (how & XE_KEPT) {
		REQUIRE(xedo(XE_A, XC_UNMAP, TRUE) == OK);
		REQUIRE(ffstab[bstab[XS1].frame[0]].owner == FFS_KEPT);
	}
	if (how & XE_FREEH) {
		REQUIRE(xedo(XE_A, XC_FREEH, TRUE) == OK);
	}
	REQUIRE(xbad == 0 && free_ffs_pages() == 0 &&
		free_swap_pages() == ((how & XE_FREEH) ? 1 : 0));
	REQUIRE(bstab[XS1].slot[0] == NOSLOT && vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  xewrite  -  K's exchange, the test holding the channel: in the
 *		victim's write what 'how' says is done, then K is
 *		killed there or the read comes (xeread); '*rereads' the
 *		processes that read the victim back (interrupts off)
 *------------------------------------------------------------------------
 */
local	void	xewrite(int32 how, struct atacblk *atptr, bool8 *rereads)
{
	atalock(atptr);
	xedo(XE_K, XC_READ0, FALSE);	/* K waits to write S1's page 0	*/
	CHECK(xinio(xe[XE_K].pid, atptr, FIO_WRITE));
	CHECK((how & XE_FREEH) ? !swap_over() && xchg_spare == NOSLOT &&
	      bstab[XS1].slot[0] != NOSLOT :
	      swap_over() && bstab[XS1].slot[0] == xchg_spare);
	if (how & XE_MAP) {
		CHECK(xedo(XE_X, XC_MAP, TRUE) == OK);
	}
	if (how & XE_CLONE) {
		CHECK(xedo(XE_X, XC_CLONE, TRUE) == OK);
	}
	if (how & XE_UNMAP) {
		CHECK(xedo(XE_A, XC_UNMAP, TRUE) == OK);
	}
	if (how & XE_AKILL) {
		CHECK(kill(xe[XE_A].pid) == OK);
		xe[XE_A].pid = SYSERR;
	}
	if (how & XE_ACLONE) {		/* its page is in the write	*/
		xedo(XE_A, XC_CLONE, FALSE);
		CHECK(xewaits(xe[XE_A].pid, atptr));
	}
	CHECK(vm_audit() == OK);
	if (how & XE_KWRITE) {
		CHECK(kill(xe[XE_K].pid) == OK);
		xe[XE_K].pid = SYSERR;
		CHECK(vm_audit() == OK && swap_used() <= swap_limit);
	} else {
		ataunlock(atptr);	/* K writes, then waits for us	*/
		atalock(atptr);		/* ... to read: we have it now	*/
		xeread(how, atptr, rereads);
	}
	ataunlock(atptr);
}

/*------------------------------------------------------------------------
 *  xecase  -  The store page exchange's edges, as 'how' says; 'pages'
 *	       is how many distinct pages live at the end
 *------------------------------------------------------------------------
 */
local	status	xecase(int32 how, int32 pages)
{
	struct	vmsnap	s;
	bool8	rereads[XE_N] = { FALSE };
	intmask	mask;
	int32	me;

	vmsnap_take(&s);
	REQUIRE(xesetup(how) == OK);
	mask = disable();
	xewrite(how, &atatab[devtab[DISK0].dvminor], rereads);
	restore(mask);
	if (xe[XE_K].pid != SYSERR) {
		wait(xback);		/* K read its page		*/
	}
	for (me = XE_A; me <= XE_Y; me++) {
		if (rereads[me]) {
			wait(xback);	/* they read page 0 back	*/
		}
	}
	if (how & XE_ACLONE) {
		wait(xback);		/* A cloned itself		*/
	}
	sleepms(20);			/* the disk ends a dead transfer */
	REQUIRE(xeoom(pages) == OK);
	REQUIRE(xenew(XE_LATE, XS1, 2, 10, TRUE) != SYSERR);
	REQUIRE(xenew(XE_LATE + 1, XS2, 1, 20, TRUE) != SYSERR);
	for (me = 0; me < XE_N; me++) {
		if (xe[me].pid != SYSERR) {
			xedo(me, XC_CHECK, TRUE);
			xedo(me, XC_END, TRUE);
		}
	}
	sleepms(50);			/* they end			*/
	CHECK(xbad == 0);
	CHECK(release_bs(XS1) == OK && release_bs(XS2) == OK);
	CHECK(vm_audit() == OK && vmsnap_same(&s) && swap_used() == 0);
	for (me = 0; me < XE_N; me++) {
		if (xe[me].go != SYSERR) {
			semdelete(xe[me].go);
		}
	}
	xsems(FALSE);
	return OK;
}

#define	XEBOOT	"+disk vm.swapdev=disk vm.ffs=1 vm.swap=3"

XCASE(bsoom_xchg_mapped_killed_writing, XEBOOT, xecase(XE_MAP | XE_KWRITE, 4))
XCASE(bsoom_xchg_mapped_killed_writing_clear, XEBOOT " vm.swapcrypt=off",
      xecase(XE_MAP | XE_KWRITE, 4))
XCASE(bsoom_xchg_mapped_writing, XEBOOT, xecase(XE_MAP, 4))
XCASE(bsoom_xchg_mapped_writing_killed_reading, XEBOOT,
      xecase(XE_MAP | XE_KREAD, 4))
XCASE(bsoom_xchg_cloned_killed_writing, XEBOOT,
      xecase(XE_MAP | XE_CLONE | XE_KWRITE, 4))
XCASE(bsoom_xchg_cloned_killed_writing_clear, XEBOOT " vm.swapcrypt=off",
      xecase(XE_MAP | XE_CLONE | XE_KWRITE, 4))
XCASE(bsoom_xchg_cloned_writing, XEBOOT, xecase(XE_MAP | XE_CLONE, 4))
XCASE(bsoom_xchg_reread_killed_reading, XEBOOT,
      xecase(XE_MAP | XE_CLONE | XE_REREAD | XE_KREAD, 4))
XCASE(bsoom_xchg_reread_killed_reading_clear, XEBOOT " vm.swapcrypt=off",
      xecase(XE_MAP | XE_CLONE | XE_REREAD | XE_KREAD, 4))
XCASE(bsoom_xchg_kept_killed_writing, XEBOOT,
      xecase(XE_KEPT | XE_MAP | XE_CLONE | XE_KWRITE, 4))
XCASE(bsoom_xchg_kept_writing, XEBOOT, xecase(XE_KEPT | XE_MAP | XE_CLONE, 4))
XCASE(bsoom_xchg_kept_killed_reading, XEBOOT,
      xecase(XE_KEPT | XE_MAP | XE_CLONE | XE_REREAD | XE_KREAD, 4))
XCASE(bsoom_xchg_evict_mapped_killed_writing, XEBOOT,
      xecase(XE_FREEH | XE_MAP | XE_KWRITE, 3))
XCASE(bsoom_xchg_evict_unmapped_killed_writing, XEBOOT,
      xecase(XE_FREEH | XE_MAP | XE_UNMAP | XE_KWRITE, 3))
XCASE(bsoom_xchg_evict_unmapped_killed_writing_clear,
      XEBOOT " vm.swapcrypt=off",
      xecase(XE_FREEH | XE_MAP | XE_UNMAP | XE_KWRITE, 3))
XCASE(bsoom_xchg_evict_unmapped_writing, XEBOOT,
      xecase(XE_FREEH | XE_MAP | XE_UNMAP, 3))
XCASE(bsoom_xchg_aclone_killed_writing, XEBOOT,
      xecase(XE_ACLONE | XE_MAP | XE_KWRITE, 4))
XCASE(bsoom_xchg_aclone_writing, XEBOOT, xecase(XE_ACLONE | XE_MAP, 4))
XCASE(bsoom_xchg_aclone_killed_reading, XEBOOT,
      xecase(XE_ACLONE | XE_MAP | XE_KREAD, 4))
XCASE(bsoom_xchg_reread, XEBOOT, xecase(XE_MAP | XE_CLONE | XE_REREAD, 4))
XCASE(bsoom_xchg_unmapped_killed_writing, XEBOOT,
      xecase(XE_MAP | XE_UNMAP | XE_KWRITE, 4))
XCASE(bsoom_xchg_unmapped_killed_writing_clear, XEBOOT " vm.swapcrypt=off",
      xecase(XE_MAP | XE_UNMAP | XE_KWRITE, 4))
XCASE(bsoom_xchg_unmapped_alone_killed_writing, XEBOOT,
      xecase(XE_UNMAP | XE_KWRITE, 4))
XCASE(bsoom_xchg_unmapped_writing, XEBOOT, xecase(XE_MAP | XE_UNMAP, 4))
XCASE(bsoom_xchg_unmapped_killed_reading, XEBOOT,
      xecase(XE_MAP | XE_UNMAP | XE_KREAD, 4))
XCASE(bsoom_xchg_vdead_killed_writing, XEBOOT,
      xecase(XE_MAP | XE_AKILL | XE_KWRITE, 3))
XCASE(bsoom_xchg_vdead_killed_writing_clear, XEBOOT " vm.swapcrypt=off",
      xecase(XE_MAP | XE_AKILL | XE_KWRITE, 3))
XCASE(bsoom_xchg_vdead_writing, XEBOOT, xecase(XE_MAP | XE_AKILL, 3))

/*
 * The victim's page freed during the victim's write, set up as for
 * shareoom_killed_reading_*: A (the faulter) and B hold slots 0-3, V's
 * 4 pages fill FFS (W maps them too with XV_SHARED), and A's exchange
 * writes one of V's pages to the spare.  In that write V is killed, or
 * vfrees its pages (XV_VFREE): alone, the frame is an orphan whose
 * write ends (or is undone) with nothing holding the spare; shared, W
 * keeps the page.  A is then killed in the write, in the read, or not
 * at all.  After: vm_audit() clean, swap at its limit when every page
 * is still there, a new page beyond F + S pages OUT_OF_MEMORY, and
 * every survivor reads every word right.
 */

#define	XV_SHARED	0x01		/* W maps V's pages too		*/
#define	XV_VFREE	0x02		/* V vfrees them, else is killed */
#define	XV_AWRITE	0x04		/* A is killed in the write	*/
#define	XV_AREAD	0x08		/* ... in the read		*/

/*------------------------------------------------------------------------
 *  xva  -  Write pages 0-3, clone B; when told, read page 0 (the
 *	    exchange), then when told every page
 *------------------------------------------------------------------------
 */
local	process	xva(void)
{
	int32	i;

	xastart();
	xbad += !xpageok(0);		/* the exchange			*/
	signal(xback);
	wait(xgoa);
	for (i = 0; i < XFFS; i++) {
		xbad += !xpageok(i);
	}
	xbad += vm_audit() != OK;
	signal(xback);
	return OK;
}

/*------------------------------------------------------------------------
 *  xvv  -  Write 4 pages (pattern pages 4-7), clone W with XV_SHARED;
 *	    when told, vfree them (else it is killed there), then audit
 *	    when told
 *------------------------------------------------------------------------
 */
local	process	xvv(int32 how)
{
	pid32	w;

	xvfill();
	if (how & XV_SHARED) {
		w = vclone(xlw, 8192, INITPRIO + 3, "xlw", 0);
		xbad += (w == SYSERR || resume(w) == SYSERR);
	}
	signal(xready);
	wait(xgow);
	xbad += vfree(xvheap, XFFS * PAGE_SIZE) != OK;
	signal(xback);
	wait(xgob);
	xbad += vm_audit() != OK;
	signal(xback);
	return OK;
}

/*------------------------------------------------------------------------
 *  xvwrite  -  A's exchange, the test holding the channel: V's page
 *		freed in the victim's write, A killed as 'how' says
 *		(interrupts off)
 *------------------------------------------------------------------------
 */
local	void	xvwrite(int32 how, pid32 a, pid32 v)
{
	struct	atacblk	*atptr = &atatab[devtab[DISK0].dvminor];

	atalock(atptr);
	signal(xgoa);			/* A waits to write V's page	*/
	CHECK(xinio(a, atptr, FIO_WRITE) && swap_over());
	if (how & XV_VFREE) {
		signal(xgow);		/* V frees its pages		*/
		wait(xback);
	} else {
		CHECK(kill(v) == OK);
	}
	CHECK(vm_audit() == OK);
	if (how & XV_AWRITE) {
		CHECK(kill(a) == OK);
		CHECK(vm_audit() == OK && swap_used() == swap_limit);
	} else {
		ataunlock(atptr);	/* A writes, then waits for us	*/
		atalock(atptr);		/* ... to read: we have it now	*/
		CHECK(xinio(a, atptr, FIO_READ) && vm_audit() == OK);
	}
	if (how & XV_AREAD) {
		CHECK(kill(a) == OK);
		CHECK(vm_audit() == OK && swap_used() <= swap_limit);
	}
	ataunlock(atptr);
}

/*------------------------------------------------------------------------
 *  xvcase  -  Free the victim's page in A's exchange's write, kill A as
 *	       'how' says, and check what everyone sees after
 *------------------------------------------------------------------------
 */
local	status	xvcase(int32 how)
{
	struct	vmsnap	s;
	intmask	mask;
	pid32	a, v;
	int32	k, readers;
	bool8	alive = (how & (XV_AWRITE | XV_AREAD)) == 0;

	REQUIRE(xavstart(xva, "xva", xvv, "xvv", how, &s, &a, &v) == OK);
	mask = disable();
	xvwrite(how, a, v);
	restore(mask);
	if (alive) {
		wait(xback);		/* A read its page 0		*/
	}
	sleepms(20);			/* the disk ends a dead transfer */
	REQUIRE(xeoom(XFFS + ((how & XV_SHARED) ? XFFS : 0)) == OK);
	readers = 1 + ((how & XV_SHARED) != 0) + ((how & XV_VFREE) != 0);
	for (k = 0; k < readers; k++) {
		signal(xgob);		/* B, W, V read and end		*/
		wait(xback);
	}
	if (alive) {
		signal(xgoa);		/* A reads every page		*/
		wait(xback);
	}
	sleepms(50);			/* they end			*/
	CHECK(xbad == 0);
	CHECK(vm_audit() == OK && vmsnap_same(&s) && swap_used() == 0);
	xsems(FALSE);
	semdelete(xgow);
	return OK;
}

XCASE(shareoom_vdead_writing, XLBOOT " vm.rmap=5", xvcase(0))
XCASE(shareoom_vdead_killed_writing, XLBOOT " vm.rmap=5", xvcase(XV_AWRITE))
XCASE(shareoom_vdead_killed_reading, XLBOOT " vm.rmap=5", xvcase(XV_AREAD))
XCASE(shareoom_vfreed_writing, XLBOOT " vm.rmap=5", xvcase(XV_VFREE))
XCASE(shareoom_vfreed_killed_writing, XLBOOT " vm.rmap=5",
      xvcase(XV_VFREE | XV_AWRITE))
XCASE(shareoom_vfreed_killed_writing_clear,
      XLBOOT " vm.rmap=5 vm.swapcrypt=off",
      xvcase(XV_VFREE | XV_AWRITE))
XCASE(shareoom_shared_vdead_writing, XLBOOT " vm.rmap=5", xvcase(XV_SHARED))
XCASE(shareoom_shared_vdead_killed_writing, XLBOOT " vm.rmap=5",
      xvcase(XV_SHARED | XV_AWRITE))
XCASE(shareoom_shared_vdead_killed_writing_clear,
      XLBOOT " vm.rmap=5 vm.swapcrypt=off",
      xvcase(XV_SHARED | XV_AWRITE))
XCASE(shareoom_shared_vfreed_killed_reading, XLBOOT " vm.rmap=5",
      xvcase(XV_SHARED | XV_VFREE | XV_AREAD))
XCASE(shareoom_shared_vfreed_writing, XLBOOT " vm.rmap=5",
      xvcase(XV_SHARED | XV_VFREE))
