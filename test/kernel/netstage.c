/* netstage.c - processes killed in a network call give everything back */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"
#include "nettest.h"

/*
 * With swap on the disk, a caller's buffer that is swapped out makes the
 * call that copies it block for the disk.  ETHER0's read and write and
 * udp_recvaddr used to copy while they held a transmit credit, a frame
 * taken from the ring or a queued datagram, so a process killed there
 * lost the credit (after ETH_NTXD - 1 such kills every ETHER0 write
 * blocked for good) or left its frame or datagram for the next reader
 * to take again.  They now copy through kernel memory (ethstage.c,
 * udp_recvaddr), touching the caller's buffer only while they hold
 * nothing but that staging memory, which kill frees.  Each case kills a
 * vcreate'd child while it blocks inside the call on a heap page
 * swapped out to the disk (vm.ffs=4, 8 pages touched), KILLS times,
 * then checks that nothing was lost or taken twice and that the kernel
 * heap and every VM count are as before.  test/nettests.py boots them
 * with a disk on a link to itself (net:stage_*); the same holds for a
 * process killed while dhcp_run waits for an answer, which used to
 * leave its 1472-byte message and its UDP slot behind.
 */

#define	KILLS		4		/* children killed in each case	*/
#define	STAGE_PAGES	8		/* a child's heap pages: with	*/
					/*   vm.ffs=4, page 0 is swapped */
#define	TX_LEN		60		/* bytes of a test frame	*/
#define	TX_TYPE		0x88B5		/* its type: local experimental	*/
#define	RX_FRAMES	8		/* frames nettests.py sends	*/
#define	RX_WAIT		5000		/* ms to wait for them		*/
#define	UDP_PORT	4242		/* udp's slot, fed over loopback */
#define	UDP_COUNT	(KILLS + 2)	/* datagrams queued		*/
#define	UDP_LEN		100		/* bytes in each		*/
#define	SETTLE		200		/* ms for sent frames' credits	*/

local	sid32	readysem;		/* a child is set up and waits	*/
local	sid32	gosem;			/* ... until this lets it call	*/
local	bool8	swapped;		/* its page 0 is in swap	*/
local	uid32	udpslot;		/* net_stage_udp_recv's slot	*/

/*------------------------------------------------------------------------
 *  killincall  -  Run child 'pid' (of a higher priority) and kill it
 *		   while it blocks inside its network call, in the fault
 *		   on its swapped-out buffer: the disk channel is held
 *		   here while the child calls, so the swap-in waits for
 *		   it.  (Waiting for the disk itself is too short: its
 *		   interrupt, latched while the child blocked with
 *		   interrupts off, wakes the child before this process
 *		   runs an instruction.)  SYSERR unless it blocked
 *		   there, waiting for the channel.
 *------------------------------------------------------------------------
 */
local	status	killincall(pid32 pid)
{
	struct	atacblk	*atptr = &atatab[0];
	intmask	mask;
	status	st;

	if (pid == SYSERR) {
		return SYSERR;
	}
	resume(pid);
	wait(readysem);			/* it set up its heap		*/
	if (!swapped) {
		kill(pid);
		return SYSERR;
	}
	mask = disable();
	atalock(atptr);
	signal(gosem);			/* it runs until it blocks	*/
	st = proctab[pid].prstate == PR_WAIT	/* in its fault's I/O	*/
	     && proctab[pid].prsem == atptr->atmutex ? OK : SYSERR;
	if (kill(pid) != OK) {
		st = SYSERR;
	}
	ataunlock(atptr);
	restore(mask);
	return st;
}

/*------------------------------------------------------------------------
 *  swapheap  -  In a child: a heap of STAGE_PAGES pages whose page 0
 *		 holds the 'len' bytes at 'data' and is swapped out
 *		 ('swapped' says whether it is); returns when
 *		 killincall lets it make its call
 *------------------------------------------------------------------------
 */
local	char	*swapheap(const char *data, uint32 len)
{
	char	*heap = vmalloc(STAGE_PAGES * PAGE_SIZE);
	int32	i;

	swapped = FALSE;
	if (heap != (char *)SYSERR) {
		memcpy(heap, data, len);
		for (i = 1; i < STAGE_PAGES; i++) {
			vm_write(PAGE(heap, i), i);
		}
		swapped = swappedout(heap);
	}
	signal(readysem);
	wait(gosem);
	return heap;
}

