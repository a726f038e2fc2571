/* qsort.c - qsort, qswap, qsiftdown */

#include <stddef.h>
#include <stdlib.h>

/* qsort is a heapsort: O(n log n) in the worst case, no recursion and	*/
/* no extra memory, which suits a kernel stack.  It is not stable.	*/

/*------------------------------------------------------------------------
 *  qswap  -  Exchange two elements of size bytes
 *------------------------------------------------------------------------
 */
static	void	qswap(
	  char		*a,		/* first element		*/
	  char		*b,		/* second element		*/
	  size_t	size		/* bytes per element		*/
	)
{
	char	t;			/* byte in transit		*/

	for (; size > 0; size--) {
		t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/*------------------------------------------------------------------------
 *  qsiftdown  -  Move the element at index root down the max-heap of the
 *		    first n elements until no child compares greater
 *------------------------------------------------------------------------
 */
static	void	qsiftdown(
	  char		*base,		/* first element		*/
	  size_t	root,		/* index of the element to move	*/
	  size_t	n,		/* elements in the heap		*/
	  size_t	size,		/* bytes per element		*/
	  int		(*compar)(const void *, const void *)
	)
{
	size_t	child;			/* larger child of root		*/

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n && compar(base + child * size,
				base + (child + 1) * size) < 0) {
			child++;
		}
		if (compar(base + root * size, base + child * size) >= 0) {
			return;
		}
		qswap(base + root * size, base + child * size, size);
		root = child;
	}
}

/*------------------------------------------------------------------------
 *  qsort  -  Sort nmemb elements of size bytes into the ascending order
 *		defined by compar
 *------------------------------------------------------------------------
 */
void	qsort(
	  void		*base,		/* first element		*/
	  size_t	nmemb,		/* number of elements		*/
	  size_t	size,		/* bytes per element		*/
	  int		(*compar)(const void *, const void *)
	)
{
	char	*b = base;		/* elements, addressable bytes	*/
	size_t	i;			/* heap index or heap size	*/

	if (nmemb < 2 || size == 0) {
		return;
	}

	/* Make a max-heap by sifting down every parent, last first */
	for (i = nmemb / 2; i > 0; i--) {
		qsiftdown(b, i - 1, nmemb, size, compar);
	}

	/* Move the maximum behind the shrinking heap, then repair it */
	for (i = nmemb - 1; i > 0; i--) {
		qswap(b, b + i * size, size);
		qsiftdown(b, 0, i, size, compar);
	}
}
