/* shared.c - tests of frames and slots with many mappings (rmap) */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"

/*
 * Mappers are vcreate'd processes driven by commands, so a test can
 * share pages between them (page_share, as vclone does) and then make
 * each one read or write at a chosen moment.  Both reserve their pages
 * on a fresh heap, first fit, so the pages sit at the same addresses.
 */

#define	WORD(i)		(0x5C000000 | (uint32)(i))
#define	NPG		4		/* pages each mapper reserves	*/

#define	CMD_WRITE	1		/* write WORD(base + i) to page i */
#define	CMD_READ	2		/* count pages != WORD(base + i) */
#define	CMD_EXIT	3

struct	mapper	{
	pid32	pid;
	sid32	cmd, done;		/* a command waits, and its end	*/
	int32	op, base;
	int32	bad;			/* pages that read wrong	*/
	char	*p;			/* its NPG pages		*/
};

/*------------------------------------------------------------------------
 *  mapper  -  Reserve NPG pages, then carry out commands until CMD_EXIT
 *------------------------------------------------------------------------
 */
local	process	mapper(struct mapper *m)
{
	int32	i;

	m->p = vmalloc(NPG * PAGE_SIZE);
	signal(m->done);
	for (;;) {
		wait(m->cmd);
		if (m->op == CMD_EXIT) {
			return OK;
		}
		m->bad = 0;
		for (i = 0; i < NPG; i++) {
			if (m->op == CMD_WRITE) {
				vm_write(PAGE(m->p, i), WORD(m->base + i));
			} else {
				m->bad += vm_read(PAGE(m->p, i)) !=
					  WORD(m->base + i);
			}
		}
		signal(m->done);
	}
}

/*------------------------------------------------------------------------
 *  mapper_start  -  Start a mapper and wait for its pages
 *------------------------------------------------------------------------
 */
local	status	mapper_start(struct mapper *m)
{
	m->cmd = semcreate(0);
	m->done = semcreate(0);
	m->pid = vcreate(mapper, 8192, INITPRIO + 1, "mapper", 1, m);
	if (m->pid == SYSERR) {
		return SYSERR;
	}
	resume(m->pid);
	wait(m->done);
	return m->p == (char *)SYSERR ? SYSERR : OK;
}

/*------------------------------------------------------------------------
 *  mapper_do  -  Have mapper 'm' carry out 'op' and wait for it
 *------------------------------------------------------------------------
 */
local	int32	mapper_do(struct mapper *m, int32 op, int32 base)
{
	m->op = op;
	m->base = base;
	signal(m->cmd);
	if (op == CMD_EXIT) {
		while (receive() != (umsg32)m->pid) {
			;
		}
		semdelete(m->cmd);
		semdelete(m->done);
		return OK;
	}
	wait(m->done);
	return m->bad;
}

/*------------------------------------------------------------------------
 *  share_all  -  Share a's NPG pages with b
 *------------------------------------------------------------------------
 */
local	status	share_all(struct mapper *a, struct mapper *b)
{
	intmask	mask = disable();
	int32	i;
	status	rv = OK;

	for (i = 0; i < NPG && rv == OK; i++) {
		rv = page_share(a->pid, (uint32)PAGE(a->p, i), b->pid);
	}
	restore(mask);
	return rv;
}

/*------------------------------------------------------------------------
 *  pte_of  -  The PTE of page i of mapper 'm'
 *------------------------------------------------------------------------
 */
local	pte_t	pte_of(struct mapper *m, int32 i)
{
	return *pte_lookup((pde_t *)proctab[m->pid].prpdbr,
			   (uint32)PAGE(m->p, i));
}

/* A frame mapped by two processes is one frame of FFS and one in each
 * process's count; reading it takes no frame; it stays when one of its
 * mappers ends */
