/* vheap.c - vheap_init, vheap_find, vheap_take, vheap_isallocated,
	     vheap_give, vheap_destroy */

#include <xinu.h>

/*
 * The layout of a process's virtual heap: the free runs of pages between
 * VHEAP_START and VHEAP_END, in address order, never adjacent (a freed
 * run merges with its free neighbours).  Every page not in a free run is
 * reserved.  This is pure bookkeeping: the page tables are the caller's
 * business.  Run nodes come from the kernel heap.
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
	return OK;
}

/*------------------------------------------------------------------------
 *  vheap_find  -  First page of the lowest free run of at least 'npages'
 *		   pages, or SYSERR
 *------------------------------------------------------------------------
 */
int32	vheap_find(struct vmproc *vm, uint32 npages)
{
	struct	vrun	*run;

	for (run = vm->freeruns; run != NULL; run = run->next) {
		if (run->npages >= npages) {
			return run->start;
		}
	}
	return SYSERR;
}

/*------------------------------------------------------------------------
 *  vheap_take  -  Reserve 'npages' pages from the front of the free run
 *		   that starts at 'vpn' (as found by vheap_find)
 *------------------------------------------------------------------------
 */
void	vheap_take(struct vmproc *vm, uint32 vpn, uint32 npages)
{
	struct	vrun	**link, *run;

	for (link = &vm->freeruns; (run = *link) != NULL; link = &run->next) {
		if (run->start == vpn) {
			break;
		}
	}
	assert(run != NULL && run->npages >= npages);
	if (run->npages == npages) {
		*link = run->next;
		freemem((char *)run, sizeof(struct vrun));
	} else {
		run->start += npages;
		run->npages -= npages;
	}
	vm->heappages += npages;
}

/*------------------------------------------------------------------------
 *  vheap_isallocated  -  Are pages [vpn, vpn+npages) all reserved?
 *------------------------------------------------------------------------
 */
bool8	vheap_isallocated(struct vmproc *vm, uint32 vpn, uint32 npages)
{
	struct	vrun	*run;

	if (npages == 0 || vpn < VHEAP_FIRST ||
	    vpn - VHEAP_FIRST >= VHEAP_PAGES ||
	    npages > VHEAP_FIRST + VHEAP_PAGES - vpn) {
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
