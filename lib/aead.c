/* aead.c - chacha20_block, chacha20_xor, poly1305_init, poly1305_update,
 *	    poly1305_final, aead_seal, aead_open */

#include <stdint.h>
#include <aead.h>

/*
 * ChaCha20-Poly1305 as RFC 8439 defines it (sections 2.3, 2.4, 2.5 and
 * 2.8), written from the RFC's text: a 256-bit key, a 96-bit nonce and
 * a 32-bit block counter; Poly1305's one-time key is the first half of
 * keystream block 0 and the message is enciphered from block 1; the tag
 * covers the AAD and the ciphertext, each padded to 16 bytes, and their
 * two lengths as 64-bit little-endian numbers.  Swap sealing (swap/) is
 * the kernel's user, a page at a time; the host tests check it against
 * the RFC's vectors and a library's output.
 *
 * It is written for the cost of a page on i686, a CPU of 7 general
 * registers (6 beside the frame pointer):
 *  - Bytes are read and written as 32-bit words (x86 is little-endian
 *    and loads words at any address), and a whole 64-byte block is
 *    enciphered word by word straight from the cipher's state: the
 *    keystream is never stored.
 *  - ChaCha20's 16-word state cannot live in 6 registers, and what
 *    gcc spills costs a load and a store per use (25 instructions a
 *    byte).  So the quarter rounds are asm: b and d, the words rotated,
 *    in registers, and a and c left in memory, which x86 adds to in
 *    place or reads as an operand (one instruction each); a double
 *    round is its 96 operations and the compiler's few moves of b and
 *    d words between registers and memory.
 *  - The rotations are "shld $n, r, r" (r shifted left by n, the bits
 *    shifted in taken from r: a rotation), not rol.  On a CPU they are
 *    alike, but QEMU's TCG works out rol's flags with a call to a
 *    helper whenever a memory access follows before the flags are
 *    overwritten (here always) and shld's lazily: ChaCha20 runs 1.35x
 *    faster under TCG.  (TCG's cost follows memory accesses more than
 *    instructions, and those fell little: under TCG a page seals about
 *    as fast as with the plain C of before, with 41% fewer instructions.)
 *  - The asm is x86, 32- or 64-bit: the host tests run it on x86-64.
 *  - Poly1305 keeps its accumulator in four 32-bit limbs and a fifth
 *    of a few bits, and multiplies by r in 16 32x32->64-bit products
 *    (plus 4 small ones): the RFC's clamp clears the top 4 bits of each
 *    32-bit word of r, so a column of products fits 64 bits, and
 *    clears the low 2 bits of r1-r3, so 2^128 = 5/4 mod 2^130 - 5 turns
 *    r1-r3 into whole numbers (s = r + r/4).  26-bit limbs would take 25
 *    products a block and more carries.
 */

/* A 32-bit word at any byte address (x86 loads it unaligned, and	*/
/* may_alias lets it be read out of any byte array)			*/
typedef	uint32_t word32 __attribute__((may_alias, aligned(1)));

#define	le32(p)		(*(const word32 *)(p))	/* little-endian CPU	*/
#define	put32(p, v)	(*(word32 *)(p) = (v))

/*------------------------------------------------------------------------
 *  chacha_init  -  The 16-word input block of key, counter and nonce
 *------------------------------------------------------------------------
 */
static	void	chacha_init(
	  uint32_t	st[16],		/* the state to fill		*/
	  const uint8_t	*key,		/* AEAD_KEYLEN bytes		*/
	  uint32_t	counter,	/* the first block's number	*/
	  const uint8_t	*nonce		/* AEAD_NONCELEN bytes		*/
	)
{
	int	i;

	st[0] = 0x61707865;		/* "expand 32-byte k"		*/
	st[1] = 0x3320646e;
	st[2] = 0x79622d32;
	st[3] = 0x6b206574;
	for (i = 0; i < 8; i++) {
		st[4 + i] = le32(key + 4 * i);
	}
	st[12] = counter;
	for (i = 0; i < 3; i++) {
		st[13 + i] = le32(nonce + 4 * i);
	}
}