TEST_BOOT(shared_frames_count_once, "vm.ffs=16 vm.swap=32")
{
	struct	mapper	a, b;
	struct	vmsnap	s;
	int32	i, f;

	vmsnap_take(&s);
	recvclr();
	REQUIRE(mapper_start(&a) == OK && mapper_start(&b) == OK);
	REQUIRE(a.p == b.p);
	CHECK(mapper_do(&a, CMD_WRITE, 0) == 0);
	REQUIRE(share_all(&a, &b) == OK);
	CHECK(used_ffs_frames(a.pid) == NPG && used_ffs_frames(b.pid) == NPG);
	CHECK(free_ffs_pages() == ffs_limit - NPG);
	for (i = 0; i < NPG; i++) {
		f = ffsindex(PTE_FRAME(pte_of(&b, i)));
		CHECK(pte_of(&a, i) & PTE_P);
		CHECK(ffsindex(PTE_FRAME(pte_of(&a, i))) == (uint32)f);
		CHECK(ffstab[f].nmap == 2 && rmap_has(f, b.pid,
		      (uint32)PAGE(b.p, i) >> PAGE_SHIFT));
		CHECK((pte_of(&a, i) & PTE_W) == 0 &&
		      (pte_of(&b, i) & PTE_W) == 0);
	}
	CHECK(vm_audit() == OK);
	CHECK(mapper_do(&b, CMD_READ, 0) == 0);
	CHECK(proctab[b.pid].prvm->stats.lazy == 0);
	CHECK(free_ffs_pages() == ffs_limit - NPG);
	CHECK(vm_audit() == OK);
	mapper_do(&b, CMD_EXIT, 0);
	CHECK(used_ffs_frames(a.pid) == NPG && ffstab[0].nmap == 1);
	CHECK(vm_audit() == OK);
	CHECK(mapper_do(&a, CMD_READ, 0) == 0);
	mapper_do(&a, CMD_EXIT, 0);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* Evicting a shared page writes it once and leaves both PTEs swapped to
 * the one slot, held twice; the first mapper to fault reads it, the
 * other maps the same frame with no I/O */
TEST_BOOT(shared_evicted_once_read_once, "vm.ffs=16 vm.swap=32")
{
	struct	mapper	a, b;
	struct	vmsnap	s;
	intmask	mask;
	int32	i, f;

	vmsnap_take(&s);
	recvclr();
	REQUIRE(mapper_start(&a) == OK && mapper_start(&b) == OK);
	CHECK(mapper_do(&a, CMD_WRITE, 0) == 0);
	REQUIRE(share_all(&a, &b) == OK);
	mask = disable();
	for (i = 0; i < NPG; i++) {
		CHECK(swap_evict_frame(ffsindex(PTE_FRAME(pte_of(&a, i)))) ==
		      OK);
	}
	restore(mask);
	CHECK(vmtotal.evict_dirty == NPG && vmtotal.evict_clean == 0);
	CHECK(free_swap_pages() == swap_limit - NPG);
	CHECK(used_swap_frames(a.pid) == NPG && used_swap_frames(b.pid) == NPG);
	CHECK(used_ffs_frames(a.pid) == 0 && used_ffs_frames(b.pid) == 0);
	for (i = 0; i < NPG; i++) {
		CHECK((pte_of(&a, i) & PTE_IS_SWAPPED) && pte_of(&a, i) ==
		      pte_of(&b, i));
		CHECK(swap_refs(PTE_SLOT(pte_of(&a, i))) == 2);
	}
	CHECK(vm_audit() == OK);
	CHECK(mapper_do(&b, CMD_READ, 0) == 0);
	CHECK(proctab[b.pid].prvm->stats.swapins == NPG);
	CHECK(mapper_do(&a, CMD_READ, 0) == 0);
	CHECK(proctab[a.pid].prvm->stats.swapins == 0);
	CHECK(vmtotal.swapins == NPG && vmtotal.lazy == NPG);
	CHECK(free_ffs_pages() == ffs_limit - NPG);
	for (i = 0; i < NPG; i++) {
		f = ffsindex(PTE_FRAME(pte_of(&a, i)));
		CHECK(ffstab[f].nmap == 2 && frame_ofslot(ffstab[f].slot) == f);
		CHECK((pte_of(&a, i) & PTE_W) == 0 &&
		      (pte_of(&a, i) & ~PTE_A) == (pte_of(&b, i) & ~PTE_A));
	}
	CHECK(vm_audit() == OK);

	/* Out again: clean now, so nothing is written */
	mask = disable();
	for (i = 0; i < NPG; i++) {
		CHECK(swap_evict_frame(ffsindex(PTE_FRAME(pte_of(&a, i)))) ==
		      OK);
	}
	restore(mask);
	CHECK(vmtotal.evict_dirty == NPG && vmtotal.evict_clean == NPG);
	CHECK(vm_audit() == OK);
	mapper_do(&a, CMD_EXIT, 0);
	CHECK(used_swap_frames(b.pid) == NPG);
	CHECK(free_swap_pages() == swap_limit - NPG);
	CHECK(mapper_do(&b, CMD_READ, 0) == 0);
	CHECK(vm_audit() == OK);
	mapper_do(&b, CMD_EXIT, 0);
	CHECK(vm_audit() == OK);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* A mapper that ends while the other's copy is swapped out lets go of
 * the slot but not of the page: the other still reads it */
TEST_BOOT(shared_slot_outlives_a_mapper, "vm.ffs=16 vm.swap=32")
{
	struct	mapper	a, b;
	struct	vmsnap	s;
	intmask	mask;
	int32	i;

	vmsnap_take(&s);
	recvclr();
	REQUIRE(mapper_start(&a) == OK && mapper_start(&b) == OK);
	CHECK(mapper_do(&a, CMD_WRITE, 7) == 0);
	REQUIRE(share_all(&a, &b) == OK);
	mask = disable();
	for (i = 0; i < NPG; i++) {
		swap_evict_frame(ffsindex(PTE_FRAME(pte_of(&a, i))));
	}
	restore(mask);
	CHECK(mapper_do(&a, CMD_READ, 7) == 0);	/* a has the frames	*/
	mapper_do(&a, CMD_EXIT, 0);
	CHECK(free_ffs_pages() == ffs_limit);	/* no mapper left	*/
	CHECK(free_swap_pages() == swap_limit - NPG);
	CHECK(swap_refs(PTE_SLOT(pte_of(&b, 0))) == 1);
	CHECK(vm_audit() == OK);
	CHECK(mapper_do(&b, CMD_READ, 7) == 0);
	CHECK(vm_audit() == OK);
	mapper_do(&b, CMD_EXIT, 0);
	CHECK(vmsnap_same(&s));
	return OK;
}

/* vm_audit checks the reverse map's count against the page tables */
TEST_BOOT(shared_audit_checks_counts, "vm.ffs=16 vm.swap=32")
{
	struct	mapper	a, b;
	intmask	mask;
	int32	f;

	recvclr();
	REQUIRE(mapper_start(&a) == OK && mapper_start(&b) == OK);
	CHECK(mapper_do(&a, CMD_WRITE, 0) == 0);
	REQUIRE(share_all(&a, &b) == OK);
	f = ffsindex(PTE_FRAME(pte_of(&a, 0)));
	mask = disable();
	ffstab[f].nmap++;
	CHECK(vm_audit() == SYSERR);
	ffstab[f].nmap--;
	CHECK(vm_audit() == OK);
	swap_evict_frame(f);
	swap_share(a.pid, PTE_SLOT(pte_of(&a, 0)));
	CHECK(vm_audit() == SYSERR);
	swap_free(a.pid, PTE_SLOT(pte_of(&a, 0)));
	CHECK(vm_audit() == OK);
	restore(mask);
	mapper_do(&a, CMD_EXIT, 0);
	mapper_do(&b, CMD_EXIT, 0);
	CHECK(vm_audit() == OK);
	return OK;
}
