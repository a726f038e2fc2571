# Makefile - the front door of Xinu/VM: every user-facing target.
# The lines starting "#h " are what make help prints.
#
#h Targets:
#h   make                  build compile/xinu.elf (and xinu.boot, xinu.map),
#h                         the lab image (no test code), and the swap disk
#h                         image compile/swap.img
#h   make test-image       build compile/test/xinu.elf: the same kernel with
#h                         the in-kernel tests (make test, bench and any
#h                         boot with APPEND=test=NAME use it)
#h   make run              build and boot in QEMU, the console on CONSOLE
#h   make qemu, qemu-nox   the same as make run (the names xv6 users type)
#h   make test             host unit tests, every in-kernel test, console
#h                         scripts, boot paths, tool tests and course programs,
#h                         one QEMU each, and a subset of the in-kernel tests
#h                         under Bochs (bochs:NAME); ends with the failed
#h                         names and "N passed, N failed"; logs in
#h                         compile/test-results/
#h   make list-tests       print every test name (also: make test LIST=1)
#h   make batch MAIN=f.c   build with f.c as main, boot headless, print the
#h                         console and one verdict line; compile/bin/batch
#h                         exits 0 halted, 1 panic/triple fault, 2 build
#h                         error/bad usage/bad kernel command line, 3 STRICT
#h                         and a process killed, 124 timeout (make itself
#h                         exits 2 on any failure: "Error N" is the status)
#h   make debug            QEMU waits for gdb on GDBPORT, gdb attaches here;
#h                         the console goes to compile/debug-console.log;
#h                         quitting gdb stops QEMU
#h   make qemu-gdb         the console here, QEMU waits for gdb: run gdb in
#h                         another terminal in this folder (.gdbinit attaches)
#h   make bench            boot each case of test/kernel/bench.c RUNS times
#h                         (default 3) and print a table of costs (median and
#h                         spread), each fault kind as a ratio to its floor
#h                         (trap, page zero/copy, invlpg measured in the same
#h                         boot), and write compile/bench.csv and the table
#h                         into docs/costs.md (docs/costs.md explains every
#h                         column); ICOUNT=1 runs QEMU with -icount (cycles
#h                         = instructions, repeatable)
#h   make iso, run-iso     a GRUB 2 rescue ISO compile/xinu.iso; boot it
#h   make pxe, run-pxe     the TFTP tree compile/tftp/; PXE-boot it in QEMU
#h   make deploy           copy the TFTP tree into TFTPDIR
#h   make clean            remove the build outputs
#h   make help             this list
#h   make grade SUITE=dir SUBMISSIONS=dir
#h                         grade every submission (a kernel tree: folder,
#h                         .tar.gz/.tgz/.tar, .zip or git .bundle) on
#h                         every program of the suite, each built (its
#h                         Makefile) and booted (the grader's QEMU line)
#h                         in a bubblewrap sandbox; writes grades.csv,
#h                         totals.csv, reports/STUDENT.md and
#h                         gradescope/STUDENT/results.json into OUT and
#h                         prints a summary (docs/grading.md)
#h   make grade-collect RESULTS=dir
#h                         the same outputs from a results folder (after
#h                         ENGINE=slurm's jobs end), into OUT or RESULTS/..
#h   make test-grade       the grader's own test: hostile submissions and
#h                         programs (test/grade/test_attacks.py), then 5
#h                         submissions x 3 programs on every engine (a
#h                         few minutes)
#h   make expected MAIN=f.c [OUT=f.expected]
#h                         run f.c on this tree exactly as make grade
#h                         runs a suite program and write its reference
#h   make curves           fault curves: every workload of test/workload/
#h                         played under every policy for a range of frame
#h                         counts (one QEMU -icount boot per count), beside
#h                         OPT and LRU from the host; compile/curves/*.png,
#h                         *.svg and curves.csv, and into docs/ the table of
#h                         docs/costs.md, curves.csv and two plots (about a
#h                         minute with JOBS=1 on 2 busy cores)
#h
#h Variables (make VAR=value TARGET):
#h   APPEND="words"        kernel command-line words (test=NAME, vm.*=...)
#h   MEM=MiB               QEMU's memory (default 256)
#h   DEFS="-DX ..."        -D words for the kernel and the program alike
#h   EXTRA_CFLAGS="..."    more compiler flags for the kernel (e.g. a
#h                         compile-time maximum: -DMAX_FFS_SIZE=64)
#h   PROGFLAGS="..."       compiler flags of the program (default -O0)
#h   MAIN=f.c              batch: the program to run as main
#h   TIMEOUT=s             batch: seconds before giving up (default 60);
#h                         test: the limit of every test (default 60, or a
#h                         script's or program's own)
#h   STRICT=1              batch: exit 3 when the kernel killed a process
#h   SANDBOX=1             batch: build and boot in the bubblewrap sandbox
#h   DETERMINISTIC=1       batch: QEMU's clocks count the guest's
#h                         instructions (-icount), so a run repeats byte
#h                         for byte (not while a process waits for the
#h                         disk or the host's network traffic: see
#h                         docs/determinism.md); default 0
#h   TESTS="names"         test: only these tests (names or shell globs,
#h                         e.g. TESTS='vm_* script:shell prog:hello')
#h   LIST=1                test: print the names instead of running
#h   FUZZ=n                test: frames net:fuzz sends (default 100000)
#h   FUZZSEED=n            test: the seed of the net:fuzz* frames (default
#h                         1: the same frames every run)
#h   JOBS=n                test, curves, test-grade: QEMUs at once; grade:
#h                         submissions at once (default: the CPU count)
#h   RUNS=n                bench: boots per case (default 3)
#h   ICOUNT=1              bench: QEMU -icount, cycles count instructions
#h   CONSOLE=stdio|pty|unix
#h                         run, run-iso, run-pxe, debug, qemu-gdb: the
#h                         console on this terminal (debug: in
#h                         compile/debug-console.log), on a pty, or on the
#h                         socket SOCK (run's last two start paused: type
#h                         c to boot, quit to stop; debug's wait for gdb)
#h   SOCK=path             the socket of CONSOLE=unix (compile/console.sock)
#h   GDBPORT=n             debug, qemu-gdb: gdb's port (default 1234)
#h   TFTPDIR=dir           deploy: the TFTP folder (default /srv/tftp)
#h   NET=1                 run, run-iso, batch, test, debug, qemu-gdb: an
#h                         e1000 on QEMU's user network (DHCP gives
#h                         10.0.2.15); without it the machine has no NIC
#h   DISK=path|none        run, run-iso, run-pxe, batch, debug, qemu-gdb:
#h                         the disk image on the primary IDE channel
#h                         (DISK0; default compile/swap.img; none: no
#h                         disk); batch's default is a fresh image of
#h                         its own, and a DISK= image it attaches with
#h                         snapshot=on, so it is never written
#h   SUITE=, SUBMISSIONS=  grade: the programs; the students' kernels
#h   ENGINE=local|parallel|slurm
#h                         grade: where runs go (default local: JOBS=n
#h                         submissions at once here; parallel: GNU
#h                         parallel over HOSTS or this machine; slurm: an
#h                         sbatch --array job, collected later)
#h   OUT=dir               grade, grade-collect: the outputs (default
#h                         compile/grade; grade-collect: RESULTS/..)
#h   HOSTS=file            grade ENGINE=parallel: an --sshloginfile
#h   WAIT=1                grade ENGINE=slurm: wait for the job, collect
#h   SBATCH="opts"         grade ENGINE=slurm: more sbatch options
#h   SANDBOX=none          grade, expected: no sandbox (unsafe: trusted
#h                         code only; default: bubblewrap)
#h   NEED=true             any: do not install missing Debian packages
#h   V=1                   any build: print every command in full (default:
#h                         one short line per step, CC system/foo.c;
#h                         warnings and errors always show in full)
#h
#h A variable no target takes (a misspelt TIMOUT=5), or a bad value (MEM=0,
#h NET=2, TIMEOUT=abc), stops make with one line saying so.
#h
#h docs/usage.md has every target and variable at length; README.md the
#h quick starts for students and instructors.

