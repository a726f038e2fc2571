/* prototypes.h - prototypes of the kernel's functions, by file */

#ifndef _PROTOTYPES_H_
#define _PROTOTYPES_H_

/* system/: processes */
extern	pid32	create(void *, uint32, pri16, char *, uint32, ...);
extern	bool8	procname(char *, const char *);
extern	void	procinit(pid32, char *, uint32, pri16, const char *);
extern	pid32	newpid(void);
extern	char	*initstack(uint32 *, void *, uint32, va_list);
extern	pri16	resume(pid32);
extern	syscall	suspend(pid32);
extern	syscall	kill(pid32);
extern	void	exit(void);
extern	void	userret(void);
extern	status	ready(pid32);
extern	void	resched(void);
extern	status	resched_cntl(int32);
extern	void	ctxsw(char **, char **, uint32);
extern	syscall	yield(void);
extern	pid32	getpid(void);
extern	syscall	getprio(pid32);
extern	pri16	chprio(pid32, pri16);
extern	process	startup(void);
extern	process	main(void);
extern	void	childdone(pid32, pid32);
extern	umsg32	takemsg(pid32);
extern	void	dropnotes(pid32);

/* system/: queues */
extern	pid32	enqueue(pid32, qid16);
extern	pid32	dequeue(qid16);
extern	pid32	getfirst(qid16);
extern	pid32	getlast(qid16);
extern	pid32	getitem(pid32);
extern	status	insert(pid32, qid16, int32);
extern	status	insertd(pid32, qid16, int32);
extern	qid16	newqueue(void);

/* system/: clock and sleep */
extern	void	clkinit(void);
extern	void	clkhandler(void);
extern	syscall	sleep(int32);
extern	syscall	sleepms(int32);
extern	void	wakeup(void);
extern	status	unsleep(pid32);

/* system/: semaphores */
extern	sid32	semcreate(int32);
extern	syscall	semdelete(sid32);
extern	syscall	wait(sid32);
extern	syscall	signal(sid32);
extern	syscall	signaln(sid32, int32);
extern	syscall	semcount(sid32);
extern	syscall	semreset(sid32, int32);

/* system/: messages and ports */
extern	syscall	send(pid32, umsg32);
extern	umsg32	receive(void);
extern	umsg32	recvclr(void);
extern	umsg32	recvtime(int32);
extern	syscall	ptinit(int32);
extern	syscall	ptcreate(int32);
extern	syscall	ptsend(int32, umsg32);
extern	uint32	ptrecv(int32);
extern	syscall	ptdelete(int32, void (*)(int32));
extern	syscall	ptreset(int32, void (*)(int32));
extern	int32	ptcount(int32);

/* system/: kernel memory */
extern	void	meminit(uint32);
extern	char	*getmem(uint32);
extern	syscall	freemem(char *, uint32);
extern	char	*getstk(uint32);
extern	syscall	freestk(char *, uint32);

/* system/: interrupts, traps and the machine */
extern	intmask	disable(void);
extern	void	restore(intmask);
extern	void	enable(void);
extern	void	segmentinit(void);
extern	void	idtinit(void);
extern	void	set_idt_task(int32, uint16);
extern	void	picinit(void);
extern	void	pic_eoi(uint32);
extern	void	pic_ack_inservice(void);
extern	void	pic_unmask(uint32);
extern	void	pic_mask(uint32);
extern	void	trap(struct trapframe *);
extern	void	trapdump(struct trapframe *, const char *);
extern	void	procfault(struct trapframe *, const char *)
			__attribute__((noreturn));
extern	void	set_irq_handler(uint32, void (*)(void));
extern	void	panic(const char *) __attribute__((noreturn));
extern	void	kpanic_assert(const char *, const char *, int32)
			__attribute__((noreturn));
extern	void	poweroff(uint32) __attribute__((noreturn));
extern	void	xdone(void) __attribute__((noreturn));

/* system/: console output and boot information */
extern	void	kputc_init(void);
extern	void	uartinit(uint32);
extern	void	kputc(char);
extern	int32	kprintf(const char *, ...)
			__attribute__((format(printf, 1, 2)));
extern	int32	kvprintf(const char *, va_list);
extern	void	kcapture(char *, uint32);
extern	void	kevent(const char *, ...)
			__attribute__((format(printf, 1, 2)));
