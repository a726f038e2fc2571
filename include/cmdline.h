/* cmdline.h - the kernel's command-line keys and the values they set */

/*
 * The command line is a list of words.  Words whose key (the part
 * before '=') lies in one of the kernel's namespaces are the kernel's:
 * "test", "vm.", "net" and "net." (a namespace is the text up to the
 * first '.' of a key in the table of system/cmdline.c, or the whole key
 * when it has no '.'; a key added there in a new namespace, "net.mtu"
 * say, makes every "net." word the kernel's).  cmdline_check reads them
 * once at boot into bootcfg and refuses the boot, one console line per
 * problem, for an unknown key, a missing or bad value, a value out of
 * range, a key given twice, or a line longer than CMDLINE_LEN - 1.
 * Every other word is the program's, read with bootarg/bootarg_uint.
 * Multiboot loaders (QEMU's -kernel, GRUB) put the image's file name
 * first; it is no key, so it is the program's too, though the banner's
 * list of program words leaves it out.
 */

#ifndef _CMDLINE_H_
#define _CMDLINE_H_

#define	CMDLINE_LEN	1024		/* bootline, with its NUL	*/
#define	CMD_POLICYLEN	16		/* longest policy name + NUL	*/
#define	CMD_NETLEN	4		/* "off" + NUL			*/
#define	CMD_SWAPDEVLEN	8		/* "disk" + NUL, and room	*/

/* What the kernel's keys set; the defaults stand when a key is absent */
struct	bootcfg	{
	int32	ffs;			/* vm.ffs: FFS frames used	*/
	int32	swap;			/* vm.swap: swap slots used	*/
	int32	rmap;			/* vm.rmap: rmap entries used	*/
	int32	seed;			/* vm.seed: random policy seed	*/
	int32	debug;			/* vm.debug: debug_swapping	*/
	char	policy[CMD_POLICYLEN];	/* vm.policy, "" = the default	*/
	char	test[TESTNAMELEN];	/* test, "" = run main		*/
	char	net[CMD_NETLEN];	/* net=on|off, "" = on		*/
	uint32	netip;			/* net.ip address, 0 = DHCP	*/
	int32	netlen;			/* net.ip prefix length		*/
	uint32	netgw;			/* net.gw router, 0 = none	*/
	char	swapdev[CMD_SWAPDEVLEN];	/* vm.swapdev, "" = ram	*/
	char	swapper[CMD_NETLEN];	/* vm.swapper=on|off, "" = off	*/
	char	swapcrypt[CMD_NETLEN];	/* vm.swapcrypt=on|off, "": on	*/
					/*   with disk swap, off in RAM	*/
	int32	lowater;		/* vm.lowater, -1 = 1 % of FFS	*/
	int32	hiwater;		/* vm.hiwater, -1 = 3 % of FFS	*/
};

extern	struct	bootcfg	bootcfg;
extern	int32	cmdline_check(const char *, uint32);
extern	bool8	cmdline_ours(const char *);
extern	void	cmdline_refuse(void);

#endif
