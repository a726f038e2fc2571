# test/host/vm.mk - host unit tests of the heap layout, the free map,
# swap slots and sealed swap pages
#
# The real paging/vheap.c, paging/freemap.c and swap/slots.c are compiled
# unchanged with the host compiler against test/host/vmstub/, which comes
# first in the include path and holds the xinu.h they get: the kernel's
# kernel.h, process.h, paging.h and vm.h (found through -iquote include,
# so that <stdio.h> stays the host's) and the stand-ins of vmstub.c
# (getmem and freemem on malloc, assert that aborts, proctab).  The files
# are plain bookkeeping with no pointer-size assumptions, so the 64-bit
# host compiler and its C library serve.

VM_STUB   := test/host/vmstub
VM_CFLAGS := $(HOSTCFLAGS) -I$(VM_STUB) -iquote include
VM_HDRS   := $(VM_STUB)/xinu.h test/host/hunit.h include/kernel.h \
	     include/process.h include/paging.h include/vm.h \
	     include/frame.h $(VM_STUB)/frame.h $(VM_STUB)/pte.h
VM_UNIT   := $(VM_STUB)/vmstub.c test/host/hunit.c

HOST_TESTS += $(HOSTOUT)/test_vheap $(HOSTOUT)/test_vheap_ece465 \
	      $(HOSTOUT)/test_freemap $(HOSTOUT)/test_slots $(HOSTOUT)/test_seal

# The heap layout twice: the default flavour (first fit) and ECE465's
# (next fit, the heap after FFS)
$(HOSTOUT)/test_vheap: test/host/test_vheap.c paging/vheap.c $(VM_UNIT) \
		$(VM_HDRS) | $(HOSTOUT)
	$(HOSTCC) $(VM_CFLAGS) -o $@ $(filter %.c,$^)

$(HOSTOUT)/test_vheap_ece465: test/host/test_vheap.c paging/vheap.c \
		$(VM_UNIT) $(VM_HDRS) | $(HOSTOUT)
	$(HOSTCC) $(VM_CFLAGS) -DECE465 -o $@ $(filter %.c,$^)

$(HOSTOUT)/test_freemap: test/host/test_freemap.c paging/freemap.c \
		$(VM_UNIT) $(VM_HDRS) | $(HOSTOUT)
	$(HOSTCC) $(VM_CFLAGS) -o $@ $(filter %.c,$^)

$(HOSTOUT)/test_slots: test/host/test_slots.c swap/slots.c paging/freemap.c \
		$(VM_UNIT) $(VM_HDRS) | $(HOSTOUT)
	$(HOSTCC) $(VM_CFLAGS) -o $@ $(filter %.c,$^)

# Sealed swap with the real cipher (lib/aead.c; <aead.h> and <seal.h>
# come from include/, after the host's own headers)
$(HOSTOUT)/test_seal: test/host/test_seal.c swap/seal.c lib/aead.c \
		include/aead.h include/seal.h $(VM_UNIT) $(VM_HDRS) | $(HOSTOUT)
	$(HOSTCC) $(VM_CFLAGS) -idirafter include -o $@ $(filter %.c,$^)
