/* ata.c - tests of the ATA disk driver (DISK0) */

#include <xinu.h>
#include "vmtest.h"

/*
 * The runner boots each "+disk" case with a private, sparse disk image
 * of MAX_SWAP_SIZE pages (tools/xinu/qemu.py, disk_image), into which the
 * host wrote a pattern at three blocks (HOSTBLKS below).  A case
 * without "+disk" boots with no disk at all.
 */

#define	NWRITERS	4	/* concurrent_io: processes with own blocks */
#define	OWNBLKS		24	/* blocks each of them owns		*/
#define	ROUNDS		6	/* times each rewrites and checks them	*/
#define	NSHARERS	2	/* processes rewriting one shared block	*/
#define	SHARED		5000	/* that block				*/
#define	LONGIO		256	/* blocks read in others_run_during_io	*/
#define	IRQ_DISK	14	/* DISK0's line (Configuration)		*/

extern	uint32	irqcount[];	/* interrupts seen per line (trap.c)	*/

local	volatile uint32	spins;		/* others_run_during_io's counter */
local	volatile uint32	ioerrors;	/* failed checks in child processes */

/*------------------------------------------------------------------------
 *  pattern  -  Word 'i' of block 'blk' as writer 'tag' writes it
 *------------------------------------------------------------------------
 */
local	uint32	pattern(uint32 tag, uint32 blk, uint32 i)
{
	return (tag * 0x9E3779B1u) ^ (blk << 12) ^ i ^ 0x5A5A0000u;
}

/*------------------------------------------------------------------------
 *  fill  -  Fill a block buffer with writer 'tag''s pattern for 'blk'
 *------------------------------------------------------------------------
 */
local	void	fill(char *buf, uint32 tag, uint32 blk)
{
	uint32	i;

	for (i = 0; i < ATA_BLKSIZ / 4; i++) {
		((uint32 *)buf)[i] = pattern(tag, blk, i);
	}
}

/*------------------------------------------------------------------------
 *  holds  -  TRUE when a block buffer holds 'tag''s pattern for 'blk'
 *------------------------------------------------------------------------
 */
local	bool8	holds(const char *buf, uint32 tag, uint32 blk)
{
	uint32	i;

	for (i = 0; i < ATA_BLKSIZ / 4; i++) {
		if (((const uint32 *)buf)[i] != pattern(tag, blk, i)) {
			return FALSE;
		}
	}
	return TRUE;
}

/* The disk is the runner's image: MAX_SWAP_SIZE pages, QEMU's model */
TEST_BOOT(ata_identify, "+disk")
{
	char	line[128];

	CHECK(open(DISK0, "", "") == OK);
	CHECK(control(DISK0, ATA_CTL_NBLOCKS, 0, 0) == MAX_SWAP_SIZE);
	CHECK(control(DISK0, ATA_CTL_SECTORS, 0, 0) ==
	      MAX_SWAP_SIZE * ATA_BLKSECT);
	CHECK(control(DISK0, 12345, 0, 0) == SYSERR);
	atadescr(0, line, sizeof(line));
	CHECK(strstr(line, "QEMU HARDDISK") != NULL);
	CHECK(strstr(line, "32768 blocks") != NULL || MAX_SWAP_SIZE != 32768);
	CHECK(atatab[0].atdrq == ATA_BLKSECT);	/* QEMU's multiple mode	*/
	return OK;
}

/* What the host wrote into the image before the boot is on the disk */
TEST_BOOT(ata_host_pattern, "+disk")
{
	uint32	blks[3] = { 0, MAX_SWAP_SIZE / 2, MAX_SWAP_SIZE - 1 };
	char	*buf = getmem(ATA_BLKSIZ);
	uint32	i;

	REQUIRE(buf != (char *)SYSERR);
	for (i = 0; i < 3; i++) {
		memset(buf, 0, ATA_BLKSIZ);
		CHECK(read(DISK0, buf, blks[i]) == OK);
		CHECK(holds(buf, 0xD15C, blks[i]));
	}
	CHECK(read(DISK0, buf, 1) == OK);	/* never written: zeros	*/
	CHECK(((uint32 *)buf)[0] == 0 && ((uint32 *)buf)[1023] == 0);
	freemem(buf, ATA_BLKSIZ);
	return OK;
}

