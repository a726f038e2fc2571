/* test_policy.c - host unit tests of the replacement policies of swap/ */

#include <string.h>
#include <xinu.h>
#include "vmtable.h"
#include "hunit.h"
#include "framesim.h"
#include "../workload/workload.h"
#include "../workload/cpmodel.h"

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

/* CLOCK-Pro (swap/clockpro.c), 3 frames, on a loop of 4 pages one
 * larger than memory, 0 1 2 3 three times.  mcold, the cold share, is
 * 1.  A page never evicted has no slot (a first touch) and comes in
 * hot; the fault's A bit is set only after the fill.  0 1 2 come in
 * hot, and with 3 hot pages the hot hand clears the A bits of 0 and 1
 * and turns 2 (unused yet) cold.  3 faults: the cold hand finds 2 used,
 * starts its test period at the head and, round again, evicts it
 * (history); 3 comes in hot and the hot hand turns 0 cold.  0 1 hit.
 * 2 faults: 0 is used, starts a test and is evicted (history); 2 is
 * in the history, so it comes in hot (mcold 2), and the hot hand ends
 * 0's test (mcold 1) and turns 2 cold.  3 hits; 0 faults: 2 is used,
 * starts a test and is evicted (history); 0, from swap with no
 * history, comes in cold.  1 hits; 2 faults: 0 gets its one more round
 * (fresh) and is evicted; 2 comes in from the history as before.  3
 * hits.  Faults: 0 1 2 3, 2, 0, 2: 7, where clock, FIFO and LRU fault
 * on all 12 (OPT: 6).  1 and 3 stay: part of the loop is kept. */
local	void	clockpro_keeps_part_of_a_loop(void)
{
	const	uint32	loop[] = { 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3 };

	TCHECK(sim_faults(&clockpro_policy, loop, 12, 3, FALSE) == 7);
	TCHECK(sim_faults(&clock_policy, loop, 12, 3, FALSE) == 12);
	TCHECK(lru_faults(loop, 12, 3) == 12);
	TCHECK(opt_faults(loop, 12, 3) == 6);
}

/* A scan through a hot set, 3 frames: pages 10-15 once (a first pass:
 * each comes in hot, a first touch, and is turned cold and evicted in
 * turn, the test periods ending unused), then 0 and 1 used (first
 * touches, hot), then 10-15 again in runs of three with 0 1 between.
 * LRU (and clock) lose 0 and 1 to each run of three: 18 faults.
 * CLOCK-Pro brings each scan page back from swap with no history, so
 * cold, in a test period; the cold hand evicts it at the next fault
 * (its fault's A bit buys it one round, then it is unused), and 0 and
 * 1 stay hot: 6 + 2 + 6 = 14 faults (OPT 13).  On the first pass,
 * over new memory, the scan pages were admitted hot as clock admits
 * them: a scan of pages never touched before is judged like clock's
 * (clockpro_admits_new_pages_hot). */
local	void	clockpro_scan_leaves_the_hot_set(void)
{
	const	uint32	scan[] = { 10, 11, 12, 13, 14, 15, 0, 1, 0, 1,
				   10, 11, 12, 0, 1, 13, 14, 15, 0, 1 };

	TCHECK(sim_faults(&clockpro_policy, scan, 20, 3, FALSE) == 14);
	TCHECK(lru_faults(scan, 20, 3) == 18);
	TCHECK(opt_faults(scan, 20, 3) == 13);
}

/* A phase change onto new memory, 3 frames: 0 1 used four times, then
 * 5 6 six times.  0 and 1 come in hot.  5, a first touch, comes in hot
 * too; with 3 hot pages the hot hand clears the A bits of 0 and 1 and
 * turns 5 cold (its A bit is not yet set).  6 faults: the cold hand
 * finds 5 used, starts its test and, round again, evicts it (history);
 * 6 comes in hot and the hot hand turns 0 (unused since) cold.  5
 * faults: the cold hand evicts 0; 5 is in the history, so it comes in
 * hot (mcold 2), and the hot hand turns 1 and 5 cold.  Then 5 and 6
 * stay: faults at 0 1 5 6 5, one more than LRU.  Before first touches
 * came in hot, 5 and 6 took turns in the one cold frame, each evicted
 * before its reuse, and it cost 8.  The price: a scan over new memory
 * is let in the same way, as clock lets it in (the scan above without
 * its first pass over 10-15 faults 12 times, LRU's number, against 8
 * before); only a page back from swap takes the cold test. */
