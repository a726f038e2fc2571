/* aead.h - ChaCha20 and Poly1305 as RFC 8439 defines them, and their
 *	    AEAD construction (lib/aead.c) */

#ifndef _AEAD_H_
#define _AEAD_H_

#include <stdint.h>

#define	AEAD_KEYLEN	32		/* bytes of a key		*/
#define	AEAD_NONCELEN	12		/* bytes of a nonce		*/
#define	AEAD_TAGLEN	16		/* bytes of a tag		*/
#define	CHACHA_BLOCK	64		/* bytes of one keystream block	*/

/* Poly1305's running state: the accumulator and the key in 32-bit	*/
/* limbs, and a partial block						*/
struct	poly1305 {
	uint32_t h[5];			/* accumulator, mod 2^130 - 5	*/
					/*   (h[4]: its bits from 128)	*/
	uint32_t r[4];			/* the clamped r		*/
	uint32_t s[4];			/* the s added at the end	*/
	uint8_t	buf[16];		/* bytes of a block not yet in	*/
	uint32_t used;			/* how many of them		*/
};

extern	void	chacha20_block(const uint8_t *, uint32_t, const uint8_t *,
			       uint8_t *);
extern	void	chacha20_xor(const uint8_t *, uint32_t, const uint8_t *,
			     const uint8_t *, uint8_t *, uint32_t);
extern	void	poly1305_init(struct poly1305 *, const uint8_t *);
extern	void	poly1305_update(struct poly1305 *, const uint8_t *,
				uint32_t);
extern	void	poly1305_final(struct poly1305 *, uint8_t *);
extern	void	aead_seal(const uint8_t *, const uint8_t *, const uint8_t *,
			  uint32_t, const uint8_t *, uint8_t *, uint32_t,
			  uint8_t *);
extern	int	aead_open(const uint8_t *, const uint8_t *, const uint8_t *,
			  uint32_t, const uint8_t *, uint8_t *, uint32_t,
			  const uint8_t *);

#endif