/* Patterns written to many blocks, the last one included, read back */
TEST_BOOT(ata_write_read_back, "+disk")
{
	char	*buf = getmem(ATA_BLKSIZ);
	uint32	nblk = control(DISK0, ATA_CTL_NBLOCKS, 0, 0);
	uint32	blk, n = 0;

	REQUIRE(buf != (char *)SYSERR);
	REQUIRE(nblk == MAX_SWAP_SIZE);
	for (blk = 0; blk < nblk; blk += (blk < 64) ? 1 : 251) {
		fill(buf, 7, blk);
		CHECK(write(DISK0, buf, blk) == OK);
		n++;
	}
	fill(buf, 7, nblk - 1);
	CHECK(write(DISK0, buf, nblk - 1) == OK);
	CHECK(control(DISK0, ATA_CTL_FLUSH, 0, 0) == OK);
	for (blk = 0; blk < nblk; blk += (blk < 64) ? 1 : 251) {
		memset(buf, 0, ATA_BLKSIZ);
		CHECK(read(DISK0, buf, blk) == OK);
		CHECK(holds(buf, 7, blk));
	}
	memset(buf, 0, ATA_BLKSIZ);
	CHECK(read(DISK0, buf, nblk - 1) == OK);
	CHECK(holds(buf, 7, nblk - 1));
	CHECK(n > 150);
	freemem(buf, ATA_BLKSIZ);
	return OK;
}

/* The sector-at-a-time path (disks without multiple mode): one
 * interrupt per sector moves the same data */
TEST_BOOT(ata_sector_interrupts, "+disk")
{
	char	*buf = getmem(ATA_BLKSIZ);
	uint32	blk, irqs;

	REQUIRE(buf != (char *)SYSERR);
	REQUIRE(atatab[0].atdrq == ATA_BLKSECT);
	atatab[0].atdrq = 1;
	irqs = irqcount[IRQ_DISK];
	for (blk = 300; blk < 340; blk++) {
		fill(buf, 11, blk);
		CHECK(write(DISK0, buf, blk) == OK);
	}
	CHECK(irqcount[IRQ_DISK] - irqs == 40 * ATA_BLKSECT);
	atatab[0].atdrq = ATA_BLKSECT;	/* written one way, read both	*/
	irqs = irqcount[IRQ_DISK];
	for (blk = 300; blk < 340; blk++) {
		memset(buf, 0, ATA_BLKSIZ);
		CHECK(read(DISK0, buf, blk) == OK);
		CHECK(holds(buf, 11, blk));
	}
	CHECK(irqcount[IRQ_DISK] - irqs == 40);
	atatab[0].atdrq = 1;
	irqs = irqcount[IRQ_DISK];
	for (blk = 300; blk < 340; blk++) {
		memset(buf, 0, ATA_BLKSIZ);
		CHECK(read(DISK0, buf, blk) == OK);
		CHECK(holds(buf, 11, blk));
	}
	CHECK(irqcount[IRQ_DISK] - irqs == 40 * ATA_BLKSECT);
	atatab[0].atdrq = ATA_BLKSECT;
	freemem(buf, ATA_BLKSIZ);
	return OK;
}

/* Bad block numbers, a NULL buffer and a caller that cannot block:
 * SYSERR, a line, nothing moved (a block number whose LBA wraps to 0
 * must not write block 0) */
