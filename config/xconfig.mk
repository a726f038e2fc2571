# config/xconfig.mk - the one build rule of xconfig, the config program
#
# Included by compile/Makefile (which runs it to generate conf.h and
# conf.c) and test/host/config.mk (whose test runs it), each setting
# XCONFIG_TOP (the tree's top, as seen from where make runs) and
# XCONFIG_OUT (the folder of the program) first.  compile/Makefile's
# say and Q make its one short line (V=1: the command); where they are
# not defined the command shows as it is.

HOSTCC ?= cc

$(XCONFIG_OUT)/xconfig: $(wildcard $(XCONFIG_TOP)/config/*.c \
			$(XCONFIG_TOP)/config/*.h)
	@mkdir -p $(@D)
	$(call say,HOSTCC,config/xconfig)
	$(Q)$(HOSTCC) -O1 -g -Wall -Wextra -Werror -o $@ $(filter %.c,$^)
