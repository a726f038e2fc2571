/* cmdline.c - cmdline_check, cmdline_ours, cmdline_refuse, findkey,
	       setvalue, netcheck */

#include <xinu.h>

/*
 * The table of the kernel's command-line keys (see include/cmdline.h).
 * A new key is one line here: its name, its kind, its range (for a
 * number) and where its value goes.  A number is whole decimal text
 * (lib's strtonum: overflow is refused, never clamped); a name is one
 * of the names choice() lists (any name when choice is NULL) and fits
 * in 'max' bytes with its NUL; an address is dotted decimal
 * "a.b.c.d" (CK_ADDR, into a uint32) or "a.b.c.d/len" (CK_CIDR, into
 * a uint32 and the int32 after it).
 */

#define	CK_NUM		'N'		/* a decimal number		*/
#define	INT32_MAX	0x7fffffff	/* the largest int32		*/
#define	CK_NAME		'S'		/* a name			*/
#define	CK_ADDR		'A'		/* an IPv4 address		*/
#define	CK_CIDR		'C'		/* an address and prefix length	*/

struct	cmdkey	{
	const	char	*name;		/* the key, as typed		*/
	char	kind;			/* CK_NUM or CK_NAME		*/
	int32	min, max;		/* CK_NUM: range; CK_NAME: max	*/
					/*   is the size of 'where'	*/
	const	char	*maxname;	/* the constant max is, or NULL	*/
	void	*where;			/* int32 or char[max]		*/
	const	char	*(*choice)(int32);	/* CK_NAME: the i-th	*/
					/*   allowed name, or NULL	*/
};

struct	bootcfg	bootcfg = {		/* the defaults (others: 0, "")	*/
	.ffs = MAX_FFS_SIZE, .swap = MAX_SWAP_SIZE, .rmap = RMAP_EXTRA,
	.seed = 1,
	.lowater = -1, .hiwater = -1
};

local	const	char	*onoff(int32);

