# config/xconfig.mk - the one build rule of xconfig, the config program
#
# Included by compile/Makefile (which runs it to generate conf.h and
# conf.c) and test/host/config.mk (whose test runs it), each setting
# XCONFIG_TOP (the tree's top, as seen from where make runs) and
# XCONFIG_OUT (the folder of the program) first.

HOSTCC ?= cc

$(XCONFIG_OUT)/xconfig: $(wildcard $(XCONFIG_TOP)/config/*.c \
			$(XCONFIG_TOP)/config/*.h)
	@mkdir -p $(@D)
	$(HOSTCC) -O1 -g -Wall -Wextra -Werror -o $@ $(filter %.c,$^)
