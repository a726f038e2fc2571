/* badargs.c - tests that system calls refuse bad arguments */

#include <xinu.h>

/*
 * Every call must return SYSERR for a bad argument and leave the
 * kernel's tables as they were.  tablesum hashes everything a call
 * could wrongly change: the process, semaphore, port and queue tables
 * and the free list.  Nothing that changes by itself (a sleeper's
 * delay) may exist while it is used.
 */

/*------------------------------------------------------------------------
 *  mix  -  Add 'len' bytes at 'p' to FNV-1a hash 'h'
 *------------------------------------------------------------------------
 */
local	uint32	mix(uint32 h, const void *p, uint32 len)
{
	const	byte	*b = p;

	while (len-- > 0) {
		h = (h ^ *b++) * 16777619;
	}
	return h;
}

/*------------------------------------------------------------------------
 *  tablesum  -  Hash of the kernel's tables and free list
 *------------------------------------------------------------------------
 */
local	uint32	tablesum(void)
{
	intmask	mask;
	uint32	h = 2166136261U;
	struct	memblk	*blk;
	struct	ptnode	*node;
	int32	i;

	mask = disable();
	for (i = 0; i < NPROC; i++) {	/* all but the saved registers	*/
		h = mix(h, &proctab[i].prstate, sizeof(proctab[i].prstate));
		h = mix(h, &proctab[i].prprio, sizeof(proctab[i].prprio));
		h = mix(h, &proctab[i].prstkbase, sizeof(char *));
		h = mix(h, &proctab[i].prstklen, sizeof(uint32));
		h = mix(h, &proctab[i].prsem, sizeof(sid32));
		h = mix(h, &proctab[i].prparent, sizeof(pid32));
		h = mix(h, &proctab[i].prmsg, sizeof(umsg32));
		h = mix(h, &proctab[i].prhasmsg, sizeof(bool8));
	}
	h = mix(h, &prcount, sizeof(prcount));
	h = mix(h, semtab, sizeof(struct sentry) * NSEM);
	h = mix(h, porttab, sizeof(struct ptentry) * NPORTS);
	h = mix(h, queuetab, sizeof(struct qentry) * NQENT);
	h = mix(h, &memlist, sizeof(memlist));
	for (blk = memlist.mnext; blk != NULL; blk = blk->mnext) {
		h = mix(h, blk, sizeof(*blk));
	}
	for (node = ptfree; node != NULL; node = node->ptnext) {
		h = mix(h, &node, sizeof(node));
	}
	restore(mask);
	return h;
}

/* 'call' must return SYSERR and leave every table as it was */
#define	REFUSED(call)	do { CHECK((int32)(call) == SYSERR);		\
			     CHECK(tablesum() == sum); } while (0)

/*------------------------------------------------------------------------
 *  freepid  -  A process ID whose table entry is free
 *------------------------------------------------------------------------
 */
local	pid32	freepid(void)
{
	pid32	pid;

	for (pid = NPROC - 1; pid > 0; pid--) {
		if (proctab[pid].prstate == PR_FREE) {
			return pid;
		}
	}
	return SYSERR;
}

/*------------------------------------------------------------------------
 *  idle  -  Child: block in receive
 *------------------------------------------------------------------------
 */
local	process	idle(void)
{
	receive();
	return OK;
}

/* create, resume, suspend, kill, chprio, getprio */
TEST(badargs_process)
{
	pid32	nopid, rcv;
	uint32	sum;

	rcv = create(idle, 1024, 30, "idle", 0);	/* blocked child */
	REQUIRE(rcv != SYSERR);
	resume(rcv);
	REQUIRE(proctab[rcv].prstate == PR_RECV);
	nopid = freepid();
	REQUIRE(nopid != SYSERR);
	sum = tablesum();

	REFUSED(create(NULL, 1024, 20, "x", 0));
	REFUSED(create(idle, 1024, 0, "x", 0));
	REFUSED(create(idle, 1024, -5, "x", 0));
	REFUSED(create(idle, 1024, 20, "x", MAXARGS + 1));
	REFUSED(create(idle, 0x7FFFFFF8, 20, "x", 0));
	REFUSED(create(idle, 0xFFFFFFFF, 20, "x", 0));

	REFUSED(resume(-1));
	REFUSED(resume(NPROC));
	REFUSED(resume(nopid));
	REFUSED(resume(getpid()));		/* not suspended	*/
	REFUSED(resume(rcv));
	REFUSED(resume(NULLPROC));

	REFUSED(suspend(-1));
	REFUSED(suspend(NPROC));
	REFUSED(suspend(nopid));
	REFUSED(suspend(NULLPROC));
	REFUSED(suspend(rcv));			/* neither ready nor current */

	REFUSED(kill(-1));
	REFUSED(kill(NPROC));
	REFUSED(kill(nopid));
	REFUSED(kill(NULLPROC));

	REFUSED(chprio(-1, 10));
	REFUSED(chprio(NPROC, 10));
	REFUSED(chprio(nopid, 10));
	REFUSED(chprio(NULLPROC, 10));
	REFUSED(chprio(getpid(), 0));
	REFUSED(chprio(rcv, -1));
	REFUSED(getprio(-1));
	REFUSED(getprio(NPROC));
	REFUSED(getprio(nopid));

	CHECK(kill(rcv) == OK);
	return OK;
}

