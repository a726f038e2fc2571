/* bench.c - benchmarks: page faults, vmalloc/vfree, context switches, disk */

#include <xinu.h>
#include <vm.h>
#include <seal.h>
#include "vmtest.h"
#include "nettest.h"

/*
 * Each case measures something many times over and prints the cost of
 * one operation as lines tools/bench.py collects:
 *	BENCH name value unit
 * Cycles come from the CPU's time-stamp counter (under QEMU's TCG it
 * counts at the host's rate); microseconds from the clock's ms counter,
 * clkms, over the whole loop.  The cases are also ordinary tests: they
 * pass when the numbers are sane, so make test keeps them working.
 */

#define	NFAULTS		4096	/* faults per kind (= FFS frames below)	*/
#define	NVMCALLS	5000	/* vmalloc/vfree pairs			*/
#define	NYIELDS		100000	/* yields per ping-pong process		*/
#define	CALIB_MS	200	/* ms over which the TSC rate is taken	*/
#define	NRTT		2000	/* UDP round trips, one at a time	*/
#define	RTT_LEN		64	/* ... of this many bytes		*/
#define	NTPUT		5000	/* UDP datagrams for the throughput	*/
#define	TPUT_WINDOW	8	/* ... at most this many unanswered	*/
#define	NDISKBLKS	2000	/* disk blocks written, then read	*/

struct	stamp	{
	uint64	tsc;		/* time-stamp counter			*/
	uint64	ms;		/* clkms				*/
};

/*------------------------------------------------------------------------
 *  stamp  -  Take the time now (clkms is two words: read it whole)
 *------------------------------------------------------------------------
 */
local	void	stamp(struct stamp *s)
{
	intmask	mask;

	mask = disable();
	s->tsc = rdtsc();
	s->ms = clkms;
	restore(mask);
}

/*------------------------------------------------------------------------
 *  report  -  Print the cost of one of 'n' operations done between 'a'
 *	       and 'b', in cycles and in microseconds, as 'name' (NULL:
 *	       print nothing); returns the cycles
 *------------------------------------------------------------------------
 */
local	uint32	report(const char *name, uint32 n, struct stamp *a,
		       struct stamp *b)
{
	uint32	cycles = (uint32)((b->tsc - a->tsc) / n);
	uint32	us100 = (uint32)((b->ms - a->ms) * 100000 / n);

	if (name == NULL) {
		return cycles;
	}
	kprintf("BENCH %s %u cycles\n", name, cycles);
	kprintf("BENCH %s %u.%02u us\n", name, us100 / 100, us100 % 100);
	return cycles;
}

/*------------------------------------------------------------------------
 *  touch  -  Fault in pages [first, first+n) of 'p', writing or reading,
 *	      and report the cost of one fault as 'name'; returns cycles
 *------------------------------------------------------------------------
 */
local	uint32	touch(const char *name, char *p, uint32 first, uint32 n,
		      bool8 write)
{
	struct	stamp	a, b;
	uint32	i;

	stamp(&a);
	for (i = first; i < first + n; i++) {
		if (write) {
			vm_write(PAGE(p, i), i);
		} else {
			vm_read(PAGE(p, i));
		}
	}
	stamp(&b);
	return report(name, n, &a, &b);
}

/* How long from power-on to here the host measures; this is the part
 * after the clock started, and the rate the cycle counts run at */
TEST(bench_boot)
{
	struct	stamp	a, b;

	kprintf("BENCH boot_clkms %u ms\n", (uint32)clkms);
	stamp(&a);
	do {
		stamp(&b);		/* stamp() reads clkms anew	*/
	} while (b.ms < a.ms + CALIB_MS);
	kprintf("BENCH tsc_rate %u MHz\n",
		(uint32)((b.tsc - a.tsc) / ((b.ms - a.ms) * 1000)));
	CHECK(b.tsc > a.tsc);
	return OK;
}

