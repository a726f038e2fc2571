/* entropy.c - entropy, entropy_source */

#include <xinu.h>
#include <aead.h>

/*
 * Random bytes for keys (sealed swap's, swap/seal.c).  The CPU's own
 * generator when it has one: RDSEED (CPUID leaf 7, EBX bit 18), else
 * RDRAND (leaf 1, ECX bit 30); QEMU's -cpu max has both and fills them
 * from the host.  Without either, the time-stamp counter sampled around
 * reads of the 8254's counter: each sample's low bits carry the jitter
 * between two clocks and the host's scheduling under emulation.  The
 * samples are mixed into a pool with the ChaCha20 block function
 * (pool = block(key = pool, nonce = sample)), so every bit of every
 * sample reaches every bit of the output.  Interrupts may be off.  Under
 * QEMU -icount both clocks count instructions, so this fallback then
 * gives the same bytes every boot: a deterministic run has a
 * predictable key unless the CPU has RDRAND (docs/ say so).
 */

#define	CPUID7_RDSEED	(1 << 18)	/* leaf 7, EBX			*/
#define	CPUID1_RDRAND	(1 << 30)	/* leaf 1, ECX			*/
#define	HW_TRIES	64		/* RDRAND/RDSEED may say "later" */
#define	TSC_SAMPLES	256		/* samples mixed per 4 bytes	*/

enum	{ ENT_RDSEED, ENT_RDRAND, ENT_TSC };	/* the sources, best first */
local	const	char	*entnames[] = { "rdseed", "rdrand", "tsc" };

/*------------------------------------------------------------------------
 *  source  -  The best source this CPU has (ENT_*)
 *------------------------------------------------------------------------
 */
local	int32	source(void)
{
	uint32	r[4];

	cpuid(0, 0, r);
	if (r[0] >= 7) {
		cpuid(7, 0, r);
		if (r[1] & CPUID7_RDSEED) {
			return ENT_RDSEED;
		}
	}
	cpuid(1, 0, r);
	return (r[2] & CPUID1_RDRAND) ? ENT_RDRAND : ENT_TSC;
}

/*------------------------------------------------------------------------
 *  entropy_source  -  The name of the source entropy uses: "rdseed",
 *		       "rdrand" or "tsc"
 *------------------------------------------------------------------------
 */
const	char	*entropy_source(void)
{
	return entnames[source()];
}

/*------------------------------------------------------------------------
 *  hwword  -  One word from RDSEED or RDRAND; FALSE when it gave none
 *------------------------------------------------------------------------
 */
local	bool8	hwword(bool8 seed, uint32 *w)
{
	byte	ok;
	int32	i;

	for (i = 0; i < HW_TRIES; i++) {
		if (seed) {
			asm volatile("rdseed %0; setc %1" : "=r"(*w),
				     "=qm"(ok));
		} else {
			asm volatile("rdrand %0; setc %1" : "=r"(*w),
				     "=qm"(ok));
		}
		if (ok) {
			return TRUE;
		}
	}
	return FALSE;
}

/*------------------------------------------------------------------------
 *  tscmix  -  Mix TSC_SAMPLES timer samples into the 32-byte pool
 *------------------------------------------------------------------------
 */
local	void	tscmix(byte *pool)
{
	byte	nonce[AEAD_NONCELEN], block[CHACHA_BLOCK];
	uint64	t;
	int32	i;

	memset(nonce, 0, sizeof(nonce));
	for (i = 0; i < TSC_SAMPLES; i++) {
		outb(PIT_CMD, 0x00);		/* latch channel 0	*/
		t = rdtsc() ^ inb(PIT_CH0);
		t ^= (uint64)inb(PIT_CH0) << 8;
		memcpy(nonce, &t, sizeof(t));
		chacha20_block(pool, (uint32)i, nonce, block);
		memcpy(pool, block, AEAD_KEYLEN);
	}
	memset(block, 0, sizeof(block));
}

/*------------------------------------------------------------------------
 *  entropy  -  Fill 'len' bytes at 'out' with random bytes
 *------------------------------------------------------------------------
 */
void	entropy(
	  byte		*out,		/* where they go		*/
	  uint32	len		/* how many			*/
	)
{
	int32	src = source();
	byte	pool[AEAD_KEYLEN];
	uint32	w, n;

	memset(pool, 0, sizeof(pool));
	while (len > 0) {
		n = len < sizeof(w) ? len : sizeof(w);
		if (src == ENT_TSC || !hwword(src == ENT_RDSEED, &w)) {
			tscmix(pool);		/* no word from the CPU	*/
			memcpy(&w, pool, sizeof(w));
		}
		memcpy(out, &w, n);
		out += n;
		len -= n;
	}
	memset(pool, 0, sizeof(pool));
}
