/* entropy.c - tests of the random bytes keys are made from */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  bitsset  -  How many of the bits of n bytes at p are 1
 *------------------------------------------------------------------------
 */
local	int32	bitsset(const byte *p, int32 n)
{
	int32	i, bits = 0;

	for (i = 0; i < 8 * n; i++) {
		bits += (p[i / 8] >> (i % 8)) & 1;
	}
	return bits;
}

/*------------------------------------------------------------------------
 *  draws  -  Two draws differ, and 2048 drawn bits are about half ones
 *	      (the bounds are 14 standard deviations out: a good source
 *	      never fails them)
 *------------------------------------------------------------------------
 */
local	process	draws(void)
{
	byte	a[256], b[256];
	int32	bits;

	kprintf("entropy source: %s\n", entropy_source());
	entropy(a, sizeof(a));
	entropy(b, sizeof(b));
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	bits = bitsset(a, sizeof(a));
	CHECK(bits > 1024 - 320 && bits < 1024 + 320);
	entropy(a, 3);			/* a length that is not whole words */
	CHECK(memcmp(a + 3, b + 3, sizeof(a) - 3) != 0);
	return OK;
}

/* QEMU's default CPU has no RDRAND: the timer samples */
TEST(entropy_bytes)
{
	CHECK(strcmp(entropy_source(), "tsc") == 0);
	return draws();
}

/* -cpu max: the CPU's generator */
TEST_BOOT(entropy_bytes_cpu, "+cpumax")
{
	CHECK(strcmp(entropy_source(), "tsc") != 0);
	return draws();
}