local	void	clockpro_admits_new_pages_hot(void)
{
	const	uint32	ph[] = { 0, 1, 0, 1, 0, 1, 0, 1, 5, 6, 5, 6, 5, 6,
				 5, 6, 5, 6, 5, 6 };
	const	uint32	scan[] = { 0, 1, 0, 1, 10, 11, 12, 0, 1, 13, 14, 15,
				   0, 1 };

	TCHECK(sim_faults(&clockpro_policy, ph, 14, 3, FALSE) == 5);
	TCHECK(sim_faults(&clockpro_policy, ph, 20, 3, FALSE) == 5);
	TCHECK(lru_faults(ph, 20, 3) == 4);
	TCHECK(sim_faults(&clockpro_policy, scan, 14, 3, FALSE) == 12);
	TCHECK(lru_faults(scan, 14, 3) == 12);
}

/* The workloads of make curves (64 pages, 10,000 references, seed
 * 465), at the curves' frame counts and 28: CLOCK-Pro within 1.15x OPT
 * on the loop at 16, 32 and 48 frames; within 1.05x LRU on zipf,
 * scanhot and twoproc; on the phase change, its faults after the shift
 * within 1.1x LRU's */
local	void	clockpro_meets_its_targets(void)
{
	static	uint32	refs[10000];
	const	uint32	loopat[] = { 16, 32, 48 };
	const	uint32	at[] = { 4, 6, 8, 12, 16, 20, 24, 28, 32, 40, 48, 56,
				 64 };
	const	uint32	lrulike[] = { WL_ZIPF, WL_SCANHOT, WL_TWOPROC };
	struct	wlgen	g;
	uint32	i, j, proc, frames, cp, lru;

	wl_init(&g, WL_LOOP, 64, 465);
	for (i = 0; i < 10000; i++) {
		refs[i] = wl_next(&g, &proc);
	}
	for (i = 0; i < 3; i++) {
		cp = sim_faults(&clockpro_policy, refs, 10000, loopat[i],
				FALSE);
		TCHECKF(cp * 100 <= opt_faults(refs, 10000, loopat[i]) * 115,
			"loop, %u frames: %u faults", loopat[i], cp);
	}
	for (j = 0; j < 3; j++) {
		wl_init(&g, lrulike[j], 64, 465);
		for (i = 0; i < 10000; i++) {
			refs[i] = wl_next(&g, &proc);
		}
		for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
			cp = sim_faults(&clockpro_policy, refs, 10000, at[i],
					FALSE);
			lru = lru_faults(refs, 10000, at[i]);
			TCHECKF(cp * 100 <= lru * 105, "%s, %u frames: %u, "
				"LRU %u", wl_name(lrulike[j]), at[i], cp, lru);
		}
	}
	wl_init(&g, WL_PHASE, 64, 465);
	for (i = 0; i < 10000; i++) {
		refs[i] = wl_next(&g, &proc);
	}
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		frames = at[i];
		cp = sim_faults(&clockpro_policy, refs, 10000, frames, FALSE)
		     - sim_faults(&clockpro_policy, refs, WL_SHIFT, frames,
				  FALSE);
		lru = lru_faults(refs, 10000, frames) -
		      lru_faults(refs, WL_SHIFT, frames);
		TCHECKF(cp * 10 <= lru * 11, "phase, %u frames: %u after the "
			"shift, LRU %u", frames, cp, lru);
	}
}

/* The real policy against the model (test/workload/cpmodel.c, written
 * by page, no code shared), every workload, 1 to 64 frames; the kernel
 * checks itself against the same model (test/kernel/playwl.c) */
local	void	clockpro_matches_its_model(void)
{
	static	uint32	refs[3000];
	struct	wlgen	g;
	uint32	kind, frames, i, proc, sim, model;

	for (kind = 0; kind < WL_KINDS; kind++) {
		wl_init(&g, kind, 64, 7);
		for (i = 0; i < 3000; i++) {
			refs[i] = wl_next(&g, &proc);
		}
		for (frames = 1; frames <= 64; frames++) {
			sim = sim_faults(&clockpro_policy, refs, 3000, frames,
					 FALSE);
			model = cp_model(kind, 64, 7, 3000, frames);
			TCHECKF(sim == model, "%s, %u frames: %u, model %u",
				wl_name(kind), frames, sim, model);
		}
	}
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
	tcase("clockpro_keeps_part_of_a_loop", clockpro_keeps_part_of_a_loop);
	tcase("clockpro_scan_leaves_the_hot_set",
	      clockpro_scan_leaves_the_hot_set);
	tcase("clockpro_admits_new_pages_hot",
	      clockpro_admits_new_pages_hot);
	tcase("clockpro_meets_its_targets", clockpro_meets_its_targets);
	tcase("clockpro_matches_its_model", clockpro_matches_its_model);
	tcase("every_policy_at_least_opt", every_policy_at_least_opt);
	tcase("busy_frames_are_never_victims", busy_frames_are_never_victims);
	return tdone();
}
