/* badbuf.c - tests that calls refuse a caller pointer it may not use */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

/*
 * Every call that takes a caller's buffer asks bufok (paging/bufok.c)
 * before touching it: a bad one is SYSERR with one console line naming
 * the call and the address, and changes nothing; before, the driver's
 * touch with interrupts off was a kernel panic.  Each family is tried
 * from the test process (a system process: the kernel's directory) on
 * NULL and 0xFFFFF000, then from a vcreate'd child on those, the page
 * just past its one vmalloc'd page, its stack's guard page, and last
 * on the vmalloc'd page itself, untouched, which must work.  Pages
 * swapped out to disk must work too: the fault that brings one in,
 * with interrupts off, blocks for the disk read and goes on.
 */

#define	BADBLK		5		/* DISK0 block the tests use	*/
#define	HIGHPAGE	((char *)0xFFFFF000)
#define	LINELEN		96
#define	CAPLEN		512

/* One call family: the call on a buffer at 'addr', the format of the
 * line its refusal prints (%x: the address), the line for NULL when
 * that differs ("": none in particular; NULLOK: NULL is a legal
 * argument, not tried), and what the call returns on the untouched
 * heap page */
struct	badcall	{
	int32	(*call)(char *addr);
	const	char	*line;
	const	char	*nullline;
	int32	good;
};

local	char	capture[CAPLEN];
local	const	char	NULLOK[] = "NULL is fine";

/*------------------------------------------------------------------------
 *  refused  -  Check that 'bc' refuses 'addr' with SYSERR and its line
 *------------------------------------------------------------------------
 */
local	void	refused(const struct badcall *bc, char *addr)
{
	char	want[LINELEN];
	int32	rv;

	if (addr == NULL && bc->nullline == NULLOK) {
		return;
	}
	sprintf(want, addr == NULL && bc->nullline != NULL ? bc->nullline
		: bc->line, (uint32)addr);
	kcapture(capture, CAPLEN);
	rv = bc->call(addr);
	kcapture(NULL, 0);
	CHECK(rv == SYSERR);
	CHECK(strstr(capture, want) != NULL);
}

/*------------------------------------------------------------------------
 *  badchild  -  In a vcreate'd process: every bad address refused, and
 *		 the untouched vmalloc'd page taken without a word
 *------------------------------------------------------------------------
 */
local	process	badchild(const struct badcall *bc)
{
	struct	vmproc	*vm = proctab[currpid].prvm;
	pte_t	*guard;
	char	*heap;
	int32	rv;

	heap = vmalloc(PAGE_SIZE);
	REQUIRE(heap != (char *)SYSERR);
	guard = pte_lookup((pde_t *)proctab[currpid].prpdbr, vm->stacktop);
	REQUIRE(guard != NULL && *guard == PTE_IS_STACK);
	refused(bc, NULL);
	refused(bc, HIGHPAGE);
	refused(bc, heap + PAGE_SIZE);		/* just past the heap	*/
	refused(bc, (char *)vm->stacktop);	/* the guard page	*/
	CHECK(used_ffs_frames(currpid) == 0);
	kcapture(capture, CAPLEN);
	rv = bc->call(heap);			/* untouched: works	*/
	kcapture(NULL, 0);
	CHECK(rv == bc->good);
	CHECK(strstr(capture, "bad") == NULL);
	CHECK(vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  tryall  -  Every bad address from this system process and from a
 *	       vcreate'd child; the system runs on and nothing leaks
 *------------------------------------------------------------------------
 */
local	void	tryall(const struct badcall *bc)
{
	struct	vmsnap	snap;

	vmsnap_take(&snap);
	refused(bc, NULL);
	refused(bc, HIGHPAGE);
	CHECK(vrun(badchild, (uint32)bc) != SYSERR);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&snap));
}

/* DISK0: the buffer is one whole block, the third argument its number */
local	int32	diskread(char *a)  { return read(DISK0, a, BADBLK); }
local	int32	diskwrite(char *a) { return write(DISK0, a, BADBLK); }

