/* ports.c - tests of message ports */

#include <xinu.h>

/*
 * Senders and receivers that must block run at a higher priority than
 * the test, so each has blocked (or finished) when resume returns.
 */

#define	NPEERS	2

local	int32	result[NPEERS];		/* what each peer's call returned */
local	bool8	finished[NPEERS];	/* the call has returned	*/
local	int32	disposed[8];		/* messages given to dispose	*/
local	int32	ndisposed;

/*------------------------------------------------------------------------
 *  peersend  -  Child 'i': send 'msg' to port 'port', keep the result
 *------------------------------------------------------------------------
 */
local	process	peersend(int32 port, umsg32 msg, int32 i)
{
	result[i] = ptsend(port, msg);
	finished[i] = TRUE;
	return OK;
}

/*------------------------------------------------------------------------
 *  peerrecv  -  Child 'i': receive from port 'port', keep the result
 *------------------------------------------------------------------------
 */
local	process	peerrecv(int32 port, int32 unused, int32 i)
{
	(void)unused;
	result[i] = (int32)ptrecv(port);
	finished[i] = TRUE;
	return OK;
}

/*------------------------------------------------------------------------
 *  startpeers  -  Start NPEERS children running 'func' on 'port' (with
 *		   message 100 + i); each should block in the port
 *------------------------------------------------------------------------
 */
