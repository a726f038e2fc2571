/* seal.c - seal_init, seal_page, open_page */

#include <xinu.h>
#include <aead.h>
#include <seal.h>

/*
 * Sealed swap (vm.swapcrypt=on): a page is enciphered and tagged with
 * ChaCha20-Poly1305 (lib/aead.c) on its way to a slot and opened on its
 * way back, so what leaves memory can be neither read nor changed
 * unnoticed.  The key is 256 bits made at boot (entropy), kept here and
 * never printed.  The nonce of a write is the slot's number (4 bytes)
 * and the slot's count of writes (8 bytes, from 1), so no nonce is ever
 * used twice under one key; the slot's number is also the AAD.  The
 * tag and the count stay here, beside the slot map, never on the swap
 * device; so a slot's bytes restored from an earlier write, or copied
 * from another slot, or changed in any bit, do not open.  Nothing of a
 * page's contents is kept in clear outside its frame.
 *
 * sealdev.c puts this between the fault path and the swap backend.
 */

struct	sealslot {
	uint64	writes;			/* pages sealed into the slot	*/
	byte	tag[AEAD_TAGLEN];	/* the last one's tag		*/
};

bool8	seal_on;
struct	sealstats sealstats;
local	byte	sealkey[AEAD_KEYLEN];
local	struct	sealslot sealtab[MAX_SWAP_SIZE + 1];	/* the reserve too */

/*------------------------------------------------------------------------
 *  seal_init  -  Seal pages from now on ('on') with a new key, or not
 *------------------------------------------------------------------------
 */
void	seal_init(
	  bool8		on		/* vm.swapcrypt			*/
	)
{
	seal_on = on;
	memset(&sealstats, 0, sizeof(sealstats));
	memset(sealtab, 0, sizeof(sealtab));
	if (on) {
		entropy(sealkey, sizeof(sealkey));
	}
}

/*------------------------------------------------------------------------
 *  nonce  -  The nonce and AAD of write 'writes' of slot 'slot'
 *------------------------------------------------------------------------
 */
local	void	nonce(uint32 slot, uint64 writes, byte *n, byte *aad)
{
	memcpy(n, &slot, sizeof(slot));		/* little-endian CPU	*/
	memcpy(n + sizeof(slot), &writes, sizeof(writes));
	memcpy(aad, &slot, sizeof(slot));
}

/*------------------------------------------------------------------------
 *  seal_page  -  Encipher the page at 'clear' for slot 'slot' into
 *		  'out' (another page) and keep its tag
 *------------------------------------------------------------------------
 */
void	seal_page(
	  uint32	slot,		/* where the page goes		*/
	  const char	*clear,		/* the page			*/
	  char		*out		/* PAGE_SIZE bytes		*/
	)
{
	struct	sealslot *sp = &sealtab[slot];
	byte	n[AEAD_NONCELEN], aad[sizeof(slot)];

	assert(slot <= MAX_SWAP_SIZE);
	nonce(slot, ++sp->writes, n, aad);
	aead_seal(sealkey, n, aad, sizeof(aad), (const byte *)clear,
		  (byte *)out, PAGE_SIZE, sp->tag);
	sealstats.sealed++;
}

/*------------------------------------------------------------------------
 *  open_page  -  Check the sealed page at 'in' against slot 'slot's tag
 *		  and, only when it holds, decipher it into 'clear';
 *		  SYSERR (clear untouched) when it does not
 *------------------------------------------------------------------------
 */
status	open_page(
	  uint32	slot,		/* where the page came from	*/
	  const char	*in,		/* its sealed bytes		*/
	  char		*clear		/* PAGE_SIZE bytes		*/
	)
{
	struct	sealslot *sp = &sealtab[slot];
	byte	n[AEAD_NONCELEN], aad[sizeof(slot)];

	assert(slot <= MAX_SWAP_SIZE);
	nonce(slot, sp->writes, n, aad);
	if (sp->writes == 0 || aead_open(sealkey, n, aad, sizeof(aad),
	    (const byte *)in, (byte *)clear, PAGE_SIZE, sp->tag) != 0) {
		sealstats.failed++;
		return SYSERR;
	}
	sealstats.opened++;
	return OK;
}
