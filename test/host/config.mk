# test/host/config.mk - build xconfig (config/) and its host test
#
# xconfig is built here too because test_config runs it: the error cases
# check its exit status and that it leaves no output file behind.

CONFIG_SRCS := $(wildcard config/*.c)
CONFIG_HDRS := $(wildcard config/*.h)
CONFIG_LIB  := $(filter-out config/main.c,$(CONFIG_SRCS))

HOST_TESTS += $(HOSTOUT)/test_config

XCONFIG_TOP := .
XCONFIG_OUT := $(HOSTOUT)
include config/xconfig.mk

$(HOSTOUT)/test_config: test/host/test_config.c test/host/hunit.c \
		test/host/hunit.h $(CONFIG_LIB) $(CONFIG_HDRS) \
		| $(HOSTOUT) $(HOSTOUT)/xconfig
	$(HOSTCC) $(HOSTCFLAGS) -Iconfig -o $@ test/host/test_config.c \
		test/host/hunit.c $(CONFIG_LIB)
