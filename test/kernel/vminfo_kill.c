/* vminfo_kill.c - vm_info on a process killed while the caller blocks */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

/*
 * vm_info(pid, info) reads process pid's VM state and writes a snapshot
 * into the caller's 'info'.  With swap on the disk, a store into 'info'
 * may fault on a page that is swapped out and block for the disk; if
 * pid is killed meanwhile, its free-run list and page directory are
 * freed under the call.  vm_info therefore takes the whole snapshot in
 * kernel memory first and copies it out last: a block can only delay
 * the answer, which is the process as it was, or no process.
 *
 * Each case makes the block certain.  The caller's 'info' straddles two
 * heap pages (vm.ffs=1: one frame for both): the system-wide counters
 * and the run count on page 0, runs[] on page 1, which is swapped out.
 * This process holds the disk channel while the caller calls, so the
 * caller blocks at its first disk command; letting the channel go and
 * taking it back lets exactly one more command through.  Case k kills
 * the target at the caller's k-th wait for the channel (or when the
 * caller no longer waits) and lets the disk go: whatever k, vm_info
 * returns OK with the target's one reserved run or with no process,
 * and the VM audits clean with everything given back.
 */

#define	TGT_PAGES	3		/* the target's reserved run	*/
#define	RUNS_OFF	offsetof(struct vminfo, runs)

local	sid32	readysem;		/* a child is set up		*/
local	sid32	gosem;			/* the caller may call		*/
local	sid32	neversem;		/* the target waits here	*/
local	bool8	swapped;		/* the caller's runs[] page is	*/
					/*   in swap, its page 0 not	*/
local	status	inforv;			/* what vm_info returned	*/
local	struct	vminfo	got;		/* the caller's copy of 'info'	*/

/*------------------------------------------------------------------------
 *  target  -  Reserve one run of TGT_PAGES pages, untouched, and wait
 *------------------------------------------------------------------------
 */