/* One quarter round (RFC 8439 2.1) of the asm operands named a, b, c,	*/
/* d: b and d in registers, a and c words in memory.  "shld $n, r, r"	*/
/* is r rotated left by n (see above for why not rol)			*/
#define	QR(a, b, c, d)							\
	"addl	%[" b "], %[" a "]\n\t"				\
	"xorl	%[" a "], %[" d "]\n\t"				\
	"shldl	$16, %[" d "], %[" d "]\n\t"				\
	"addl	%[" d "], %[" c "]\n\t"				\
	"xorl	%[" c "], %[" b "]\n\t"				\
	"shldl	$12, %[" b "], %[" b "]\n\t"				\
	"addl	%[" b "], %[" a "]\n\t"				\
	"xorl	%[" a "], %[" d "]\n\t"				\
	"shldl	$8, %[" d "], %[" d "]\n\t"				\
	"addl	%[" d "], %[" c "]\n\t"				\
	"xorl	%[" c "], %[" b "]\n\t"				\
	"shldl	$7, %[" b "], %[" b "]\n\t"

/* Two quarter rounds in one asm statement (asm allows 30 operands, a	*/
/* whole round would need 32): the compiler keeps the 8 b and d words	*/
/* in registers between them as best it can				*/
#define	QR2(A1, B1, C1, D1, A2, B2, C2, D2)				\
	asm(QR("a1", "b1", "c1", "d1") QR("a2", "b2", "c2", "d2")	\
	    : [a1] "+m" (A1), [b1] "+r" (B1), [c1] "+m" (C1),		\
	      [d1] "+r" (D1), [a2] "+m" (A2), [b2] "+r" (B2),		\
	      [c2] "+m" (C2), [d2] "+r" (D2)				\
	    : : "cc")

/*------------------------------------------------------------------------
 *  chacha_xor_block  -  out = in ^ the keystream block of state st
 *		         (64 bytes; in may be out)
 *------------------------------------------------------------------------
 */
static	void	chacha_xor_block(
	  const uint32_t st[16],	/* key, counter, nonce		*/
	  const uint8_t	*in,		/* CHACHA_BLOCK bytes		*/
	  uint8_t	*out		/* CHACHA_BLOCK bytes		*/
	)
{
	uint32_t x[16];			/* the state being mixed: the a	*/
					/*   and c words (0-3, 8-11)	*/
	uint32_t x4 = st[4], x5 = st[5], x6 = st[6], x7 = st[7];
	uint32_t x12 = st[12], x13 = st[13], x14 = st[14], x15 = st[15];
	int	i;

#pragma GCC unroll 4
	for (i = 0; i < 4; i++) {
		x[i] = st[i];
		x[i + 8] = st[i + 8];
	}
	for (i = 0; i < 10; i++) {
		QR2(x[0], x4, x[8], x12, x[1], x5, x[9], x13);
		QR2(x[2], x6, x[10], x14, x[3], x7, x[11], x15);
		QR2(x[0], x5, x[10], x15, x[1], x6, x[11], x12);
		QR2(x[2], x7, x[8], x13, x[3], x4, x[9], x14);
	}
	x[4] = x4;
	x[5] = x5;
	x[6] = x6;
	x[7] = x7;
	x[12] = x12;
	x[13] = x13;
	x[14] = x14;
	x[15] = x15;
#pragma GCC unroll 16
	for (i = 0; i < 16; i++) {
		put32(out + 4 * i, le32(in + 4 * i) ^ (x[i] + st[i]));
	}
}

/*------------------------------------------------------------------------
 *  chacha20_block  -  Keystream block 'counter' of 'key' and 'nonce'
 *------------------------------------------------------------------------
 */
void	chacha20_block(
	  const uint8_t	*key,		/* AEAD_KEYLEN bytes		*/
	  uint32_t	counter,	/* the block's number		*/
	  const uint8_t	*nonce,		/* AEAD_NONCELEN bytes		*/
	  uint8_t	*out		/* CHACHA_BLOCK bytes		*/
	)
{
	static	const uint8_t zero[CHACHA_BLOCK];
	uint32_t st[16];

	chacha_init(st, key, counter, nonce);
	chacha_xor_block(st, zero, out);
}

/*------------------------------------------------------------------------
 *  chacha20_xor  -  Encipher or decipher len bytes (in may be out) with
 *		     the keystream from block 'counter' on
 *------------------------------------------------------------------------
 */
