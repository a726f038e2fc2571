# test/host/grade.mk - the host test of make grade's scoring and bookkeeping
#
# test_grade.py is Python: compile/host/test_grade is a two-line wrapper
# that runs it, so the runner finds it like the C test programs.

HOST_TESTS += $(HOSTOUT)/test_grade

$(HOSTOUT)/test_grade: test/host/grade.mk | $(HOSTOUT)
	printf '#!/bin/sh\nexec python3 "%s/test/host/test_grade.py" "$$@"\n' \
		"$(CURDIR)" > $@.tmp
	chmod +x $@.tmp
	mv $@.tmp $@
