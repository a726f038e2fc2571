/* rand.c - rand, srand */

#include <stdint.h>
#include <stdlib.h>

/* State of a 32-bit linear congruential generator; 1 is the seed	*/
/* that C requires when rand is called before srand.			*/
static	uint32_t randstate = 1;

/*------------------------------------------------------------------------
 *  srand  -  Start a new sequence of rand values from seed
 *------------------------------------------------------------------------
 */
void	srand(
	  unsigned int	seed		/* same seed, same sequence	*/
	)
{
	randstate = seed;
}

/*------------------------------------------------------------------------
 *  rand  -  Return the next pseudo-random number in 0..RAND_MAX
 *------------------------------------------------------------------------
 */
int	rand(void)
{
	/* Numerical Recipes' multiplier and increment give the full	*/
	/* period 2^32; an LCG's low bits repeat quickly, so return	*/
	/* the better-mixed bits 16..30				*/
	randstate = randstate * 1664525u + 1013904223u;
	return (int) ((randstate >> 16) & RAND_MAX);
}
