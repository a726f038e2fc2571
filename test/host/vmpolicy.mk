# test/host/vmpolicy.mk - host unit tests of the replacement policies, and
# the host half of make curves
#
# The real policy files, swap/NAME.c for every line P(NAME) of
# include/vmtable.h, are compiled unchanged with the host compiler
# against vmstub/ (as vm.mk does) and framesim.c, a fake frame layer
# that plays reference strings against a policy and computes OPT and
# LRU.  test/workload/workload.c, the generator the kernel's player
# uses too, gives both the same strings.

POLICY_NAMES := $(shell sed -n 's/^[[:space:]]*P(\([a-z0-9_]*\)).*/\1/p' \
		  include/vmtable.h)
POLICY_SRCS := $(POLICY_NAMES:%=swap/%.c) \
	       test/host/framesim.c $(wildcard test/workload/*.c)
POLICY_HDRS := $(VM_HDRS) include/vmtable.h test/host/framesim.h \
	       $(wildcard test/workload/*.h)

HOST_TESTS += $(HOSTOUT)/test_policy $(HOSTOUT)/yardstick

$(HOSTOUT)/test_policy: test/host/test_policy.c $(POLICY_SRCS) \
		$(VM_UNIT) $(POLICY_HDRS) | $(HOSTOUT)
	$(HOSTCC) $(VM_CFLAGS) -o $@ $(filter %.c,$^)

# Not a test (no test_ prefix): make curves runs it for OPT and LRU
$(HOSTOUT)/yardstick: test/host/yardstick.c $(POLICY_SRCS) \
		$(VM_UNIT) $(POLICY_HDRS) | $(HOSTOUT)
	$(HOSTCC) $(VM_CFLAGS) -o $@ $(filter %.c,$^)