# make help prints every target and variable (keep it and docs/usage.md true)

MEM      ?= 256
RUNS     ?= 3
APPEND   ?=
TIMEOUT  ?=
GDBPORT  ?= 1234
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
TFTPDIR  ?= /srv/tftp
CONSOLE  ?= stdio
SOCK     ?= compile/console.sock
SWAPIMG  := compile/swap.img
DISK     ?= $(SWAPIMG)
NEED     := compile/bin/need

# Loud bad options: a variable on the command line that no target takes
# (a misspelt TIMOUT=5 would otherwise be ignored) and a bad value of one
# that a target takes stop make at once, before anything is built or run
KNOWN    := APPEND MEM DEFS PROGFLAGS EXTRA_CFLAGS MAIN TIMEOUT STRICT TESTS \
	    LIST JOBS RUNS ICOUNT CONSOLE SOCK GDBPORT TFTPDIR NET DISK SUITE \
	    SUBMISSIONS ENGINE OUT HOSTS WAIT SBATCH RESULTS NEED SANDBOX \
	    DETERMINISTIC V FUZZ FUZZSEED
UNKNOWN  := $(filter-out $(KNOWN),$(foreach v,$(.VARIABLES),\
	    $(if $(filter command line,$(origin $v)),$v)))
ifneq ($(UNKNOWN),)
$(error unknown variable $(foreach v,$(UNKNOWN),$v=$($v)); make help lists every variable)
endif
nodigit   = $(subst 0,,$(subst 1,,$(subst 2,,$(subst 3,,$(subst 4,,$(subst \
	    5,,$(subst 6,,$(subst 7,,$(subst 8,,$(subst 9,,$1))))))))))
