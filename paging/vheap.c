/* vheap.c - vheap_init, fit_from, vheap_find, vheap_take,
	     inheap, vheap_isallocated, vheap_give, vheap_copy,
	     vheap_destroy, vheap_isfree */

#include <xinu.h>
#include <vm.h>

/*
 * The layout of a process's virtual heap: the free runs of pages between
 * VHEAP_START and VHEAP_END, in address order, never adjacent (a freed
 * run merges with its free neighbours).  Every page not in a free run is
 * reserved.  This is pure bookkeeping: the page tables are the caller's
 * business.  Run nodes come from the kernel heap.
 *
 * A search for n free pages scans the heap upward from a starting page
 * and takes the first n free pages in a row it meets: the front of a
 * free run, or the starting page itself when it lies inside one.  First
 * fit starts at the heap's first page.  Next fit (the ECE465 flavour,
 * VHEAP_NEXTFIT in paging.h) starts at the cursor, the page after the
 * process's previous reservation, and if nothing fits from there to
 * the heap's end, scans again from the heap's first page.
 *
 * Invariants: runs are sorted, non-empty, inside the heap, and separated
 * by at least one reserved page; heappages = VHEAP_PAGES - sum of runs.
 */

/*------------------------------------------------------------------------
 *  vheap_init  -  Make the whole heap one free run
 *------------------------------------------------------------------------
 */
status	vheap_init(struct vmproc *vm)
{
	struct	vrun	*run;

	run = (struct vrun *)getmem(sizeof(struct vrun));
	if (run == (struct vrun *)SYSERR) {
		return SYSERR;
	}
	run->next = NULL;
	run->start = VHEAP_FIRST;
	run->npages = VHEAP_PAGES;
	vm->freeruns = run;
	vm->heappages = 0;
	vm->cursor = VHEAP_FIRST;
	return OK;
}

/*------------------------------------------------------------------------
 *  fit_from  -  First page p >= 'from' such that pages [p, p+npages)
 *		 are free, or SYSERR
 *------------------------------------------------------------------------
 */
local	int32	fit_from(struct vmproc *vm, uint32 from, uint32 npages)
{
	struct	vrun	*run;
	uint32	start;

	for (run = vm->freeruns; run != NULL; run = run->next) {
		start = (run->start > from) ? run->start : from;
		if (run->start + run->npages >= start + npages) {
			return start;
		}
	}
	return SYSERR;
}

/*------------------------------------------------------------------------
 *  vheap_find  -  First page of 'npages' free pages, first fit or next
 *		   fit as the flavour says, or SYSERR
 *------------------------------------------------------------------------
 */
int32	vheap_find(struct vmproc *vm, uint32 npages)
{
	uint32	from = VHEAP_NEXTFIT ? vm->cursor : VHEAP_FIRST;
	int32	vpn = fit_from(vm, from, npages);

	if (vpn == SYSERR && from != VHEAP_FIRST) {
		vpn = fit_from(vm, VHEAP_FIRST, npages);	/* wrap	*/
	}
	return vpn;
}

/*------------------------------------------------------------------------
 *  vheap_take  -  Reserve free pages [vpn, vpn+npages) (as found by
 *		   vheap_find) and move the cursor past them; SYSERR (and
 *		   no change) if they split a run and the kernel heap has
 *		   no node for its second part
 *------------------------------------------------------------------------
 */
status	vheap_take(struct vmproc *vm, uint32 vpn, uint32 npages)
{
	struct	vrun	**link, *run, *rest;
	uint32	end;

	for (link = &vm->freeruns; (run = *link) != NULL; link = &run->next) {
		if (run->start + run->npages > vpn) {
			break;
		}
	}
	assert(run != NULL && run->start <= vpn && npages > 0 &&
	       vpn + npages <= run->start + run->npages);
	end = run->start + run->npages;
	if (vpn > run->start && vpn + npages < end) {	/* the middle	*/
		rest = (struct vrun *)getmem(sizeof(struct vrun));
		if (rest == (struct vrun *)SYSERR) {
			return SYSERR;
		}
		rest->start = vpn + npages;
		rest->npages = end - rest->start;
		rest->next = run->next;
		run->next = rest;
		run->npages = vpn - run->start;
	} else if (vpn > run->start) {			/* the back	*/
		run->npages = vpn - run->start;
	} else if (vpn + npages < end) {		/* the front	*/
		run->start += npages;
		run->npages -= npages;
	} else {					/* all of it	*/
		*link = run->next;
		freemem((char *)run, sizeof(struct vrun));
	}
	vm->heappages += npages;
	vm->cursor = vpn + npages;
	return OK;
}

