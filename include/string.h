/* string.h - string and memory functions */

#ifndef _STRING_H_
#define _STRING_H_

#include <stddef.h>

/* Strings (lib/string.c) */
extern	size_t	strlen(const char *s);
extern	size_t	strnlen(const char *s, size_t maxlen);
extern	char	*strcpy(char *dst, const char *src);
extern	char	*strncpy(char *dst, const char *src, size_t n);
extern	char	*strcat(char *dst, const char *src);
extern	char	*strncat(char *dst, const char *src, size_t n);
extern	int	strcmp(const char *s1, const char *s2);
extern	int	strncmp(const char *s1, const char *s2, size_t n);
extern	char	*strchr(const char *s, int c);
extern	char	*strrchr(const char *s, int c);
extern	char	*strstr(const char *haystack, const char *needle);
extern	size_t	strspn(const char *s, const char *accept);
extern	size_t	strcspn(const char *s, const char *reject);

/* Memory (lib/memory.c) */
extern	void	*memcpy(void *dst, const void *src, size_t n);
extern	void	*memmove(void *dst, const void *src, size_t n);
extern	void	*memset(void *s, int c, size_t n);
extern	int	memcmp(const void *s1, const void *s2, size_t n);
extern	void	*memchr(const void *s, int c, size_t n);

#endif
