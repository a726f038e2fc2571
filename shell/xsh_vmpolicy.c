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
	struct	vminfo	info;
	const	char	*name;

	if (nargs > 3) {
		return shusage(args[0]);
	}
	if (nargs == 3 &&
	    shnum(args[0], args[2], 0, SHELL_MAXNUM, &seed) == SYSERR) {
		return SYSERR;
	}
	if (nargs == 1) {
		vm_info(getpid(), &info);
		for (i = 0; (name = vm_policyname(i)) != NULL; i++) {
			printf("%c %s\n", strcmp(name, info.policy) == 0 ?
			       '*' : ' ', name);
		}
		return OK;
	}
	if (vm_setpolicy(args[1], seed) == SYSERR) {
		fprintf(stderr, "vmpolicy: no policy called %s\n", args[1]);
		return SYSERR;
	}
	vm_info(getpid(), &info);
	printf("replacement policy: %s\n", info.policy);
	return OK;
}
