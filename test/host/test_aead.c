/* test_aead.c - host tests of lib/aead.c (ChaCha20-Poly1305, RFC 8439) */

/*
 * With no argument: the RFC's test vectors (the ChaCha20 block of
 * 2.3.2, the Poly1305 MAC of 2.5.2, the AEAD of 2.8.2), a tag that does
 * not verify leaving the output untouched, and sealing in place.  With
 * --hex it reads lines "KEY NONCE AAD PLAINTEXT" (hex, "-" for empty)
 * and prints "CIPHERTEXT TAG" for each: test_aead.py compares those
 * with a library's output on random cases.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hunit.h"
#include "aead.h"

#define	MAXMSG	8192

/*------------------------------------------------------------------------
 *  unhex  -  Decode hex text into bytes; returns the count, or -1
 *------------------------------------------------------------------------
 */
static	int	unhex(const char *s, uint8_t *out, int most)
{
	int	n;
	unsigned int v;

	if (strcmp(s, "-") == 0) {
		return 0;
	}
	for (n = 0; s[0] != '\0' && s[1] != '\0'; s += 2, n++) {
		if (n >= most || sscanf(s, "%2x", &v) != 1) {
			return -1;
		}
		out[n] = (uint8_t)v;
	}
	return s[0] == '\0' ? n : -1;
}

static	void	puthex(const uint8_t *p, int n)
{
	int	i;

	if (n == 0) {
		putchar('-');
	}
	for (i = 0; i < n; i++) {
		printf("%02x", p[i]);
	}
}

/*------------------------------------------------------------------------
 *  hexmode  -  Seal every line of stdin and print the result
 *------------------------------------------------------------------------
 */
static	int	hexmode(void)
{
	static	char	line[4 * MAXMSG + 256];
	static	char	k[128], n[64], a[4 * MAXMSG], m[4 * MAXMSG];
	static	uint8_t	key[AEAD_KEYLEN], nonce[AEAD_NONCELEN];
	static	uint8_t	aad[MAXMSG], msg[MAXMSG], tag[AEAD_TAGLEN];
	int	alen, mlen;

	while (fgets(line, sizeof(line), stdin) != NULL) {
		if (sscanf(line, "%127s %63s %32767s %32767s", k, n, a, m) != 4
		    || unhex(k, key, AEAD_KEYLEN) != AEAD_KEYLEN
		    || unhex(n, nonce, AEAD_NONCELEN) != AEAD_NONCELEN
		    || (alen = unhex(a, aad, MAXMSG)) < 0
		    || (mlen = unhex(m, msg, MAXMSG)) < 0) {
			fprintf(stderr, "test_aead: bad line: %.60s\n", line);
			return 2;
		}
		aead_seal(key, nonce, aad, alen, msg, msg, mlen, tag);
		puthex(msg, mlen);
		putchar(' ');
		puthex(tag, AEAD_TAGLEN);
		putchar('\n');
	}
	return 0;
}

/* RFC 8439 2.8.2's plaintext						*/
static	const char sunscreen[] = "Ladies and Gentlemen of the class of '99: "
	"If I could offer you only one tip for the future, sunscreen would "
	"be it.";

static	void	counting(uint8_t *p, int n, int from)
{
	int	i;

	for (i = 0; i < n; i++) {
		p[i] = (uint8_t)(from + i);
	}
}

static	int	same(const uint8_t *p, const char *hex)
{
	uint8_t	want[128];
	int	n;

	n = unhex(hex, want, sizeof(want));
	return n > 0 && memcmp(p, want, n) == 0;
}

static	void	t_chacha_block(void)
{
	uint8_t	key[32], nonce[12] = {0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0};
	uint8_t	out[64];

	counting(key, 32, 0);
	chacha20_block(key, 1, nonce, out);
	TCHECK(same(out, "10f1e7e4d13b5915500fdd1fa32071c4"
		    "c7d1f4c733c068030422aa9ac3d46c4e"
		    "d2826446079faa0914c2d705d98b02a2"
		    "b5129cd1de164eb9cbd083e8a2503c4e"));
}

