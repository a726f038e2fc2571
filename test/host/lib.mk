# test/host/lib.mk - host unit tests for lib/, the kernel's libc subset
#
# The lib sources (all but printf.c, which needs the kernel's putc and
# getc) are compiled freestanding with the host compiler.  Their names
# (printf, strlen, ...) clash with the host libc, so every symbol in the
# objects is renamed with an xl_ prefix; calls between lib functions,
# including memcpy/memset calls the compiler generates, are renamed
# alike and so stay inside lib.  test_lib.c uses the host libc for the
# expected results and calls lib under the xl_ names.

LIB_OBJCOPY ?= objcopy
LIB_SRCS    := $(filter-out lib/printf.c,$(wildcard lib/*.c))
LIB_HDRS    := include/stdio.h include/string.h include/stdlib.h \
	       include/ctype.h
LIB_OBJDIR  := $(HOSTOUT)/lib
LIB_OBJS    := $(patsubst lib/%.c,$(LIB_OBJDIR)/%.o,$(LIB_SRCS))
LIB_CFLAGS  := -ffreestanding -fno-builtin -nostdinc -isystem $(GCCINC) \
	       -Iinclude -O1 -g -Wall -Wextra -Werror -fno-stack-protector
LIB_TEST    := $(HOSTOUT)/test_lib

HOST_TESTS  += $(LIB_TEST)

# The Makefile includes the fragments before it defines "all", so the
# first rule below would otherwise become the default goal

# Compile to a temporary file so that a failed rename leaves no object
$(LIB_OBJS): $(LIB_OBJDIR)/%.o: lib/%.c $(LIB_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(LIB_CFLAGS) -c $< -o $@.tmp
	$(LIB_OBJCOPY) --prefix-symbols=xl_ $@.tmp $@
	@rm -f $@.tmp

$(LIB_TEST): test/host/test_lib.c test/host/hunit.c test/host/hunit.h $(LIB_OBJS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -o $@ test/host/test_lib.c test/host/hunit.c $(LIB_OBJS)