void	chacha20_xor(
	  const uint8_t	*key,		/* AEAD_KEYLEN bytes		*/
	  uint32_t	counter,	/* the first block's number	*/
	  const uint8_t	*nonce,		/* AEAD_NONCELEN bytes		*/
	  const uint8_t	*in,		/* the bytes to encipher	*/
	  uint8_t	*out,		/* where they go		*/
	  uint32_t	len		/* how many			*/
	)
{
	uint32_t st[16];
	uint8_t	part[CHACHA_BLOCK];
	uint32_t i;

	chacha_init(st, key, counter, nonce);
	for (; len >= CHACHA_BLOCK; len -= CHACHA_BLOCK) {
		chacha_xor_block(st, in, out);
		st[12]++;
		in += CHACHA_BLOCK;
		out += CHACHA_BLOCK;
	}
	if (len > 0) {			/* the last, part of a block	*/
		for (i = 0; i < len; i++) {
			part[i] = in[i];
		}
		chacha_xor_block(st, part, part);
		for (i = 0; i < len; i++) {
			out[i] = part[i];
		}
	}
}

/*------------------------------------------------------------------------
 *  poly1305_init  -  Start a MAC under the 32-byte one-time key
 *------------------------------------------------------------------------
 */
void	poly1305_init(
	  struct poly1305 *st,		/* the state to start		*/
	  const uint8_t	*key		/* r (clamped here), then s	*/
	)
{
	int	i;

	st->r[0] = le32(key) & 0x0fffffff;	/* the RFC's clamp of r	*/
	for (i = 1; i < 4; i++) {
		st->r[i] = le32(key + 4 * i) & 0x0ffffffc;
	}
	for (i = 0; i < 4; i++) {
		st->s[i] = le32(key + 16 + 4 * i);
	}
	for (i = 0; i < 5; i++) {
		st->h[i] = 0;
	}
	st->used = 0;
}

/*------------------------------------------------------------------------
 *  poly1305_blocks  -  For each of n 16-byte blocks at m:
 *		        h = (h + block + hibit * 2^128) * r mod 2^130 - 5,
 *		        not fully reduced: h4 may hold bits from 2^130 up
 *------------------------------------------------------------------------
 */
static	void	poly1305_blocks(
	  struct poly1305 *st,		/* the MAC			*/
	  const uint8_t	*m,		/* n * 16 bytes			*/
	  uint32_t	n,		/* how many blocks		*/
	  uint32_t	hibit		/* 1: whole blocks; 0: the last	*/
	)				/*   one, padded by hand	*/
{
	uint32_t r0 = st->r[0], r1 = st->r[1], r2 = st->r[2], r3 = st->r[3];
	uint32_t s1 = r1 + (r1 >> 2), s2 = r2 + (r2 >> 2), s3 = r3 + (r3 >> 2);
	uint32_t h0 = st->h[0], h1 = st->h[1], h2 = st->h[2], h3 = st->h[3];
	uint32_t h4 = st->h[4], c, g0, g1, g2, g3;
	uint64_t d;

	for (; n > 0; n--, m += 16) {
		/* h += block + hibit * 2^128, and h4's bits from 2^130 up
		   come back times 5 (2^130 = 5 mod p), by x86's add with
		   carry (in C the carries cost five times as much); h4 is
		   then at most 6 */
		c = (h4 >> 2) + (h4 & ~3U);
		h4 = (h4 & 3) + hibit;
		asm("addl	%[c], %[h0]\n\t"
		    "adcl	$0, %[h1]\n\t"
		    "adcl	$0, %[h2]\n\t"
		    "adcl	$0, %[h3]\n\t"
		    "adcl	$0, %[h4]\n\t"
		    "addl	%[m0], %[h0]\n\t"
		    "adcl	%[m1], %[h1]\n\t"
		    "adcl	%[m2], %[h2]\n\t"
		    "adcl	%[m3], %[h3]\n\t"
		    "adcl	$0, %[h4]"
		    : [h0] "+r" (h0), [h1] "+r" (h1), [h2] "+r" (h2),
		      [h3] "+r" (h3), [h4] "+rm" (h4)
		    : [c] "rm" (c), [m0] "m" (le32(m)), [m1] "m" (le32(m + 4)),
		      [m2] "m" (le32(m + 8)), [m3] "m" (le32(m + 12))
		    : "cc");

		/* h *= r, a column at a time with its carry: a product
		   past 2^128 comes back times 5/4 (s); h4 (at most 6)
		   times s, plus the carry (under 2^31 each), fits 32 bits */
		d = (uint64_t)h0 * r0 + (uint64_t)h1 * s3
		    + (uint64_t)h2 * s2 + (uint64_t)h3 * s1;
		g0 = (uint32_t)d;
		d = (uint64_t)h0 * r1 + (uint64_t)h1 * r0
		    + (uint64_t)h2 * s3 + (uint64_t)h3 * s2
		    + (uint32_t)(h4 * s1 + (uint32_t)(d >> 32));
		g1 = (uint32_t)d;
		d = (uint64_t)h0 * r2 + (uint64_t)h1 * r1
		    + (uint64_t)h2 * r0 + (uint64_t)h3 * s3
		    + (uint32_t)(h4 * s2 + (uint32_t)(d >> 32));
		g2 = (uint32_t)d;
		d = (uint64_t)h0 * r3 + (uint64_t)h1 * r2
		    + (uint64_t)h2 * r1 + (uint64_t)h3 * r0
		    + (uint32_t)(h4 * s3 + (uint32_t)(d >> 32));
		g3 = (uint32_t)d;
		h4 = h4 * r0 + (uint32_t)(d >> 32);	/* < 2^31 + 2^30 */
		h0 = g0;
		h1 = g1;
		h2 = g2;
		h3 = g3;
	}
	st->h[0] = h0;
	st->h[1] = h1;
	st->h[2] = h2;
	st->h[3] = h3;
	st->h[4] = h4;
}

