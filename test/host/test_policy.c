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
 * larger than memory, 0 1 2 3 three times.  mcold, the cold share,
 * starts at 1, so the first two pages start hot (the hot share has
 * room), 2 starts cold in its test period.  3 faults: the cold hand
 * passes hot 0 and 1, gives 2 (fresh: its own fault set A) one more
 * round, then evicts it; 2 stays listed as history.  0 and 1 hit.
 * 2 faults: 3 is evicted the same way (history); 2 is in the history,
 * so it comes in hot (mcold 2) and the hot hand, with too many hot
 * pages, clears the A bits of 0 and 1, ends 3's test (mcold 1) and
 * turns 2 cold (not used since its fill).  0 1 hit; 3 faults: 2 is
 * used and not in a test, so it starts one at the head; the hand then
 * evicts it (history); 3 comes in cold.  0 1 hit; 2 faults (history)...
 * Faults: 0 1 2 3, 2 3, 2 3: 8, where clock, FIFO and LRU fault on
 * all 12 (OPT: 6).  0 and 1 stay: part of the loop is kept. */
local	void	clockpro_keeps_part_of_a_loop(void)
{
	const	uint32	loop[] = { 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3 };

	TCHECK(sim_faults(&clockpro_policy, loop, 12, 3, FALSE) == 8);
	TCHECK(sim_faults(&clock_policy, loop, 12, 3, FALSE) == 12);
	TCHECK(lru_faults(loop, 12, 3) == 12);
	TCHECK(opt_faults(loop, 12, 3) == 6);
}

/* A scan through a hot set, 3 frames: 0 and 1 are used, then pages
 * 10-15 are scanned in runs of three with 0 1 between.  LRU (and
 * clock) lose 0 and 1 to each run of three: 12 faults.  CLOCK-Pro
 * loads 0 and 1 hot; each scan page comes in cold, is evicted by the
 * cold hand on its second round (history, never used again: the test
 * hand drops the oldest once the history holds 3), and the hot share
 * never has to shrink, so 0 and 1 never fault again: 2 + 6 = 8 faults,
 * OPT's number. */
local	void	clockpro_scan_leaves_the_hot_set(void)
{
	const	uint32	scan[] = { 0, 1, 0, 1, 10, 11, 12, 0, 1, 13, 14, 15,
				   0, 1 };

	TCHECK(sim_faults(&clockpro_policy, scan, 14, 3, FALSE) == 8);
	TCHECK(lru_faults(scan, 14, 3) == 12);
	TCHECK(opt_faults(scan, 14, 3) == 8);
}

/* A phase change, 3 frames: 0 1 used four times, then 5 6 six times.
 * 0 and 1 are hot; 5 and 6 start cold and take turns in the one cold
 * frame (each evicted into the history before its reuse) until a
 * refault from the history makes one hot, the hot hand finds 0 and 1
 * unused since its last pass and turns them cold, and the cold hand
 * evicts them.  Worked through: faults at 0 1 5 6 5 6 5 6, then none:
 * 4 more than LRU, and the new hot set stays.  The adaptation costs a
 * test period, which is CLOCK-Pro's price for not being fooled by a
 * scan (the case above). */
local	void	clockpro_adapts_to_a_phase_change(void)
{
	const	uint32	ph[] = { 0, 1, 0, 1, 0, 1, 0, 1, 5, 6, 5, 6, 5, 6,
				 5, 6, 5, 6, 5, 6 };

	TCHECK(sim_faults(&clockpro_policy, ph, 14, 3, FALSE) == 8);
	TCHECK(sim_faults(&clockpro_policy, ph, 20, 3, FALSE) == 8);
	TCHECK(lru_faults(ph, 20, 3) == 4);
}

/* The workloads of make curves (64 pages, 10,000 references, seed
 * 465): CLOCK-Pro within 1.15x OPT on the loop at 16, 32 and 48
 * frames; on the phase change, its faults after the shift within 1.1x
 * LRU's wherever LRU has more than the compulsory ones (up to 24
 * frames; see docs for 28 and up) */
local	void	clockpro_meets_its_targets(void)
{
	static	uint32	refs[10000];
	const	uint32	loopat[] = { 16, 32, 48 };
	struct	wlgen	g;
	uint32	i, proc, frames, cp, lru;

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
	wl_init(&g, WL_PHASE, 64, 465);
	for (i = 0; i < 10000; i++) {
		refs[i] = wl_next(&g, &proc);
	}
	for (frames = 4; frames <= 24; frames += 4) {
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
	tcase("clockpro_adapts_to_a_phase_change",
	      clockpro_adapts_to_a_phase_change);
	tcase("clockpro_meets_its_targets", clockpro_meets_its_targets);
	tcase("clockpro_matches_its_model", clockpro_matches_its_model);
	tcase("every_policy_at_least_opt", every_policy_at_least_opt);
	tcase("busy_frames_are_never_victims", busy_frames_are_never_victims);
	return tdone();
}