# $(call posint,VALUE): non-empty when VALUE is a whole number above 0
posint    = $(and $(filter 1,$(words $1)),$(if $(call nodigit,$1),,y),$(subst 0,,$1))
# $(call posnum,VALUE): the same, for a number with at most one point
posnum    = $(and $(if $(word 3,$(subst ., ,x$1x)),,y),$(call posint,$(subst .,,$1)))
# $(call check,NAME,TEST,WANT): stop with "NAME=value: WANT" unless TEST
check     = $(if $2,,$(error $1=$($1): $3))
$(call check,MEM,$(call posint,$(MEM)),use a number of MiB above 0)
$(call check,JOBS,$(call posint,$(JOBS)),use a number above 0)
$(call check,RUNS,$(call posint,$(RUNS)),use a number above 0)
$(call check,GDBPORT,$(call posint,$(GDBPORT)),use a TCP port number)
$(call check,TIMEOUT,$(if $(TIMEOUT),$(call posnum,$(TIMEOUT)),y),use a number of seconds above 0)
$(foreach v,FUZZ FUZZSEED,\
	$(call check,$v,$(if $($v),$(call posint,$($v)),y),use a number above 0))
$(foreach v,NET STRICT DETERMINISTIC ICOUNT LIST WAIT V,\
	$(call check,$v,$(filter x x0 x1,x$(strip $($v))),use 1 (on) or 0 (off)))
QEMU     := qemu-system-i386
# The build says one short line per step (compile/Makefile), V=1 shows
# every command, the make -C lines and the folders it enters included
BUILD    := $(if $(filter 1,$(V)),,@)
SUBMAKE  := $(strip $(MAKE) $(if $(filter 1,$(V)),,--no-print-directory))
# Builds that may run at once (two make test, make batch beside make)
# take turns on this lock; compile/Makefile says why that is enough
LOCK     := flock compile/.build.lock
# $(call boot,QEMU ARGS): run QEMU (showing its command) with the kernel's
# event port (COM2, system/kevent.c) on a temporary file.  QEMU's status
# when Xinu powers off through isa-debug-exit is 1, not 0, but QEMU also
# exits 1 when it cannot start (a held DISK image, a bad option): only a
# "halt 0" event ("<seq> halt 0 *<crc>") makes 1 a success.  0 is Ctrl-A X
# or the monitor's quit.
define boot
	@echo "$(QEMU) $(strip $1)"
	@ev=$$(mktemp "$${TMPDIR:-/tmp}/xinu-events.XXXXXX") || exit 2; \
	$(QEMU) $1 -chardev file,id=events,path=$$ev -serial chardev:events; \
	st=$$?; grep -Eq '^[0-9]+ halt 0 \*[0-9a-f]{8}$$' "$$ev"; halted=$$?; rm -f "$$ev"; \
	if [ $$st -eq 1 ] && [ $$halted -ne 0 ]; then \
		echo "make: QEMU quit before the kernel halted (status 1; its reason is above)" >&2; \
		exit 1; \
	fi; [ $$st -eq 0 ] || [ $$st -eq 1 ]
endef
QEMUOPTS := -m $(MEM) -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	    -nic none
# NET=1: an e1000 on QEMU's user network (its DHCP, no root needed)
comma    := ,
NETOPTS  := $(if $(filter 1,$(NET)),-netdev user$(comma)id=net0 -device e1000$(comma)netdev=net0)
SERIAL_stdio := -serial mon:stdio
SERIAL_pty   := -serial pty -monitor stdio -S
SERIAL_unix  := -serial unix:$(SOCK),server=on,wait=off -monitor stdio -S
SERIAL   := $(SERIAL_$(CONSOLE))
# The disk DISK0: DISK's image as the primary IDE master, or none
comma    := ,
DRIVEOPT := format=raw$(comma)if=ide$(comma)index=0$(comma)media=disk
DRIVE    := $(if $(filter none,$(DISK)),,-drive \
	    file=$(subst $(comma),$(comma)$(comma),$(DISK))$(comma)$(DRIVEOPT))