local	status	startpeers(void *func, int32 port)
{
	int32	i;
	pid32	pid;

	for (i = 0; i < NPEERS; i++) {
		finished[i] = FALSE;
		result[i] = 0;
		pid = create(func, 1024, 30, "peer", 3, port, 100 + i, i);
		if (pid == SYSERR) {
			return SYSERR;
		}
		resume(pid);
		if (finished[i] || proctab[pid].prstate != PR_WAIT) {
			return SYSERR;
		}
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  dispose  -  Disposer for ptdelete and ptreset: keep the message
 *------------------------------------------------------------------------
 */
local	void	dispose(int32 msg)
{
	disposed[ndisposed++] = msg;
}

/*------------------------------------------------------------------------
 *  freesems  -  Number of free semaphores
 *------------------------------------------------------------------------
 */
local	int32	freesems(void)
{
	int32	i, n = 0;

	for (i = 0; i < NSEM; i++) {
		n += (semtab[i].sstate == S_FREE);
	}
	return n;
}

/* Messages come out of a port in the order they went in */
TEST(port_fifo)
{
	int32	port, i;

	port = ptcreate(5);
	REQUIRE(port != SYSERR);
	CHECK(ptcount(port) == 0);
	for (i = 1; i <= 5; i++) {
		CHECK(ptsend(port, i * 11) == OK);
		CHECK(ptcount(port) == i);
	}
	for (i = 1; i <= 5; i++) {
		CHECK(ptrecv(port) == (uint32)(i * 11));
	}
	CHECK(ptcount(port) == 0);
	CHECK(ptsend(port, 66) == OK && ptrecv(port) == 66);
	CHECK(ptdelete(port, NULL) == OK);
	return OK;
}

/* A sender to a full port waits until a receive makes room; ptcount
 * counts its message */
TEST(port_full_blocks_sender)
{
	int32	port;

	port = ptcreate(2);
	REQUIRE(port != SYSERR);
	CHECK(ptsend(port, 1) == OK && ptsend(port, 2) == OK);
	REQUIRE(startpeers(peersend, port) == OK);	/* both block	*/
	sleepms(20);
	CHECK(!finished[0] && !finished[1]);
	CHECK(ptcount(port) == 4);	/* as in Xinu: blocked senders'	*/
					/* messages count too		*/
	CHECK(ptrecv(port) == 1);	/* room for one: the first peer	*/
	CHECK(finished[0] && result[0] == OK && !finished[1]);
	CHECK(ptcount(port) == 3);
	CHECK(ptrecv(port) == 2);
	CHECK(finished[1] && result[1] == OK);
	CHECK(ptrecv(port) == 100);
	CHECK(ptrecv(port) == 101);
	CHECK(ptcount(port) == 0);
	CHECK(ptdelete(port, NULL) == OK);
	return OK;
}

/* ptcount is minus the number of waiting receivers on an empty port;
 * a send goes to the receiver that waited longest */
TEST(port_count_receivers)
{
	int32	port;

	port = ptcreate(3);
	REQUIRE(port != SYSERR);
	REQUIRE(startpeers(peerrecv, port) == OK);
	CHECK(ptcount(port) == -2);
	CHECK(ptsend(port, 7) == OK);
	CHECK(finished[0] && result[0] == 7 && !finished[1]);
	CHECK(ptcount(port) == -1);
	CHECK(ptsend(port, 8) == OK);
	CHECK(finished[1] && result[1] == 8);
	CHECK(ptcount(port) == 0);
	CHECK(ptdelete(port, NULL) == OK);
	return OK;
}

/* ptdelete wakes blocked receivers and senders, who get SYSERR, hands
 * waiting messages to the disposer and frees the port's semaphores */
TEST(port_delete_wakes)
{
	int32	port, nfree;

	nfree = freesems();
	port = ptcreate(1);
	REQUIRE(port != SYSERR);
	CHECK(freesems() == nfree - 2);
	REQUIRE(startpeers(peerrecv, port) == OK);
	CHECK(ptdelete(port, NULL) == OK);
	CHECK(finished[0] && result[0] == SYSERR);
	CHECK(finished[1] && result[1] == SYSERR);
	CHECK(ptsend(port, 1) == SYSERR);
	CHECK(ptrecv(port) == (uint32)SYSERR);
	CHECK(ptcount(port) == SYSERR);
	CHECK(ptdelete(port, NULL) == SYSERR);
	CHECK(freesems() == nfree);

	port = ptcreate(1);
	REQUIRE(port != SYSERR);
	CHECK(ptsend(port, 55) == OK);
	REQUIRE(startpeers(peersend, port) == OK);
	ndisposed = 0;
	CHECK(ptdelete(port, dispose) == OK);
	CHECK(finished[0] && result[0] == SYSERR);
	CHECK(finished[1] && result[1] == SYSERR);
	CHECK(ndisposed == 1 && disposed[0] == 55);
	CHECK(freesems() == nfree);
	return OK;
}

/* ptreset empties a port (messages to the disposer, in order), fails
 * the waiters, and leaves the port usable with its full capacity */
TEST(port_reset)
{
	int32	port;

	port = ptcreate(3);
	REQUIRE(port != SYSERR);
	CHECK(ptsend(port, 10) == OK && ptsend(port, 20) == OK);
	CHECK(ptsend(port, 30) == OK);
	REQUIRE(startpeers(peersend, port) == OK);
	ndisposed = 0;
	CHECK(ptreset(port, dispose) == OK);
	CHECK(ndisposed == 3);
	CHECK(disposed[0] == 10 && disposed[1] == 20 && disposed[2] == 30);
	CHECK(finished[0] && result[0] == SYSERR);
	CHECK(finished[1] && result[1] == SYSERR);
	CHECK(ptcount(port) == 0);
	CHECK(semcount(porttab[port].ptssem) == 3);

	REQUIRE(startpeers(peerrecv, port) == OK);
	CHECK(ptreset(port, NULL) == OK);
	CHECK(finished[0] && result[0] == SYSERR);
	CHECK(finished[1] && result[1] == SYSERR);
	CHECK(ptcount(port) == 0);

	CHECK(ptsend(port, 1) == OK && ptsend(port, 2) == OK);
	CHECK(ptsend(port, 3) == OK && ptcount(port) == 3);
	CHECK(ptrecv(port) == 1);
	CHECK(ptdelete(port, NULL) == OK);
	return OK;
}

/* When the shared pool of message nodes runs out a send fails, and the
 * port keeps its capacity */
TEST(port_pool_exhausted)
{
	struct	ptnode	*node;
	int32	port, nodes, i;

	nodes = 0;
	for (node = ptfree; node != NULL; node = node->ptnext) {
		nodes++;
	}
	port = ptcreate(nodes + 10);
	REQUIRE(port != SYSERR);
	for (i = 0; i < nodes; i++) {
		CHECK(ptsend(port, i) == OK);
	}
	CHECK(ptfree == NULL);
	CHECK(ptsend(port, 999) == SYSERR);
	CHECK(ptcount(port) == nodes);
	CHECK(semcount(porttab[port].ptssem) == 10);	/* free places	*/
	for (i = 0; i < nodes; i++) {
		CHECK(ptrecv(port) == (uint32)i);
	}
	CHECK(semcount(porttab[port].ptssem) == nodes + 10);
	CHECK(ptdelete(port, NULL) == OK);
	return OK;
}