/*------------------------------------------------------------------------
 *  inheap  -  Do pages [vpn, vpn+npages) lie in the heap (npages > 0)?
 *------------------------------------------------------------------------
 */
local	bool8	inheap(uint32 vpn, uint32 npages)
{
	return npages > 0 && vpn >= VHEAP_FIRST &&
	       vpn - VHEAP_FIRST < VHEAP_PAGES &&
	       npages <= VHEAP_FIRST + VHEAP_PAGES - vpn;
}

/*------------------------------------------------------------------------
 *  vheap_isallocated  -  Are pages [vpn, vpn+npages) all reserved?
 *------------------------------------------------------------------------
 */
bool8	vheap_isallocated(struct vmproc *vm, uint32 vpn, uint32 npages)
{
	struct	vrun	*run;

	if (!inheap(vpn, npages)) {
		return FALSE;
	}
	for (run = vm->freeruns; run != NULL; run = run->next) {
		if (run->start < vpn + npages && vpn < run->start + run->npages) {
			return FALSE;		/* overlaps a free run	*/
		}
	}
	return TRUE;
}

/*------------------------------------------------------------------------
 *  vheap_give  -  Free reserved pages [vpn, vpn+npages), merging with
 *		   free neighbours; SYSERR (and no change) if a run node
 *		   is needed and the kernel heap has none
 *------------------------------------------------------------------------
 */
status	vheap_give(struct vmproc *vm, uint32 vpn, uint32 npages)
{
	struct	vrun	**link, *prev = NULL, *next, *run;
	bool8	joinprev, joinnext;

	for (link = &vm->freeruns; (next = *link) != NULL &&
	     next->start < vpn; link = &next->next) {
		prev = next;
	}
	joinprev = prev != NULL && prev->start + prev->npages == vpn;
	joinnext = next != NULL && vpn + npages == next->start;

	if (joinprev && joinnext) {
		prev->npages += npages + next->npages;
		prev->next = next->next;
		freemem((char *)next, sizeof(struct vrun));
	} else if (joinprev) {
		prev->npages += npages;
	} else if (joinnext) {
		next->start = vpn;
		next->npages += npages;
	} else {
		run = (struct vrun *)getmem(sizeof(struct vrun));
		if (run == (struct vrun *)SYSERR) {
			return SYSERR;
		}
		run->start = vpn;
		run->npages = npages;
		run->next = next;
		*link = run;
	}
	vm->heappages -= npages;
	return OK;
}

/*------------------------------------------------------------------------
 *  vheap_copy  -  Make heap 'to''s layout (its runs, reserved count and
 *		   cursor) the same as heap 'from''s; SYSERR when the
 *		   kernel heap has no node for a run ('to' then holds some
 *		   of them, for vheap_destroy)
 *------------------------------------------------------------------------
 */
status	vheap_copy(struct vmproc *from, struct vmproc *to)
{
	struct	vrun	*run, **link, *copy;

	vheap_destroy(to);
	link = &to->freeruns;
	for (run = from->freeruns; run != NULL; run = run->next) {
		copy = (struct vrun *)getmem(sizeof(struct vrun));
		if (copy == (struct vrun *)SYSERR) {
			return SYSERR;
		}
		copy->start = run->start;
		copy->npages = run->npages;
		copy->next = NULL;
		*link = copy;
		link = &copy->next;
	}
	to->heappages = from->heappages;
	to->cursor = from->cursor;
	return OK;
}

/*------------------------------------------------------------------------
 *  vheap_destroy  -  Free every run node
 *------------------------------------------------------------------------
 */
void	vheap_destroy(struct vmproc *vm)
{
	struct	vrun	*run, *next;

	for (run = vm->freeruns; run != NULL; run = next) {
		next = run->next;
		freemem((char *)run, sizeof(struct vrun));
	}
	vm->freeruns = NULL;
	vm->heappages = 0;
}

/*------------------------------------------------------------------------
 *  vheap_isfree  -  Are pages [vpn, vpn+npages) all free, in the heap?
 *------------------------------------------------------------------------
 */
bool8	vheap_isfree(struct vmproc *vm, uint32 vpn, uint32 npages)
{
	struct	vrun	*run;

	if (!inheap(vpn, npages)) {
		return FALSE;
	}
	for (run = vm->freeruns; run != NULL; run = run->next) {
		if (run->start <= vpn && vpn + npages <= run->start + run->npages) {
			return TRUE;
		}
	}
	return FALSE;
}
