/* test_policy.c - host unit tests of the replacement policies of swap/ */

#include <string.h>
#include <xinu.h>
#include "vmtable.h"
#include "hunit.h"
#include "framesim.h"
#include "../workload/workload.h"

/*
 * The real policy files of swap/ (every line of VMPOLICY_TABLE),
 * compiled unchanged against the fake frame layer of framesim.c, on
 * reference strings worked by hand, and the OPT and LRU yardsticks on
 * the same.  The cases that hold for every policy loop over all[].
 */

#define	POLICY_DECL(name)	extern const struct vmpolicy name##_policy;
#define	POLICY_ENTRY(name)	&name##_policy,

VMPOLICY_TABLE(POLICY_DECL)

local	const	struct	vmpolicy *const all[] = {
	VMPOLICY_TABLE(POLICY_ENTRY)
};
#define	NPOLICIES	(sizeof(all) / sizeof(all[0]))

/* The textbook string (Silberschatz), 3 frames: FIFO 15, OPT 9, LRU 12 */
local	const	uint32	book[] = {
	7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1
};
#define	NBOOK	(sizeof(book) / sizeof(book[0]))

/* Belady's anomaly: FIFO faults 9 times with 3 frames, 10 with 4 */
local	const	uint32	belady[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };
#define	NBELADY	(sizeof(belady) / sizeof(belady[0]))

local	void	book_fifo_15(void)
{
	TCHECK(sim_faults(&fifo_policy, book, NBOOK, 3, FALSE) == 15);
}

local	void	book_opt_9(void)
{
	TCHECK(opt_faults(book, NBOOK, 3) == 9);
}

local	void	book_lru_12(void)
{
	TCHECK(lru_faults(book, NBOOK, 3) == 12);
}

/* A tick after every reference: eight ticks of history order the three
 * pages exactly as LRU does (worked by hand: no two are ever equal) */
local	void	book_aging_ticked_is_lru_12(void)
{
	TCHECK(sim_faults(&aging_policy, book, NBOOK, 3, TRUE) == 12);
}

/* Worked by hand: the hand starts at frame 0, a loaded page has its A
 * bit set; faults at 7 0 1 2 3 4 2 0 3 1 2 0 7 1 */
local	void	book_clock_14(void)
{
	TCHECK(sim_faults(&clock_policy, book, NBOOK, 3, FALSE) == 14);
}

local	void	fifo_shows_beladys_anomaly(void)
{
	TCHECK(sim_faults(&fifo_policy, belady, NBELADY, 3, FALSE) == 9);
	TCHECK(sim_faults(&fifo_policy, belady, NBELADY, 4, FALSE) == 10);
	TCHECK(lru_faults(belady, NBELADY, 4) == 8);
	TCHECK(opt_faults(belady, NBELADY, 3) == 7);
}

/* Without ticks every counter of aging stays at AGE_NEW: it evicts the
 * lowest frame every time, so on a loop of 4 pages in 3 frames pages 1
 * and 2 stay and only 0 and 3 take turns (worked by hand: faults at
 * 0 1 2 3 0 3 0 3, 8), where FIFO faults on every reference */
local	void	aging_without_ticks_keeps_frames_apart(void)
{
	const	uint32	loop[] = { 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3 };

	TCHECK(sim_faults(&fifo_policy, loop, 12, 3, FALSE) == 12);
	TCHECK(sim_faults(&aging_policy, loop, 12, 3, FALSE) == 8);
}

/* On every workload and frame count: OPT <= each policy, OPT <= LRU,
 * and the string is the same each time it is drawn */
local	void	every_policy_at_least_opt(void)
{
	static	uint32	refs[3000], again[3000];
	struct	wlgen	g;
	uint32	kind, frames, i, p, proc, opt;

	for (kind = 0; kind < WL_KINDS; kind++) {
		TCHECK(wl_init(&g, kind, 64, 7) == 0);
		for (i = 0; i < 3000; i++) {
			refs[i] = wl_next(&g, &proc);
			TCHECK(refs[i] < 64);
		}
		wl_init(&g, kind, 64, 7);
		for (i = 0; i < 3000; i++) {
			again[i] = wl_next(&g, &proc);
		}
		TCHECK(memcmp(refs, again, sizeof(refs)) == 0);
		for (frames = 4; frames <= 64; frames *= 2) {
			opt = opt_faults(refs, 3000, frames);
			TCHECK(opt <= lru_faults(refs, 3000, frames));
			for (p = 0; p < NPOLICIES; p++) {
				TCHECKF(sim_faults(all[p], refs, 3000, frames,
						   TRUE) >= opt,
					"%s below OPT", all[p]->name);
			}
		}
	}
	TCHECK(wl_init(&g, WL_KINDS, 64, 7) == -1);
	TCHECK(wl_init(&g, WL_LOOP, WL_MAXPAGES + 1, 7) == -1);
}

/* Frames with swap I/O in flight are never victims: with every frame
 * in use and all but one busy, each policy names that one, however
 * often asked (random draws again, clock passes over, FIFO and aging
 * skip them even when they are the oldest or least used); with all
 * busy, none is named */
local	void	busy_frames_are_never_victims(void)
{
	uint32	p, f, i, idle;

	for (p = 0; p < NPOLICIES; p++) {
		all[p]->reset(5);
		ffs_limit = 8;
		for (f = 0; f < 8; f++) {
			ffstab[f].owner = 1;
			ffstab[f].vpn = f;
			ffstab[f].io = FIO_NONE;
			if (all[p]->loaded != NULL) {
				all[p]->loaded(f);
			}
		}
		for (idle = 0; idle < 8; idle++) {
			frame_nio = 0;
			for (f = 0; f < 8; f++) {
				ffstab[f].io = (f == idle) ? FIO_NONE
							   : FIO_WRITE;
				frame_nio += (f != idle);
			}
			for (i = 0; i < 50; i++) {
				TCHECKF(all[p]->victim() == (int32)idle,
					"%s named a busy frame", all[p]->name);
			}
		}
		for (f = 0; f < 8; f++) {
			ffstab[f].io = FIO_READ;
		}
		frame_nio = 8;
		TCHECKF(all[p]->victim() == SYSERR, "%s: all busy",
			all[p]->name);
		for (f = 0; f < 8; f++) {
			ffstab[f].io = FIO_NONE;
			ffstab[f].owner = FFS_FREE;
		}
		frame_nio = 0;
	}
}

int	main(void)
{
	tbegin("test_policy");
	tcase("book_fifo_15", book_fifo_15);
	tcase("book_opt_9", book_opt_9);
	tcase("book_lru_12", book_lru_12);
	tcase("book_aging_ticked_is_lru_12", book_aging_ticked_is_lru_12);
	tcase("book_clock_14", book_clock_14);
	tcase("fifo_shows_beladys_anomaly", fifo_shows_beladys_anomaly);
	tcase("aging_without_ticks_keeps_frames_apart",
	      aging_without_ticks_keeps_frames_apart);
	tcase("every_policy_at_least_opt", every_policy_at_least_opt);
	tcase("busy_frames_are_never_victims", busy_frames_are_never_victims);
	return tdone();
}