local	process	target(void)
{
	char	*heap = vmalloc(TGT_PAGES * PAGE_SIZE);

	signal(readysem);
	if (heap != (char *)SYSERR) {
		wait(neversem);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  caller  -  Ask vm_info about 'pid' into a buffer whose runs[] lie on
 *	       a page swapped out to the disk
 *------------------------------------------------------------------------
 */
local	process	caller(pid32 pid)
{
	char	*heap = vmalloc(2 * PAGE_SIZE);
	struct	vminfo	*info;

	swapped = FALSE;
	if (heap != (char *)SYSERR) {
		vm_write(PAGE(heap, 1), 1);	/* out again by ...	*/
		vm_write(PAGE(heap, 0), 0);	/* ... this, with 1 frame */
		swapped = swappedout(PAGE(heap, 1)) &&
			  !swappedout(PAGE(heap, 0));
	}
	signal(readysem);
	wait(gosem);
	info = (struct vminfo *)(PAGE(heap, 1) - RUNS_OFF);
	inforv = vm_info(pid, info);
	memcpy(&got, info, sizeof(got));
	return OK;
}

/*------------------------------------------------------------------------
 *  chanwait  -  TRUE when process 'pid' waits for the disk channel
 *------------------------------------------------------------------------
 */
local	bool8	chanwait(pid32 pid)
{
	return proctab[pid].prstate == PR_WAIT &&
	       proctab[pid].prsem == atatab[0].atmutex;
}

/*------------------------------------------------------------------------
 *  killat  -  Let child 'who' make its call, and kill process 'tgt' at
 *	       its k-th wait for the disk channel; the waits it made
 *------------------------------------------------------------------------
 */
local	int32	killat(pid32 tgt, pid32 who, int32 k)
{
	struct	atacblk	*atptr = &atatab[0];
	intmask	mask;
	int32	n;

	mask = disable();
	atalock(atptr);
	signal(gosem);			/* it runs until it needs the disk */
	for (n = 0; chanwait(who) && ++n < k; ) {
		ataunlock(atptr);	/* one command, then it waits	*/
		atalock(atptr);		/*   again or is done		*/
	}
	kill(tgt);
	ataunlock(atptr);
	restore(mask);
	return n;
}

/*------------------------------------------------------------------------
 *  killcase  -  The whole case for wait 'k'
 *------------------------------------------------------------------------
 */
local	status	killcase(int32 k)
{
	struct	vmsnap	snap;
	pid32	tgt, who;
	int32	waits;
	uint32	va = VHEAP_FIRST << PAGE_SHIFT;

	REQUIRE(swapdev->blocks && ffs_limit == 1);
	readysem = semcreate(0);
	gosem = semcreate(0);
	neversem = semcreate(0);
	REQUIRE(readysem != SYSERR && gosem != SYSERR && neversem != SYSERR);
	vmsnap_take(&snap);
	recvclr();
	tgt = vcreate(target, 8192, INITPRIO + 1, "target", 0);
	REQUIRE(tgt != SYSERR && resume(tgt) != SYSERR);
	wait(readysem);
	REQUIRE(allocated_virtual_pages(tgt) == VHEAP_FIRST + TGT_PAGES);
	who = vcreate(caller, 8192, INITPRIO + 1, "caller", 1, tgt);
	REQUIRE(who != SYSERR && resume(who) != SYSERR);
	wait(readysem);
	REQUIRE(swapped);
	waits = killat(tgt, who, k);
	while (receive() != (umsg32)who) {
		;
	}
	kprintf("case %d: target killed at wait %d; vm_info %d, vcreated %d, "
		"nruns %d, runs[0] 0x%x %d pages\n", k, waits, inforv,
		got.vcreated, got.nruns, got.runs[0].va, got.runs[0].npages);
	CHECK(inforv == OK);
	CHECK(!got.vcreated || (got.nruns == 1 && !got.moreruns &&
				got.runs[0].va == va &&
				got.runs[0].npages == TGT_PAGES &&
				got.runs[0].resident == 0 &&
				got.runs[0].swapped == 0));
	CHECK(got.ffs_limit == 1 && strcmp(got.swapdev, "disk") == 0);
	CHECK(vm_audit() == OK && vmsnap_same(&snap));
	semdelete(readysem);
	semdelete(gosem);
	semdelete(neversem);
	return OK;
}

/* One boot per wait, e.g. vminfo_kill_at_wait3; the waits past the
 * caller's last find it done and kill the target after vm_info */
#define	KILL_CASE(k)							\
	TEST_BOOT(vminfo_kill_at_wait##k,				\
		  "+disk vm.swapdev=disk vm.ffs=1 vm.swap=16")		\
	{								\
		return killcase(k);					\
	}
KILL_CASE(1)
KILL_CASE(2)
KILL_CASE(3)
KILL_CASE(4)
KILL_CASE(5)
KILL_CASE(6)
KILL_CASE(7)

/*
 * create and vcreate copy the new process's name from the caller's
 * string.  They used to copy it while they built the process, with its
 * table entry, stack and (vcreate) address space taken: a name on a
 * page in swap made the copy block, and a creator killed there left a
 * half-built suspended process that no one can name, holding all of
 * that for good.  Each case kills the creator at its k-th wait, inside
 * that copy (the name lies on its swapped-out page 1): every count
 * comes back to where it was.
 */

#define	NAMEPROC	"namedkid"
#define	NAMEHALF	4		/* its bytes on page 0		*/

local	bool8	usevcreate;		/* vcreate, or create		*/

/*------------------------------------------------------------------------
 *  idle  -  What the creator creates: nothing to do
 *------------------------------------------------------------------------
 */
local	process	idle(void)
{
	return OK;
}

/*------------------------------------------------------------------------
 *  creator  -  Create a process whose name lies on a page swapped out
 *		to the disk, and kill it
 *------------------------------------------------------------------------
 */
local	process	creator(void)
{
	char	*heap = vmalloc(2 * PAGE_SIZE);
	char	*name = PAGE(heap, 1) - NAMEHALF;	/* across pages	*/
	pid32	pid;

	swapped = FALSE;
	if (heap != (char *)SYSERR) {
		strcpy(name, NAMEPROC);		/* page 0 goes out	*/
		swapped = swappedout(PAGE(heap, 0));
	}
	signal(readysem);
	wait(gosem);
	pid = usevcreate ? vcreate(idle, 8192, INITPRIO, name, 0)
			 : create(idle, 8192, INITPRIO, name, 0);
	if (pid != SYSERR) {
		kill(pid);
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  namecase  -  The whole case for wait 'k', with vcreate or create
 *------------------------------------------------------------------------
 */
local	status	namecase(bool8 v, int32 k)
{
	struct	vmsnap	snap;
	int32	procs = prcount;
	pid32	who;

	REQUIRE(swapdev->blocks && ffs_limit == 1);
	readysem = semcreate(0);
	gosem = semcreate(0);
	REQUIRE(readysem != SYSERR && gosem != SYSERR);
	usevcreate = v;
	vmsnap_take(&snap);
	recvclr();
	who = vcreate(creator, 8192, INITPRIO + 1, "creator", 0);
	REQUIRE(who != SYSERR && resume(who) != SYSERR);
	wait(readysem);
	REQUIRE(swapped);
	kprintf("case %d: creator killed at wait %d\n", k,
		killat(who, who, k));
	while (receive() != (umsg32)who) {
		;
	}
	sleepms(10);			/* a process created runs, ends	*/
	kprintf("processes %d, were %d\n", prcount, procs);
	CHECK(prcount == procs);
	CHECK(vm_audit() == OK && vmsnap_same(&snap));
	semdelete(readysem);
	semdelete(gosem);
	return OK;
}

/* e.g. create_name_vcreate_kill_at_wait1: the creator blocks first to
 * write its page 0 out, then to read its page 1 (the name) in */
#define	NAME_CASE(call, v, k)						\
	TEST_BOOT(create_name_##call##_kill_at_wait##k,			\
		  "+disk vm.swapdev=disk vm.ffs=1 vm.swap=16")		\
	{								\
		return namecase(v, k);					\
	}
NAME_CASE(vcreate, TRUE, 1)
NAME_CASE(vcreate, TRUE, 2)
NAME_CASE(vcreate, TRUE, 3)
NAME_CASE(vcreate, TRUE, 4)
NAME_CASE(vcreate, TRUE, 5)
NAME_CASE(create, FALSE, 1)
NAME_CASE(create, FALSE, 2)
NAME_CASE(create, FALSE, 3)
NAME_CASE(create, FALSE, 4)
NAME_CASE(create, FALSE, 5)