TEST_BOOT(ata_bad_blocks_refused, "+disk")
{
	static	char	out[1024];
	int32	bad[] = { MAX_SWAP_SIZE, MAX_SWAP_SIZE + 1000, -1,
			  0x20000000, 0x10000000, 0x7FFFFFFF };
	char	*buf = getmem(ATA_BLKSIZ);
	uint32	i;

	REQUIRE(buf != (char *)SYSERR);
	fill(buf, 1, 0);
	REQUIRE(write(DISK0, buf, 0) == OK);
	fill(buf, 1, MAX_SWAP_SIZE - 1);
	REQUIRE(write(DISK0, buf, MAX_SWAP_SIZE - 1) == OK);

	kcapture(out, sizeof(out));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fill(buf, 2, 0);
		CHECK(write(DISK0, buf, bad[i]) == SYSERR);
		CHECK(read(DISK0, buf, bad[i]) == SYSERR);
		CHECK(holds(buf, 2, 0));	/* read left it alone	*/
	}
	CHECK(write(DISK0, NULL, 0) == SYSERR);
	CHECK(read(DISK0, NULL, 0) == SYSERR);
	resched_cntl(DEFER_START);	/* a caller that cannot block	*/
	CHECK(write(DISK0, buf, 0) == SYSERR);
	CHECK(read(DISK0, buf, 0) == SYSERR);
	CHECK(control(DISK0, ATA_CTL_FLUSH, 0, 0) == SYSERR);
	resched_cntl(DEFER_STOP);
	kcapture(NULL, 0);
	CHECK(strstr(out, "DISK0: write: block 32768 is outside 0..32767\n")
	      != NULL || MAX_SWAP_SIZE != 32768);
	CHECK(strstr(out, "DISK0: read: block -1 is outside") != NULL);
	CHECK(strstr(out, "DISK0: write: no buffer\n") != NULL);
	CHECK(strstr(out, "DISK0: read: the caller cannot block\n") != NULL);
	CHECK(strstr(out, "DISK0: flush: the caller cannot block\n") != NULL);

	CHECK(read(DISK0, buf, 0) == OK);
	CHECK(holds(buf, 1, 0));
	CHECK(read(DISK0, buf, MAX_SWAP_SIZE - 1) == OK);
	CHECK(holds(buf, 1, MAX_SWAP_SIZE - 1));
	freemem(buf, ATA_BLKSIZ);
	return OK;
}

/*------------------------------------------------------------------------
 *  owner  -  Rewrite and check blocks 'first'.. (OWNBLKS of them) with a
 *	      buffer in a vmalloc'd heap, ROUNDS times
 *------------------------------------------------------------------------
 */
