/* xsh_vmdebug.c - xsh_vmdebug */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_vmdebug  -  Show debug_swapping, or set it to N: the kernel then
 *		    prints its next N eviction and swap-in lines (as
 *		    vm.debug=N does at boot)
 *------------------------------------------------------------------------
 */
shellcmd xsh_vmdebug(int32 nargs, char *args[])
{
	int32	n;

	if (nargs > 2) {
		return shusage(args[0]);
	}
	if (nargs == 2) {
		if (shnum(args[0], args[1], 0, SHELL_MAXNUM, &n) == SYSERR) {
			return SYSERR;
		}
		debug_swapping = n;
	}
	printf("debug_swapping %d\n", debug_swapping);
	return OK;
}
