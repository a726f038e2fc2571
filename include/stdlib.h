/* stdlib.h - number conversion, sorting and pseudo-random numbers */

#ifndef _STDLIB_H_
#define _STDLIB_H_

#include <stddef.h>

#define	RAND_MAX	32767

/* String to number (lib/strtol.c) */
extern	int	atoi(const char *s);
extern	long	atol(const char *s);
extern	long	strtol(const char *s, char **endptr, int base);
extern	unsigned long strtoul(const char *s, char **endptr, int base);
extern	long	strtonum(const char *s, long min, long max,
			 const char **errstr);

/* Absolute values (lib/abs.c) */
extern	int	abs(int n);
extern	long	labs(long n);

/* Sorting (lib/qsort.c) */
extern	void	qsort(void *base, size_t nmemb, size_t size,
			int (*compar)(const void *, const void *));

/* Pseudo-random numbers (lib/rand.c) */
extern	int	rand(void);
extern	void	srand(unsigned int seed);

#endif
