/* prodcons.c - a producer and a consumer sharing a bounded buffer
 *
 * A small Xinu program of the kind a grading script runs with
 *	make batch MAIN=examples/prodcons.c
 * main tells the consumer by message how many items to expect, the two
 * share a ring buffer guarded by counting semaphores, and main waits for
 * both to end (each ending process sends its pid to its parent).  When
 * main returns the last user process is gone and Xinu halts.
 */

#include <xinu.h>

#define	NITEMS	12		/* items that go through the buffer	*/
#define	NSLOTS	4		/* places in the buffer			*/

local	int32	ring[NSLOTS];	/* the bounded buffer			*/
local	int32	head, tail;	/* next place to fill, to empty		*/
local	sid32	slots;		/* free places				*/
local	sid32	items;		/* filled places			*/
local	sid32	mutex;		/* guards head and tail			*/
local	int32	total;		/* sum of what the consumer took	*/

/*------------------------------------------------------------------------
 *  producer  -  Put the squares of 1..n into the buffer
 *------------------------------------------------------------------------
 */
local	process	producer(int32 n)
{
	int32	i;

	for (i = 1; i <= n; i++) {
		wait(slots);
		wait(mutex);
		ring[head] = i * i;
		head = (head + 1) % NSLOTS;
		signal(mutex);
		signal(items);
		printf("producer: put %d\n", i * i);
		sleepms(2);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  consumer  -  Receive how many items to take, take them, add them up
 *------------------------------------------------------------------------
 */
local	process	consumer(void)
{
	int32	n, i, v;

	n = (int32)receive();
	printf("consumer: expecting %d items\n", n);
	for (i = 0; i < n; i++) {
		wait(items);
		wait(mutex);
		v = ring[tail];
		tail = (tail + 1) % NSLOTS;
		signal(mutex);
		signal(slots);
		total += v;
		printf("consumer: got %d\n", v);
		sleepms(3);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  main  -  Start both, wait for both, report
 *------------------------------------------------------------------------
 */
process	main(void)
{
	pid32	prod, cons, pid;
	int32	i, want = 0;

	kprintf("prodcons: %d items through a %d-place buffer\n", NITEMS,
		NSLOTS);
	slots = semcreate(NSLOTS);
	items = semcreate(0);
	mutex = semcreate(1);
	cons = create(consumer, 4096, INITPRIO, "consumer", 0);
	prod = create(producer, 4096, INITPRIO, "producer", 1, NITEMS);
	if (slots == SYSERR || items == SYSERR || mutex == SYSERR ||
	    cons == SYSERR || prod == SYSERR) {
		kprintf("prodcons: cannot create semaphores or processes\n");
		return SYSERR;
	}
	resume(cons);
	resume(prod);
	send(cons, NITEMS);

	for (i = 0; i < 2; i++) {	/* one note per child		*/
		pid = receive();
		printf("main: %s (pid %d) has ended\n",
		       pid == prod ? "producer" : "consumer", pid);
	}
	for (i = 1; i <= NITEMS; i++) {
		want += i * i;
	}
	printf("main: consumer's total %d, expected %d: %s\n", total, want,
	       total == want ? "OK" : "WRONG");
	semdelete(slots);
	semdelete(items);
	semdelete(mutex);
	return OK;
}
