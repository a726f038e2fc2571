/* stdio.h - formatted and character I/O over Xinu devices */

#ifndef _STDIO_H_
#define _STDIO_H_

#include <stdarg.h>
#include <stddef.h>

/* Standard streams are device numbers; the kernel makes device 0 the	*/
/* console.  A kernel header may define them first.			*/
#ifndef stdin
#define stdin	0
#endif
#ifndef stdout
#define stdout	0
#endif
#ifndef stderr
#define stderr	0
#endif

/* Same value as Xinu's kernel.h, so that both may define it */
#ifndef EOF
#define EOF	(-2)
#endif

/* Device I/O, defined by the kernel (int32 putc(int32, char) etc.) */
extern	int	putc(int dev, char c);
extern	int	getc(int dev);

/* Whether fmtout may read the string at s, up to its NUL or max bytes,
 * so that a bad %s pointer prints "(bad address 0x...)" instead of
 * faulting: strok asks strokfn, the kernel's check (paging/bufok.c's,
 * once paging is on), and says yes while it is NULL (lib/fmt.c) */
extern	int	strok(const char *s, unsigned int max);
extern	int	(*strokfn)(const char *s, unsigned int max);

/* Format engine shared by every printf-style function */
extern	int	fmtout(void (*emit)(char c, void *arg), void *arg,
			const char *fmt, va_list ap);

/* Formatting into memory (lib/sprintf.c) */
extern	int	sprintf(char *buf, const char *fmt, ...)
			__attribute__ ((format (printf, 2, 3)));
extern	int	snprintf(char *buf, size_t size, const char *fmt, ...)
			__attribute__ ((format (printf, 3, 4)));
extern	int	vsprintf(char *buf, const char *fmt, va_list ap)
			__attribute__ ((format (printf, 2, 0)));
extern	int	vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
			__attribute__ ((format (printf, 3, 0)));

/* Formatting and characters to and from devices (lib/printf.c) */
extern	int	printf(const char *fmt, ...)
			__attribute__ ((format (printf, 1, 2)));
extern	int	vprintf(const char *fmt, va_list ap)
			__attribute__ ((format (printf, 1, 0)));
extern	int	fprintf(int dev, const char *fmt, ...)
			__attribute__ ((format (printf, 2, 3)));
extern	int	vfprintf(int dev, const char *fmt, va_list ap)
			__attribute__ ((format (printf, 2, 0)));
extern	int	putchar(int c);
extern	int	getchar(void);
extern	int	puts(const char *s);
extern	int	fputs(const char *s, int dev);

#endif
