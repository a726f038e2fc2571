/* udpprobe.c - make test-grade's reach for the host: UDP datagrams to
 *		10.0.2.2 (QEMU's user network maps it to the host's
 *		127.0.0.1) on the port the command line names; a graded
 *		guest must not get them there */

#include <xinu.h>

process	main(void)
{
	uid32	slot;
	int32	i;

	slot = udp_register(0x0A000202, bootarg_uint("port", 9), 6000);
	for (i = 0; i < 5; i++) {
		udp_send(slot, "LEAK", 4);
		sleepms(100);
	}
	udp_release(slot);
	kprintf("probe: sent\n");
	return OK;
}