# Say where the console is (the first line of every run-like recipe)
define console
	@case "$(CONSOLE)" in \
	stdio)	echo "Xinu/VM on this terminal: Ctrl-A X quits QEMU" ;; \
	pty)	$(NEED) minicom:minicom; \
		echo "Xinu/VM on a pty: QEMU names it below (char device redirected to /dev/pts/N)"; \
		echo "and starts paused: attach with  minicom -D /dev/pts/N -b 115200"; \
		echo "then type c here to boot (quit stops QEMU)" ;; \
	unix)	$(NEED) minicom:minicom; \
		echo "Xinu/VM on the socket $(SOCK); QEMU starts paused: attach with"; \
		echo "  minicom -D unix#$(SOCK)"; \
		echo "then type c here to boot (quit here stops QEMU, attached or not)" ;; \
	*)	echo "CONSOLE=$(CONSOLE): use stdio, pty or unix" >&2; exit 2 ;; \
	esac
endef

.PHONY: all run qemu qemu-nox qemu-gdb test list-tests batch bench debug \
	clean tools iso run-iso pxe run-pxe deploy help curves grade \
	grade-collect test-grade test-image expected

all: tools
	$(BUILD)$(LOCK) $(SUBMAKE) -C compile
	@compile/bin/mkdisk $(SWAPIMG)
	@[ "$(DISK)" = none ] || [ -f "$(DISK)" ] || \
		{ echo "DISK=$(DISK): no such file (DISK=none boots with no disk)" >&2; exit 2; }

# The test image: the lab image's objects plus test/kernel/ (see
# compile/Makefile); a boot with test=NAME needs it, any other uses the
# lab image
TESTELF  := compile/test/xinu.elf
test-image: all
	$(BUILD)$(LOCK) $(SUBMAKE) -C compile OUT=test WITH_TESTS=1
ifneq ($(filter test=%,$(APPEND)),)
BOOTELF  := $(TESTELF)
BOOTDEP  := test-image
else
BOOTELF  := compile/xinu.elf
BOOTDEP  := all
endif

tools:
	@$(NEED) $(QEMU):qemu-system-x86 python3:python3 flock:util-linux

run: $(BOOTDEP)
	$(console)
	$(call boot,$(QEMUOPTS) $(NETOPTS) -display none $(SERIAL) $(DRIVE) \
		-kernel $(BOOTELF) -append "$(APPEND)")

# The names xv6 users type: QEMU has no window here, so both are run
qemu qemu-nox: run

iso: all
	compile/bin/mkiso compile/xinu.iso compile/xinu.boot "$(APPEND)"

run-iso: iso
	$(console)
	$(call boot,$(QEMUOPTS) $(NETOPTS) -display none $(SERIAL) $(DRIVE) \
		-cdrom compile/xinu.iso)

pxe: all
	compile/bin/mkpxe compile/tftp compile/xinu.boot "$(APPEND)"

run-pxe: pxe
	$(console)
	@$(NEED) /usr/lib/ipxe/qemu/efi-e1000.rom:ipxe-qemu
	$(call boot,$(QEMUOPTS) -display none $(SERIAL) $(DRIVE) -boot n \
		-netdev user$(comma)id=n0$(comma)tftp=compile/tftp$(comma)bootfile=xinu.grub \
		-device e1000$(comma)netdev=n0)

deploy: pxe
	compile/bin/deploy compile/tftp "$(TFTPDIR)"

test: test-image
	@$(LOCK) $(MAKE) -s -f test/host/Makefile
	@python3 tools/runtests.py --jobs $(JOBS) --mem $(MEM) --kernel $(TESTELF) \
		$(if $(TIMEOUT),--timeout $(TIMEOUT)) $(if $(filter 1,$(NET)),--net) \
		$(if $(FUZZ),--fuzz $(FUZZ)) $(if $(FUZZSEED),--fuzz-seed $(FUZZSEED)) \
		$(if $(TESTS),--only "$(TESTS)") $(if $(filter 1,$(LIST)),--list)

list-tests:
	@$(MAKE) -s --no-print-directory test LIST=1

