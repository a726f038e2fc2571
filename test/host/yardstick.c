/* yardstick.c - OPT and LRU faults of the workloads, for make curves */

#include <stdio.h>
#include <stdlib.h>
#include <xinu.h>
#include "framesim.h"
#include "../workload/workload.h"

/*
 * yardstick PAGES REFS SEED FRAMES...  prints, for every workload and
 * frame count, the lines
 *	WL opt WORKLOAD FRAMES REFS FAULTS
 *	WL lru WORKLOAD FRAMES REFS FAULTS
 * in the kernel player's format (test/kernel/playwl.c), from the same
 * strings (the same generator, pages and seed).
 */

int	main(int argc, char **argv)
{
	struct	wlgen	g;
	uint32	*refs, npages, n, seed, kind, i, proc, frames;
	int	a;

	if (argc < 5) {
		fprintf(stderr, "usage: yardstick PAGES REFS SEED FRAMES...\n");
		return 2;
	}
	npages = atoi(argv[1]);
	n = atoi(argv[2]);
	seed = atoi(argv[3]);
	refs = malloc(n * sizeof(uint32));
	for (kind = 0; kind < WL_KINDS; kind++) {
		if (wl_init(&g, kind, npages, seed) != 0) {
			fprintf(stderr, "yardstick: bad PAGES %u\n", npages);
			return 2;
		}
		for (i = 0; i < n; i++) {
			refs[i] = wl_next(&g, &proc);
		}
		for (a = 4; a < argc; a++) {
			frames = atoi(argv[a]);
			printf("WL opt %s %u %u %u\n", wl_name(kind), frames, n,
			       opt_faults(refs, n, frames));
			printf("WL lru %s %u %u %u\n", wl_name(kind), frames, n,
			       lru_faults(refs, n, frames));
		}
	}
	free(refs);
	return 0;
}
