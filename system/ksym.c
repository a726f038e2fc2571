/* ksym.c - ksymlookup */

#include <xinu.h>

/*
 * The kernel's symbol table: the functions of .text sorted by address,
 * generated at link time by compile/bin/ksyms (see compile/Makefile).
 */
struct	ksym	{
	uint32	addr;			/* where the function starts	*/
	const	char	*name;		/* its name			*/
};

extern	const	struct	ksym	ksymtab[];
extern	const	uint32	nksyms;

/*------------------------------------------------------------------------
 *  ksymlookup  -  Name of the function holding code address 'addr'
 *		   (and the offset of addr in it), or NULL outside .text
 *------------------------------------------------------------------------
 */
const	char	*ksymlookup(
	  uint32	addr,		/* a code address		*/
	  uint32	*offset		/* gets addr - function start	*/
	)
{
	uint32	lo = 0, hi = nksyms, mid;

	if (addr < (uint32)text || addr >= (uint32)etext || nksyms == 0 ||
	    addr < ksymtab[0].addr) {
		return NULL;
	}
	while (hi - lo > 1) {		/* ksymtab[lo].addr <= addr	*/
		mid = (lo + hi) / 2;
		if (ksymtab[mid].addr <= addr) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	*offset = addr - ksymtab[lo].addr;
	return ksymtab[lo].name;
}
