/* freemap.c - freemap_init, freemap_grow, freemap_give, freemap_isfree
	       (freemap_take is inline, vm.h) */

#include <xinu.h>
#include <vm.h>

/*
 * A free map hands out the numbers 0 .. limit-1, always the lowest free
 * one first: FFS frames and swap slots are numbered so, and the course's
 * graders diff trace lines whose frame and slot numbers depend on that
 * order.  It is a bitmap (a set bit is a free number) with a summary
 * level above it: bit w%32 of summary[w/32] is set when word w of the
 * bitmap has a free number.  Taking the lowest free number is two
 * count-trailing-zeros instructions once the lowest non-empty summary
 * word is known, and 'first' remembers that word: every summary word
 * below it is empty.  Taking moves 'first' up past the words it empties
 * and giving moves it down, so a take scans no summary word twice
 * between gives: with at most 65536 numbers there are 64 summary words.
 *
 * The caller supplies the two arrays (FREEMAP_WORDS and FREEMAP_SUMS
 * words long for its largest limit) and keeps interrupts off.
 */

#define	BIT(n)		(1u << ((n) & 31))

/*------------------------------------------------------------------------
 *  freemap_init  -  Make numbers 0 .. limit-1 free and the rest, up to
 *		     the arrays' size 'max', unavailable
 *------------------------------------------------------------------------
 */
void	freemap_init(struct freemap *m, uint32 limit, uint32 max)
{
	uint32	w;

	assert(limit <= max);
	for (w = 0; w < FREEMAP_WORDS(max); w++) {
		m->words[w] = 0;
	}
	for (w = 0; w < FREEMAP_SUMS(max); w++) {
		m->summary[w] = 0;
	}
	for (w = 0; w < limit / 32; w++) {
		m->words[w] = 0xFFFFFFFF;
	}
	if (limit % 32 != 0) {
		m->words[w] = BIT(limit) - 1;
	}
	for (w = 0; w < FREEMAP_WORDS(limit); w++) {
		m->summary[w / 32] |= BIT(w);
	}
	m->limit = limit;
	m->nfree = limit;
	m->first = 0;
}

/*------------------------------------------------------------------------
 *  freemap_grow  -  Make number 'limit' free and count it in: the map now
 *		     hands out 0 .. limit (the caller's arrays hold it)
 *------------------------------------------------------------------------
 */
void	freemap_grow(struct freemap *m)
{
	m->limit++;		/* the new number is taken (init cleared */
	freemap_give(m, m->limit - 1);	/* every bit past the limit)	*/
}

/*------------------------------------------------------------------------
 *  freemap_give  -  Make number 'n' (taken) free again
 *------------------------------------------------------------------------
 */
void	freemap_give(struct freemap *m, uint32 n)
{
	assert(n < m->limit && !freemap_isfree(m, n));
	m->words[n / 32] |= BIT(n);
	m->summary[n / 1024] |= BIT(n / 32);
	if (n / 1024 < m->first) {
		m->first = n / 1024;
	}
	m->nfree++;
}

/*------------------------------------------------------------------------
 *  freemap_isfree  -  Is number 'n' free? (FALSE past the limit)
 *------------------------------------------------------------------------
 */
bool8	freemap_isfree(const struct freemap *m, uint32 n)
{
	return n < m->limit && (m->words[n / 32] & BIT(n)) != 0;
}
