/* test_cmdline.c - host unit tests of the command-line check:
 *		    system/cmdline.c and lib/strtol.c, compiled unchanged */

#include <xinu.h>
#include <stdarg.h>
#include "hunit.h"

/*
 * kprintf is captured into 'out', so each case checks the exact lines
 * the kernel would print at boot, and bootcfg for what it stored; where
 * an event quote starts (kevquote) is noted, so a case can check the
 * event lines a batch runner would read.  The
 * two policy names and two backend names stand in for swap/'s tables.  The line passed starts with
 * an image name, as Multiboot loaders pass it.
 */

local	const	char	*policies[] = { "clock", "random", NULL };
local	const	char	*backends[] = { "ram", "disk", NULL };

local	char	out[4096];		/* what kprintf printed		*/
local	uint32	outlen;
local	uint32	quotes[16];		/* where in 'out' each one starts */
local	int32	nquotes;
local	struct	bootcfg	defaults;	/* system/cmdline.c's, at start	*/

/*------------------------------------------------------------------------
 *  vm_policyname  -  Name of policy 'i', as swap/policy.c gives it
 *------------------------------------------------------------------------
 */
const	char	*vm_policyname(int32 i)
{
	return policies[i];
}

/*------------------------------------------------------------------------
 *  swapdev_name  -  Name of backend 'i', as swap/swapstart.c gives it
 *------------------------------------------------------------------------
 */
const	char	*swapdev_name(int32 i)
{
	return backends[i];
}

/*------------------------------------------------------------------------
 *  kprintf  -  Append to 'out' instead of printing
 *------------------------------------------------------------------------
 */
int32	kprintf(const char *fmt, ...)
{
	va_list	ap;
	int32	n;

	va_start(ap, fmt);
	n = vsnprintf(out + outlen, sizeof(out) - outlen, fmt, ap);
	va_end(ap);
	outlen += n;
	return n;
}

/*------------------------------------------------------------------------
 *  kevquote  -  Note that the rest of the current line is an event
 *------------------------------------------------------------------------
 */
void	kevquote(const char *kind)
{
	if (strcmp(kind, "cmdline") == 0 && nquotes < 16) {
		quotes[nquotes++] = outlen;
	}
}

/*------------------------------------------------------------------------
 *  events  -  The event lines the quotes make, "cmdline <why>\n" each
 *------------------------------------------------------------------------
 */
local	char	*events(char *buf, uint32 size)
{
	uint32	len = 0, n;
	int32	i;

	buf[0] = NULLCH;
	for (i = 0; i < nquotes; i++) {
		n = strchr(out + quotes[i], '\n') - (out + quotes[i]) + 1;
		len += snprintf(buf + len, size - len, "cmdline %.*s", (int)n,
				out + quotes[i]);
	}
	return buf;
}

/*------------------------------------------------------------------------
 *  check  -  Check command line 'line' from fresh defaults; returns the
 *	      number of problems it found (the lines are in 'out')
 *------------------------------------------------------------------------
 */
local	int32	check(const char *line)
{
	bootcfg = defaults;
	outlen = 0;
	nquotes = 0;
	out[0] = NULLCH;
	return cmdline_check(line, strlen(line));
}

/*------------------------------------------------------------------------
 *  refused  -  Whether 'line' is refused with exactly the lines 'want'
 *------------------------------------------------------------------------
 */
local	bool8	refused(const char *line, int32 nbad, const char *want)
{
	return check(line) == nbad && strcmp(out, want) == 0;
}

/*------------------------------------------------------------------------
 *  main  -  Run the cases
 *------------------------------------------------------------------------
 */
