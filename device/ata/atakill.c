/* atakill.c - atakill */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  atakill  -  Process 'pid' is being killed (interrupts disabled): give
 *		back its staging page and every channel it holds, now or, with its command in
 *		flight, when the interrupt handler sees that command end
 *		(kill has already taken it off atdone's queue)
 *------------------------------------------------------------------------
 */
void	atakill(
	  pid32		pid		/* the process being killed	*/
	)
{
	struct	atacblk	*atptr;

	ataunstage(pid);		/* its staging page, if any	*/
	for (atptr = &atatab[0]; atptr < &atatab[Nata]; atptr++) {
		if (atptr->atowner != pid) {
			continue;
		}
		if (atptr->atbusy) {
			atptr->atorphan = TRUE;
		} else {
			ataunlock(atptr);
		}
	}
}
