/* bootinfo.c - bootinfo_save, ramtop, ramsize, bootarg, bootarg_uint */

#include <xinu.h>

/*
 * The boot loader's Multiboot information lives in memory the kernel
 * will reuse, so the parts we need (command line, memory map) are copied
 * here first thing.  The command line is a list of words; key=value
 * words in the kernel's namespaces configure the kernel (test=NAME,
 * vm.policy=clock, ...; see system/cmdline.c), the others are the
 * program's (bootarg).
 */

#define	MAXMMAP		32

char	bootline[CMDLINE_LEN];		/* the kernel command line	*/
uint32	bootline_len;			/* its length before any cut	*/

local	struct	{
	uint64	addr;
	uint64	len;
} ram[MAXMMAP];				/* usable RAM ranges		*/
local	int32	nram;

/*------------------------------------------------------------------------
 *  bootinfo_save  -  Copy the command line and memory map we need
 *------------------------------------------------------------------------
 */
void	bootinfo_save(uint32 magic, struct mb_info *mbi)
{
	struct	mb_mmap	*mm;
	uint32	p;

	if (magic != MB_BOOT_MAGIC) {
		panic("not started by a Multiboot loader");
	}
	if (mbi->flags & MBI_CMDLINE) {
		bootline_len = strlen((char *)mbi->cmdline);
		strncpy(bootline, (char *)mbi->cmdline, CMDLINE_LEN - 1);
	}
	if (mbi->flags & MBI_MMAP) {
		for (p = mbi->mmap_addr; p < mbi->mmap_addr + mbi->mmap_length
		     && nram < MAXMMAP; p += mm->size + sizeof(mm->size)) {
			mm = (struct mb_mmap *)p;
			if (mm->type == MB_MEM_AVAILABLE) {
				ram[nram].addr = mm->addr;
				ram[nram++].len = mm->len;
			}
		}
	} else if (mbi->flags & MBI_MEM) {
		ram[0].addr = 0x100000;
		ram[0].len = (uint64)mbi->mem_upper * 1024;
		nram = 1;
	}
}

/*------------------------------------------------------------------------
 *  ramtop  -  End of the usable RAM that runs without a hole from 1 MiB,
 *	       but not beyond 'limit'
 *------------------------------------------------------------------------
 */
uint32	ramtop(uint32 limit)
{
	uint64	top = 0x100000;
	int32	i;
	bool8	grew = TRUE;

	while (grew && top < limit) {
		grew = FALSE;
		for (i = 0; i < nram; i++) {
			if (ram[i].addr <= top && ram[i].addr + ram[i].len > top) {
				top = ram[i].addr + ram[i].len;
				grew = TRUE;
			}
		}
	}
	return top < limit ? (uint32)top : limit;
}

/*------------------------------------------------------------------------
 *  ramsize  -  Total usable RAM in KiB
 *------------------------------------------------------------------------
 */
uint32	ramsize(void)
{
	uint64	kib = 0;
	int32	i;

	for (i = 0; i < nram; i++) {
		kib += ram[i].len / 1024;
	}
	return (uint32)kib;
}

/*------------------------------------------------------------------------
 *  bootarg  -  Value of 'key=value' on the command line, or NULL
 *------------------------------------------------------------------------
 */
char	*bootarg(const char *key, char *buf, uint32 size)
{
	char	*p = bootline;
	uint32	klen = strlen(key), n;

	while (*p != NULLCH) {
		while (*p == ' ') {
			p++;
		}
		if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
			p += klen + 1;
			for (n = 0; n + 1 < size && p[n] != ' ' && p[n] != NULLCH;
			     n++) {
				buf[n] = p[n];
			}
			buf[n] = NULLCH;
			return buf;
		}
		while (*p != ' ' && *p != NULLCH) {
			p++;
		}
	}
	return NULL;
}

/*------------------------------------------------------------------------
 *  bootarg_uint  -  Numeric value of 'key=N', or 'dflt' when absent or
 *		     not a number
 *------------------------------------------------------------------------
 */
uint32	bootarg_uint(const char *key, uint32 dflt)
{
	char	buf[16], *endp;
	uint32	v;

	if (bootarg(key, buf, sizeof(buf)) == NULL) {
		return dflt;
	}
	v = strtoul(buf, &endp, 0);
	return (endp == buf || *endp != NULLCH) ? dflt : v;
}
