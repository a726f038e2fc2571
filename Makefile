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
#   make iso | pxe | deploy [TFTPDIR=/srv/tftp]   boot media (see README)
#
# Variables: APPEND="words" adds kernel command-line words (test=NAME,
# vm.policy=..., ...); MEM=MiB sets QEMU's memory; TESTS="a b" limits
# make test to those kernel tests; JOBS=n sets how many QEMUs run at once.

MEM      ?= 256
APPEND   ?=
TIMEOUT  ?= 60
GDBPORT  ?= 1234
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
TFTPDIR  ?= /srv/tftp
NEED     := compile/bin/need
QEMU     := qemu-system-i386
QEMUOPTS := -m $(MEM) -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04

.PHONY: all run test batch debug clean tools

all: tools
	$(MAKE) -C compile

tools:
	@$(NEED) $(QEMU):qemu-system-x86 python3:python3

run: all
	@echo "Xinu/VM on this terminal: Ctrl-A X quits QEMU"
	$(QEMU) $(QEMUOPTS) -display none -serial mon:stdio \
		-kernel compile/xinu.elf -append "$(APPEND)"

test: all
	$(MAKE) -s -f test/host/Makefile
	python3 test/runner.py --jobs $(JOBS) --mem $(MEM) $(if $(TESTS),--only "$(TESTS)")

batch: tools
	@test -n "$(MAIN)" || { echo "usage: make batch MAIN=path/to/main.c [TIMEOUT=s]" >&2; exit 2; }
	@test -f "$(MAIN)" || { echo "make batch: $(MAIN): no such file" >&2; exit 2; }
	@$(MAKE) -s -C compile OUT=batch MAIN=$(abspath $(MAIN)) >&2
	@python3 test/runner.py --batch compile/batch/xinu.elf --timeout $(TIMEOUT) \
		--mem $(MEM) --append "$(APPEND)"

debug: all
	@$(NEED) gdb:gdb
	@echo "QEMU waits for gdb on localhost:$(GDBPORT); the console is in QEMU's window/terminal"
	$(QEMU) $(QEMUOPTS) -display none -serial file:compile/debug-console.log \
		-kernel compile/xinu.elf -append "$(APPEND)" -S -gdb tcp::$(GDBPORT) & \
	gdb -q compile/xinu.elf -ex "target remote localhost:$(GDBPORT)" \
		-ex "break panic"; kill %1 2>/dev/null; true

clean:
	$(MAKE) -C compile clean