/*------------------------------------------------------------------------
 *  blockis  -  TRUE when block BADBLK holds 'fill' in every byte
 *------------------------------------------------------------------------
 */
local	bool8	blockis(byte fill)
{
	byte	*blk = (byte *)getmem(ATA_BLKSIZ);
	bool8	same = TRUE;
	uint32	i;

	if (blk == (byte *)SYSERR) {
		return FALSE;
	}
	same = read(DISK0, (char *)blk, BADBLK) == OK;
	for (i = 0; i < ATA_BLKSIZ; i++) {
		same = same && blk[i] == fill;
	}
	freemem((char *)blk, ATA_BLKSIZ);
	return same;
}

TEST_BOOT(badbuf_disk, "+disk")
{
	static	const	struct	badcall	rd = { diskread,
		"DISK0: read: bad buffer 0x%x", "DISK0: read: no buffer", OK };
	static	const	struct	badcall	wr = { diskwrite,
		"DISK0: write: bad buffer 0x%x", "DISK0: write: no buffer", OK };
	char	*blk = getmem(ATA_BLKSIZ);

	REQUIRE(blk != (char *)SYSERR);
	memset(blk, 0xA5, ATA_BLKSIZ);
	REQUIRE(write(DISK0, blk, BADBLK) == OK);
	freemem(blk, ATA_BLKSIZ);
	tryall(&rd);			/* the untouched page read	*/
	CHECK(blockis(0xA5));
	tryall(&wr);			/* ... and written: zeros	*/
	CHECK(blockis(0x00));
	return OK;
}

/* The console; the good write sends one NUL (the page is zeros) */
local	int32	ttyrd(char *a) { return read(CONSOLE, a, 1); }
local	int32	ttywr(char *a) { return write(CONSOLE, a, 1); }

TEST(badbuf_tty)
{
	static	const	struct	badcall	rd = { ttyrd,
		"CONSOLE: read: bad buffer 0x%x", NULL, 0 };
	static	const	struct	badcall	wr = { ttywr,
		"CONSOLE: write: bad buffer 0x%x", NULL, 1 };

	refused(&rd, NULL);		/* refused before it waits	*/
	refused(&rd, HIGHPAGE);
	tryall(&wr);
	return OK;
}

/* UDP on a slot with nothing queued and no NIC: a good receive times
 * out, a good send finds no network */
local	uid32	badslot;
local	int32	udprecv(char *a) { return udp_recv(badslot, a, 16, 0); }
local	int32	udpaddr(char *a)
{
	return udp_recvaddr(badslot, (uint32 *)a, NULL, NULL, 0, 0);
}
local	int32	udpport(char *a)
{
	return udp_recvaddr(badslot, NULL, (uint16 *)a, NULL, 0, 0);
}
local	int32	udpsend(char *a) { return udp_sendto(badslot, IP_BCAST, 9, a, 16); }

TEST(badbuf_udp)
{
	static	const	struct	badcall	calls[] = {
		{ udprecv, "udp_recvaddr: bad buffer 0x%x", NULL, TIMEOUT },
		{ udpaddr, "udp_recvaddr: bad buffer 0x%x", NULLOK, TIMEOUT },
		{ udpport, "udp_recvaddr: bad buffer 0x%x", NULLOK, TIMEOUT },
		{ udpsend, "udp_sendto: bad buffer 0x%x", NULL, SYSERR },
	};
	uint32	i;

	badslot = udp_register(0, 0, 4321);
	REQUIRE(badslot != SYSERR);
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		tryall(&calls[i]);
	}
	CHECK(udptab[badslot].count == 0);
	CHECK(udp_release(badslot) == OK);
	return OK;
}

/* vm_info's snapshot */
local	int32	vminfo(char *a)
{
	return vm_info(getpid(), (struct vminfo *)a);
}

TEST(badbuf_vm_info)
{
	static	const	struct	badcall	bc = { vminfo,
		"vm_info: bad buffer 0x%x", "", OK };

	tryall(&bc);
	return OK;
}

