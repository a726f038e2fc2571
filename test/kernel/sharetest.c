/* sharetest.c - every_policy: a helper of the tests of shared pages */

#include <xinu.h>
#include <vm.h>
#include "vmtest.h"
#include "sharetest.h"

/*------------------------------------------------------------------------
 *  every_policy  -  Run 'round' under every policy of the table (seed 7
 *		     for those that take one); after each, vm_audit clean
 *		     and all memory back.  OK, or SYSERR when a policy
 *		     cannot be set or a round cannot run
 *------------------------------------------------------------------------
 */
status	every_policy(
	  status	(*round)(void)	/* one round of the test	*/
	)
{
	struct	vmsnap	s;
	int32	i;

	vmsnap_take(&s);
	for (i = 0; vm_policyname(i) != NULL; i++) {
		REQUIRE(vm_setpolicy(vm_policyname(i), 7) == OK);
		REQUIRE(round() == OK);
		CHECK(vm_audit() == OK && vmsnap_same(&s));
	}
	return i > 0 ? OK : SYSERR;
}
