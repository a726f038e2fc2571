# test/host/kernel.mk - host unit tests of the kernel heap, queues and
# command-line check
#
# The real system/ files are compiled unchanged against test/host/stub/,
# which comes first in the include path and holds the xinu.h they get
# (the kernel's own headers, with disable/restore that do nothing).
# That code is 32-bit (it casts pointers to uint32 and its free-block
# header is 8 bytes), and the host compiler here has no 32-bit C
# library, so the programs are built with the kernel's cross compiler
# as freestanding static i386 Linux programs: stub/kunit.c gives them
# _start, output through the write system call and the ok/FAIL lines.
# The 64-bit host runs them as it runs any i386 program.

KERN_CROSS   := $(shell compile/bin/cross)
ifeq ($(KERN_CROSS),)
$(error kernel.mk: no cross compiler (compile/bin/cross found none))
endif
KERN_CC      := $(KERN_CROSS)gcc
KERN_GCCINC  := $(shell $(KERN_CC) -print-file-name=include)
KERN_LIBGCC  := $(shell $(KERN_CC) -m32 -print-libgcc-file-name)
KERN_CFLAGS  := -m32 -march=i686 -ffreestanding -fno-builtin -fno-pic \
		-fno-pie -fno-stack-protector -nostdinc -isystem $(KERN_GCCINC) \
		-Itest/host/stub -Iinclude -O2 -g -Wall -Wextra -Werror
KERN_LDFLAGS := -m32 -nostdlib -static -no-pie -Wl,--build-id=none
KERN_OBJDIR  := $(HOSTOUT)/kern
KERN_HDRS    := test/host/stub/xinu.h test/host/hunit.h \
		$(wildcard include/*.h) include/conf.h

KERN_MEMSRCS := system/getmem.c system/freemem.c system/getstk.c \
		system/freestk.c
KERN_QSRCS   := system/queue.c system/insert.c system/insertd.c \
		system/newqueue.c

kern_objs = $(patsubst %.c,$(KERN_OBJDIR)/%.o,$(1) test/host/stub/kunit.c)

HOST_TESTS += $(HOSTOUT)/test_kmem $(HOSTOUT)/test_queue

# The real xinu.h includes the generated conf.h
include/conf.h: config/Configuration
	$(MAKE) -s -C compile ../include/conf.h

$(KERN_OBJDIR)/%.o: %.c $(KERN_HDRS)
	@mkdir -p $(@D)
	$(KERN_CC) $(KERN_CFLAGS) -c $< -o $@

$(HOSTOUT)/test_kmem: $(call kern_objs,test/host/test_kmem.c $(KERN_MEMSRCS))
	$(KERN_CC) $(KERN_LDFLAGS) -o $@ $^ $(KERN_LIBGCC)

$(HOSTOUT)/test_queue: $(call kern_objs,test/host/test_queue.c $(KERN_QSRCS))
	$(KERN_CC) $(KERN_LDFLAGS) -o $@ $^ $(KERN_LIBGCC)

# The command-line check, with lib's number and string code and net's
# address parser
KERN_CMDSRCS := system/cmdline.c lib/strtol.c lib/string.c lib/ctype.c \
		lib/sprintf.c lib/fmt.c net/dot2ip.c

HOST_TESTS += $(HOSTOUT)/test_cmdline

$(HOSTOUT)/test_cmdline: $(call kern_objs,test/host/test_cmdline.c \
		$(KERN_CMDSRCS))
	$(KERN_CC) $(KERN_LDFLAGS) -o $@ $^ $(KERN_LIBGCC)

# The network's pure logic: the Internet checksum and address text
KERN_NETSRCS := net/cksum.c net/dot2ip.c lib/string.c lib/ctype.c \
		lib/sprintf.c lib/fmt.c

HOST_TESTS += $(HOSTOUT)/test_net

$(HOSTOUT)/test_net: $(call kern_objs,test/host/test_net.c $(KERN_NETSRCS))
	$(KERN_CC) $(KERN_LDFLAGS) -o $@ $^ $(KERN_LIBGCC)