/*------------------------------------------------------------------------
 *  stagesems  -  Make the semaphores killincall and swapheap share
 *------------------------------------------------------------------------
 */
local	status	stagesems(void)
{
	readysem = semcreate(0);
	gosem = semcreate(0);
	return readysem == SYSERR || gosem == SYSERR ? SYSERR : OK;
}

/*------------------------------------------------------------------------
 *  txframe  -  Build a TX_LEN-byte broadcast frame from us in 'buf'
 *------------------------------------------------------------------------
 */
local	void	txframe(char *buf)
{
	struct	etherhdr *eh = (struct etherhdr *)buf;

	memset(buf, 0, TX_LEN);
	memset(eh->dst, 0xFF, ETH_ADDR_LEN);
	memcpy(eh->src, NetData.ethucast, ETH_ADDR_LEN);
	eh->type = htons(TX_TYPE);
}

/*------------------------------------------------------------------------
 *  txchild  -  Write a frame to ETHER0 from a swapped-out heap page
 *------------------------------------------------------------------------
 */
local	process	txchild(void)
{
	char	frame[TX_LEN];

	txframe(frame);
	return write(ETHER0, swapheap(frame, TX_LEN), TX_LEN);
}

/* A writer killed while it copies its frame gives back its transmit
 * credit (there was one less each time) and its staging buffer */
NETTEST(net_stage_eth_write)
{
	struct	ethcblk	*ethptr = &ethertab[0];
	struct	vmsnap	snap;
	static	char	frame[TX_LEN];
	int32	i;

	REQUIRE(swapdev->blocks && stagesems() == OK);
	sleepms(SETTLE);
	REQUIRE(semcount(ethptr->osem) == ETH_NTXD - 1);
	vmsnap_take(&snap);
	for (i = 0; i < KILLS; i++) {
		REQUIRE(killincall(vcreate(txchild, 8192, INITPRIO + 1,
					   "txchild", 0)) == OK);
	}
	recvclr();
	sleepms(SETTLE);
	kprintf("transmit credits: %d of %d\n", semcount(ethptr->osem),
		ETH_NTXD - 1);
	CHECK(semcount(ethptr->osem) == ETH_NTXD - 1);
	CHECK(vm_audit() == OK && vmsnap_same(&snap));
	REQUIRE(semcount(ethptr->osem) > 0);	/* or the writes hang	*/
	txframe(frame);
	for (i = 0; i < 2 * ETH_NTXD; i++) {
		CHECK(write(ETHER0, frame, TX_LEN) == TX_LEN);
	}
	sleepms(SETTLE);
	CHECK(semcount(ethptr->osem) == ETH_NTXD - 1);
	return OK;
}

/*------------------------------------------------------------------------
 *  rxchild  -  Read a frame from ETHER0 into a swapped-out heap page
 *------------------------------------------------------------------------
 */
local	process	rxchild(void)
{
	char	word[4] = { 1 };

	return read(ETHER0, swapheap(word, sizeof(word)), ETH_BUFSIZE);
}

/*------------------------------------------------------------------------
 *  rxwaiter  -  Read a frame from ETHER0 into a heap page (none comes)
 *------------------------------------------------------------------------
 */
local	process	rxwaiter(void)
{
	char	*heap = vmalloc(PAGE_SIZE);

	REQUIRE(heap != (char *)SYSERR);
	return read(ETHER0, heap, ETH_BUFSIZE);
}

/* A reader killed while it copies a frame out has taken that frame: the
 * next reader gets the next one.  netin is stopped so that the frames
 * test/nettests.py sends (RX_FRAMES, each's bytes after the header its
 * number from 1) wait in the ring for the children.  Before they come,
 * a reader killed while it waits for one gives back its staging
 * buffer. */
