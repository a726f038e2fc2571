# test/host/runner.mk - the host test of the test runner and batch verdicts
#
# test_runner.py is Python: compile/host/test_runner is a two-line wrapper
# that runs it, so the runner finds it like the C test programs.

HOST_TESTS += $(HOSTOUT)/test_runner

$(HOSTOUT)/test_runner: test/host/runner.mk | $(HOSTOUT)
	printf '#!/bin/sh\nexec python3 "%s/test/host/test_runner.py" "$$@"\n' \
		"$(CURDIR)" > $@.tmp
	chmod +x $@.tmp
	mv $@.tmp $@
