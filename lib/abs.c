/* abs.c - abs, labs */

#include <stdlib.h>

/*------------------------------------------------------------------------
 *  abs  -  Return the absolute value of an int (undefined for INT_MIN)
 *------------------------------------------------------------------------
 */
int	abs(
	  int		n		/* value			*/
	)
{
	return n < 0 ? -n : n;
}

/*------------------------------------------------------------------------
 *  labs  -  Return the absolute value of a long (undefined for LONG_MIN)
 *------------------------------------------------------------------------
 */
long	labs(
	  long		n		/* value			*/
	)
{
	return n < 0 ? -n : n;
}
