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
 * two lengths as 64-bit little-endian numbers.  Poly1305 keeps its
 * numbers in five 26-bit limbs, so every product fits in 64 bits on a
 * 32-bit CPU.  Swap sealing (swap/) is the kernel's user; the host tests
 * check it against the RFC's vectors and a library's output.
 */

#define	LIMB	0x3ffffff		/* one 26-bit limb		*/

/*------------------------------------------------------------------------
 *  le32  -  The 32-bit little-endian number at p
 *------------------------------------------------------------------------
 */
static	uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
	       | (uint32_t)p[3] << 24;
}

/*------------------------------------------------------------------------
 *  put32  -  Store v at p, little-endian
 *------------------------------------------------------------------------
 */
static	void	put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

#define	ROTL(v, n)	((v) << (n) | (v) >> (32 - (n)))
#define	QROUND(x, a, b, c, d)	do {				\
	x[a] += x[b]; x[d] ^= x[a]; x[d] = ROTL(x[d], 16);	\
	x[c] += x[d]; x[b] ^= x[c]; x[b] = ROTL(x[b], 12);	\
	x[a] += x[b]; x[d] ^= x[a]; x[d] = ROTL(x[d], 8);	\
	x[c] += x[d]; x[b] ^= x[c]; x[b] = ROTL(x[b], 7);	\
} while (0)

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
	uint32_t in[16], x[16];
	int	i;

	in[0] = 0x61707865;		/* "expand 32-byte k"		*/
	in[1] = 0x3320646e;
	in[2] = 0x79622d32;
	in[3] = 0x6b206574;
	for (i = 0; i < 8; i++) {
		in[4 + i] = le32(key + 4 * i);
	}
	in[12] = counter;
	for (i = 0; i < 3; i++) {
		in[13 + i] = le32(nonce + 4 * i);
	}
	for (i = 0; i < 16; i++) {
		x[i] = in[i];
	}
	for (i = 0; i < 10; i++) {	/* a column and a diagonal round */
		QROUND(x, 0, 4, 8, 12);
		QROUND(x, 1, 5, 9, 13);
		QROUND(x, 2, 6, 10, 14);
		QROUND(x, 3, 7, 11, 15);
		QROUND(x, 0, 5, 10, 15);
		QROUND(x, 1, 6, 11, 12);
		QROUND(x, 2, 7, 8, 13);
		QROUND(x, 3, 4, 9, 14);
	}
	for (i = 0; i < 16; i++) {
		put32(out + 4 * i, x[i] + in[i]);
	}
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
	uint8_t	ks[CHACHA_BLOCK];
	uint32_t i, n;

	while (len > 0) {
		chacha20_block(key, counter++, nonce, ks);
		n = len < CHACHA_BLOCK ? len : CHACHA_BLOCK;
		if (n == CHACHA_BLOCK) {	/* a whole block: by words */
			for (i = 0; i < CHACHA_BLOCK; i += 4) {
				put32(out + i, le32(in + i) ^ le32(ks + i));
			}
		} else {
			for (i = 0; i < n; i++) {
				out[i] = in[i] ^ ks[i];
			}
		}
		in += n;
		out += n;
		len -= n;
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
	uint32_t t0, t1, t2, t3;
	int	i;

	t0 = le32(key) & 0x0fffffff;	/* the RFC's clamp of r		*/
	t1 = le32(key + 4) & 0x0ffffffc;
	t2 = le32(key + 8) & 0x0ffffffc;
	t3 = le32(key + 12) & 0x0ffffffc;
	st->r[0] = t0 & LIMB;
	st->r[1] = (t0 >> 26 | t1 << 6) & LIMB;
	st->r[2] = (t1 >> 20 | t2 << 12) & LIMB;
	st->r[3] = (t2 >> 14 | t3 << 18) & LIMB;
	st->r[4] = t3 >> 8;
	for (i = 0; i < 4; i++) {
		st->s[i] = le32(key + 16 + 4 * i);
	}
	for (i = 0; i < 5; i++) {
		st->h[i] = 0;
	}
	st->used = 0;
}

/*------------------------------------------------------------------------
 *  poly1305_block  -  h = (h + block + hibit * 2^128) * r mod 2^130 - 5
 *------------------------------------------------------------------------
 */