static	void	t_poly1305(void)
{
	static	const char msg[] = "Cryptographic Forum Research Group";
	uint8_t	key[32], tag[16];
	struct	poly1305 st;
	int	i;

	unhex("85d6be7857556d337f4452fe42d506a8"
	      "0103808afb0db2fd4abff6af4149f51b", key, 32);
	poly1305_init(&st, key);
	poly1305_update(&st, (const uint8_t *)msg, strlen(msg));
	poly1305_final(&st, tag);
	TCHECK(same(tag, "a8061dc1305136c6c22b8baf0c0127a9"));
	poly1305_init(&st, key);	/* the same, a byte at a time	*/
	for (i = 0; msg[i] != '\0'; i++) {
		poly1305_update(&st, (const uint8_t *)msg + i, 1);
	}
	poly1305_final(&st, tag);
	TCHECK(same(tag, "a8061dc1305136c6c22b8baf0c0127a9"));
}

static	uint8_t	key[32], nonce[12], aad[12];

static	void	rfc_aead_inputs(void)
{
	counting(key, 32, 0x80);
	unhex("070000004041424344454647", nonce, 12);
	unhex("50515253c0c1c2c3c4c5c6c7", aad, 12);
}

static	void	t_aead_rfc(void)
{
	uint8_t	ct[sizeof(sunscreen)], back[sizeof(sunscreen)], tag[16];
	int	n = sizeof(sunscreen) - 1;

	rfc_aead_inputs();
	aead_seal(key, nonce, aad, 12, (const uint8_t *)sunscreen, ct, n, tag);
	TCHECK(same(ct, "d31a8d34648e60db7b86afbc53ef7ec2"
		    "a4aded51296e08fea9e2b5a736ee62d6"));
	TCHECK(n == 114 && same(ct + 112, "6116"));
	TCHECK(same(tag, "1ae10b594f09e26a7e902ecbd0600691"));
	TCHECK(aead_open(key, nonce, aad, 12, ct, back, n, tag) == 0);
	TCHECK(memcmp(back, sunscreen, n) == 0);
}

static	void	t_aead_refuses_every_change(void)
{
	uint8_t	ct[sizeof(sunscreen)], out[sizeof(sunscreen)], tag[16];
	int	n = sizeof(sunscreen) - 1, i, bad = 0;

	rfc_aead_inputs();
	aead_seal(key, nonce, aad, 12, (const uint8_t *)sunscreen, ct, n, tag);
	for (i = 0; i < 8 * n; i++) {	/* every bit of the ciphertext	*/
		ct[i / 8] ^= 1 << (i % 8);
		memset(out, 0x5a, sizeof(out));
		if (aead_open(key, nonce, aad, 12, ct, out, n, tag) != -1
		    || out[0] != 0x5a || out[n - 1] != 0x5a) {
			bad++;
		}
		ct[i / 8] ^= 1 << (i % 8);
	}
	TCHECKF(bad == 0, "%d one-bit changes of the ciphertext opened", bad);
	tag[15] ^= 0x80;
	TCHECK(aead_open(key, nonce, aad, 12, ct, out, n, tag) == -1);
	tag[15] ^= 0x80;
	aad[0] ^= 1;
	TCHECK(aead_open(key, nonce, aad, 12, ct, out, n, tag) == -1);
	aad[0] ^= 1;
	nonce[0] ^= 1;
	TCHECK(aead_open(key, nonce, aad, 12, ct, out, n, tag) == -1);
	nonce[0] ^= 1;
	TCHECK(aead_open(key, nonce, aad, 11, ct, out, n, tag) == -1);
	TCHECK(aead_open(key, nonce, aad, 12, ct, out, n - 1, tag) == -1);
	TCHECK(aead_open(key, nonce, aad, 12, ct, out, n, tag) == 0);
}

static	void	t_aead_in_place_page(void)
{
	static	uint8_t	page[4096], copy[4096];
	uint8_t	tag[16];
	int	i;

	rfc_aead_inputs();
	for (i = 0; i < 4096; i++) {
		page[i] = copy[i] = (uint8_t)(i * 7 + 3);
	}
	aead_seal(key, nonce, NULL, 0, page, page, 4096, tag);
	TCHECK(memcmp(page, copy, 4096) != 0);
	TCHECK(aead_open(key, nonce, NULL, 0, page, page, 4096, tag) == 0);
	TCHECK(memcmp(page, copy, 4096) == 0);
}

int	main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--hex") == 0) {
		return hexmode();
	}
	tcase("chacha20_block_rfc8439_2_3_2", t_chacha_block);
	tcase("poly1305_rfc8439_2_5_2", t_poly1305);
	tcase("aead_rfc8439_2_8_2", t_aead_rfc);
	tcase("aead_refuses_every_change", t_aead_refuses_every_change);
	tcase("aead_in_place_page", t_aead_in_place_page);
	return tdone();
}