/*------------------------------------------------------------------------
 *  poly1305_update  -  Add len bytes to the MAC
 *------------------------------------------------------------------------
 */
void	poly1305_update(
	  struct poly1305 *st,		/* the MAC			*/
	  const uint8_t	*m,		/* the bytes			*/
	  uint32_t	len		/* how many			*/
	)
{
	while (len > 0) {
		if (st->used == 0 && len >= 16) {	/* whole blocks	*/
			poly1305_blocks(st, m, len / 16, 1);
			m += len & ~15U;
			len &= 15;
			continue;
		}
		st->buf[st->used++] = *m++;
		len--;
		if (st->used == 16) {
			poly1305_blocks(st, st->buf, 1, 1);
			st->used = 0;
		}
	}
}

/*------------------------------------------------------------------------
 *  poly1305_final  -  The 16-byte tag: h mod p, plus s, mod 2^128
 *------------------------------------------------------------------------
 */
void	poly1305_final(
	  struct poly1305 *st,		/* the MAC (spent afterwards)	*/
	  uint8_t	*tag		/* AEAD_TAGLEN bytes		*/
	)
{
	uint32_t *h = st->h;
	uint32_t g[4], keep;
	uint64_t f;
	int	i;

	if (st->used > 0) {		/* the last block: a 1 after it	*/
		st->buf[st->used++] = 1;
		while (st->used < 16) {
			st->buf[st->used++] = 0;
		}
		poly1305_blocks(st, st->buf, 1, 0);
	}

	/* h4's bits from 2^130 up come back times 5; then h < 2^130 +
	   2^33 < 2p, so h mod p is h or h - p.  g = h + 5: h >= p just
	   when g reaches 2^130, and then h - p and g agree in the 128
	   bits the tag keeps */
	f = (h[4] >> 2) + (h[4] & ~3U);
	for (i = 0; i < 4; i++) {
		f += h[i];
		h[i] = (uint32_t)f;
		f >>= 32;
	}
	h[4] = (h[4] & 3) + (uint32_t)f;
	f = 5;
	for (i = 0; i < 4; i++) {
		f += h[i];
		g[i] = (uint32_t)f;
		f >>= 32;
	}
	keep = -((h[4] + (uint32_t)f) >> 2);	/* ~0: h >= p, take g	*/
	f = 0;
	for (i = 0; i < 4; i++) {
		f = (uint64_t)((h[i] & ~keep) | (g[i] & keep)) + st->s[i]
		    + (f >> 32);
		put32(tag + 4 * i, (uint32_t)f);
	}
}