local	process	owner(uint32 first)
{
	char	*buf = vmalloc(ATA_BLKSIZ);
	uint32	r, b, tag;

	if (buf == (char *)SYSERR) {
		ioerrors++;
		return SYSERR;
	}
	for (r = 0; r < ROUNDS; r++) {
		tag = first * 100 + r;
		for (b = first; b < first + OWNBLKS; b++) {
			fill(buf, tag, b);
			if (write(DISK0, buf, b) != OK) {
				ioerrors++;
			}
		}
		for (b = first; b < first + OWNBLKS; b++) {
			memset(buf, 0, ATA_BLKSIZ);
			if (read(DISK0, buf, b) != OK || !holds(buf, tag, b)) {
				ioerrors++;
			}
		}
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  sharer  -  Write block SHARED whole with tag 'me' and read it back:
 *	       every read must find one writer's block, never a mix
 *------------------------------------------------------------------------
 */
local	process	sharer(uint32 me)
{
	char	*buf = getmem(ATA_BLKSIZ);
	uint32	r, t;
	bool8	whole;

	if (buf == (char *)SYSERR) {
		ioerrors++;
		return SYSERR;
	}
	for (r = 0; r < ROUNDS * OWNBLKS; r++) {
		fill(buf, me, SHARED);
		if (write(DISK0, buf, SHARED) != OK ||
		    read(DISK0, buf, SHARED) != OK) {
			ioerrors++;
		}
		whole = FALSE;
		for (t = 1; t <= NSHARERS; t++) {
			whole = whole || holds(buf, t, SHARED);
		}
		if (!whole) {
			ioerrors++;
		}
	}
	freemem(buf, ATA_BLKSIZ);
	return OK;
}

/* Several processes (vcreate'd ones with heap buffers among them)
 * reading and writing at once: every block read holds what was
 * written, and a block written by two is always one writer's whole */
TEST_BOOT(ata_concurrent_io, "+disk")
{
	pid32	pids[NWRITERS + NSHARERS];
	uint32	i, n = 0;

	ioerrors = 0;
	recvclr();
	for (i = 0; i < NWRITERS; i++) {
		pids[n++] = vcreate(owner, 8192, INITPRIO + 1, "owner", 1,
				    1000 + i * 1000);
	}
	for (i = 1; i <= NSHARERS; i++) {
		pids[n++] = create(sharer, INITSTK, INITPRIO + 1, "sharer", 1,
				   i);
	}
	for (i = 0; i < n; i++) {
		REQUIRE(pids[i] != SYSERR);
		resume(pids[i]);
	}
	for (i = 0; i < n; i++) {
		receive();
	}
	CHECK(ioerrors == 0);
	return OK;
}

/*------------------------------------------------------------------------
 *  spinner  -  Count, forever (it runs only when nobody else can)
 *------------------------------------------------------------------------
 */
local	process	spinner(void)
{
	for (;;) {
		spins++;
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  longio  -  Read LONGIO blocks; count the reads during which the
 *	       lower-priority spinner ran
 *------------------------------------------------------------------------
 */
local	process	longio(uint32 *overlapped)
{
	char	*buf = getmem(ATA_BLKSIZ);
	uint32	b, before;

	if (buf == (char *)SYSERR) {
		ioerrors++;
		return SYSERR;
	}
	for (b = 0; b < LONGIO; b++) {
		before = spins;
		if (read(DISK0, buf, 2000 + b) != OK) {
			ioerrors++;
		}
		if (spins != before) {
			(*overlapped)++;
		}
	}
	freemem(buf, ATA_BLKSIZ);
	return OK;
}

/* A process reading the disk blocks while the disk works: a process of
 * lower priority, which runs only when no one above it can, makes
 * progress during the reads (a driver that polled would starve it) */
TEST_BOOT(ata_others_run_during_io, "+disk")
{
	pid32	spin, io;
	uint32	overlapped = 0;

	ioerrors = 0;
	spins = 0;
	recvclr();
	spin = create(spinner, INITSTK, INITPRIO - 5, "spinner", 0);
	io = create(longio, INITSTK, INITPRIO + 5, "longio", 1, &overlapped);
	REQUIRE(spin != SYSERR && io != SYSERR);
	resume(spin);
	resume(io);
	while (receive() != (umsg32)io) {
		;
	}
	kill(spin);
	kprintf("spinner ran during %d of %d reads\n", overlapped, LONGIO);
	CHECK(ioerrors == 0);
	CHECK(overlapped > 0);
	return OK;
}

/*------------------------------------------------------------------------
 *  worker  -  Prove the system still runs: send 'n' * 2 to the parent
 *------------------------------------------------------------------------
 */
local	process	worker(uint32 n)
{
	sleepms(5);
	send(proctab[currpid].prparent, n * 2);
	return OK;
}

/* No disk attached: every call on DISK0 is SYSERR with a line, and the
 * rest of the system works */
TEST(ata_no_disk)
{
	static	char	out[512];
	char	buf[ATA_BLKSIZ];
	char	*heap;
	pid32	pid;

	kcapture(out, sizeof(out));
	CHECK(open(DISK0, "", "") == SYSERR);
	CHECK(read(DISK0, buf, 0) == SYSERR);
	CHECK(write(DISK0, buf, 0) == SYSERR);
	CHECK(control(DISK0, ATA_CTL_NBLOCKS, 0, 0) == SYSERR);
	CHECK(control(DISK0, ATA_CTL_FLUSH, 0, 0) == SYSERR);
	kcapture(NULL, 0);
	CHECK(strstr(out, "DISK0: open: no disk\n") != NULL);
	CHECK(strstr(out, "DISK0: read: no disk\n") != NULL);
	CHECK(strstr(out, "DISK0: write: no disk\n") != NULL);
	CHECK(strstr(out, "DISK0: control: no disk\n") != NULL);
	CHECK(strstr(atadescr(0, buf, 128), "DISK0 none") != NULL);

	recvclr();
	pid = create(worker, INITSTK, INITPRIO + 1, "worker", 1, 21);
	REQUIRE(pid != SYSERR);
	resume(pid);
	CHECK(receive() == 42);
	CHECK(receive() == (umsg32)pid);
	heap = getmem(2 * PAGE_SIZE);
	CHECK(heap != (char *)SYSERR);
	freemem(heap, 2 * PAGE_SIZE);
	return OK;
}

/* Errors the disk itself reports (a block past its end, which atacheck
 * would refuse, sent straight to the disk): SYSERR with a line, and
 * the channel works again afterwards */
TEST_BOOT(ata_device_error_recovers, "+disk")
{
	static	char	out[512];
	struct	atacblk	*atptr = &atatab[0];
	char	*buf = getmem(ATA_BLKSIZ);
	intmask	mask;
	status	rr, rw;

	REQUIRE(buf != (char *)SYSERR);
	kcapture(out, sizeof(out));
	mask = disable();
	wait(atptr->atmutex);
	rr = atarun(atptr, ATA_READ, MAX_SWAP_SIZE + 5);
	rw = atarun(atptr, ATA_WRITE, MAX_SWAP_SIZE + 5);
	signal(atptr->atmutex);
	restore(mask);
	kcapture(NULL, 0);
	CHECK(rr == SYSERR);
	CHECK(rw == SYSERR);
	CHECK(strstr(out, "DISK0: read block") != NULL);
	CHECK(strstr(out, "DISK0: write block") != NULL);

	fill(buf, 3, 9);
	CHECK(write(DISK0, buf, 9) == OK);
	memset(buf, 0, ATA_BLKSIZ);
	CHECK(read(DISK0, buf, 9) == OK);
	CHECK(holds(buf, 3, 9));
	freemem(buf, ATA_BLKSIZ);
	return OK;
}

/*------------------------------------------------------------------------
 *  victim  -  Write and read back block 'blk' until killed
 *------------------------------------------------------------------------
 */
local	process	victim(uint32 blk, char *buf)
{
	for (;;) {
		fill(buf, blk, blk);
		if (write(DISK0, buf, blk) != OK ||
		    read(DISK0, buf, blk) != OK || !holds(buf, blk, blk)) {
			ioerrors++;
		}
	}
	return OK;
}

/* Processes killed in the middle of disk calls (waiting for the
 * channel, holding it with a command in flight, or ready to run with
 * it) give it back: the next caller is served, with the right data,
 * and the channel's semaphores end where they began */
TEST_BOOT(ata_kill_during_io, "+disk")
{
	static	char	bufs[2][ATA_BLKSIZ];
	char	*buf = getmem(ATA_BLKSIZ);
	struct	atacblk	*atptr = &atatab[0];
	pid32	a, b;
	uint32	round;

	REQUIRE(buf != (char *)SYSERR);
	ioerrors = 0;
	for (round = 0; round < 150; round++) {
		a = create(victim, INITSTK, INITPRIO - 1, "victimA", 2, 6000,
			   bufs[0]);
		b = create(victim, INITSTK, INITPRIO - 1, "victimB", 2, 6001,
			   bufs[1]);
		REQUIRE(a != SYSERR && b != SYSERR);
		resume(a);
		resume(b);
		sleepms(round % 4);
		kill(round % 2 ? a : b);
		if (round % 3 == 0) {
			sleepms(1);
		}
		kill(round % 2 ? b : a);
		fill(buf, round, 6002);
		CHECK(write(DISK0, buf, 6002) == OK);
		memset(buf, 0, ATA_BLKSIZ);
		CHECK(read(DISK0, buf, 6002) == OK);
		CHECK(holds(buf, round, 6002));
	}
	recvclr();
	CHECK(ioerrors == 0);
	CHECK(semcount(atptr->atmutex) == 1);
	CHECK(semcount(atptr->atdone) == 0);
	CHECK(atptr->atowner == ATA_NOOWNER && !atptr->atorphan);
	freemem(buf, ATA_BLKSIZ);
	return OK;
}

/* A read and a flush whose interrupt never comes (the disk told not to
 * raise it, nIEN): the watchdog ends each after ATA_TIMEOUT ms, SYSERR
 * with a line that names the timeout, nothing copied; the reset turns
 * the interrupt back on and the next calls move the right data */
TEST_BOOT(ata_lost_interrupt_times_out, "+disk")
{
	static	char	out[512];
	struct	atacblk	*atptr = &atatab[0];
	char	*buf = getmem(ATA_BLKSIZ);
	status	rr, rf;

	REQUIRE(buf != (char *)SYSERR);
	fill(buf, 21, 40);
	REQUIRE(write(DISK0, buf, 40) == OK);
	fill(buf, 22, 41);
	REQUIRE(write(DISK0, buf, 41) == OK);

	kcapture(out, sizeof(out));
	memset(buf, 0, ATA_BLKSIZ);
	outb(atptr->atctl, ATA_CTL_NIEN);
	rr = read(DISK0, buf, 40);
	outb(atptr->atctl, ATA_CTL_NIEN);
	rf = control(DISK0, ATA_CTL_FLUSH, 0, 0);
	kcapture(NULL, 0);
	CHECK(rr == SYSERR);
	CHECK(rf == SYSERR);
	CHECK(((uint32 *)buf)[0] == 0 && ((uint32 *)buf)[1023] == 0);
	CHECK(strstr(out, "DISK0: read block 40 failed: no interrupt (timed "
		      "out after 2000 ms) (status 0x") != NULL ||
	      ATA_TIMEOUT != 2000);
	CHECK(strstr(out, "DISK0: flush block 0 failed: no interrupt")
	      != NULL);
	CHECK(!atptr->atbusy && !atptr->attimedout);
	CHECK(atptr->atowner == ATA_NOOWNER);

	CHECK(read(DISK0, buf, 40) == OK);
	CHECK(holds(buf, 21, 40));
	CHECK(read(DISK0, buf, 41) == OK);
	CHECK(holds(buf, 22, 41));
	fill(buf, 23, 40);
	CHECK(write(DISK0, buf, 40) == OK);
	fill(buf, 24, 42);
	CHECK(write(DISK0, buf, 42) == OK);
	CHECK(control(DISK0, ATA_CTL_FLUSH, 0, 0) == OK);
	memset(buf, 0, ATA_BLKSIZ);
	CHECK(read(DISK0, buf, 40) == OK);
	CHECK(holds(buf, 23, 40));
	CHECK(read(DISK0, buf, 42) == OK);
	CHECK(holds(buf, 24, 42));
	sleepms(2);
	CHECK(!atawatch);		/* the clock stopped watching	*/
	CHECK(semcount(atptr->atmutex) == 1);
	CHECK(semcount(atptr->atdone) == 0);
	freemem(buf, ATA_BLKSIZ);
	return OK;
}

/* A write whose interrupt is held at the interrupt controller (IRQ 14
 * masked): the watchdog ends it, SYSERR; the interrupt, still pending,
 * is let through while the next command is in flight and must not end
 * that one early or spoil its data.  The timed-out write's block holds
 * the old data or the new, whole */
TEST_BOOT(ata_late_interrupt_after_timeout, "+disk")
{
	static	char	out[512];
	struct	atacblk	*atptr = &atatab[0];
	char	*buf = getmem(ATA_BLKSIZ);
	uint32	irqs, blk;
	intmask	mask;
	status	rw, rr;
	bool8	pending;

	REQUIRE(buf != (char *)SYSERR);
	fill(buf, 31, 50);
	REQUIRE(write(DISK0, buf, 50) == OK);
	fill(buf, 32, 51);
	REQUIRE(write(DISK0, buf, 51) == OK);

	kcapture(out, sizeof(out));
	pic_mask(IRQ_DISK);
	irqs = irqcount[IRQ_DISK];
	fill(buf, 33, 50);
	rw = write(DISK0, buf, 50);
	kcapture(NULL, 0);
	CHECK(rw == SYSERR);
	CHECK(irqcount[IRQ_DISK] == irqs);
	CHECK(strstr(out, "DISK0: write block 50 failed: no interrupt "
		      "(timed out after") != NULL);

	mask = disable();
	outb(PIC2_CMD, PIC_READ_IRR);
	pending = (inb(PIC2_CMD) & (1 << (IRQ_DISK - 8))) != 0;
	pic_unmask(IRQ_DISK);		/* comes once this read waits	*/
	memset(buf, 0, ATA_BLKSIZ);
	rr = read(DISK0, buf, 51);
	restore(mask);
	CHECK(pending);			/* there was a late interrupt	*/
	CHECK(rr == OK);
	CHECK(holds(buf, 32, 51));
	CHECK(irqcount[IRQ_DISK] != irqs);

	memset(buf, 0, ATA_BLKSIZ);
	CHECK(read(DISK0, buf, 50) == OK);
	CHECK(holds(buf, 31, 50) || holds(buf, 33, 50));
	for (blk = 50; blk < 53; blk++) {
		fill(buf, 34, blk);
		CHECK(write(DISK0, buf, blk) == OK);
	}
	for (blk = 50; blk < 53; blk++) {
		memset(buf, 0, ATA_BLKSIZ);
		CHECK(read(DISK0, buf, blk) == OK);
		CHECK(holds(buf, 34, blk));
	}
	CHECK(!atptr->atbusy && !atptr->attimedout);
	CHECK(semcount(atptr->atmutex) == 1);
	CHECK(semcount(atptr->atdone) == 0);
	freemem(buf, ATA_BLKSIZ);
	return OK;
}

/*------------------------------------------------------------------------
 *  lostreader  -  Read block 'blk' (the test kills it while it waits)
 *------------------------------------------------------------------------
 */
local	process	lostreader(uint32 blk, char *buf)
{
	read(DISK0, buf, blk);
	return OK;
}

/*------------------------------------------------------------------------
 *  nextreader  -  Read block 'blk' and write-read-back block 'blk' + 1;
 *		   send the parent 1 when both hold the right data
 *------------------------------------------------------------------------
 */
local	process	nextreader(uint32 blk, char *buf)
{
	bool8	ok;

	ok = read(DISK0, buf, blk) == OK && holds(buf, 41, blk);
	fill(buf, 42, blk + 1);
	ok = ok && write(DISK0, buf, blk + 1) == OK;
	memset(buf, 0, ATA_BLKSIZ);
	ok = ok && read(DISK0, buf, blk + 1) == OK && holds(buf, 42, blk + 1);
	send(proctab[currpid].prparent, ok ? 1 : 0);
	return OK;
}

/* The caller of a read whose interrupt never comes is killed while it
 * waits, another process waiting for the channel: the watchdog frees
 * the channel for it, its command resets the disk first, and it reads
 * and writes the right data */
TEST_BOOT(ata_lost_interrupt_killed_caller, "+disk")
{
	static	char	bufs[2][ATA_BLKSIZ];
	struct	atacblk	*atptr = &atatab[0];
	pid32	lost, next;

	fill(bufs[0], 41, 70);
	REQUIRE(write(DISK0, bufs[0], 70) == OK);
	memset(bufs[0], 0, ATA_BLKSIZ);

	recvclr();
	lost = create(lostreader, INITSTK, INITPRIO + 1, "lost", 2, 70,
		      bufs[0]);
	next = create(nextreader, INITSTK, INITPRIO + 1, "next", 2, 70,
		      bufs[1]);
	REQUIRE(lost != SYSERR && next != SYSERR);
	outb(atptr->atctl, ATA_CTL_NIEN);
	resume(lost);			/* runs, issues the read, waits	*/
	resume(next);			/* waits for the channel	*/
	CHECK(atptr->atbusy && atptr->atowner == lost);
	CHECK(semcount(atptr->atmutex) == -1);
	kill(lost);
	CHECK(atptr->atorphan);
	CHECK(receive() == (umsg32)lost);	/* its exit note	*/
	CHECK(receive() == 1);		/* next was served, rightly	*/
	CHECK(receive() == (umsg32)next);
	CHECK(((uint32 *)bufs[0])[0] == 0);	/* nothing reached it	*/
	CHECK(!atptr->atbusy && !atptr->atorphan && !atptr->attimedout);
	CHECK(atptr->atowner == ATA_NOOWNER);
	CHECK(semcount(atptr->atmutex) == 1);
	CHECK(semcount(atptr->atdone) == 0);
	return OK;
}