/*
 * The fault kinds, on a heap twice FFS (n frames):
 *  write pages 0..n-1	 lazy: a zeroed frame, FFS not yet full
 *  write pages n..2n-1	 lazy, each after evicting a dirty page
 *  read pages 0..n-1	 swap-in, each after evicting a dirty page
 *  read pages n..2n-1	 swap-in, each after evicting a clean page
 *			 (its swap copy is good: nothing is written)
 *  free n..2n-1, read pages 0..n-1 again: swap-in into a free frame
 * QEMU backs guest RAM lazily too: the first touch of a frame or slot
 * costs the host a page fault of its own (it more than doubles a lazy
 * fault and makes the emulated clock lose ticks).  So the kinds run
 * twice, and only the second round, on frames and slots the host has
 * backed, is reported.
 */
local	const	char	*kindprefix = "";	/* "sealed_": bench_seal */

/*------------------------------------------------------------------------
 *  kind  -  The name a fault kind is reported as (NULL: not shown)
 *------------------------------------------------------------------------
 */
local	const	char	*kind(const char *name, bool8 show)
{
	static	char	buf[64];

	if (!show) {
		return NULL;
	}
	sprintf(buf, "%s%s", kindprefix, name);
	return buf;
}

local	void	fault_kinds(int32 n, bool8 show)
{
	char	*p = vmalloc(2 * n * PAGE_SIZE);

	if (p == (char *)SYSERR) {
		CHECK(p != (char *)SYSERR);
		return;
	}
	CHECK(touch(kind("fault_lazy", show), p, 0, n, TRUE) > 0);
	CHECK(touch(kind("fault_lazy_evict", show), p, n, n, TRUE) > 0);
	CHECK(touch(kind("fault_evict_dirty_swapin", show), p, 0, n,
		    FALSE) > 0);
	CHECK(touch(kind("fault_evict_clean_swapin", show), p, n, n,
		    FALSE) > 0);
	CHECK(vfree(PAGE(p, n), n * PAGE_SIZE) == OK);
	CHECK(touch(kind("fault_swapin", show), p, 0, n, FALSE) > 0);
	CHECK(vfree(p, n * PAGE_SIZE) == OK);
}

/*
 * The floor: the work a fault cannot avoid, measured in the same boot
 * by the same method, so tools/bench.py can print each fault kind as a
 * ratio to it.  A trap round trip is an int to a gate whose handler is
 * a lone iret (what the CPU does to enter and leave any fault handler);
 * zeroing and copying a page use page_zero and page_copy, as the fault
 * path does, on two pages of this image; one invlpg drops one TLB
 * entry.  The pages stay hot in the host's caches while a fault's frames
 * cycle through 16 MiB, so the floor errs low, never high; spread()
 * shows what that costs.
 */
#define	FLOOR_VEC	0x81	/* a vector nothing else uses		*/
#define	GATE_INTR32	0x8E00	/* present, ring 0, 32-bit interrupt	*/
				/*   gate (bits 8-15 of the high word)	*/

extern	void	bench_iret(void);
asm(".text\nbench_iret:\n\tiret\n");