/*------------------------------------------------------------------------
 *  aead_tag  -  The AEAD's tag of aad and ciphertext ct (RFC 8439 2.8)
 *------------------------------------------------------------------------
 */
static	void	aead_tag(
	  const uint8_t	*key,		/* AEAD_KEYLEN bytes		*/
	  const uint8_t	*nonce,		/* AEAD_NONCELEN bytes		*/
	  const uint8_t	*aad,		/* data authenticated only	*/
	  uint32_t	aadlen,		/*   its length			*/
	  const uint8_t	*ct,		/* the ciphertext		*/
	  uint32_t	len,		/*   its length			*/
	  uint8_t	*tag		/* AEAD_TAGLEN bytes		*/
	)
{
	static	const uint8_t zero[16];
	struct	poly1305 st;
	uint8_t	block[CHACHA_BLOCK];
	uint8_t	lens[16];
	volatile uint8_t *wipe;
	int	i;

	chacha20_block(key, 0, nonce, block);
	poly1305_init(&st, block);	/* the one-time key: 32 bytes	*/
	poly1305_update(&st, aad, aadlen);
	poly1305_update(&st, zero, (16 - aadlen % 16) % 16);
	poly1305_update(&st, ct, len);
	poly1305_update(&st, zero, (16 - len % 16) % 16);
	put32(lens, aadlen);
	put32(lens + 4, 0);
	put32(lens + 8, len);
	put32(lens + 12, 0);
	poly1305_update(&st, lens, 16);
	poly1305_final(&st, tag);
	for (wipe = block, i = 0; i < CHACHA_BLOCK; i++) {
		wipe[i] = 0;		/* no one-time key left behind	*/
	}
	for (wipe = (volatile uint8_t *)&st, i = 0; i < (int)sizeof(st); i++) {
		wipe[i] = 0;
	}
}

/*------------------------------------------------------------------------
 *  aead_seal  -  Encipher len bytes and give their tag
 *------------------------------------------------------------------------
 */
void	aead_seal(
	  const uint8_t	*key,		/* AEAD_KEYLEN bytes		*/
	  const uint8_t	*nonce,		/* AEAD_NONCELEN bytes, never	*/
					/*   used twice under one key	*/
	  const uint8_t	*aad,		/* data authenticated only	*/
	  uint32_t	aadlen,		/*   its length			*/
	  const uint8_t	*in,		/* the plaintext		*/
	  uint8_t	*out,		/* the ciphertext (may be in)	*/
	  uint32_t	len,		/* bytes of each		*/
	  uint8_t	*tag		/* AEAD_TAGLEN bytes		*/
	)
{
	chacha20_xor(key, 1, nonce, in, out, len);
	aead_tag(key, nonce, aad, aadlen, out, len, tag);
}

/*------------------------------------------------------------------------
 *  aead_open  -  Check the tag of len enciphered bytes and, only when it
 *		  holds, decipher them: 0, or -1 with out untouched
 *------------------------------------------------------------------------
 */
int	aead_open(
	  const uint8_t	*key,		/* AEAD_KEYLEN bytes		*/
	  const uint8_t	*nonce,		/* AEAD_NONCELEN bytes		*/
	  const uint8_t	*aad,		/* data authenticated only	*/
	  uint32_t	aadlen,		/*   its length			*/
	  const uint8_t	*in,		/* the ciphertext		*/
	  uint8_t	*out,		/* the plaintext (may be in)	*/
	  uint32_t	len,		/* bytes of each		*/
	  const uint8_t	*tag		/* the tag it came with		*/
	)
{
	uint8_t	want[AEAD_TAGLEN];
	uint8_t	diff;
	int	i;

	aead_tag(key, nonce, aad, aadlen, in, len, want);
	for (diff = 0, i = 0; i < AEAD_TAGLEN; i++) {
		diff |= want[i] ^ tag[i];	/* time independent of where */
	}
	if (diff != 0) {
		return -1;
	}
	chacha20_xor(key, 1, nonce, in, out, len);
	return 0;
}