/* sleep, sleepms, send, recvtime */
TEST(badargs_time_msg)
{
	pid32	nopid;
	uint32	sum;

	nopid = freepid();
	REQUIRE(nopid != SYSERR);
	sum = tablesum();

	REFUSED(sleep(-1));
	REFUSED(sleep(MAXSECONDS + 1));
	REFUSED(sleepms(-1));
	REFUSED(recvtime(-1));
	REFUSED(send(-1, 1));
	REFUSED(send(NPROC, 1));
	REFUSED(send(nopid, 1));
	CHECK(isempty(sleepq));
	CHECK(!proctab[getpid()].prhasmsg);
	return OK;
}

/* semcreate, wait, signal, signaln, semcount, semreset, semdelete */
TEST(badargs_sem)
{
	sid32	sem, gone;
	uint32	sum;

	gone = semcreate(0);
	REQUIRE(gone != SYSERR);
	CHECK(semdelete(gone) == OK);
	sem = semcreate(2);
	REQUIRE(sem != SYSERR);
	sum = tablesum();

	REFUSED(semcreate(-1));
	REFUSED(semdelete(-1));
	REFUSED(semdelete(NSEM));
	REFUSED(semdelete(gone));
	REFUSED(wait(-1));
	REFUSED(wait(NSEM));
	REFUSED(wait(gone));
	REFUSED(signal(-1));
	REFUSED(signal(NSEM));
	REFUSED(signal(gone));
	REFUSED(signaln(-1, 1));
	REFUSED(signaln(NSEM, 1));
	REFUSED(signaln(gone, 1));
	REFUSED(signaln(sem, 0));
	REFUSED(signaln(sem, -3));
	REFUSED(semcount(-1));
	REFUSED(semcount(NSEM));
	REFUSED(semcount(gone));
	REFUSED(semreset(-1, 0));
	REFUSED(semreset(NSEM, 0));
	REFUSED(semreset(gone, 0));
	REFUSED(semreset(sem, -1));
	CHECK(semcount(sem) == 2);
	CHECK(semdelete(sem) == OK);
	return OK;
}

/* ptcreate, ptsend, ptrecv, ptcount, ptreset, ptdelete */
TEST(badargs_port)
{
	int32	port, gone;
	uint32	sum;

	gone = ptcreate(1);
	REQUIRE(gone != SYSERR);
	CHECK(ptdelete(gone, NULL) == OK);
	port = ptcreate(2);
	REQUIRE(port != SYSERR);
	CHECK(ptsend(port, 9) == OK);
	sum = tablesum();

	REFUSED(ptcreate(0));
	REFUSED(ptcreate(-1));
	REFUSED(ptsend(-1, 1));
	REFUSED(ptsend(NPORTS, 1));
	REFUSED(ptsend(gone, 1));
	REFUSED(ptrecv(-1));
	REFUSED(ptrecv(NPORTS));
	REFUSED(ptrecv(gone));
	REFUSED(ptcount(-1));
	REFUSED(ptcount(NPORTS));
	REFUSED(ptcount(gone));
	REFUSED(ptreset(-1, NULL));
	REFUSED(ptreset(NPORTS, NULL));
	REFUSED(ptreset(gone, NULL));
	REFUSED(ptdelete(-1, NULL));
	REFUSED(ptdelete(NPORTS, NULL));
	REFUSED(ptdelete(gone, NULL));
	CHECK(ptcount(port) == 1 && ptrecv(port) == 9);
	CHECK(ptdelete(port, NULL) == OK);
	return OK;
}

/* getmem, freemem, getstk, freestk */
TEST(badargs_mem)
{
	char	*blk;
	uint32	sum;

	blk = getmem(64);
	REQUIRE(blk != (char *)SYSERR);
	sum = tablesum();

	REFUSED(getmem(0));
	REFUSED(getmem(memlist.mlength + 1));
	REFUSED(getmem(0xFFFFFFFF));
	REFUSED(getstk(0));
	REFUSED(getstk(memlist.mlength + 1));
	REFUSED(getstk(0xFFFFFFFF));
	REFUSED(freemem(NULL, 64));
	REFUSED(freemem(blk, 0));
	REFUSED(freemem(blk + 1, 8));
	REFUSED(freemem((char *)minheap - 64, 64));
	REFUSED(freemem((char *)maxheap, 64));
	REFUSED(freemem(blk, 0xFFFFFFF0));
	REFUSED(freemem(blk + 64, 64));			/* free already	*/
	REFUSED(freestk((char *)minheap, 64));		/* below heap	*/
	REFUSED(freestk(blk + 60, 0));
	CHECK(freemem(blk, 64) == OK);
	return OK;
}
