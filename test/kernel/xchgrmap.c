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
	wait(xgob);
	xbad += !xpageok(0);
	signal(xback);
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
	xready = semcreate(0);
	xgoa = semcreate(0);
	xgob = semcreate(0);
	xback = semcreate(0);
	xbad = 0;
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
	semdelete(xready);
	semdelete(xgoa);
	semdelete(xgob);
	semdelete(xback);
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