# The exact status (0 1 2 3 124) is compile/bin/batch's; GNU make reports
# any failure of a recipe as its own status 2 ("Error N" names the real one).
# DISK reaches batch only when given: its default is a private image
batch:
	@DEFS="$(DEFS)" STRICT="$(STRICT)" NET="$(NET)" \
		SANDBOX="$(if $(filter 1,$(SANDBOX)),1,0)" \
		DETERMINISTIC="$(DETERMINISTIC)" \
		DISK="$(if $(filter file default,$(origin DISK)),,$(DISK))" \
		$(if $(PROGFLAGS),PROGFLAGS="$(PROGFLAGS)") \
		compile/bin/batch "$(MAIN)" "$(or $(TIMEOUT),60)" "$(MEM)" "$(APPEND)"

bench: test-image
	python3 tools/bench.py --mem $(MEM) --kernel $(TESTELF) --runs $(RUNS) \
		--csv compile/bench.csv --doc docs/costs.md \
		$(if $(filter 1,$(ICOUNT)),--icount)

# One terminal: gdb here, the console in compile/debug-console.log
debug: $(BOOTDEP)
	@$(NEED) gdb:gdb
	@DISK="$(DISK)" NET="$(NET)" CONSOLE="$(CONSOLE)" SOCK="$(SOCK)" \
		compile/bin/debug gdb $(GDBPORT) $(MEM) "$(APPEND)" $(BOOTELF)

# Two terminals, as xv6: the console here, gdb (with .gdbinit) in another
qemu-gdb: $(BOOTDEP)
	@$(NEED) gdb:gdb
	@DISK="$(DISK)" NET="$(NET)" CONSOLE="$(CONSOLE)" SOCK="$(SOCK)" \
		compile/bin/debug serve $(GDBPORT) $(MEM) "$(APPEND)" $(BOOTELF)

# matplotlib is Debian's (python3-matplotlib), for Debian's python3
PLOTPY   := $(if $(wildcard /usr/bin/python3),/usr/bin/python3,python3)

curves: test-image
	@$(NEED) py.matplotlib:python3-matplotlib
	@$(MAKE) -s -f test/host/Makefile compile/host/yardstick
	$(PLOTPY) tools/curves.py --mem $(MEM) --kernel $(TESTELF) --jobs $(JOBS) \
		--doc docs/costs.md --docdir docs

# grade/grade.py does the work; the engines are local threads, GNU
# parallel and Slurm (installed on first use)
# SANDBOX: grade and expected run what they build in bubblewrap
# (tools/xinu/sandbox.py) unless SANDBOX=none; batch only with SANDBOX=1
SANDBOX_grade := $(if $(filter none 0,$(SANDBOX)),none,bwrap)
$(if $(filter batch,$(MAKECMDGOALS)),$(call check,SANDBOX,$(filter \
	x x0 x1,x$(SANDBOX)),use 1 (on) or 0 (off)))
$(if $(filter grade expected,$(MAKECMDGOALS)),$(call check,SANDBOX,$(filter \
	x x1 xbwrap xnone x0,x$(SANDBOX)),use none (unsafe: trusted code only)))

grade: tools
	@$(if $(filter bwrap,$(SANDBOX_grade)),$(NEED) bwrap:bubblewrap &&) \
	$(if $(filter parallel,$(ENGINE)),$(NEED) parallel:parallel \
		$(if $(HOSTS),rsync:rsync ssh:openssh-client) &&) \
	$(if $(filter slurm,$(ENGINE)),$(NEED) sbatch:slurm-client &&) \
	python3 grade/grade.py run --suite "$(SUITE)" \
		--submissions "$(SUBMISSIONS)" --engine "$(or $(ENGINE),local)" \
		--jobs $(JOBS) $(if $(OUT),--out "$(OUT)") \
		--sandbox $(SANDBOX_grade) \
		$(if $(HOSTS),--hosts "$(HOSTS)") $(if $(filter 1,$(WAIT)),--wait) \
		$(if $(SBATCH),--sbatch-args "$(SBATCH)")

# The reference of a suite program, from this tree, as make grade runs it
expected: tools
	@$(if $(filter bwrap,$(SANDBOX_grade)),$(NEED) bwrap:bubblewrap &&) \
	python3 grade/grade.py expected --main "$(MAIN)" \
		$(if $(OUT),--out "$(OUT)") \
		$(if $(filter command line,$(origin APPEND)),--append "$(APPEND)") \
		--sandbox $(SANDBOX_grade)

grade-collect:
	@python3 grade/grade.py collect --results "$(RESULTS)" \
		$(if $(OUT),--out "$(OUT)")

test-grade: all
	@$(NEED) bwrap:bubblewrap
	@python3 test/grade/test_attacks.py && \
	python3 test/grade/test_engines.py --jobs $(JOBS)

help:
	@sed -n 's/^#h \{0,1\}//p' Makefile

clean:
	$(BUILD)$(SUBMAKE) -C compile clean
