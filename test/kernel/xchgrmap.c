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
 *  xfill, xpageok  -  Write every word of page 'i'; are they all right?
 *		       (read from the first word on: a swapped page faults)
 *------------------------------------------------------------------------
 */
local	void	xfill(int32 i)
{
	uint32	w;

	for (w = 0; w < PAGE_SIZE / 4; w++) {
		vm_write(PAGE(xheap, i) + 4 * w, XWORD(i, w));
	}
}

local	bool8	xpageok(int32 i)
{
	uint32	w;

	for (w = 0; w < PAGE_SIZE / 4; w++) {
		if (vm_read(PAGE(xheap, i) + 4 * w) != XWORD(i, w)) {
			return FALSE;
		}
	}
	return TRUE;
}

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