/* create's and vcreate's name (NULL is an empty name, as before) */
local	process	idle(void) { return OK; }
local	int32	named(pid32 pid)
{
	if (pid == SYSERR) {
		return SYSERR;
	}
	CHECK(kill(pid) == OK);
	return OK;
}
local	int32	newname(char *a)
{
	return named(create(idle, 4096, 20, a, 0));
}
local	int32	vnewname(char *a)
{
	return named(vcreate(idle, 4096, 20, a, 0));
}

TEST(badbuf_create)
{
	static	const	struct	badcall	calls[] = {
		{ newname, "create: bad name 0x%x", NULLOK, OK },
		{ vnewname, "vcreate: bad name 0x%x", NULLOK, OK },
	};
	int32	n = prcount;

	CHECK(newname(NULL) == OK && vnewname(NULL) == OK);
	tryall(&calls[0]);
	tryall(&calls[1]);
	CHECK(prcount == n);
	return OK;
}

/* kprintf's %s: the pointer is named, nothing faults; the untouched
 * page is an empty string */
local	int32	kprints(char *a)
{
	return kprintf("[%s]\n", a) == 3 ? OK : SYSERR;
}

TEST(badbuf_kprintf)
{
	static	const	struct	badcall	bc = { kprints,
		"[(bad address 0x%x)]", "[(null)]", OK };
	char	got[LINELEN];

	tryall(&bc);
	CHECK(snprintf(got, LINELEN, "<%.3s>", HIGHPAGE) > 0);
	CHECK(strcmp(got, "<(bad address 0xfffff000)>") == 0);
	return OK;
}

/*------------------------------------------------------------------------
 *  swappedout  -  TRUE when heap page 'va' of this process is in swap
 *------------------------------------------------------------------------
 */
bool8	swappedout(char *va)
{
	pte_t	*pte = pte_lookup((pde_t *)proctab[currpid].prpdbr,
				  (uint32)va);

	return pte != NULL && (*pte & (PTE_P | PTE_IS_SWAPPED)) ==
			      PTE_IS_SWAPPED;
}

/*------------------------------------------------------------------------
 *  swapchild  -  Pages swapped out to disk are good buffers: the calls
 *		  that touch them with interrupts off block in the fault
 *		  for the disk read and go on
 *------------------------------------------------------------------------
 */
local	process	swapchild(void)
{
	struct	vminfo	*info;
	char	*heap;
	int32	i;

	heap = vmalloc(8 * PAGE_SIZE);
	REQUIRE(heap != (char *)SYSERR);
	for (i = 0; i < 8; i++) {
		sprintf(PAGE(heap, i), "page %d", i);
	}
	REQUIRE(swappedout(PAGE(heap, 0)) && swappedout(PAGE(heap, 1)) &&
		swappedout(PAGE(heap, 2)));
	kcapture(capture, CAPLEN);
	CHECK(kprintf("[%s]\n", PAGE(heap, 0)) == 9);
	CHECK(write(CONSOLE, PAGE(heap, 1), 6) == 6);
	putc(CONSOLE, '\n');
	kcapture(NULL, 0);
	CHECK(strstr(capture, "[page 0]") != NULL);
	CHECK(!swappedout(PAGE(heap, 0)) && !swappedout(PAGE(heap, 1)));
	info = (struct vminfo *)PAGE(heap, 2);
	CHECK(vm_info(getpid(), info) == OK);
	CHECK(info->vcreated && info->heappages == 8);
	CHECK(vm_audit() == OK);
	return OK;
}

TEST_BOOT(badbuf_swapped_to_disk_is_good, "+disk vm.swapdev=disk vm.ffs=4")
{
	struct	vmsnap	snap;

	vmsnap_take(&snap);
	REQUIRE(swapdev->blocks);
	CHECK(vrun_wait(vcreate(swapchild, 8192, INITPRIO + 1, "swapchild",
				0)) != SYSERR);
	CHECK(vmtotal.swapins >= 3);
	CHECK(vm_audit() == OK && vmsnap_same(&snap));
	return OK;
}

