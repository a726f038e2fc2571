/* xsh_devdump.c - xsh_devdump */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_devdump  -  List the device switch table (a device found on PCI
 *		    shows what PCI gave it; none found: csr 0, irq -)
 *------------------------------------------------------------------------
 */
shellcmd xsh_devdump(int32 nargs, char *args[])
{
	struct	dentry	*devptr;
	char	line[128];
	int32	minor;

	if (nargs != 1) {
		return shusage(args[0]);
	}
	printf("dev name             minor  csr         irq\n");
	printf("--- ---------------- ----- ----------  ---\n");
	for (devptr = &devtab[0]; devptr < &devtab[NDEVS]; devptr++) {
		printf("%3d %-16s %5d 0x%08x", devptr->dvnum, devptr->dvname,
		       devptr->dvminor, (uint32)devptr->dvcsr);
		if (devptr->dvintr != NULL && (devptr->dvcsr != NULL
					       || devptr->dvirq != 0)) {
			printf("  %3d\n", devptr->dvirq);
		} else {
			printf("    -\n");
		}
	}
	for (minor = 0; minor < Nata; minor++) {
		printf("%s\n", atadescr(minor, line, sizeof(line)));
	}
	return OK;
}