static	void	poly1305_block(
	  struct poly1305 *st,		/* the MAC			*/
	  const uint8_t	*m,		/* 16 bytes			*/
	  uint32_t	hibit		/* 1 << 24: a whole block	*/
	)
{
	uint32_t *h = st->h, *r = st->r;
	uint32_t t0, t1, t2, t3, s1, s2, s3, s4;
	uint64_t d0, d1, d2, d3, d4;

	t0 = le32(m);
	t1 = le32(m + 4);
	t2 = le32(m + 8);
	t3 = le32(m + 12);
	h[0] += t0 & LIMB;
	h[1] += (t0 >> 26 | t1 << 6) & LIMB;
	h[2] += (t1 >> 20 | t2 << 12) & LIMB;
	h[3] += (t2 >> 14 | t3 << 18) & LIMB;
	h[4] += t3 >> 8 | hibit;

	/* 2^130 = 5 mod p: a limb product past 2^130 comes back times 5 */
	s1 = r[1] * 5;
	s2 = r[2] * 5;
	s3 = r[3] * 5;
	s4 = r[4] * 5;
	d0 = (uint64_t)h[0] * r[0] + (uint64_t)h[1] * s4
	     + (uint64_t)h[2] * s3 + (uint64_t)h[3] * s2
	     + (uint64_t)h[4] * s1;
	d1 = (uint64_t)h[0] * r[1] + (uint64_t)h[1] * r[0]
	     + (uint64_t)h[2] * s4 + (uint64_t)h[3] * s3
	     + (uint64_t)h[4] * s2;
	d2 = (uint64_t)h[0] * r[2] + (uint64_t)h[1] * r[1]
	     + (uint64_t)h[2] * r[0] + (uint64_t)h[3] * s4
	     + (uint64_t)h[4] * s3;
	d3 = (uint64_t)h[0] * r[3] + (uint64_t)h[1] * r[2]
	     + (uint64_t)h[2] * r[1] + (uint64_t)h[3] * r[0]
	     + (uint64_t)h[4] * s4;
	d4 = (uint64_t)h[0] * r[4] + (uint64_t)h[1] * r[3]
	     + (uint64_t)h[2] * r[2] + (uint64_t)h[3] * r[1]
	     + (uint64_t)h[4] * r[0];

	d1 += d0 >> 26;
	h[0] = (uint32_t)d0 & LIMB;
	d2 += d1 >> 26;
	h[1] = (uint32_t)d1 & LIMB;
	d3 += d2 >> 26;
	h[2] = (uint32_t)d2 & LIMB;
	d4 += d3 >> 26;
	h[3] = (uint32_t)d3 & LIMB;
	h[4] = (uint32_t)d4 & LIMB;
	h[0] += (uint32_t)(d4 >> 26) * 5;
	h[1] += h[0] >> 26;
	h[0] &= LIMB;
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
		if (st->used == 0 && len >= 16) {
			poly1305_block(st, m, 1 << 24);
			m += 16;
			len -= 16;
			continue;
		}
		st->buf[st->used++] = *m++;
		len--;
		if (st->used == 16) {
			poly1305_block(st, st->buf, 1 << 24);
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
	uint32_t g[5], c, keep, w[4];
	uint64_t f;
	int	i;

	if (st->used > 0) {		/* the last block: a 1 after it	*/
		st->buf[st->used++] = 1;
		while (st->used < 16) {
			st->buf[st->used++] = 0;
		}
		poly1305_block(st, st->buf, 0);
	}
	for (i = 1; i < 5; i++) {	/* carry through every limb	*/
		h[i] += h[i - 1] >> 26;
		h[i - 1] &= LIMB;
	}
	h[0] += (h[4] >> 26) * 5;
	h[4] &= LIMB;
	h[1] += h[0] >> 26;
	h[0] &= LIMB;

	/* g = h - p = h + 5 - 2^130; keep g when it did not go below 0	*/
	c = 5;
	for (i = 0; i < 5; i++) {
		g[i] = h[i] + c;
		c = g[i] >> 26;
		g[i] &= LIMB;
	}
	keep = (c ^ 1) - 1;		/* ~0: h >= p, take g		*/
	for (i = 0; i < 5; i++) {
		h[i] = (h[i] & ~keep) | (g[i] & keep);
	}

	/* h mod 2^128 in 32-bit words, by addition: a limb may still be
	   2^26 (one carry left), which an OR of shifted limbs would lose */
	f = h[0] + ((uint64_t)h[1] << 26);
	w[0] = (uint32_t)f;
	f = (f >> 32) + ((uint64_t)h[2] << 20);
	w[1] = (uint32_t)f;
	f = (f >> 32) + ((uint64_t)h[3] << 14);
	w[2] = (uint32_t)f;
	f = (f >> 32) + ((uint64_t)h[4] << 8);
	w[3] = (uint32_t)f;
	f = 0;
	for (i = 0; i < 4; i++) {
		f = (uint64_t)w[i] + st->s[i] + (f >> 32);
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
