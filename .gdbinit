# .gdbinit - gdb's set-up for Xinu/VM: load the kernel's symbols and
# attach to QEMU's gdb stub (make qemu-gdb in one terminal, gdb in another,
# both in this folder; make debug does both in one).
#
# gdb reads a .gdbinit in the current folder only when allowed.  Allow
# this one once with the line
#     add-auto-load-safe-path /path/to/this/tree/.gdbinit
# in ~/.config/gdb/gdbinit (or ~/.gdbinit).  The port is 1234 unless
# GDBPORT is set in gdb's environment (GDBPORT=1240 gdb).  compile/gdb.elf
# is a copy of the kernel make debug / make qemu-gdb booted last (the lab
# image compile/xinu.elf, or the test image for APPEND=test=NAME).
set architecture i386
file compile/gdb.elf
python
import os
gdb.execute("target remote localhost:%s" % os.environ.get("GDBPORT", "1234"))
end
