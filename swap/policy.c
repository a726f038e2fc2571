/* policy.c - vm_setpolicy: the table of replacement policies */

#include <xinu.h>

/*
 * A policy is one file defining a struct vmpolicy and one entry here.
 */

extern	const	struct	vmpolicy clock_policy, random_policy;

const	struct	vmpolicy *const vmpolicies[] = {
	&clock_policy,			/* the default: first		*/
	&random_policy,
	NULL
};

const	struct	vmpolicy *vmpolicy = &clock_policy;	/* in force	*/

/*------------------------------------------------------------------------
 *  vm_setpolicy  -  Use the policy called 'name', started with 'seed'
 *------------------------------------------------------------------------
 */
status	vm_setpolicy(const char *name, uint32 seed)
{
	intmask	mask;
	int32	i;

	for (i = 0; vmpolicies[i] != NULL; i++) {
		if (strcmp(vmpolicies[i]->name, name) == 0) {
			mask = disable();
			vmpolicy = vmpolicies[i];
			vmpolicy->reset(seed);
			restore(mask);
			return OK;
		}
	}
	return SYSERR;
}
