/* pagecopy.c - page_zero, page_copy */

#include <xinu.h>
#include <vm.h>

/*
 * Zeroing and copying whole pages: the work of a fault that the fault
 * cannot avoid, and the floor make bench measures it against (bench.c
 * calls these same two functions).  lib's memset and memcpy go a byte
 * at a time; under QEMU's TCG a loop of 32-bit moves, eight to a turn,
 * is faster even than rep stosl/rep movsl, which TCG runs one element
 * per pass of a translated loop (make bench, on QEMU 7.2: zeroing a
 * page 128k cycles by memset, 25k by rep stosl, 15k so).  The pointers
 * are volatile so that the compiler cannot turn a loop back into a call
 * of lib's memset or memcpy.
 */

#define	WORDS	(PAGE_SIZE / sizeof(uint32))

/*------------------------------------------------------------------------
 *  page_zero  -  Zero the page at 'dst' (page-aligned, mapped)
 *------------------------------------------------------------------------
 */
void	page_zero(void *dst)
{
	volatile uint32	*d = dst;
	uint32	i;

	for (i = 0; i < WORDS; i += 8) {
		d[i] = 0; d[i+1] = 0; d[i+2] = 0; d[i+3] = 0;
		d[i+4] = 0; d[i+5] = 0; d[i+6] = 0; d[i+7] = 0;
	}
}

/*------------------------------------------------------------------------
 *  page_copy  -  Copy the page at 'src' to the page at 'dst'
 *------------------------------------------------------------------------
 */
void	page_copy(void *dst, const void *src)
{
	volatile uint32	*d = dst;
	const volatile uint32 *s = src;
	uint32	i;

	for (i = 0; i < WORDS; i += 8) {
		d[i] = s[i]; d[i+1] = s[i+1]; d[i+2] = s[i+2];
		d[i+3] = s[i+3]; d[i+4] = s[i+4]; d[i+5] = s[i+5];
		d[i+6] = s[i+6]; d[i+7] = s[i+7];
	}
}