int32	main(void)
{
	char	longline[CMDLINE_LEN + 8], evs[512];
	int32	i;

	defaults = bootcfg;

	tbegin("cmdline_accepts_every_key");
	TCHECK(check("/xinu.elf vm.ffs=32 vm.swap=0 vm.policy=random "
		     "vm.seed=7 vm.debug=50 test=sem_basic") == 0);
	TCHECK(out[0] == NULLCH);
	TCHECK(bootcfg.ffs == 32 && bootcfg.swap == 0 && bootcfg.seed == 7);
	TCHECK(bootcfg.debug == 50);
	TCHECK(strcmp(bootcfg.policy, "random") == 0);
	TCHECK(strcmp(bootcfg.test, "sem_basic") == 0);
	TCHECK(check("xinu.elf vm.ffs=16384 vm.swap=32768") == 0);
	TCHECK(bootcfg.ffs == MAX_FFS_SIZE && bootcfg.swap == MAX_SWAP_SIZE);
	TCHECK(check("xinu.elf vm.rmap=0") == 0 && bootcfg.rmap == 0);
	TCHECK(check("xinu.elf vm.rmap=49152") == 0 &&
	       bootcfg.rmap == RMAP_EXTRA);
	tend();

	tbegin("cmdline_defaults_when_absent");
	TCHECK(check("xinu.elf") == 0 && check("") == 0);
	TCHECK(bootcfg.ffs == MAX_FFS_SIZE && bootcfg.swap == MAX_SWAP_SIZE);
	TCHECK(bootcfg.seed == 1 && bootcfg.debug == 0);
	TCHECK(bootcfg.policy[0] == NULLCH && bootcfg.test[0] == NULLCH);
	tend();

	tbegin("cmdline_program_words_are_left_alone");
	TCHECK(check("xinu.elf n=5 vmx=1 vm=2 testing=3 tests test.x=1 "
		     "=4 foo  vm.ffs=8") == 0);
	TCHECK(out[0] == NULLCH && bootcfg.ffs == 8);
	TCHECK(cmdline_ours("vm.anything") && cmdline_ours("test"));
	TCHECK(!cmdline_ours("vm") && !cmdline_ours("testx"));
	TCHECK(!cmdline_ours("n") && !cmdline_ours(""));
	tend();

	tbegin("cmdline_swap_keys");
	TCHECK(check("xinu.elf vm.swapdev=disk vm.swapper=on vm.lowater=4 "
		     "vm.hiwater=9 vm.swapcrypt=off") == 0 && out[0] == NULLCH);
	TCHECK(strcmp(bootcfg.swapdev, "disk") == 0);
	TCHECK(strcmp(bootcfg.swapper, "on") == 0);
	TCHECK(strcmp(bootcfg.swapcrypt, "off") == 0);
	TCHECK(bootcfg.lowater == 4 && bootcfg.hiwater == 9);
	TCHECK(check("xinu.elf") == 0 && bootcfg.swapdev[0] == NULLCH &&
	       bootcfg.lowater == -1 && bootcfg.hiwater == -1 &&
	       bootcfg.swapcrypt[0] == NULLCH);
	TCHECK(refused("xinu.elf vm.swapcrypt=yes", 1,
		       "cmdline: vm.swapcrypt=yes is not one of: on off\n"));
	TCHECK(refused("xinu.elf vm.swapdev=tape", 1,
		       "cmdline: vm.swapdev=tape is not one of: ram disk\n"));
	TCHECK(refused("xinu.elf vm.swapper=yes", 1,
		       "cmdline: vm.swapper=yes is not one of: on off\n"));
	TCHECK(refused("xinu.elf vm.hiwater=0", 1,
		       "cmdline: vm.hiwater=0 is below 1\n"));
	tend();

	tbegin("cmdline_unknown_key");
	TCHECK(refused("xinu.elf vm.polcy=random", 1,
		       "cmdline: unknown key 'vm.polcy'\n"));
	TCHECK(refused("xinu.elf vm.=1 vm.ffs=4", 1,
		       "cmdline: unknown key 'vm.'\n"));
	tend();

	tbegin("cmdline_bad_name");
	TCHECK(refused("xinu.elf vm.policy=lru", 1,
		       "cmdline: vm.policy=lru is not one of: clock random\n"));
	TCHECK(bootcfg.policy[0] == NULLCH);
	TCHECK(refused("xinu.elf test=a_name_of_more_than_fortyseven_"
		       "characters_is_refused", 1, "cmdline: test=a_name_of_"
		       "more_than_fortyseven_characters_is_refused is longer "
		       "than 47 characters\n"));
	tend();

	tbegin("cmdline_bad_number");
	TCHECK(refused("xinu.elf vm.ffs=abc", 1,
		       "cmdline: vm.ffs=abc is not a number\n"));
	TCHECK(refused("xinu.elf vm.ffs=", 1,
		       "cmdline: vm.ffs= is not a number\n"));
	TCHECK(refused("xinu.elf vm.ffs=12k", 1,
		       "cmdline: vm.ffs=12k is not a number\n"));
	TCHECK(bootcfg.ffs == MAX_FFS_SIZE);
	tend();

	tbegin("cmdline_out_of_range");
	TCHECK(refused("xinu.elf vm.ffs=0", 1,
		       "cmdline: vm.ffs=0 is below 1\n"));
	TCHECK(refused("xinu.elf vm.ffs=999999", 1,
		       "cmdline: vm.ffs=999999 is above MAX_FFS_SIZE (16384)\n"));
	TCHECK(refused("xinu.elf vm.swap=-1", 1,
		       "cmdline: vm.swap=-1 is below 0\n"));
	TCHECK(refused("xinu.elf vm.swap=32769", 1, "cmdline: vm.swap=32769 "
		       "is above MAX_SWAP_SIZE (32768)\n"));
	TCHECK(refused("xinu.elf vm.debug=99999999999", 1, "cmdline: "
		       "vm.debug=99999999999 is above INT32_MAX (2147483647)\n"));
	TCHECK(refused("xinu.elf vm.rmap=-1", 1,
		       "cmdline: vm.rmap=-1 is below 0\n"));
	TCHECK(refused("xinu.elf vm.rmap=49153", 1, "cmdline: vm.rmap=49153 "
		       "is above RMAP_EXTRA (49152)\n"));
	TCHECK(bootcfg.ffs == MAX_FFS_SIZE && bootcfg.swap == MAX_SWAP_SIZE &&
	       bootcfg.rmap == RMAP_EXTRA);
	tend();

	tbegin("cmdline_key_given_twice");
	TCHECK(refused("xinu.elf vm.ffs=8 vm.ffs=16", 1,
		       "cmdline: vm.ffs given twice\n"));
	TCHECK(refused("xinu.elf test=a test=b", 1,
		       "cmdline: test given twice\n"));
	tend();

	tbegin("cmdline_key_without_value");
	TCHECK(refused("xinu.elf vm.ffs", 1,
		       "cmdline: vm.ffs needs a value (vm.ffs=...)\n"));
	TCHECK(refused("xinu.elf test", 1,
		       "cmdline: test needs a value (test=...)\n"));
	tend();

	tbegin("cmdline_one_line_per_problem");
	TCHECK(refused("xinu.elf vm.polcy=x n=1 vm.ffs=0 vm.swap=-1", 3,
		       "cmdline: unknown key 'vm.polcy'\n"
		       "cmdline: vm.ffs=0 is below 1\n"
		       "cmdline: vm.swap=-1 is below 0\n"));
	tend();

	tbegin("cmdline_net_keys");
	TCHECK(check("xinu.elf net=off net.ip=10.0.0.2/24 net.gw=10.0.0.1")
	       == 0 && out[0] == NULLCH);
	TCHECK(strcmp(bootcfg.net, "off") == 0);
	TCHECK(bootcfg.netip == 0x0A000002 && bootcfg.netlen == 24);
	TCHECK(bootcfg.netgw == 0x0A000001);
	TCHECK(check("xinu.elf net.ip=192.168.1.255/32") == 0);
	TCHECK(bootcfg.netip == 0xC0A801FF && bootcfg.netlen == 32);
	TCHECK(cmdline_ours("net") && cmdline_ours("net.mtu"));
	TCHECK(!cmdline_ours("network") && !cmdline_ours("netx"));
	TCHECK(refused("xinu.elf net=no", 1,
		       "cmdline: net=no is not one of: on off\n"));
	TCHECK(refused("xinu.elf net.ip=10.0.0.2", 1, "cmdline: "
		       "net.ip=10.0.0.2 is not an address a.b.c.d/len\n"));
	TCHECK(refused("xinu.elf net.ip=10.0.0.256/24", 1, "cmdline: "
		       "net.ip=10.0.0.256/24 is not an address a.b.c.d/len\n"));
	TCHECK(refused("xinu.elf net.ip=10.0.0.2/33", 1, "cmdline: "
		       "net.ip=10.0.0.2/33 is not an address a.b.c.d/len\n"));
	TCHECK(refused("xinu.elf net.ip=10.0.0.2/0", 1, "cmdline: "
		       "net.ip=10.0.0.2/0 is not an address a.b.c.d/len\n"));
	TCHECK(refused("xinu.elf net.gw=10.0.0", 1, "cmdline: "
		       "net.gw=10.0.0 is not an address a.b.c.d\n"));
	TCHECK(refused("xinu.elf net.gw=1.2.3.4.5", 1, "cmdline: "
		       "net.gw=1.2.3.4.5 is not an address a.b.c.d\n"));
	TCHECK(refused("xinu.elf net.mask=1", 1,
		       "cmdline: unknown key 'net.mask'\n"));
	TCHECK(bootcfg.netip == 0 && bootcfg.netgw == 0);
	tend();

	tbegin("cmdline_choice_names_the_choices");
	TCHECK(refused("xinu.elf net=maybe", 1,
		       "cmdline: net=maybe is not one of: on off\n"));
	TCHECK(refused("xinu.elf vm.swapper=sometimes", 1, "cmdline: "
		       "vm.swapper=sometimes is not one of: on off\n"));
	TCHECK(refused("xinu.elf vm.swapdev=network", 1, "cmdline: "
		       "vm.swapdev=network is not one of: ram disk\n"));
	tend();

	tbegin("cmdline_router_needs_address");
	TCHECK(refused("xinu.elf net.gw=10.0.0.254", 1, "cmdline: "
		       "net.gw=10.0.0.254 needs net.ip=a.b.c.d/len (DHCP "
		       "names the router)\n"));
	TCHECK(refused("xinu.elf net.ip=10.0.0.2/24 net.gw=10.0.1.1", 1,
		       "cmdline: net.gw=10.0.1.1 is not on the subnet of "
		       "net.ip=10.0.0.2/24\n"));
	TCHECK(refused("xinu.elf net.ip=10.0.0.2/24 net.gw=10.0.1.1 "
		       "vm.ffs=0", 1, "cmdline: vm.ffs=0 is below 1\n"));
	TCHECK(check("xinu.elf net.ip=10.0.0.2/23 net.gw=10.0.1.1") == 0);
	tend();

	tbegin("cmdline_too_long_is_refused");
	for (i = 0; i < CMDLINE_LEN + 7; i++) {
		longline[i] = 'x';
	}
	longline[i] = NULLCH;
	TCHECK(check(longline) == 1);
	TCHECK(strcmp(out, "cmdline: 1031 characters, above the 1023 the "
		      "kernel keeps\n") == 0);
	TCHECK(cmdline_check("xinu.elf vm.ffs=8", CMDLINE_LEN) == 1);
	TCHECK(cmdline_check("xinu.elf vm.ffs=8", CMDLINE_LEN - 1) == 0);
	tend();

	tbegin("cmdline_refusals_are_events");
	TCHECK(check("xinu.elf vm.polcy=clock vm.ffs=0 vm.policy=lru") == 3);
	TCHECK(strcmp(events(evs, sizeof(evs)),
		      "cmdline unknown key 'vm.polcy'\n"
		      "cmdline vm.ffs=0 is below 1\n"
		      "cmdline vm.policy=lru is not one of: clock random\n")
	       == 0);
	TCHECK(check("xinu.elf vm.ffs=8") == 0 && nquotes == 0);
	tend();

	return tdone();
}
