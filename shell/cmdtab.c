/* cmdtab.c - cmdtab, cmdlookup */

#include <xinu.h>
#include <shell.h>

/* The commands the shell knows, in the order help lists them */
const	struct	cmdent	cmdtab[] = {
	{ "arp",      xsh_arp,     "",	"list the ARP cache" },
	{ "clear",    xsh_clear,   "",	"clear the screen" },
	{ "date",     xsh_date,    "",	"print the date and time (CMOS clock)" },
	{ "devdump",  xsh_devdump, "",	"list the devices" },
	{ "echo",     xsh_echo,    "[WORD ...]", "print the words" },
	{ "exit",     xsh_exit,    "",	"halt the machine" },
	{ "help",     xsh_help,    "[COMMAND]", "list the commands, or show one" },
	{ "kill",     xsh_kill,    "PID", "kill a process" },
	{ "mem",      xsh_mem,     "",	"show the kernel heap and its free list" },
	{ "netinfo",  xsh_netinfo, "",
			"show the NIC, the addresses and the frame counts" },
	{ "ping",     xsh_ping,    "HOST [COUNT]",
					"send echo requests to HOST" },
	{ "ps",       xsh_ps,      "",	"list the processes" },
	{ "shutdown", xsh_exit,    "",	"halt the machine (same as exit)" },
	{ "sleep",    xsh_sleep,   "SECONDS", "wait that many seconds" },
	{ "udpecho",  xsh_udpecho, "-s [PORT] | HOST [PORT [COUNT]]",
				"serve UDP echo, or send datagrams to one" },
	{ "uptime",   xsh_uptime,  "",	"time since boot, number of processes" },
	{ "vmdebug",  xsh_vmdebug, "[N]",
			"show debug_swapping, or print the next N swap lines" },
	{ "vmdemo",   xsh_vmdemo,  "NPAGES",
					"start a vcreate'd process to look at" },
	{ "vmmap",    xsh_vmmap,   "[PID]",
				"show vcreate'd processes' heap runs and stacks" },
	{ "vmpolicy", xsh_vmpolicy, "[NAME [SEED]]",
					"show or set the replacement policy" },
	{ "vmstat",   xsh_vmstat,  "",	"show FFS, swap, PD/PT and stack use, faults" },
};

const	int32	ncmd = sizeof(cmdtab) / sizeof(cmdtab[0]);

/*------------------------------------------------------------------------
 *  cmdlookup  -  The command table entry called 'name', or NULL
 *------------------------------------------------------------------------
 */
const	struct	cmdent	*cmdlookup(const char *name)
{
	int32	i;

	for (i = 0; i < ncmd; i++) {
		if (strcmp(cmdtab[i].cname, name) == 0) {
			return &cmdtab[i];
		}
	}
	return NULL;
}