/*------------------------------------------------------------------------
 *  diskchild  -  DISK0 calls on heap pages that are swapped out to the
 *		  same disk: the driver fills or reads them with the
 *		  channel free (atastage.c), so their faults can use the
 *		  disk; once they waited for the channel they held
 *------------------------------------------------------------------------
 */
#define	XBLK	1000			/* past the slots vm.swap=64 uses */

local	process	diskchild(void)
{
	char	*heap;
	uint32	*pg, w, bad = 0;
	int32	i;

	heap = vmalloc(8 * PAGE_SIZE);
	REQUIRE(heap != (char *)SYSERR);
	for (i = 0; i < 8; i++) {
		pg = (uint32 *)PAGE(heap, i);
		for (w = 0; w < PAGE_SIZE / 4; w++) {
			pg[w] = 0x5EED0000 + i * 4096 + w;
		}
	}
	REQUIRE(swappedout(PAGE(heap, 0)) && swappedout(PAGE(heap, 1)));
	CHECK(write(DISK0, PAGE(heap, 0), XBLK) == OK);
	REQUIRE(swappedout(PAGE(heap, 1)));
	CHECK(read(DISK0, PAGE(heap, 1), XBLK) == OK);
	pg = (uint32 *)PAGE(heap, 1);
	for (w = 0; w < PAGE_SIZE / 4; w++) {
		bad += pg[w] != 0x5EED0000 + w;	/* page 0's words	*/
	}
	CHECK(bad == 0);
	CHECK(vm_audit() == OK);
	return OK;
}

TEST_BOOT(ata_buffer_swapped_to_the_same_disk,
	  "+disk vm.swapdev=disk vm.ffs=4 vm.swap=64")
{
	struct	vmsnap	snap;
	uint32	heapfree = memlist.mlength;

	vmsnap_take(&snap);
	REQUIRE(swapdev->blocks);
	CHECK(vrun_wait(vcreate(diskchild, 8192, INITPRIO + 1, "diskchild",
				0)) != SYSERR);
	CHECK(vmtotal.swapins >= 2);
	CHECK(vm_audit() == OK && vmsnap_same(&snap));
	CHECK(memlist.mlength == heapfree);	/* no staging page left	*/
	return OK;
}

/*------------------------------------------------------------------------
 *  diskloop  -  Read DISK0 into its heap, over and over, until killed
 *------------------------------------------------------------------------
 */
local	process	diskloop(void)
{
	char	*heap = vmalloc(2 * PAGE_SIZE);
	int32	i;

	REQUIRE(heap != (char *)SYSERR);
	for (i = 0; ; i++) {
		read(DISK0, PAGE(heap, i & 1), XBLK + (i & 7));
		write(DISK0, PAGE(heap, i & 1), XBLK + 8 + (i & 7));
	}
	return OK;
}

/* A process killed while it holds a staging page (waiting for the disk,
 * or faulting on its buffer) gives it back */
TEST_BOOT(ata_staging_page_of_a_killed_reader,
	  "+disk vm.swapdev=disk vm.ffs=4 vm.swap=64")
{
	uint32	heapfree = memlist.mlength;
	char	blk[ATA_BLKSIZ];
	pid32	pid;
	int32	round;

	for (round = 0; round < 20; round++) {
		pid = vcreate(diskloop, 8192, INITPRIO, "diskloop", 0);
		REQUIRE(pid != SYSERR);
		resume(pid);
		sleepms(1 + round % 4);
		CHECK(kill(pid) == OK);
	}
	CHECK(read(DISK0, blk, XBLK) == OK);	/* the channel is free	*/
	CHECK(memlist.mlength == heapfree);
	CHECK(vm_audit() == OK);
	return OK;
}

/*------------------------------------------------------------------------
 *  straddler  -  DISK0 calls on a buffer that starts in the kernel
 *		  region (the last 256 bytes of the PD/PT region) and ends
 *		  in a heap page swapped out to the disk: a write reads it
 *		  through a staging page (once it hung: no staging for a
 *		  buffer that started in the kernel region), a read would
 *		  write into page tables and is refused
 *------------------------------------------------------------------------
 */
