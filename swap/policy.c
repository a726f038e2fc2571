/* policy.c - vm_setpolicy, vm_policyname, vm_tick, vm_evicted,
	      vm_freed: the table of replacement policies */

#include <xinu.h>
#include <frame.h>
#include <vmtable.h>

/*
 * A policy is one file defining a struct vmpolicy and one line of
 * VMPOLICY_TABLE (vmtable.h); the table here expands those lines.
 */

#define	POLICY_DECL(name)	extern const struct vmpolicy name##_policy;
#define	POLICY_ENTRY(name)	&name##_policy,

VMPOLICY_TABLE(POLICY_DECL)

const	struct	vmpolicy *const vmpolicies[] = {
	VMPOLICY_TABLE(POLICY_ENTRY)	/* the default: first		*/
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

/*------------------------------------------------------------------------
 *  vm_policyname  -  Name of policy 'i' of the table, or NULL past the
 *		      last (for the command line and the shell)
 *------------------------------------------------------------------------
 */
const	char	*vm_policyname(int32 i)
{
	return vmpolicies[i] != NULL ? vmpolicies[i]->name : NULL;
}

/*------------------------------------------------------------------------
 *  vm_tick  -  A clock tick: pass it to the policy if it wants ticks
 *		(clkhandler, interrupts disabled; one test when it does not)
 *------------------------------------------------------------------------
 */
void	vm_tick(void)
{
	if (vmpolicy->tick != NULL) {
		vmpolicy->tick();
	}
}

/*------------------------------------------------------------------------
 *  vm_evicted  -  Frame 'f''s page goes to swap (evict.c, before the
 *		   frame is freed): tell the policy if it wants to know
 *------------------------------------------------------------------------
 */
void	vm_evicted(int32 f)
{
	if (vmpolicy->evicted != NULL) {
		vmpolicy->evicted(f);
	}
}

/*------------------------------------------------------------------------
 *  vm_freed  -  Frame 'f''s page left it other than by eviction (freed,
 *		 or its read cut short; paging/heap.c, ioabort.c): tell
 *		 the policy if it wants to know
 *------------------------------------------------------------------------
 */
void	vm_freed(int32 f)
{
	if (vmpolicy->freed != NULL) {
		vmpolicy->freed(f);
	}
}