extern	void	kevquote(const char *);
extern	void	kevmirror(char);
extern	void	keventinit(void);
extern	void	bootinfo_save(uint32, struct mb_info *);
extern	const	char	*ksymlookup(uint32, uint32 *);
extern	uint32	ramtop(uint32);
extern	uint32	ramsize(void);
extern	char	*bootarg(const char *, char *, uint32);
extern	uint32	bootarg_uint(const char *, uint32);
extern	char	bootline[];
extern	uint32	bootline_len;

/* system/: random bytes (entropy.c) */
extern	void	entropy(byte *, uint32);
extern	const	char	*entropy_source(void);

/* system/: tests */
extern	void	testrun(const char *) __attribute__((noreturn, weak));
extern	void	testfail(const char *, const char *, int32);

/* system/: device calls */
extern	syscall	init(did32);
extern	syscall	open(did32, char *, char *);
extern	syscall	close(did32);
extern	syscall	read(did32, char *, uint32);
extern	syscall	write(did32, char *, uint32);
extern	syscall	getc(did32);
extern	syscall	putc(did32, char);
extern	syscall	seek(did32, uint32);
extern	syscall	control(did32, int32, int32, int32);
extern	devcall	ionull(void);
extern	devcall	ioerr(void);

/* device/tty/ */
extern	devcall	ttyinit(struct dentry *);
extern	devcall	ttyread(struct dentry *, char *, int32);
extern	devcall	ttywrite(struct dentry *, char *, int32);
extern	devcall	ttygetc(struct dentry *);
extern	devcall	ttyputc(struct dentry *, char);
extern	devcall	ttycontrol(struct dentry *, int32, int32, int32);
extern	void	ttyhandler(void);
extern	void	ttyhandle_in(struct ttycblk *, char);
extern	void	ttyhandle_out(struct ttycblk *);
extern	void	ttykickout(struct ttycblk *);
extern	void	ttydrain(void);
extern	void	ttyflush(void);

/* device/eth/ (and system/pci.c: see pci.h; net/: see net.h) */
extern	devcall	ethinit(struct dentry *);
extern	devcall	ethread(struct dentry *, char *, int32);
extern	devcall	ethwrite(struct dentry *, char *, int32);
extern	devcall	ethcontrol(struct dentry *, int32, int32, int32);
extern	void	ethhandler(void);
extern	void	ethbanner(void);
extern	char	*ethstage(struct dentry *, const char *, char *, int32);
extern	void	ethunstage(pid32);

/* device/ata/ */
extern	devcall	atainit(struct dentry *);
extern	devcall	ataopen(struct dentry *, char *, char *);
extern	devcall	ataread(struct dentry *, char *, int32);
extern	devcall	atawrite(struct dentry *, char *, int32);
extern	devcall	atacontrol(struct dentry *, int32, int32, int32);
extern	void	atahandler(void);
extern	void	atatick(void);
extern	status	atacheck(struct dentry *, const char *, char *, int32);
extern	status	atarun(struct atacblk *, byte, uint32);
extern	byte	atanotbusy(struct atacblk *);
extern	void	atareset(struct atacblk *);
extern	void	atalock(struct atacblk *);
extern	void	ataunlock(struct atacblk *);
extern	void	atakill(pid32);
extern	char	*atastage(struct dentry *, const char *, char *);
extern	void	ataunstage(pid32);
extern	char	*atadescr(int32, char *, uint32);
extern	void	atabanner(void);

/* paging/: what system/ calls (the rest of paging/ and swap/ is in vm.h,
 * which only they and their tests include) */
extern	void	pginit(void);
extern	void	vmbanner(void);
extern	void	vmminit(void);
extern	void	swap_start(void);
extern	void	pagefault(struct trapframe *, uint32);
extern	void	vm_tick(void);
extern	void	vm_evicted(int32);
extern	void	vm_freed(int32);
extern	bool8	vmteardown(pid32);
extern	void	stkguard(uint32);
extern	void	stkunguard(uint32);
/* ... and what a driver calls to map device registers into the kernel
 * region (device/eth/ethinit.c) */
extern	void	kpte_set(uint32, pte_t);
/* ... and what every call that takes a caller's pointer asks first
 * (a string: lib's strok, stdio.h) */
extern	bool8	bufok(const void *, uint32, bool8);

#endif
