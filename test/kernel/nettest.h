/* nettest.h - in-kernel network test cases and what they share */

/*
 * A case declared NETTEST(name) carries the runner word "+net", which
 * leaves it out of the plain kernel tests (they boot without a NIC):
 * test/nettests.py boots it with test=NAME on a machine with an e1000,
 * on QEMU's user network or on a link to another Xinu machine, with
 * the addresses it needs on the command line.
 */

#ifndef _NETTEST_H_
#define _NETTEST_H_

#define	NETTEST(tname)	TEST_BOOT(tname, "+net")

#define	PAIR_PORT	7		/* the echo server's port	*/
#define	PAIR_A		0x0A000001	/* 10.0.0.1: machine A (echo)	*/
#define	PAIR_B		0x0A000002	/* 10.0.0.2: machine B		*/
#define	PEER_WAIT	30000		/* ms to wait for the peer	*/
#define	ECHO_WAIT	2000		/* ms for one datagram		*/

extern	status	ping_until_up(uint32, uint32);
extern	int32	echo_serve(uid32, int32, bool8);
extern	status	echo_window(uid32, uint32, uint32, uint32, uint32 *);

#endif