local	byte	floorpage[2][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* pf_roundtrip (not part of the floor): a real page fault on a kernel
 * page whose PTE was made not present, to a handler that sets the P bit
 * again and returns; against floor_trap + floor_invlpg it shows what
 * the emulator adds to a page fault over an int */
extern	void	bench_pfix(void);
pte_t	*bench_pfix_pte;		/* the PTE bench_pfix repairs	*/
asm(".text\nbench_pfix:\n\tpushl %eax\n\tmovl bench_pfix_pte, %eax\n"
    "\torl $1, (%eax)\n\tpopl %eax\n\taddl $4, %esp\n\tiret\n");

struct	idtr	{
	uint16	limit;
	uint32	base;
} __attribute__((packed));

/*------------------------------------------------------------------------
 *  pf_roundtrip  -  Report the cost of 'n' page faults that bench_pfix
 *		     resolves, each after the PTE write and invlpg that
 *		     make it happen; interrupts stay off while vector 14
 *		     is borrowed (the clock loses a few ms)
 *------------------------------------------------------------------------
 */
local	void	pf_roundtrip(uint32 idt, uint32 n)
{
	uint32	*gate = (uint32 *)(idt + VEC_PAGEFAULT * 8), save[2], i;
	struct	stamp	a, b;
	intmask	mask;

	bench_pfix_pte = pte_lookup((pde_t *)proctab[getpid()].prpdbr,
				    (uint32)floorpage[0]);
	mask = disable();
	save[0] = gate[0];
	save[1] = gate[1];
	gate[0] = KCODE_SEL << 16 | ((uint32)bench_pfix & 0xFFFF);
	gate[1] = ((uint32)bench_pfix & 0xFFFF0000) | GATE_INTR32;
	stamp(&a);
	for (i = 0; i < n; i++) {
		*bench_pfix_pte &= ~PTE_P;
		invlpg(floorpage[0]);
		vm_read((char *)floorpage[0]);
	}
	stamp(&b);
	gate[0] = save[0];
	gate[1] = save[1];
	restore(mask);
	CHECK((*bench_pfix_pte & PTE_P) != 0);
	CHECK(report("pf_roundtrip", n, &a, &b) > 0);
}

/*------------------------------------------------------------------------
 *  floor  -  Report the cost of a trap round trip, a page zeroed, a page
 *	      copied and an invlpg, each done 'n' times
 *------------------------------------------------------------------------
 */
local	void	floor(uint32 n)
{
	struct	idtr	idtr;
	struct	stamp	a, b;
	uint32	*gate, save[2], i;
	intmask	mask;

	mask = disable();
	asm volatile("sidt %0" : "=m"(idtr));
	gate = (uint32 *)(idtr.base + FLOOR_VEC * 8);
	save[0] = gate[0];
	save[1] = gate[1];
	gate[0] = KCODE_SEL << 16 | ((uint32)bench_iret & 0xFFFF);
	gate[1] = ((uint32)bench_iret & 0xFFFF0000) | GATE_INTR32;
	restore(mask);

	stamp(&a);
	for (i = 0; i < n; i++) {
		asm volatile("int %0" : : "i"(FLOOR_VEC) : "memory");
	}
	stamp(&b);
	CHECK(report("floor_trap", n, &a, &b) > 0);
	stamp(&a);
	for (i = 0; i < n; i++) {
		page_zero(floorpage[0]);
	}
	stamp(&b);
	CHECK(report("floor_zero", n, &a, &b) > 0);
	stamp(&a);
	for (i = 0; i < n; i++) {
		page_copy(floorpage[i & 1], floorpage[~i & 1]);
	}
	stamp(&b);
	CHECK(report("floor_copy", n, &a, &b) > 0);
	stamp(&a);
	for (i = 0; i < n; i++) {
		invlpg(floorpage[i & 1]);
	}
	stamp(&b);
	CHECK(report("floor_invlpg", n, &a, &b) > 0);

	mask = disable();
	gate[0] = save[0];
	gate[1] = save[1];
	restore(mask);
	pf_roundtrip(idtr.base, n);
}

local	process	faulter(int32 n)
{
	struct	vmstats	*st = &proctab[getpid()].prvm->stats;

	fault_kinds(n, FALSE);
	fault_kinds(n, TRUE);
	floor(n);
	CHECK(st->lazy == 4 * (uint32)n && st->swapins == 6 * (uint32)n);
	CHECK(st->evict_dirty == 4 * (uint32)n);
	CHECK(st->evict_clean == 2 * (uint32)n);
	CHECK(vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  spread  -  Report zeroing and copying 'n' pages of a kernel heap
 *	       block as large as the faults' frames (not part of the
 *	       floor: it shows what the host's caches cost at that size).
 *	       Run in the kernel's directory: a vcreate'd process touching
 *	       kernel memory would set A bits in its copy of the kernel's
 *	       PDEs, which vm_audit compares with the kernel's own.
 *------------------------------------------------------------------------
 */
local	void	spread(uint32 n)
{
	char	*blk = getmem(n * PAGE_SIZE);
	struct	stamp	a, b;
	uint32	i;

	if (blk == (char *)SYSERR) {
		return;			/* a smaller heap: no line	*/
	}
	for (i = 0; i < n; i++) {	/* QEMU backs the block		*/
		page_zero(blk + i * PAGE_SIZE);
	}
	stamp(&a);
	for (i = 0; i < n; i++) {
		page_zero(blk + i * PAGE_SIZE);
	}
	stamp(&b);
	CHECK(report("zero_16mib", n, &a, &b) > 0);
	stamp(&a);
	for (i = 0; i + 1 < n; i++) {	/* from the next page: pages 8	*/
		page_copy(blk + i * PAGE_SIZE,	/* MiB apart would share	*/
			  blk + (i + 1) * PAGE_SIZE);	/* a slot of TCG's	*/
	}				/* direct-mapped soft TLB and	*/
					/* miss on every word (200k	*/
					/* cycles a page)		*/
	stamp(&b);
	CHECK(report("copy_16mib", n - 1, &a, &b) > 0);
	freemem(blk, n * PAGE_SIZE);
}

TEST_BOOT(bench_faults, "vm.ffs=4096")
{
	REQUIRE(free_ffs_pages() == NFAULTS);
	REQUIRE(vrun(faulter, NFAULTS) != SYSERR);
	spread(NFAULTS);
	CHECK(free_ffs_pages() == NFAULTS);
	return OK;
}

/*
 * The eviction fault under every policy of the table, in one boot: a
 * heap twice FFS, pages 0..n-1 written (lazy, FFS fills), then pages
 * n..2n-1 written, each a first touch that evicts the policy's victim,
 * reported as fault_lazy_evict_NAME.  Every policy faults on every one
 * of these touches, so the numbers compare the policies' own work per
 * eviction (against bench_faults' floor: trap + copy + zero + 2 invlpg).
 * A round first, unreported, so that QEMU's first touches of frames and
 * slots fall on no policy.
 */
local	void	evict_round(char *p, int32 n, const char *name)
{
	int32	i;

	CHECK(vfree(p, 2 * n * PAGE_SIZE) == OK);	/* FFS empty	*/
	CHECK(vmalloc(2 * n * PAGE_SIZE) == p);
	for (i = 0; i < n; i++) {
		vm_write(PAGE(p, i), i);
	}
	CHECK(touch(name, p, n, n, TRUE) > 0);
}

local	process	evicter(int32 n)
{
	char	*p = vmalloc(2 * n * PAGE_SIZE);
	char	name[48];
	int32	k;

	REQUIRE(p != (char *)SYSERR);
	evict_round(p, n, NULL);
	for (k = 0; vm_policyname(k) != NULL; k++) {
		vm_setpolicy(vm_policyname(k), 1);
		sprintf(name, "fault_lazy_evict_%s", vm_policyname(k));
		evict_round(p, n, name);
	}
	vm_setpolicy(vm_policyname(0), 1);
	CHECK(vm_audit() == OK);
	return OK;
}

TEST_BOOT(bench_evict_every_policy, "vm.ffs=4096")
{
	REQUIRE(free_ffs_pages() == NFAULTS);
	REQUIRE(vrun(evicter, NFAULTS) != SYSERR);
	CHECK(free_ffs_pages() == NFAULTS);
	return OK;
}

/*
 * Sealed swap's cost, in one boot with vm.swapcrypt=on: sealing and
 * opening one page (ChaCha20-Poly1305 over 4 KiB) against copying it,
 * then the fault kinds sealed and, with the plain backend put back
 * (no page is in swap between the rounds), the same kinds plain
 */
local	const	char	*sealedkinds, *plainkinds;	/* their prefixes */

local	process	sealfaulter(int32 n)
{
	const	struct	swapdev	*sealed = swapdev;

	kindprefix = sealedkinds;
	fault_kinds(n, FALSE);
	fault_kinds(n, TRUE);
	swapdev = seal_plain();
	kindprefix = plainkinds;
	fault_kinds(n, TRUE);
	swapdev = sealed;
	kindprefix = "";
	CHECK(vm_audit() == OK);
	return OK;
}

TEST_BOOT(bench_seal, "vm.ffs=1024 vm.swapcrypt=on")
{
	struct	stamp	a, b;
	uint32	i, n = 1024;
	intmask	mask;

	REQUIRE(seal_on && free_ffs_pages() == 1024);
	mask = disable();
	stamp(&a);
	for (i = 0; i < n; i++) {
		seal_page(i & 63, (char *)floorpage[0], (char *)floorpage[1]);
	}
	stamp(&b);
	CHECK(report("seal_4k", n, &a, &b) > 0);
	stamp(&a);
	for (i = 0; i < n; i++) {
		open_page(63, (char *)floorpage[1], (char *)floorpage[0]);
	}
	stamp(&b);
	CHECK(report("open_4k", n, &a, &b) > 0);
	stamp(&a);
	for (i = 0; i < n; i++) {
		page_copy(floorpage[i & 1], floorpage[~i & 1]);
	}
	stamp(&b);
	CHECK(report("copy_4k", n, &a, &b) > 0);
	restore(mask);
	CHECK(sealstats.failed == 0);
	sealedkinds = "sealed_";
	plainkinds = "plain_";
	REQUIRE(vrun(sealfaulter, 1024) != SYSERR);
	return OK;
}

/* The same on disk swap (sealed by default there) */
TEST_BOOT(bench_seal_disk, "+disk vm.swapdev=disk vm.ffs=256")
{
	REQUIRE(seal_on && swapdev->blocks && free_ffs_pages() == 256);
	sealedkinds = "disk_sealed_";
	plainkinds = "disk_plain_";
	REQUIRE(vrun(sealfaulter, 256) != SYSERR);
	CHECK(sealstats.failed == 0);
	return OK;
}

/* vmalloc and vfree of one page, each a round trip through vmm; a page
 * held throughout keeps the page table, so no call makes or frees one
 * (in the default flavour: ECE465's next fit walks up the heap) */
local	process	vmcaller(int32 n)
{
	char	*keep = vmalloc(PAGE_SIZE), *p;
	struct	stamp	a, b;
	uint64	tmalloc = 0, t;
	int32	i;

	REQUIRE(keep != (char *)SYSERR);
	stamp(&a);
	for (i = 0; i < n; i++) {
		t = rdtsc();
		p = vmalloc(PAGE_SIZE);
		tmalloc += rdtsc() - t;
		if ((VHEAP_NEXTFIT ? p == (char *)SYSERR : p != PAGE(keep, 1))
		    || vfree(p, PAGE_SIZE) != OK) {
			break;
		}
	}
	stamp(&b);
	CHECK(i == n);
	CHECK(report("vmalloc_vfree", n, &a, &b) > 0);
	kprintf("BENCH vmalloc %u cycles\n", (uint32)(tmalloc / n));
	return OK;
}

TEST(bench_vmalloc_vfree)
{
	REQUIRE(vrun(vmcaller, NVMCALLS) != SYSERR);
	return OK;
}

/*
 * Context switches: two processes of one priority yield to each other
 * 'NYIELDS' times each, so every yield is a switch.  The parent makes
 * both ready before either runs by holding a higher priority, then drops
 * below them.  With vcreate'd processes each switch also loads CR3.
 */
local	process	pinger(int32 n)
{
	int32	i;

	for (i = 0; i < n; i++) {
		yield();
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  pingpong  -  Time 2*NYIELDS switches between processes 'a' and 'b'
 *------------------------------------------------------------------------
 */
local	void	pingpong(const char *name, pid32 a, pid32 b)
{
	struct	stamp	t0, t1;
	pri16	prio;

	if (a == SYSERR || b == SYSERR) {
		CHECK(a != SYSERR && b != SYSERR);
		return;
	}
	recvclr();
	prio = chprio(getpid(), INITPRIO + 2);
	resume(a);
	resume(b);
	stamp(&t0);
	chprio(getpid(), prio);		/* both run now, we wait	*/
	receive();
	receive();
	stamp(&t1);
	CHECK(report(name, 2 * NYIELDS, &t0, &t1) > 0);
}

TEST(bench_ctxsw)
{
	pingpong("ctxsw", create(pinger, 8192, INITPRIO + 1, "ping", 1,
				 NYIELDS),
		 create(pinger, 8192, INITPRIO + 1, "pong", 1, NYIELDS));
	pingpong("ctxsw_cr3", vcreate(pinger, 8192, INITPRIO + 1, "vping", 1,
				      NYIELDS),
		 vcreate(pinger, 8192, INITPRIO + 1, "vpong", 1, NYIELDS));
	return OK;
}

/*
 * Process lifecycles on kernel stacks: create and kill a suspended
 * process (getstk and freestk: the guard page is unmapped and mapped
 * again), and create, run and end one that returns at once.
 */
#define	NLIFE		2000	/* lifecycles per kind			*/

local	process	quick(void)
{
	return OK;
}

TEST(bench_create_kill)
{
	struct	stamp	a, b;
	uint32	i, heap = memlist.mlength;
	pid32	pid;

	stamp(&a);
	for (i = 0; i < NLIFE; i++) {
		pid = create(quick, INITSTK, INITPRIO + 1, "quick", 0);
		if (pid == SYSERR || kill(pid) == SYSERR ||
		    receive() != (umsg32)pid) {
			break;			/* (and its death note)	*/
		}
	}
	stamp(&b);
	CHECK(i == NLIFE);
	CHECK(report("create_kill", NLIFE, &a, &b) > 0);
	stamp(&a);
	for (i = 0; i < NLIFE; i++) {
		pid = create(quick, INITSTK, INITPRIO + 1, "quick", 0);
		if (pid == SYSERR || resume(pid) == SYSERR ||
		    receive() != (umsg32)pid) {
			break;
		}
	}
	stamp(&b);
	CHECK(i == NLIFE);
	CHECK(report("create_run_exit", NLIFE, &a, &b) > 0);
	CHECK(memlist.mlength == heap);
	return OK;
}

/* Two machines on one link (test/nettests.py boots them for make
 * bench): A (10.0.0.1) echoes until told to stop ... */
NETTEST(bench_net_echo)
{
	uid32	slot;

	slot = udp_register(0, 0, PAIR_PORT);
	REQUIRE(slot != SYSERR);
	CHECK(echo_serve(slot, 0, FALSE) > 0);
	return OK;
}

/* ... and B (10.0.0.2) measures UDP round trips of RTT_LEN bytes one
 * at a time, then the throughput of full datagrams (UDP_MAXDATA bytes)
 * echoed with at most TPUT_WINDOW unanswered: the payload carried one
 * way per second */
NETTEST(bench_net_udp)
{
	struct	stamp	a, b;
	uid32	slot;
	uint32	bad, ms;

	REQUIRE(ping_until_up(PAIR_A, PEER_WAIT) == OK);
	slot = udp_register(PAIR_A, PAIR_PORT, 40000);
	REQUIRE(slot != SYSERR);
	stamp(&a);
	CHECK(echo_window(slot, NRTT, RTT_LEN, 1, &bad) == OK);
	stamp(&b);
	report("udp_round_trip_64B", NRTT, &a, &b);
	stamp(&a);
	CHECK(echo_window(slot, NTPUT, UDP_MAXDATA, TPUT_WINDOW, &bad) == OK);
	stamp(&b);
	report("udp_echo_1472B_window8", NTPUT, &a, &b);
	ms = (uint32)(b.ms - a.ms);
	if (ms > 0) {
		kprintf("BENCH udp_throughput %u kB/s\n",
			(uint32)((uint64)NTPUT * UDP_MAXDATA / ms));
		kprintf("BENCH udp_throughput %u datagrams/s\n",
			(uint32)((uint64)NTPUT * 1000 / ms));
	}
	CHECK(udp_send(slot, "x", 1) == OK);	/* stops A		*/
	CHECK(udp_release(slot) == OK);
	return OK;
}

/* Disk blocks (4 KiB, a page each) written, then read, one at a time
 * through write/read on DISK0: the cost of one block each way */
TEST_BOOT(bench_disk, "+disk")
{
	struct	stamp	a, b;
	char	*buf = getmem(ATA_BLKSIZ);
	int32	i, bad = 0;

	REQUIRE(buf != (char *)SYSERR);
	memset(buf, 0xA5, ATA_BLKSIZ);
	stamp(&a);
	for (i = 0; i < NDISKBLKS; i++) {
		bad += write(DISK0, buf, 100 + i) != OK;
	}
	stamp(&b);
	CHECK(report("disk_write_4k", NDISKBLKS, &a, &b) > 0);
	stamp(&a);
	for (i = 0; i < NDISKBLKS; i++) {
		bad += read(DISK0, buf, 100 + i) != OK;
	}
	stamp(&b);
	CHECK(report("disk_read_4k", NDISKBLKS, &a, &b) > 0);
	CHECK(bad == 0);
	freemem(buf, ATA_BLKSIZ);
	return OK;
}
