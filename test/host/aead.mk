# test/host/aead.mk - host tests of lib/aead.c (ChaCha20-Poly1305)
#
# compile/host/aead is test_aead.c with lib/aead.c built for the host
# (include/ after the host's headers, so its stdlib.h stays out);
# compile/host/test_aead is a two-line wrapper that runs test_aead.py,
# which runs it and checks it against Debian's python3-cryptography.

HOST_TESTS += $(HOSTOUT)/test_aead

$(HOSTOUT)/aead: test/host/test_aead.c lib/aead.c include/aead.h \
		test/host/hunit.c test/host/hunit.h | $(HOSTOUT)
	$(HOSTCC) $(HOSTCFLAGS) -idirafter include -o $@ test/host/test_aead.c \
		test/host/hunit.c lib/aead.c

$(HOSTOUT)/test_aead: test/host/aead.mk $(HOSTOUT)/aead | $(HOSTOUT)
	printf '#!/bin/sh\nexec python3 "%s/test/host/test_aead.py" "$$@"\n' \
		"$(CURDIR)" > $@.tmp
	chmod +x $@.tmp
	mv $@.tmp $@
