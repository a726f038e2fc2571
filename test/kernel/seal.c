/* seal.c - tests of sealed swap pages that do not open */

#include <xinu.h>
#include <vm.h>
#include <seal.h>
#include "vmtest.h"

/*
 * Two processes fill NPG heap pages each with their own pattern, with 4
 * frames, so most of their pages sit sealed in RAM swap; the test then
 * changes one byte of one of A's slots through the RAM backend's memory
 * (as a bad disk or a hostile image would), and both read every word
 * back.  A dies with SWAP_CORRUPT at that page, having read no wrong
 * word; B reads all its words; the slot is retired.
 */

#define	NPG		16		/* pages of each process	*/

local	sid32	filled;			/* a holder filled its pages	*/
local	char	*heapof[3];		/* each holder's pages		*/
local	uint32	wrong;			/* words read back wrong	*/

#define	WORDOF(tag, pg, w)	((uint32)(tag) << 24 ^ (pg) << 12 ^ (w))

/*------------------------------------------------------------------------
 *  holder  -  Fill NPG pages, say so, wait for the go, read them back
 *------------------------------------------------------------------------
 */
local	process	holder(int32 tag)
{
	char	*p = vmalloc(NPG * PAGE_SIZE);
	uint32	pg, w;

	REQUIRE(p != (char *)SYSERR);
	heapof[tag] = p;
	for (pg = 0; pg < NPG; pg++) {
		for (w = 0; w < PAGE_SIZE / 4; w++) {
			vm_write(PAGE(p, pg) + 4 * w, WORDOF(tag, pg, w));
		}
	}
	signal(filled);
	receive();
	for (pg = 0; pg < NPG; pg++) {
		for (w = 0; w < PAGE_SIZE / 4; w++) {
			wrong += vm_read(PAGE(p, pg) + 4 * w)
				 != WORDOF(tag, pg, w);
		}
	}
	return OK;
}

/*------------------------------------------------------------------------
 *  swappedslot  -  The slot of the first swapped page of 'pid' at 'p'
 *------------------------------------------------------------------------
 */
local	int32	swappedslot(pid32 pid, char *p)
{
	pte_t	*pte;
	uint32	pg;

	for (pg = 0; pg < NPG; pg++) {
		pte = pte_lookup((pde_t *)proctab[pid].prpdbr,
				 (uint32)PAGE(p, pg));
		if (pte != NULL && (*pte & PTE_IS_SWAPPED)
		    && !(*pte & PTE_P)) {
			return PTE_SLOT(*pte);
		}
	}
	return SYSERR;
}

TEST_BOOT(seal_changed_slot_kills_its_owner_only,
	  "vm.ffs=4 vm.swap=64 vm.swapcrypt=on")
{
	char	out[512], want[64];
	pid32	a, b;
	int32	slot;
	uint32	freeslots;
	intmask	mask;

	REQUIRE(seal_on && !swapdev->blocks);
	filled = semcreate(0);
	a = vcreate(holder, 8192, INITPRIO + 1, "holderA", 1, 1);
	b = vcreate(holder, 8192, INITPRIO + 1, "holderB", 1, 2);
	REQUIRE(a != SYSERR && b != SYSERR);
	recvclr();
	resume(a);
	resume(b);
	wait(filled);
	wait(filled);
	slot = swappedslot(a, heapof[1]);
	REQUIRE(slot != SYSERR);
	mask = disable();			/* one byte of its slot	*/
	((byte *)kmap(KMAP_DST, SWAP_START + slot * PAGE_SIZE))[100] ^= 0x04;
	restore(mask);
	freeslots = free_swap_pages();

	kcapture(out, sizeof(out));
	send(a, OK);
	send(b, OK);
	receive();
	receive();
	kcapture(NULL, 0);
	sprintf(want, "P%d:: SWAP_CORRUPT\n", a);
	CHECK(strstr(out, want) != NULL);
	sprintf(want, "P%d::", b);
	CHECK(strstr(out, want) == NULL);
	CHECK(wrong == 0);
	CHECK(sealstats.failed == 1 && swap_nretired == 1);
	/* A's other slots came back when it died; the retired one never */
	CHECK(free_swap_pages() < 64 && swap_inuse(slot));
	CHECK(vm_audit() == OK);
	kprintf("slot %d retired; %d free slots of 64 after both ended "
		"(%d before)\n", slot, free_swap_pages(), freeslots);
	CHECK(free_swap_pages() == 63);
	semdelete(filled);
	return OK;
}

/*
 * The image seen from outside (tool:sealed-image boots this with a disk
 * image of its own, writable, and vm.swapcrypt=on or off): a process
 * fills IMGPAGES heap pages, each holding the marker text, with 8
 * frames, so most of them are on the disk; the test says READY and
 * waits for a console character, while the host greps the image for
 * the marker and, with sealing, changes a byte in every block that is
 * not empty; then the process reads every word back.  Sealed, it dies
 * with SWAP_CORRUPT at the first changed page, having read no wrong
 * word.  "+host": only that tool test boots it.
 */

#define	IMGPAGES	72

local	process	imgholder(int32 unused)
{
	char	*p = vmalloc(IMGPAGES * PAGE_SIZE);
	uint32	pg, w;

	(void)unused;
	REQUIRE(p != (char *)SYSERR);
	for (pg = 0; pg < IMGPAGES; pg++) {
		sprintf(PAGE(p, pg), "XINU-SWAP-MARKER page %03d", pg);
		for (w = 16; w < PAGE_SIZE / 4; w++) {
			vm_write(PAGE(p, pg) + 4 * w, WORDOF(9, pg, w));
		}
	}
	signal(filled);
	receive();
	for (pg = 0; pg < IMGPAGES; pg++) {
		for (w = 16; w < PAGE_SIZE / 4; w++) {
			wrong += vm_read(PAGE(p, pg) + 4 * w)
				 != WORDOF(9, pg, w);
		}
	}
	return OK;
}

TEST_BOOT(seal_image_host, "+host vm.swapdev=disk vm.ffs=8 vm.swap=128")
{
	pid32	pid;

	REQUIRE(swapdev->blocks);
	filled = semcreate(0);
	pid = vcreate(imgholder, 8192, INITPRIO + 1, "imgholder", 1, 0);
	REQUIRE(pid != SYSERR);
	recvclr();
	resume(pid);
	wait(filled);
	kprintf("READY %d pages swapped, sealed %s\n", vmtotal.evict_dirty,
		seal_on ? "on" : "off");
	getc(CONSOLE);
	send(pid, OK);
	receive();
	kprintf("RESULT wrong=%d failed=%d retired=%d\n", wrong,
		sealstats.failed, swap_nretired);
	CHECK(wrong == 0);
	CHECK(vm_audit() == OK);
	semdelete(filled);
	return OK;
}