#define	NUMKEY(key, lo, hi, var)					\
	{ key, CK_NUM, lo, hi, #hi, &bootcfg.var, NULL }
#define	NAMEKEY(key, var, fn)						\
	{ key, CK_NAME, 0, sizeof(bootcfg.var), NULL, bootcfg.var, fn }
#define	ADDRKEY(key, kind, var)						\
	{ key, kind, 0, 0, NULL, &bootcfg.var, NULL }

local	const	struct	cmdkey	cmdkeys[] = {
	NUMKEY("vm.ffs", 1, MAX_FFS_SIZE, ffs),
	NUMKEY("vm.swap", 0, MAX_SWAP_SIZE, swap),
	NUMKEY("vm.rmap", 0, RMAP_EXTRA, rmap),
	NUMKEY("vm.seed", 0, INT32_MAX, seed),
	NUMKEY("vm.debug", 0, INT32_MAX, debug),
	NAMEKEY("vm.policy", policy, vm_policyname),
	NAMEKEY("vm.swapdev", swapdev, swapdev_name),
	NAMEKEY("vm.swapper", swapper, onoff),
	NAMEKEY("vm.swapcrypt", swapcrypt, onoff),
	NUMKEY("vm.lowater", 0, MAX_FFS_SIZE, lowater),
	NUMKEY("vm.hiwater", 1, MAX_FFS_SIZE, hiwater),
	NAMEKEY("test", test, NULL),
	NAMEKEY("net", net, onoff),
	ADDRKEY("net.ip", CK_CIDR, netip),
	ADDRKEY("net.gw", CK_ADDR, netgw),
};
#define	NKEYS	(sizeof(cmdkeys) / sizeof(cmdkeys[0]))

/*------------------------------------------------------------------------
 *  onoff  -  The i-th value of an on/off key, or NULL past the last
 *------------------------------------------------------------------------
 */
local	const	char	*onoff(int32 i)
{
	return i == 0 ? "on" : i == 1 ? "off" : NULL;
}

/*------------------------------------------------------------------------
 *  nslen  -  Length of the namespace of key 'k': up to and with its
 *	      first '.', or the whole key and its NUL when it has none
 *------------------------------------------------------------------------
 */
local	uint32	nslen(const char *k)
{
	const	char	*dot = strchr(k, '.');

	return dot != NULL ? (uint32)(dot - k) + 1 : strlen(k) + 1;
}

/*------------------------------------------------------------------------
 *  cmdline_ours  -  Is the key 'key' (NUL-terminated) in one of the
 *		     kernel's namespaces?
 *------------------------------------------------------------------------
 */
bool8	cmdline_ours(const char *key)
{
	uint32	i;

	for (i = 0; i < NKEYS; i++) {
		if (strncmp(key, cmdkeys[i].name, nslen(cmdkeys[i].name))
		    == 0) {
			return TRUE;
		}
	}
	return FALSE;
}

/*------------------------------------------------------------------------
 *  cmdline_refuse  -  Start the line that says why the command line is
 *		       refused: "cmdline: " on the console, and the rest
 *		       of that line is also the event "cmdline <why>"
 *------------------------------------------------------------------------
 */
void	cmdline_refuse(void)
{
	kprintf("cmdline: ");
	kevquote("cmdline");
}

/*------------------------------------------------------------------------
 *  findkey  -  Index of key 'key' in the table, or SYSERR
 *------------------------------------------------------------------------
 */
local	int32	findkey(const char *key)
{
	uint32	i;

	for (i = 0; i < NKEYS; i++) {
		if (strcmp(key, cmdkeys[i].name) == 0) {
			return i;
		}
	}
	return SYSERR;
}

/*------------------------------------------------------------------------
 *  setvalue  -  Check 'val' for key 'k' and store it; print the
 *		 problem and return SYSERR if it is bad
 *------------------------------------------------------------------------
 */
local	status	setvalue(const struct cmdkey *k, const char *val)
{
	const	char	*err, *name;
	int32	v, i;

	if (k->kind == CK_NUM) {
		v = strtonum(val, k->min, k->max, &err);
		if (err == NULL) {
			*(int32 *)k->where = v;
			return OK;
		}
		cmdline_refuse();
		kprintf("%s=%s ", k->name, val);
		if (strcmp(err, "too large") == 0) {
			kprintf("is above %s (%d)\n", k->maxname, k->max);
		} else if (strcmp(err, "too small") == 0) {
			kprintf("is below %d\n", k->min);
		} else {
			kprintf("is not a number\n");
		}
		return SYSERR;
	}
	if (k->kind == CK_ADDR && dot2ip(val, (uint32 *)k->where) == OK) {
		return OK;
	}
	if (k->kind == CK_CIDR && cidr2ip(val, (uint32 *)k->where,
					  (int32 *)k->where + 1) == OK) {
		return OK;
	}
	if (k->kind == CK_ADDR || k->kind == CK_CIDR) {
		cmdline_refuse();
		kprintf("%s=%s is not an address a.b.c.d%s\n",
			k->name, val, k->kind == CK_CIDR ? "/len" : "");
		return SYSERR;
	}
	for (i = 0; k->choice != NULL && (name = k->choice(i)) != NULL;
	     i++) {
		if (strcmp(name, val) == 0) {
			break;
		}
	}
	if (k->choice != NULL && name == NULL) {
		cmdline_refuse();
		kprintf("%s=%s is not one of:", k->name, val);
		for (i = 0; (name = k->choice(i)) != NULL; i++) {
			kprintf(" %s", name);
		}
		kprintf("\n");
		return SYSERR;
	}
	if (strlen(val) >= (uint32)k->max) {
		cmdline_refuse();
		kprintf("%s=%s is longer than %d characters\n",
			k->name, val, k->max - 1);
		return SYSERR;
	}
	strncpy((char *)k->where, val, k->max);
	return OK;
}

/*------------------------------------------------------------------------
 *  netcheck  -  The network keys that are good alone but not together:
 *		 a router needs a static address (DHCP names the router
 *		 itself) on whose subnet it lies; returns the problems
 *		 printed (0 or 1).  Checked once every word is good.
 *------------------------------------------------------------------------
 */
local	int32	netcheck(void)
{
	char	gw[IP_DOTLEN], ip[IP_DOTLEN];
	uint32	mask;

	if (bootcfg.netgw == 0) {
		return 0;
	}
	ip2dot(bootcfg.netgw, gw);
	if (bootcfg.netip == 0) {
		cmdline_refuse();
		kprintf("net.gw=%s needs net.ip=a.b.c.d/len (DHCP names "
			"the router)\n", gw);
		return 1;
	}
	mask = 0xFFFFFFFF << (32 - bootcfg.netlen);
	if ((bootcfg.netgw & mask) != (bootcfg.netip & mask)) {
		cmdline_refuse();
		kprintf("net.gw=%s is not on the subnet of net.ip=%s/%d\n",
			gw, ip2dot(bootcfg.netip, ip), bootcfg.netlen);
		return 1;
	}
	return 0;
}

/*------------------------------------------------------------------------
 *  cmdline_check  -  Read the kernel's keys of command line 'line'
 *		      ('len' characters long before any cut) into
 *		      bootcfg; returns how many problems it printed
 *------------------------------------------------------------------------
 */
int32	cmdline_check(
	  const	char	*line,		/* the command line		*/
	  uint32	len		/* its full length		*/
	)
{
	char	word[CMDLINE_LEN], *val;
	bool8	seen[NKEYS];
	int32	nbad = 0, k;
	uint32	n;

	if (len >= CMDLINE_LEN) {
		cmdline_refuse();
		kprintf("%d characters, above the %d the kernel "
			"keeps\n", len, CMDLINE_LEN - 1);
		return 1;
	}
	memset(seen, 0, sizeof(seen));
	while (*line != NULLCH) {
		for (n = 0; line[n] != ' ' && line[n] != NULLCH; n++) {
			word[n] = line[n];
		}
		word[n] = NULLCH;
		line += n;
		while (*line == ' ') {
			line++;
		}
		val = strchr(word, '=');
		if (val != NULL) {
			*val++ = NULLCH;
		}
		if (n == 0 || !cmdline_ours(word)) {
			continue;		/* the program's word	*/
		}
		k = findkey(word);
		if (k == SYSERR) {
			cmdline_refuse();
			kprintf("unknown key '%s'\n", word);
		} else if (seen[k]) {
			cmdline_refuse();
			kprintf("%s given twice\n", word);
		} else if (val == NULL) {
			cmdline_refuse();
			kprintf("%s needs a value (%s=...)\n", word,
				word);
		} else if (setvalue(&cmdkeys[k], val) == OK) {
			seen[k] = TRUE;
			continue;
		}
		if (k != SYSERR) {
			seen[k] = TRUE;
		}
		nbad++;
	}
	return nbad > 0 ? nbad : netcheck();	/* once each is good */
}
