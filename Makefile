# Makefile - the front door of Xinu/VM: every user-facing target
#
#   make                 build compile/xinu.elf and compile/xinu.boot
#   make run             build and boot in QEMU, console on this terminal
#   make test            host unit tests, then each in-kernel test in a
#                        fresh QEMU; last line "N passed, N failed"
#   make batch MAIN=f.c [TIMEOUT=s]
#                        build with f.c as main, boot headless, print the
#                        console; exit 0 when Xinu halts, 124 on timeout
#   make debug           QEMU waits for gdb on port $(GDBPORT); gdb attaches
#   make bench           boot each case of test/kernel/bench.c once and
#                        print a table of costs (numbers, not pass/fail)
#   make iso | pxe | deploy [TFTPDIR=/srv/tftp]   boot media (see README)
#   make run-iso | run-pxe
#                        boot the ISO, or PXE-boot compile/tftp, in QEMU
#
# Variables: APPEND="words" adds kernel command-line words (test=NAME,
# vm.policy=..., ...); MEM=MiB sets QEMU's memory; TESTS="a b" limits
# make test to those kernel tests; JOBS=n sets how many QEMUs run at once;
# CONSOLE=stdio|pty|unix puts the console of run, run-iso and run-pxe on
# this terminal, on a /dev/pts/N or on the socket compile/console.sock
# (the last two for minicom); DEFS="-DECE465 ..." adds -D words to the
# kernel and the program alike (make, run, test, batch); PROGFLAGS sets the
# program's compiler flags (default -O0, as upstream Xinu builds it).

MEM      ?= 256
APPEND   ?=
TIMEOUT  ?= 60
GDBPORT  ?= 1234
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
TFTPDIR  ?= /srv/tftp
CONSOLE  ?= stdio
NEED     := compile/bin/need
QEMU     := qemu-system-i386
# QEMU's status when Xinu powers off through isa-debug-exit is 1, not 0
HALTOK   := || [ $$? -eq 1 ]
QEMUOPTS := -m $(MEM) -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04
SOCK     := compile/console.sock
SERIAL_stdio := -serial mon:stdio
SERIAL_pty   := -serial pty -monitor stdio -S
SERIAL_unix  := -serial unix:$(SOCK),server=on,wait=on -monitor stdio
SERIAL   := $(SERIAL_$(CONSOLE))

# Say where the console is (the first line of every run-like recipe)
define console
	@case "$(CONSOLE)" in \
	stdio)	echo "Xinu/VM on this terminal: Ctrl-A X quits QEMU" ;; \
	pty)	$(NEED) minicom:minicom; \
		echo "Xinu/VM on a pty: QEMU names it below (char device redirected to /dev/pts/N)"; \
		echo "and starts paused: attach with  minicom -D /dev/pts/N -b 115200"; \
		echo "then type c here to boot (quit stops QEMU)" ;; \
	unix)	$(NEED) minicom:minicom; \
		echo "Xinu/VM on $(SOCK): QEMU waits for you to attach with"; \
		echo "  minicom -D unix#$(SOCK)    (type quit here to stop QEMU)" ;; \
	*)	echo "CONSOLE=$(CONSOLE): use stdio, pty or unix" >&2; exit 2 ;; \
	esac
endef

.PHONY: all run test batch bench debug clean tools iso run-iso pxe run-pxe deploy

all: tools
	$(MAKE) -C compile

tools:
	@$(NEED) $(QEMU):qemu-system-x86 python3:python3

run: all
	$(console)
	$(QEMU) $(QEMUOPTS) -display none $(SERIAL) \
		-kernel compile/xinu.elf -append "$(APPEND)" $(HALTOK)

iso: all
	compile/bin/mkiso compile/xinu.iso compile/xinu.boot "$(APPEND)"

run-iso: iso
	$(console)
	$(QEMU) $(QEMUOPTS) -display none $(SERIAL) -cdrom compile/xinu.iso $(HALTOK)

pxe: all
	compile/bin/mkpxe compile/tftp compile/xinu.boot "$(APPEND)"

run-pxe: pxe
	$(console)
	@$(NEED) /usr/lib/ipxe/qemu/efi-e1000.rom:ipxe-qemu
	$(QEMU) $(QEMUOPTS) -display none $(SERIAL) -boot n \
		-netdev user,id=n0,tftp=compile/tftp,bootfile=xinu.grub \
		-device e1000,netdev=n0 $(HALTOK)

deploy: pxe
	compile/bin/deploy compile/tftp "$(TFTPDIR)"

test: all
	$(MAKE) -s -f test/host/Makefile
	python3 test/runner.py --jobs $(JOBS) --mem $(MEM) $(if $(TESTS),--only "$(TESTS)")

batch:
	@DEFS="$(DEFS)" $(if $(PROGFLAGS),PROGFLAGS="$(PROGFLAGS)") compile/bin/batch "$(MAIN)" "$(TIMEOUT)" "$(MEM)" "$(APPEND)"

bench: all
	python3 test/bench.py --mem $(MEM)

debug: all
	@$(NEED) gdb:gdb
	@echo "QEMU waits for gdb on localhost:$(GDBPORT); the console is in QEMU's window/terminal"
	$(QEMU) $(QEMUOPTS) -display none -serial file:compile/debug-console.log \
		-kernel compile/xinu.elf -append "$(APPEND)" -S -gdb tcp::$(GDBPORT) & \
	gdb -q compile/xinu.elf -ex "target remote localhost:$(GDBPORT)" \
		-ex "break panic"; kill %1 2>/dev/null; true

clean:
	$(MAKE) -C compile clean
