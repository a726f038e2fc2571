/* xsh_vmpolicy.c - xsh_vmpolicy */

#include <xinu.h>
#include <shell.h>

/*------------------------------------------------------------------------
 *  xsh_vmpolicy  -  Show the replacement policies, or switch to one
 *------------------------------------------------------------------------
 */
shellcmd xsh_vmpolicy(int32 nargs, char *args[])
{
	int32	i, seed = 1;

	if (nargs > 3) {
		return shusage(args[0]);
	}
	if (nargs == 3 &&
	    shnum(args[0], args[2], 0, SHELL_MAXNUM, &seed) == SYSERR) {
		return SYSERR;
	}
	if (nargs == 1) {
		for (i = 0; vmpolicies[i] != NULL; i++) {
			printf("%c %s\n", vmpolicies[i] == vmpolicy ? '*' : ' ',
			       vmpolicies[i]->name);
		}
		return OK;
	}
	if (vm_setpolicy(args[1], seed) == SYSERR) {
		fprintf(stderr, "vmpolicy: no policy called %s\n", args[1]);
		return SYSERR;
	}
	printf("replacement policy: %s\n", vmpolicy->name);
	return OK;
}