NETTEST(net_stage_eth_read)
{
	struct	ethcblk	*ethptr = &ethertab[0];
	struct	vmsnap	snap;
	static	char	buf[ETH_BUFSIZE];
	uint64	start;
	pid32	pid;
	int32	i;

	REQUIRE(swapdev->blocks && stagesems() == OK);
	REQUIRE(kill(netpid) == OK);
	vmsnap_take(&snap);
	pid = vcreate(rxwaiter, 8192, INITPRIO + 1, "rxwaiter", 0);
	REQUIRE(pid != SYSERR && resume(pid) != SYSERR);
	REQUIRE(proctab[pid].prstate == PR_WAIT && kill(pid) == OK);
	recvclr();
	CHECK(vm_audit() == OK && vmsnap_same(&snap));
	kprintf("send %d frames\n", RX_FRAMES);
	start = clkms;
	while (semcount(ethptr->isem) < RX_FRAMES
	       && clkms - start < RX_WAIT) {
		sleepms(10);
	}
	REQUIRE(semcount(ethptr->isem) == RX_FRAMES);
	vmsnap_take(&snap);
	for (i = 0; i < KILLS; i++) {
		REQUIRE(killincall(vcreate(rxchild, 8192, INITPRIO + 1,
					   "rxchild", 0)) == OK);
	}
	recvclr();
	CHECK(vm_audit() == OK && vmsnap_same(&snap));
	CHECK(read(ETHER0, buf, sizeof(buf)) >= TX_LEN);
	kprintf("after %d readers killed, the next reads frame %d\n", KILLS,
		buf[ETH_HDR_LEN]);
	CHECK(buf[ETH_HDR_LEN] == KILLS + 1);
	CHECK(semcount(ethptr->isem) == RX_FRAMES - KILLS - 1);
	return OK;
}

/*------------------------------------------------------------------------
 *  udpchild  -  Receive a datagram of udpslot into a swapped-out page
 *------------------------------------------------------------------------
 */
local	process	udpchild(void)
{
	char	word[4] = { 1 };

	return udp_recv(udpslot, swapheap(word, sizeof(word)), UDP_MAXDATA,
			ECHO_WAIT);
}

/* A receiver killed while it copies a datagram out has taken it: the
 * next receiver gets the next one, and the staging entry is freed.  The
 * datagrams go to our own address, so they are queued at once. */
NETTEST(net_stage_udp_recv)
{
	struct	vmsnap	snap;
	char	buf[UDP_LEN];
	int32	i;

	REQUIRE(swapdev->blocks && stagesems() == OK);
	udpslot = udp_register(0, 0, UDP_PORT);
	REQUIRE(udpslot != SYSERR);
	for (i = 1; i <= UDP_COUNT; i++) {
		memset(buf, i, sizeof(buf));
		REQUIRE(udp_sendto(udpslot, NetData.ipucast, UDP_PORT, buf,
				   sizeof(buf)) == OK);
	}
	vmsnap_take(&snap);
	for (i = 0; i < KILLS; i++) {
		REQUIRE(killincall(vcreate(udpchild, 8192, INITPRIO + 1,
					   "udpchild", 0)) == OK);
	}
	recvclr();
	CHECK(vm_audit() == OK && vmsnap_same(&snap));
	CHECK(udp_recv(udpslot, buf, sizeof(buf), ECHO_WAIT) == UDP_LEN);
	kprintf("after %d receivers killed, the next gets datagram %d\n",
		KILLS, buf[0]);
	CHECK(buf[0] == KILLS + 1);
	CHECK(udp_recv(udpslot, buf, sizeof(buf), ECHO_WAIT) == UDP_LEN
	      && buf[0] == KILLS + 2);
	CHECK(udp_recv(udpslot, buf, sizeof(buf), 10) == TIMEOUT);
	CHECK(udp_release(udpslot) == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  dhcpchild  -  Ask DHCP for an address (nobody answers)
 *------------------------------------------------------------------------
 */
local	process	dhcpchild(void)
{
	return dhcp_run();
}

/* A process killed while dhcp_run waits for an answer leaves neither its
 * message nor its UDP slot behind */
NETTEST(net_stage_dhcp_killed)
{
	uint32	heapfree;
	intmask	mask;
	pid32	p;
	int32	i, used = 0;

	mask = disable();
	NetData.ipvalid = FALSE;	/* as a program with no address */
	restore(mask);
	heapfree = memlist.mlength;
	for (i = 0; i < KILLS; i++) {
		p = create(dhcpchild, 8192, INITPRIO + 1, "dhcpchild", 0);
		REQUIRE(p != SYSERR && resume(p) != SYSERR);
		sleepms(DHCP_WAIT / 4);		/* it waits for an answer */
		REQUIRE(proctab[p].prstate == PR_RECTIM && kill(p) == OK);
	}
	recvclr();
	for (i = 0; i < UDP_SLOTS; i++) {
		used += udptab[i].state != UDP_FREE;
	}
	kprintf("kernel heap: %d bytes free before, %d after; %d UDP slots "
		"taken\n", heapfree, memlist.mlength, used);
	CHECK(memlist.mlength == heapfree);
	CHECK(used == 0);
	CHECK(!NetData.ipvalid);
	return OK;
}
