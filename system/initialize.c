/* initialize.c - nulluser, sysinit, banner, progwords */

#include <xinu.h>

struct	procent	proctab[NPROC];		/* the process table		*/
int32	prcount;			/* processes that are not free	*/
pid32	currpid;			/* the running process		*/

extern	char	bootstk[];		/* from start.S			*/
#define	BOOTSTK_LEN	16384

local	void	sysinit(void);
local	void	banner(void);
local	void	progwords(void);

/*------------------------------------------------------------------------
 *  nulluser  -  Initialize the system and become the null process
 *------------------------------------------------------------------------
 */
void	nulluser(
	  uint32	magic,		/* Multiboot magic, from EAX	*/
	  struct mb_info *mbi		/* Multiboot info, from EBX	*/
	)
{
	kputc_init();
	kevent("boot %s", VERSION);
	bootinfo_save(magic, mbi);
	if (cmdline_check(bootline, bootline_len) > 0) {
		poweroff(EXIT_BADARGS);	/* run nothing on a bad setting	*/
	}
	sysinit();
	banner();
	enable();

	resume(create(startup, INITSTK, INITPRIO, "startup", 0));

	/* The null process: run when nothing else can, halting until the
	 * next interrupt */
	for (;;) {
		halt_cpu();
	}
}

/*------------------------------------------------------------------------
 *  sysinit  -  Set up the CPU tables, devices, memory and processes
 *------------------------------------------------------------------------
 */
local	void	sysinit(void)
{
	struct	procent	*prptr;
	int32	i;

	segmentinit();
	idtinit();
	picinit();
	meminit(KHEAP_LIMIT);

	for (i = 0; i < NPROC; i++) {
		proctab[i].prstate = PR_FREE;
	}
	prptr = &proctab[NULLPROC];
	prptr->prstate = PR_CURR;
	prptr->prprio = 0;
	strncpy(prptr->prname, "prnull", PNMLEN);
	prptr->prstkbase = bootstk + BOOTSTK_LEN - sizeof(uint32);
	prptr->prstklen = BOOTSTK_LEN;
	prptr->prparent = NULLPROC;
	*stklimit(prptr) = STACKMAGIC;
	prcount = 1;
	currpid = NULLPROC;

	for (i = 0; i < NSEM; i++) {
		semtab[i].sstate = S_FREE;
		semtab[i].scount = 0;
		semtab[i].squeue = newqueue();
	}
	readylist = newqueue();
	ptinit(PT_MSGS);
	clkinit();
	pginit();
	prptr->prpdbr = kernel_pdbr;
	for (i = 0; i < NDEVS; i++) {
		init(i);
	}
	vmminit();
	swap_start();			/* disk swap, pageout daemon	*/
}

/*------------------------------------------------------------------------
 *  banner  -  Say what is booting and how memory is laid out
 *------------------------------------------------------------------------
 */
local	void	banner(void)
{
	kprintf("\n%s\n", VERSION);
	kprintf("  RAM      %6d KiB usable\n", ramsize());
	kprintf("  kernel   0x%08x-0x%08x text %d, data %d, bss %d bytes\n",
		(uint32)text, (uint32)end - 1, (uint32)(etext - text),
		(uint32)(edata - data), (uint32)(ebss - bss));
	kprintf("  heap     0x%08x-0x%08x %d KiB free\n", (uint32)minheap,
		(uint32)maxheap - 1, memlist.mlength / 1024);
	vmbanner();
	ethbanner();
	atabanner();
	if (bootline[0] != NULLCH) {
		kprintf("  cmdline  %s\n", bootline);
		progwords();
	}
}

/*------------------------------------------------------------------------
 *  progwords  -  List the command-line words after the image's name
 *		  that are the program's (outside the kernel's namespaces)
 *------------------------------------------------------------------------
 */
local	void	progwords(void)
{
	char	key[CMDLINE_LEN];
	char	*p = bootline;
	uint32	n, k;
	bool8	any = FALSE;

	while (*p != ' ' && *p != NULLCH) {
		p++;			/* the image's file name	*/
	}
	while (*p == ' ') {
		p++;
	}
	while (*p != NULLCH) {
		for (n = 0; p[n] != ' ' && p[n] != NULLCH; n++) {
			;
		}
		for (k = 0; k < n && p[k] != '='; k++) {
			key[k] = p[k];
		}
		key[k] = NULLCH;
		if (n > 0 && !cmdline_ours(key)) {
			kprintf("%s%.*s", any ? " " : "  program  ", n, p);
			any = TRUE;
		}
		p += n;
		while (*p == ' ') {
			p++;
		}
	}
	if (any) {
		kprintf("\n");
	}
}
