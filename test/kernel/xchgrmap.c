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

TEST_BOOT(shareoom_promise_disk, XBOOT)
{
	return xcase(XKILL_NONE);
}

TEST_BOOT(shareoom_promise_disk_clear, XBOOT " vm.swapcrypt=off")
{
	return xcase(XKILL_NONE);
}

TEST_BOOT(shareoom_promise_killed_writing, XBOOT)
{
	return xcase(XKILL_WRITE);
}

TEST_BOOT(shareoom_promise_killed_reading, XBOOT)
{
	return xcase(XKILL_READ);
}

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
 * frame with V and W when the exchange is undone.
 */

#define	XL_ALONE	0		/* V's pages are V's alone	*/
#define	XL_SHARED	1		/* W maps them too		*/
#define	XL_CLONED	2		/* ... and W clones itself in	*/
					/* the read			*/
local	char	*xvheap;		/* V's pages (W's too)		*/
local	sid32	xgow;			/* W: clone yourself		*/

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
 *  xla  -  Write pages 0-3, clone B; when told, read page 0 (it is
 *	    killed in that read)
 *------------------------------------------------------------------------
 */
local	process	xla(void)
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
	int32	i;

	xvheap = vmalloc(XFFS * PAGE_SIZE);
	xbad += xvheap == (char *)SYSERR;
	for (i = 0; i < XFFS && xbad == 0; i++) {
		xfillat(PAGE(xvheap, i), XFFS + i);
	}
	if (how != XL_ALONE) {
		w = vclone(how == XL_CLONED ? xlwc : xlw, 8192, INITPRIO + 3,
			   "xlw", 0);
		xbad += (w == SYSERR || resume(w) == SYSERR);
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

	REQUIRE(ffs_limit == XFFS && swap_limit == XSWAP &&
		swapdev->blocks && swap_reserve() == XSWAP);
	vmsnap_take(&s);
	xsems(TRUE);
	xgow = semcreate(0);
	recvclr();
	a = vcreate(xla, 8192, INITPRIO + 1, "xla", 0);
	REQUIRE(a != SYSERR && resume(a) != SYSERR);
	wait(xready);
	v = vcreate(xlv, 8192, INITPRIO + 1, "xlv", 1, how);
	REQUIRE(v != SYSERR && resume(v) != SYSERR);
	wait(xready);
	REQUIRE(xbad == 0 && free_ffs_pages() == 0 && free_swap_pages() == 0);
	REQUIRE(vm_audit() == OK);
	mask = disable();
	atalock(atptr);
	signal(xgoa);			/* A waits to write V's page	*/
	CHECK(xinio(a, atptr, FIO_WRITE) && swap_over());
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
	CHECK(vm_audit() == OK && swap_used() == swap_limit &&
	      free_ffs_pages() == 0);
	kcapture(xlout, sizeof(xlout));
	n = vrun_wait(vcreate(xlnew, 8192, INITPRIO + 1, "xlnew", 0));
	kcapture(NULL, 0);
	REQUIRE(n != SYSERR);
	sprintf(want, "P%d:: OUT_OF_MEMORY\n", n);
	CHECK(strcmp(xlout, want) == 0);
	CHECK(vm_audit() == OK && swap_used() == swap_limit);
	for (k = 0; k < 2 + how; k++) {
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

TEST_BOOT(shareoom_killed_reading_other_victim, XLBOOT " vm.rmap=5")
{
	return xlcase(XL_ALONE);
}

TEST_BOOT(shareoom_killed_reading_other_victim_clear,
	  XLBOOT " vm.rmap=5 vm.swapcrypt=off")
{
	return xlcase(XL_ALONE);
}

TEST_BOOT(shareoom_killed_reading_shared_victim, XLBOOT " vm.rmap=5")
{
	return xlcase(XL_SHARED);
}

TEST_BOOT(shareoom_killed_reading_cloned_victim, XLBOOT " vm.rmap=9")
{
	return xlcase(XL_CLONED);
}

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