local	process	straddler(void)
{
	char	*heap = vmalloc(16 * PAGE_SIZE);
	int32	i;

	REQUIRE(heap != (char *)SYSERR);
	for (i = 0; i < 16; i++) {
		heap[i * PAGE_SIZE] = (char)(i + 1);
	}
	REQUIRE(swappedout(heap));
	/* ECE465's heap starts past a gap: there the buffer is bad */
	CHECK(write(DISK0, heap - 256, XBLK) ==
	      (VHEAP_START == KERNEL_END ? OK : SYSERR));
	kcapture(capture, CAPLEN);
	CHECK(read(DISK0, heap - 256, XBLK) == SYSERR);
	kcapture(NULL, 0);
	CHECK(strstr(capture, "bad buffer") != NULL);
	CHECK(heap[0] == 1);
	return OK;
}

TEST_BOOT(badbuf_disk_straddling_into_heap,
	  "+disk vm.swapdev=disk vm.ffs=4 vm.swap=64")
{
	struct	vmsnap	snap;

	vmsnap_take(&snap);
	CHECK(vrun_wait(vcreate(straddler, 8192, INITPRIO + 1, "straddler",
				0)) != SYSERR);
	CHECK(vm_audit() == OK && vmsnap_same(&snap));
	return OK;
}

/* The kernel region is mapped writable, yet no call writes into the
 * kernel's code or its page tables for a caller; reading from them (a
 * DISK0 write of the code) is allowed */
TEST_BOOT(badbuf_no_writes_into_kernel_code, "+disk")
{
	char	*code = (char *)PGROUNDUP((uint32)text);
	char	*pt = (char *)PTREGION_START;
	char	before[16];

	memcpy(before, code, sizeof(before));
	kcapture(capture, CAPLEN);
	CHECK(read(DISK0, code, XBLK) == SYSERR);
	CHECK(read(DISK0, pt, XBLK) == SYSERR);
	CHECK(vm_info(getpid(), (struct vminfo *)code) == SYSERR);
	kcapture(NULL, 0);
	CHECK(memcmp(before, code, sizeof(before)) == 0);
	CHECK(strstr(capture, "DISK0: read: bad buffer") != NULL);
	CHECK(write(DISK0, code, XBLK) == OK);
	return OK;
}

/* With swap on the disk its blocks (the reserve too) are the swap
 * backend's: a program's write there is refused and swap's data stays */
local	char	kblock[ATA_BLKSIZ];	/* a block in the kernel region	*/

local	process	swapkeeper(void)
{
	char	*heap = vmalloc(8 * PAGE_SIZE);
	int32	i, bad = 0;

	REQUIRE(heap != (char *)SYSERR);
	for (i = 0; i < 8; i++) {
		heap[i * PAGE_SIZE] = (char)(i + 1);
	}
	kcapture(capture, CAPLEN);
	for (i = 0; i <= 64; i++) {		/* the slots and the reserve */
		bad += write(DISK0, kblock, i) != SYSERR;
	}
	kcapture(NULL, 0);
	CHECK(bad == 0);
	CHECK(strstr(capture, "DISK0: write: block 0 holds swap "
		      "(blocks 0..64 while vm.swapdev=disk)") != NULL);
	for (i = 0; i < 8; i++) {
		bad += heap[i * PAGE_SIZE] != (char)(i + 1);
	}
	CHECK(bad == 0);
	CHECK(write(DISK0, kblock, 65) == OK);
	return OK;
}

TEST_BOOT(ata_swap_blocks_are_the_swap_backends,
	  "+disk vm.swapdev=disk vm.ffs=4 vm.swap=64")
{
	CHECK(vrun_wait(vcreate(swapkeeper, 8192, INITPRIO + 1, "swapkeeper",
				0)) != SYSERR);
	CHECK(vm_audit() == OK);
	return OK;
}
