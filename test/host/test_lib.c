/* test_lib.c - host unit tests for lib/, which is linked under xl_ names */

/* Expected results come from the host libc.  Each test case prints	*/
/* "ok NAME" or "FAIL NAME: what was expected and what came out"; the	*/
/* exit status is 1 if any case failed.					*/

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hunit.h"

/* lib, renamed by objcopy --prefix-symbols=xl_ (see lib.mk) */
int	xl_fmtout(void (*emit)(char, void *), void *, const char *, va_list);
int	xl_sprintf(char *, const char *, ...);
int	xl_snprintf(char *, size_t, const char *, ...);
int	xl_vsprintf(char *, const char *, va_list);
int	xl_vsnprintf(char *, size_t, const char *, va_list);
size_t	xl_strlen(const char *);
size_t	xl_strnlen(const char *, size_t);
char	*xl_strcpy(char *, const char *);
char	*xl_strncpy(char *, const char *, size_t);
char	*xl_strcat(char *, const char *);
char	*xl_strncat(char *, const char *, size_t);
int	xl_strcmp(const char *, const char *);
int	xl_strncmp(const char *, const char *, size_t);
char	*xl_strchr(const char *, int);
char	*xl_strrchr(const char *, int);
char	*xl_strstr(const char *, const char *);
size_t	xl_strspn(const char *, const char *);
size_t	xl_strcspn(const char *, const char *);
void	*xl_memcpy(void *, const void *, size_t);
void	*xl_memmove(void *, const void *, size_t);
void	*xl_memset(void *, int, size_t);
int	xl_memcmp(const void *, const void *, size_t);
void	*xl_memchr(const void *, int, size_t);
int	xl_atoi(const char *);
long	xl_atol(const char *);
long	xl_strtol(const char *, char **, int);
unsigned long xl_strtoul(const char *, char **, int);
long	xl_strtonum(const char *, long, long, const char **);
int	xl_abs(int);
long	xl_labs(long);
void	xl_qsort(void *, size_t, size_t, int (*)(const void *, const void *));
int	xl_rand(void);
void	xl_srand(unsigned int);
int	xl_isalpha(int);
int	xl_isdigit(int);
int	xl_isalnum(int);
int	xl_isspace(int);
int	xl_isupper(int);
int	xl_islower(int);
int	xl_isxdigit(int);
int	xl_isprint(int);
int	xl_ispunct(int);
int	xl_iscntrl(int);
int	xl_toupper(int);
int	xl_tolower(int);

/* lib asks the kernel whether a %s pointer can be read through
 * strokfn (lib/fmt.c), which the kernel sets to its page-table check
 * (paging/bufok.c) and which is NULL here until test_badstr sets it to
 * kstrok: every string can be read, but badstr; the last max asked is
 * kept, so a test can see that a precision bounds it */
extern	int	(*xl_strokfn)(const char *, unsigned int);
static	const char badstr[] = "unreadable";
static	unsigned int strokmax;

static	int	kstrok(const char *s, unsigned int max)
{
	strokmax = max;
	return s != badstr;
}

#define	XL_RAND_MAX	32767		/* RAND_MAX of lib's stdlib.h	*/
#define	XL_EOF		(-2)		/* EOF of lib's stdio.h		*/

/*------------------------------------------------------------------------
 *  esc  -  Return n bytes of s made printable (\xNN), in one of a few
 *	      rotating static buffers
 *------------------------------------------------------------------------
 */
static	const char *esc(const char *s, int n)
{
	static	char	bufs[4][700];
	static	int	next;
	char	*b = bufs[next++ % 4];
	int	i, j = 0;

	for (i = 0; i < n && j < 600; i++) {
		unsigned char c = s[i];

		if (c >= ' ' && c < 0x7f && c != '\\') {
			b[j++] = c;
		} else {
			j += sprintf(b + j, "\\x%02x", c);
		}
	}
	b[j] = '\0';
	return b;
}

/* Compare lib's snprintf with the host's for the same arguments */
#define	SAME(...) do {							\
		char	w_[700], g_[700];				\
		int	wn_ = snprintf(w_, sizeof w_, __VA_ARGS__);	\
		int	gn_ = xl_snprintf(g_, sizeof g_, __VA_ARGS__);	\
		TCHECKF(wn_ == gn_ && wn_ < (int) sizeof w_		\
				&& memcmp(w_, g_, wn_ + 1) == 0,	\
			"(%s): want \"%s\" (%d), got \"%s\" (%d)",	\
			#__VA_ARGS__, esc(w_, wn_), wn_, esc(g_, gn_), gn_); \
	} while (0)

/* Compare lib's snprintf with a fixed expected string */
#define	EXPECT(want, ...) do {						\
		char	g_[700];					\
		int	gn_ = xl_snprintf(g_, sizeof g_, __VA_ARGS__);	\
		TCHECKF(gn_ == (int) strlen(want) && strcmp(g_, want) == 0, \
			"(%s): want \"%s\" (%d), got \"%s\" (%d)",	\
			#__VA_ARGS__, want, (int) strlen(want),		\
			esc(g_, gn_), gn_);				\
	} while (0)

/*------------------------------------------------------------------------
 *  Formatting
 *------------------------------------------------------------------------
 */
static	const long long gridvals[] = {
	0, 1, -1, 7, 8, 9, 10, 15, 16, 42, -42, 99, 100, 127, -128, 128,
	255, 256, 4095, 32767, -32768, 65535, 65536, 123456789, -123456789,
	INT_MAX, INT_MIN, UINT_MAX, (long long) UINT_MAX + 1, LLONG_MAX,
	LLONG_MIN, 0x123456789abcdefLL, -0x123456789abcdefLL,
	-9876543210LL
};
static	const char *gridflags[] = {
	"", "-", "0", "+", " ", "-0", "+0", " 0", "-+", "- ", "+ ", "-+ 0",
	"00", "--", "#", "#0", "-#"
};
static	const char *gridwidths[] = { "", "1", "6", "25" };
static	const char *gridprecs[] = { "", ".", ".0", ".1", ".5", ".22" };

/*------------------------------------------------------------------------
 *  gridone  -  Compare one integer format and value with the host's,
 *		  passing the value with the type the length asks for
 *------------------------------------------------------------------------
 */
static	void	gridone(const char *fmt, const char *len, int sgn, long long v)
{
	char	want[128], got[128];
	int	wn, gn;

	if (strcmp(len, "ll") == 0) {
		if (sgn) {
			wn = snprintf(want, sizeof want, fmt, v);
			gn = xl_snprintf(got, sizeof got, fmt, v);
		} else {
			wn = snprintf(want, sizeof want, fmt,
					(unsigned long long) v);
			gn = xl_snprintf(got, sizeof got, fmt,
					(unsigned long long) v);
		}
	} else if (strcmp(len, "l") == 0 || strcmp(len, "z") == 0 ||
		   strcmp(len, "j") == 0) {
		if (sgn) {
			wn = snprintf(want, sizeof want, fmt, (long) v);
			gn = xl_snprintf(got, sizeof got, fmt, (long) v);
		} else {
			wn = snprintf(want, sizeof want, fmt,
					(unsigned long) v);
			gn = xl_snprintf(got, sizeof got, fmt,
					(unsigned long) v);
		}
	} else if (sgn) {
		wn = snprintf(want, sizeof want, fmt, (int) v);
		gn = xl_snprintf(got, sizeof got, fmt, (int) v);
	} else {
		wn = snprintf(want, sizeof want, fmt, (unsigned int) v);
		gn = xl_snprintf(got, sizeof got, fmt, (unsigned int) v);
	}
	TCHECKF(wn == gn && strcmp(want, got) == 0,
		"\"%s\" of %lld: want \"%s\" (%d), got \"%s\" (%d)",
		fmt, v, want, wn, esc(got, gn), gn);
}

/*------------------------------------------------------------------------
 *  test_grid  -  Every flag/width/precision combination, for every
 *		    integer conversion and length modifier
 *------------------------------------------------------------------------
 */
static	void	test_grid(void)
{
	static const char *lens[] = { "hh", "h", "", "l", "ll", "z", "j" };
	static const char convs[] = "diuxXo";
	char	fmt[32], name[64];
	size_t	l, c, f, w, p, v;

	for (l = 0; l < sizeof lens / sizeof lens[0]; l++) {
	    for (c = 0; convs[c] != '\0'; c++) {
		snprintf(name, sizeof name, "snprintf_grid_%s%c", lens[l],
				convs[c]);
		tbegin(name);
		for (f = 0; f < sizeof gridflags / sizeof gridflags[0]; f++)
		for (w = 0; w < sizeof gridwidths / sizeof gridwidths[0]; w++)
		for (p = 0; p < sizeof gridprecs / sizeof gridprecs[0]; p++) {
			snprintf(fmt, sizeof fmt, "<%%%s%s%s%s%c>",
					gridflags[f], gridwidths[w],
					gridprecs[p], lens[l], convs[c]);
			for (v = 0; v < sizeof gridvals / sizeof gridvals[0];
					v++) {
				gridone(fmt, lens[l], c < 2, gridvals[v]);
			}
		}
		tend();
	    }
	}
}

/*------------------------------------------------------------------------
 *  test_int_extremes  -  Limits of every integer size, and zero
 *------------------------------------------------------------------------
 */
static	void	test_int_extremes(void)
{
	tbegin("snprintf_int_extremes");
	SAME("%d %d %d", INT_MIN, INT_MAX, 0);
	SAME("%i|%u|%x|%X|%o", INT_MIN, UINT_MAX, UINT_MAX, UINT_MAX,
			UINT_MAX);
	SAME("%ld %ld %lu %lx", LONG_MIN, LONG_MAX, ULONG_MAX, ULONG_MAX);
	SAME("%lld %lld %llu", LLONG_MIN, LLONG_MAX, ULLONG_MAX);
	SAME("%llx %llX %llo", ULLONG_MAX, ULLONG_MAX, ULLONG_MAX);
	SAME("%hd %hu %hx", SHRT_MIN, USHRT_MAX, USHRT_MAX);
	SAME("%hd %hu %hhd %hhu", 70000, 70000, 300, 300);
	SAME("%hhd %hhx %hho", -1, -1, -1);
	SAME("%+d %+d % d % d", 0, -0, 0, 5);
	SAME("[%.0d] [%+.0d] [% .0d] [%5.0d] [%-5.0u] [%.0x] [%.0o]",
			0, 0, 0, 0, 0u, 0u, 0u);
	SAME("%030lld|%-30lld|", LLONG_MIN, LLONG_MIN);
	SAME("%.30llx|%40.30llo|", ULLONG_MAX, ULLONG_MAX);
	tend();
}

/*------------------------------------------------------------------------
 *  test_star  -  Width and precision taken from arguments
 *------------------------------------------------------------------------
 */
static	void	test_star(void)
{
	tbegin("snprintf_star");
	SAME("[%*d]", 10, 42);
	SAME("[%*d]", -10, 42);
	SAME("[%*d]", 0, 42);
	SAME("[%0*d]", 7, -42);
	SAME("[%.*d]", 5, 42);
	SAME("[%.*d]", -1, 42);
	SAME("[%.*d]", 0, 0);
	SAME("[%*.*d]", 8, 4, -42);
	SAME("[%-*.*x]", 8, 4, 0xabu);
	SAME("[%-*s]", 6, "ab");
	SAME("[%*s]", -6, "ab");
	SAME("[%.*s]", 2, "abcdef");
	SAME("[%.*s]", -1, "abc");
	SAME("[%*c]", 3, 'x');
	SAME("[%*d|%*d]", 4, 1, -4, 2);
	tend();
}

/*------------------------------------------------------------------------
 *  test_strings  -  %s with widths, precisions and flags
 *------------------------------------------------------------------------
 */
static	void	test_strings(void)
{
	static const char *fmts[] = {
		"[%s]", "[%10s]", "[%-10s]", "[%.3s]", "[%10.3s]",
		"[%-10.3s]", "[%.0s]", "[%.20s]", "[%3s]", "[%-3s]", "[%1s]",
		"[%.1s]", "[%-1.0s]"
	};
	static const char *strs[] = {
		"", "a", "abc", "hello", "hello world", "tab\there",
		"0123456789012345678901234567890123456789"
	};
	char	want[128], got[128];
	int	wn, gn;
	size_t	f, s;

	tbegin("snprintf_strings");
	for (f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
		for (s = 0; s < sizeof strs / sizeof strs[0]; s++) {
			wn = snprintf(want, sizeof want, fmts[f], strs[s]);
			gn = xl_snprintf(got, sizeof got, fmts[f], strs[s]);
			TCHECKF(wn == gn && strcmp(want, got) == 0,
				"\"%s\" of \"%s\": want \"%s\" (%d), "
				"got \"%s\" (%d)", fmts[f], strs[s], want, wn,
				esc(got, gn), gn);
		}
	}
	tend();

	/* Precision bounds the read: the array has no NUL */
	tbegin("snprintf_precision_unterminated");
	{
		char	raw[4] = { 'a', 'b', 'c', 'd' };

		EXPECT("[abc]", "[%.3s]", raw);
		EXPECT("[  ab]", "[%4.2s]", raw);
		EXPECT("[abcd]", "[%.*s]", 4, raw);
	}
	tend();

	tbegin("snprintf_null_string");
	EXPECT("(null)", "%s", (char *) NULL);
	EXPECT("[  (null)]", "[%8s]", (char *) NULL);
	EXPECT("[(null)  ]", "[%-8s]", (char *) NULL);
	EXPECT("(null) 5", "%s %d", (char *) NULL, 5);
	tend();
}

/*------------------------------------------------------------------------
 *  test_chars  -  %c and %%
 *------------------------------------------------------------------------
 */
static	void	test_chars(void)
{
	tbegin("snprintf_char");
	SAME("%c", 'A');
	SAME("[%5c]", 'A');
	SAME("[%-5c]", 'z');
	SAME("%c%c%c", 'a', 'b', 'c');
	SAME("a%cb", 0);
	SAME("%c", 0xe9);
	SAME("%c", 'A' + 256);
	tend();

	tbegin("snprintf_percent");
	SAME("100%%");
	SAME("%%d %d%%", 5);
	SAME("%%%%%%");
	SAME("%%%s%%", "x");
	tend();
}

/*------------------------------------------------------------------------
 *  test_mixed  -  Several conversions and literal text together
 *------------------------------------------------------------------------
 */
static	void	test_mixed(void)
{
	tbegin("snprintf_mixed");
	EXPECT("", "");
	SAME("plain text, no conversions");
	SAME("x=%d y=%s z=%c w=%8.3lx %%", -5, "yes", 'Q', 0xbeefUL);
	SAME("%s:%d: %s %u/%u (%3d%%)", "file.c", 123, "read", 5u, 10u, 50);
	SAME("pid %4d  state %-8s prio %3u  stack 0x%08x", 12, "READY",
			20u, 0xfeed00u);
	SAME("%lld|%llu|%d|%s|%lx|%c", -1LL, 2ULL, 3, "four", 5UL, '6');
	SAME("[%300d]", 1);
	SAME("[%-300d]", -1);
	SAME("[%.300d]", 12);
	tend();
}

/*------------------------------------------------------------------------
 *  test_pointer  -  %p is always 0x and (at least) 8 hex digits
 *------------------------------------------------------------------------
 */
static	void	test_pointer(void)
{
	tbegin("snprintf_pointer");
	EXPECT("0x00001234", "%p", (void *) 0x1234);
	EXPECT("0x00000000", "%p", (void *) 0);
	EXPECT("0xdeadbeef", "%p", (void *) 0xdeadbeefUL);
	EXPECT("0x0000abcd", "%.2p", (void *) 0xabcd);
	EXPECT("[  0x0000abcd]", "[%12p]", (void *) 0xabcd);
	EXPECT("[0x0000abcd  ]", "[%-12p]", (void *) 0xabcd);
	EXPECT("[  0x0000abcd]", "[%012p]", (void *) 0xabcd);
	EXPECT("0x00000010 7", "%p %d", (void *) 16, 7);
	tend();
}

/*------------------------------------------------------------------------
 *  test_badstr  -  A %s pointer the kernel says it cannot read prints
 *		    "(bad address 0x...)" and reads nothing; a precision
 *		    bounds what is asked about; with no check set (before
 *		    paging) every string is read
 *------------------------------------------------------------------------
 */
static	void	test_badstr(void)
{
	char	want[64];

	tbegin("snprintf_bad_string_pointer");
	TCHECKF(xl_strokfn == NULL, "strokfn is set before the kernel sets it");
	EXPECT("[unreadable] 7", "[%s] %d", badstr, 7);
	xl_strokfn = kstrok;
	snprintf(want, sizeof want, "[(bad address 0x%lx)] 7",
		 (unsigned long)(uintptr_t)badstr);
	EXPECT(want, "[%s] %d", badstr, 7);
	TCHECKF(strokmax == ~0U, "no precision: max %u", strokmax);
	EXPECT(want, "[%-30.4s] %d", badstr, 7);
	TCHECKF(strokmax == 4, "precision 4: max %u", strokmax);
	EXPECT("[  abc]", "[%5s]", "abc");
	EXPECT("[(null)]", "[%s]", (char *)NULL);
	xl_strokfn = NULL;
	tend();
}

/*------------------------------------------------------------------------
 *  test_unknown  -  An unknown conversion prints itself, uses no argument
 *------------------------------------------------------------------------
 */
static	void	test_unknown(void)
{
	tbegin("snprintf_unknown_conversion");
	EXPECT("%q", "%q");
	EXPECT("a%qb7", "a%qb%d", 7);
	EXPECT("[%-5q]", "[%-5q]");
	EXPECT("%lq %hhk", "%lq %hhk");
	EXPECT("%hhh", "%hhh");
	EXPECT("%f 3", "%f %d", 3);
	EXPECT("50%", "50%");
	EXPECT("%", "%");
	EXPECT("x%-5", "x%-5");
	EXPECT("%ll", "%ll");
	tend();
}

/*------------------------------------------------------------------------
 *  test_truncation  -  snprintf with every size from 0 to past the end
 *------------------------------------------------------------------------
 */
static	void	test_truncation(void)
{
	const char *fmt = "hello %d %s!";
	char	want[64], got[64];
	int	wn, gn, size, i, full;

	tbegin("snprintf_truncation");
	full = snprintf(NULL, 0, fmt, -12345, "world");
	gn = xl_snprintf(NULL, 0, fmt, -12345, "world");
	TCHECKF(gn == full, "size 0, NULL buffer: want %d, got %d", full, gn);
	for (size = 0; size <= full + 3; size++) {
		memset(want, 0x7e, sizeof want);
		memset(got, 0x7e, sizeof got);
		wn = snprintf(want, size, fmt, -12345, "world");
		gn = xl_snprintf(got, size, fmt, -12345, "world");
		TCHECKF(wn == gn, "size %d: want return %d, got %d", size, wn,
				gn);
		TCHECKF(memcmp(want, got, sizeof want) == 0,
			"size %d: want buffer \"%s\", got \"%s\"", size,
			esc(want, size + 2), esc(got, size + 2));
		for (i = size; i < (int) sizeof got; i++) {
			if (got[i] != 0x7e) {
				tfail("size %d: byte %d was overwritten",
						size, i);
				break;
			}
		}
	}
	tend();
}

/*------------------------------------------------------------------------
 *  vcall  -  Call lib's vsnprintf (or vsprintf if size is 0) with a
 *		  va_list, as a kernel wrapper would
 *------------------------------------------------------------------------
 */
static	int	vcall(char *buf, size_t size, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	if (size == 0) {
		n = xl_vsprintf(buf, fmt, ap);
	} else {
		n = xl_vsnprintf(buf, size, fmt, ap);
	}
	va_end(ap);
	return n;
}

/*------------------------------------------------------------------------
 *  test_sprintf_family  -  sprintf, vsprintf and vsnprintf
 *------------------------------------------------------------------------
 */
static	void	test_sprintf_family(void)
{
	char	want[2048], got[2048];
	int	wn, gn;
	volatile size_t small = 6;	/* hides the truncation from gcc */

	tbegin("sprintf");
	memset(got, 0x7e, sizeof got);
	wn = sprintf(want, "%s=%-6d|%05x|%lld", "key", -77, 0x1fu, -5LL);
	gn = xl_sprintf(got, "%s=%-6d|%05x|%lld", "key", -77, 0x1fu, -5LL);
	TCHECKF(wn == gn && strcmp(want, got) == 0,
		"want \"%s\" (%d), got \"%s\" (%d)", want, wn, got, gn);
	TCHECKF(got[gn + 1] == 0x7e, "wrote past the NUL");
	wn = sprintf(want, "[%1500d]", 9);
	gn = xl_sprintf(got, "[%1500d]", 9);
	TCHECKF(wn == gn && strcmp(want, got) == 0,
		"long output: want length %d, got %d", wn, gn);
	tend();

	tbegin("vsprintf_vsnprintf");
	wn = sprintf(want, "%d-%s-%c", 1, "two", '3');
	gn = vcall(got, 0, "%d-%s-%c", 1, "two", '3');
	TCHECKF(wn == gn && strcmp(want, got) == 0,
		"vsprintf: want \"%s\" (%d), got \"%s\" (%d)", want, wn, got,
		gn);
	wn = snprintf(want, small, "%d-%s-%c", 1, "two", '3');
	gn = vcall(got, small, "%d-%s-%c", 1, "two", '3');
	TCHECKF(wn == gn && strcmp(want, got) == 0,
		"vsnprintf: want \"%s\" (%d), got \"%s\" (%d)", want, wn, got,
		gn);
	tend();
}

/* Output collected by a test emit function for fmtout */
struct	collect {
	char	buf[256];
	int	calls;
};

/*------------------------------------------------------------------------
 *  collectemit  -  fmtout emit function: append c to a struct collect
 *------------------------------------------------------------------------
 */
static	void	collectemit(char c, void *arg)
{
	struct	collect	*col = arg;

	if (col->calls < (int) sizeof col->buf) {
		col->buf[col->calls] = c;
	}
	col->calls++;
}

/*------------------------------------------------------------------------
 *  fmtcall  -  Run lib's fmtout with collectemit
 *------------------------------------------------------------------------
 */
static	int	fmtcall(struct collect *col, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	memset(col, 0, sizeof *col);
	va_start(ap, fmt);
	n = xl_fmtout(collectemit, col, fmt, ap);
	va_end(ap);
	return n;
}

/*------------------------------------------------------------------------
 *  test_fmtout  -  The engine itself: one emit per character, a count
 *------------------------------------------------------------------------
 */
static	void	test_fmtout(void)
{
	struct	collect	col;
	int	n;

	tbegin("fmtout_emit");
	n = fmtcall(&col, "<%5d|%-3s|%c>", 42, "ab", 0);
	TCHECKF(n == 13 && col.calls == 13
			&& memcmp(col.buf, "<   42|ab |\0>", 13) == 0,
		"want \"<   42|ab |\\x00>\" (13 emits, returns 13), got "
		"\"%s\" (%d emits, returns %d)", esc(col.buf, col.calls),
		col.calls, n);
	n = fmtcall(&col, "");
	TCHECKF(n == 0 && col.calls == 0, "empty format: %d emits, returns %d",
			col.calls, n);
	tend();
}

/*------------------------------------------------------------------------
 *  String functions
 *------------------------------------------------------------------------
 */

/*------------------------------------------------------------------------
 *  sign  -  Return -1, 0 or 1 for a comparison result
 *------------------------------------------------------------------------
 */
static	int	sign(int v)
{
	return (v > 0) - (v < 0);
}

/*------------------------------------------------------------------------
 *  test_strlen  -  strlen and strnlen
 *------------------------------------------------------------------------
 */
static	void	test_strlen(void)
{
	static const char *strs[] = { "", "a", "hello", "with\0inner NUL",
			"\x80\xff high" };
	char	raw[5] = { 'a', 'b', 'c', 'd', 'e' };
	size_t	i, max;

	tbegin("strlen");
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		TCHECKF(xl_strlen(strs[i]) == strlen(strs[i]),
			"strlen(\"%s\"): want %zu, got %zu", strs[i],
			strlen(strs[i]), xl_strlen(strs[i]));
	}
	tend();

	tbegin("strnlen");
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		for (max = 0; max < 8; max++) {
			TCHECKF(xl_strnlen(strs[i], max) ==
					strnlen(strs[i], max),
				"strnlen(\"%s\", %zu): want %zu, got %zu",
				strs[i], max, strnlen(strs[i], max),
				xl_strnlen(strs[i], max));
		}
	}
	TCHECKF(xl_strnlen(raw, 5) == 5, "strnlen of unterminated: want 5, "
			"got %zu", xl_strnlen(raw, 5));
	TCHECKF(xl_strnlen(raw, 3) == 3, "strnlen(raw, 3): want 3, got %zu",
			xl_strnlen(raw, 3));
	tend();
}

/*------------------------------------------------------------------------
 *  test_strcpy  -  strcpy and strncpy: results, returns, bounds
 *------------------------------------------------------------------------
 */
static	void	test_strcpy(void)
{
	static const char *srcs[] = { "", "x", "hello", "sixteen chars!!!" };
	char	want[32], got[32];
	char	*r;
	size_t	i, n;

	tbegin("strcpy");
	for (i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
		memset(want, 0x7e, sizeof want);
		memset(got, 0x7e, sizeof got);
		strcpy(want + 1, srcs[i]);
		r = xl_strcpy(got + 1, srcs[i]);
		TCHECKF(r == got + 1, "strcpy(\"%s\") returned %p, not dst",
				srcs[i], (void *) r);
		TCHECKF(memcmp(want, got, sizeof want) == 0,
			"strcpy(\"%s\"): buffer \"%s\", want \"%s\"", srcs[i],
			esc(got, 24), esc(want, 24));
	}
	tend();

	tbegin("strncpy");
	for (i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
		for (n = 0; n < 20; n++) {
			memset(want, 0x7e, sizeof want);
			memset(got, 0x7e, sizeof got);
			strncpy(want + 1, srcs[i], n);
			r = xl_strncpy(got + 1, srcs[i], n);
			TCHECKF(r == got + 1, "strncpy(\"%s\", %zu) returned "
					"%p, not dst", srcs[i], n, (void *) r);
			TCHECKF(memcmp(want, got, sizeof want) == 0,
				"strncpy(\"%s\", %zu): buffer \"%s\", want "
				"\"%s\"", srcs[i], n, esc(got, 24),
				esc(want, 24));
		}
	}
	tend();
}

/*------------------------------------------------------------------------
 *  test_strcat  -  strcat and strncat: results, returns, bounds
 *------------------------------------------------------------------------
 */
static	void	test_strcat(void)
{
	static const char *dsts[] = { "", "abc" };
	static const char *srcs[] = { "", "x", "hello" };
	char	want[32], got[32];
	char	*r;
	size_t	d, s, n;

	tbegin("strcat");
	for (d = 0; d < 2; d++) {
		for (s = 0; s < sizeof srcs / sizeof srcs[0]; s++) {
			memset(want, 0x7e, sizeof want);
			memset(got, 0x7e, sizeof got);
			strcpy(want, dsts[d]);
			strcpy(got, dsts[d]);
			strcat(want, srcs[s]);
			r = xl_strcat(got, srcs[s]);
			TCHECKF(r == got, "strcat returned %p, not dst",
					(void *) r);
			TCHECKF(memcmp(want, got, sizeof want) == 0,
				"strcat(\"%s\", \"%s\"): buffer \"%s\", want "
				"\"%s\"", dsts[d], srcs[s], esc(got, 16),
				esc(want, 16));
		}
	}
	tend();

	tbegin("strncat");
	for (d = 0; d < 2; d++) {
		for (s = 0; s < sizeof srcs / sizeof srcs[0]; s++) {
			for (n = 0; n < 8; n++) {
				memset(want, 0x7e, sizeof want);
				memset(got, 0x7e, sizeof got);
				strcpy(want, dsts[d]);
				strcpy(got, dsts[d]);
				strncat(want, srcs[s], n);
				r = xl_strncat(got, srcs[s], n);
				TCHECKF(r == got, "strncat returned %p, not dst",
						(void *) r);
				TCHECKF(memcmp(want, got, sizeof want) == 0,
					"strncat(\"%s\", \"%s\", %zu): buffer "
					"\"%s\", want \"%s\"", dsts[d],
					srcs[s], n, esc(got, 16),
					esc(want, 16));
			}
		}
	}
	tend();
}

/*------------------------------------------------------------------------
 *  test_strcmp  -  strcmp and strncmp signs, bytes compared unsigned
 *------------------------------------------------------------------------
 */
static	void	test_strcmp(void)
{
	static const char *strs[] = { "", "a", "b", "ab", "abc", "abd",
			"abcd", "ABC", "\x80", "\x7f", "\xff", "a\x80" };
	size_t	i, j, n;
	int	w, g;

	tbegin("strcmp");
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		for (j = 0; j < sizeof strs / sizeof strs[0]; j++) {
			w = sign(strcmp(strs[i], strs[j]));
			g = sign(xl_strcmp(strs[i], strs[j]));
			TCHECKF(w == g, "strcmp(\"%s\", \"%s\"): want sign %d, "
				"got %d", esc(strs[i], strlen(strs[i])),
				esc(strs[j], strlen(strs[j])), w, g);
		}
	}
	tend();

	tbegin("strncmp");
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		for (j = 0; j < sizeof strs / sizeof strs[0]; j++) {
			for (n = 0; n < 6; n++) {
				w = sign(strncmp(strs[i], strs[j], n));
				g = sign(xl_strncmp(strs[i], strs[j], n));
				TCHECKF(w == g, "strncmp(\"%s\", \"%s\", %zu): "
					"want sign %d, got %d",
					esc(strs[i], strlen(strs[i])),
					esc(strs[j], strlen(strs[j])), n, w,
					g);
			}
		}
	}
	tend();
}

/*------------------------------------------------------------------------
 *  test_strchr  -  strchr and strrchr: found, absent, NUL, int values
 *------------------------------------------------------------------------
 */
static	void	test_strchr(void)
{
	static const char *strs[] = { "", "a", "hello", "abcabc", "\xe9t\xe9" };
	static const int chars[] = { 'a', 'l', 'c', 'z', 'h', '\0', 'o',
			0xe9, (char) 0xe9, 'l' + 256, 't' };
	size_t	i, j;
	char	*w, *g;

	tbegin("strchr");
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		for (j = 0; j < sizeof chars / sizeof chars[0]; j++) {
			w = strchr(strs[i], chars[j]);
			g = xl_strchr(strs[i], chars[j]);
			TCHECKF(w == g, "strchr(\"%s\", %d): want offset %td, "
				"got %td", esc(strs[i], strlen(strs[i])),
				chars[j], w ? w - strs[i] : -1,
				g ? g - strs[i] : -1);
		}
	}
	tend();

	tbegin("strrchr");
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		for (j = 0; j < sizeof chars / sizeof chars[0]; j++) {
			w = strrchr(strs[i], chars[j]);
			g = xl_strrchr(strs[i], chars[j]);
			TCHECKF(w == g, "strrchr(\"%s\", %d): want offset %td, "
				"got %td", esc(strs[i], strlen(strs[i])),
				chars[j], w ? w - strs[i] : -1,
				g ? g - strs[i] : -1);
		}
	}
	tend();
}

/*------------------------------------------------------------------------
 *  test_strstr  -  strstr: empty needle, partial matches, absent
 *------------------------------------------------------------------------
 */
static	void	test_strstr(void)
{
	static const char *hays[] = { "", "a", "aaab", "hello world",
			"abababc", "needle" };
	static const char *needles[] = { "", "a", "aab", "ab", "abc",
			"world", "hello world!", "needle", "o w", "zz", "d",
			"ababc" };
	size_t	i, j;
	char	*w, *g;

	tbegin("strstr");
	for (i = 0; i < sizeof hays / sizeof hays[0]; i++) {
		for (j = 0; j < sizeof needles / sizeof needles[0]; j++) {
			w = strstr(hays[i], needles[j]);
			g = xl_strstr(hays[i], needles[j]);
			TCHECKF(w == g, "strstr(\"%s\", \"%s\"): want offset "
				"%td, got %td", hays[i], needles[j],
				w ? w - hays[i] : -1, g ? g - hays[i] : -1);
		}
	}
	tend();
}

/*------------------------------------------------------------------------
 *  test_strspn  -  strspn and strcspn, empty strings and sets
 *------------------------------------------------------------------------
 */
static	void	test_strspn(void)
{
	static const char *strs[] = { "", "abc", "aabbcc--", "  \tx y",
			"xyz" };
	static const char *sets[] = { "", "a", "ab", "abc", " \t", "zyx",
			"-" };
	size_t	i, j, w, g;

	tbegin("strspn");
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		for (j = 0; j < sizeof sets / sizeof sets[0]; j++) {
			w = strspn(strs[i], sets[j]);
			g = xl_strspn(strs[i], sets[j]);
			TCHECKF(w == g, "strspn(\"%s\", \"%s\"): want %zu, got "
				"%zu", strs[i], sets[j], w, g);
		}
	}
	tend();

	tbegin("strcspn");
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		for (j = 0; j < sizeof sets / sizeof sets[0]; j++) {
			w = strcspn(strs[i], sets[j]);
			g = xl_strcspn(strs[i], sets[j]);
			TCHECKF(w == g, "strcspn(\"%s\", \"%s\"): want %zu, got "
				"%zu", strs[i], sets[j], w, g);
		}
	}
	tend();
}

/*------------------------------------------------------------------------
 *  Memory functions
 *------------------------------------------------------------------------
 */

/*------------------------------------------------------------------------
 *  fillpattern  -  Fill a buffer with distinct, recognizable bytes
 *------------------------------------------------------------------------
 */
static	void	fillpattern(unsigned char *buf, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		buf[i] = (unsigned char) (i * 7 + 1);
	}
}

/*------------------------------------------------------------------------
 *  test_memcpy  -  memcpy at every offset and length, bounds kept
 *------------------------------------------------------------------------
 */
static	void	test_memcpy(void)
{
	unsigned char src[80], want[80], got[80];
	size_t	soff, doff, n;
	void	*r;

	fillpattern(src, sizeof src);
	tbegin("memcpy");
	for (soff = 0; soff < 8; soff++)
	for (doff = 0; doff < 8; doff++)
	for (n = 0; n <= 64; n++) {
		memset(want, 0xee, sizeof want);
		memset(got, 0xee, sizeof got);
		memcpy(want + doff, src + soff, n);
		r = xl_memcpy(got + doff, src + soff, n);
		TCHECKF(r == got + doff, "memcpy returned %p, not dst", r);
		TCHECKF(memcmp(want, got, sizeof want) == 0,
			"memcpy(dst+%zu, src+%zu, %zu): buffers differ",
			doff, soff, n);
	}
	tend();
}

/*------------------------------------------------------------------------
 *  test_memmove  -  memmove overlapping in both directions
 *------------------------------------------------------------------------
 */
static	void	test_memmove(void)
{
	unsigned char want[64], got[64];
	size_t	soff, doff, n;
	void	*r;

	tbegin("memmove_overlap");
	for (soff = 0; soff < 24; soff++)
	for (doff = 0; doff < 24; doff++)
	for (n = 0; n <= 40; n++) {
		fillpattern(want, sizeof want);
		fillpattern(got, sizeof got);
		memmove(want + doff, want + soff, n);
		r = xl_memmove(got + doff, got + soff, n);
		TCHECKF(r == got + doff, "memmove returned %p, not dst", r);
		TCHECKF(memcmp(want, got, sizeof want) == 0,
			"memmove(buf+%zu, buf+%zu, %zu) (%s): buffers differ",
			doff, soff, n, doff > soff ? "dst above src"
			: doff < soff ? "dst below src" : "same place");
	}
	tend();
}

/*------------------------------------------------------------------------
 *  test_memset  -  memset: value truncated to a byte, bounds kept
 *------------------------------------------------------------------------
 */
static	void	test_memset(void)
{
	static const int vals[] = { 0, 0x5a, 0xff, 0x1ab, -1, -256 };
	unsigned char want[48], got[48];
	size_t	v, off, n;
	void	*r;

	tbegin("memset");
	for (v = 0; v < sizeof vals / sizeof vals[0]; v++)
	for (off = 0; off < 4; off++)
	for (n = 0; n <= 40; n++) {
		fillpattern(want, sizeof want);
		fillpattern(got, sizeof got);
		memset(want + off, vals[v], n);
		r = xl_memset(got + off, vals[v], n);
		TCHECKF(r == got + off, "memset returned %p, not s", r);
		TCHECKF(memcmp(want, got, sizeof want) == 0,
			"memset(buf+%zu, %d, %zu): buffers differ", off,
			vals[v], n);
	}
	tend();
}

/*------------------------------------------------------------------------
 *  test_memcmp  -  memcmp signs, bytes unsigned, n bounds the compare
 *------------------------------------------------------------------------
 */
static	void	test_memcmp(void)
{
	static const char *strs[] = { "abcdef", "abcdeg", "abcxef", "\x80xx",
			"\x01xx", "ab\0de", "ab\0dx", "zzzzzz" };
	size_t	i, j, n;
	int	w, g;

	tbegin("memcmp");
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++)
	for (j = 0; j < sizeof strs / sizeof strs[0]; j++)
	for (n = 0; n <= 4; n++) {
		w = sign(memcmp(strs[i], strs[j], n));
		g = sign(xl_memcmp(strs[i], strs[j], n));
		TCHECKF(w == g, "memcmp(\"%s\", \"%s\", %zu): want sign %d, "
			"got %d", esc(strs[i], 6), esc(strs[j], 6), n, w, g);
	}
	w = sign(xl_memcmp("ab\0dx", "ab\0de", 5));
	TCHECKF(w > 0, "memcmp must look past a NUL: got sign %d", w);
	tend();
}

/*------------------------------------------------------------------------
 *  test_memchr  -  memchr: found, absent, beyond n, NUL, int values
 *------------------------------------------------------------------------
 */
static	void	test_memchr(void)
{
	static const char buf[] = "abc\0def\xe9gh";
	static const int chars[] = { 'a', 'c', '\0', 'd', 'h', 'z', 0xe9,
			(char) 0xe9, 'd' + 512 };
	size_t	j, n;
	const char *w, *g;

	tbegin("memchr");
	for (j = 0; j < sizeof chars / sizeof chars[0]; j++) {
		for (n = 0; n <= sizeof buf; n++) {
			w = memchr(buf, chars[j], n);
			g = xl_memchr(buf, chars[j], n);
			TCHECKF(w == g, "memchr(buf, %d, %zu): want offset %td, "
				"got %td", chars[j], n, w ? w - buf : -1,
				g ? g - buf : -1);
		}
	}
	tend();
}

/*------------------------------------------------------------------------
 *  stdlib: strtol, strtoul, atoi, atol, abs, labs
 *------------------------------------------------------------------------
 */
static	const char *numtexts[] = {
	"0", "123", "-123", "+123", "  42abc", "\t\n\v\f\r -7", "0x1f",
	"0X1F", "0x", "0xg", "-0x", "017", "08", "-0x10", "z", "Zz", "",
	"   ", "-", "+", "- 5", "+-5", "1010", "777", "ffff", "ZZZ",
	"0b101", "00", "0x0", "2147483647", "2147483648", "-2147483648",
	"-2147483649", "4294967295", "4294967296", "9223372036854775807",
	"9223372036854775808", "-9223372036854775808",
	"-9223372036854775809", "18446744073709551615",
	"18446744073709551616", "-18446744073709551615",
	"-18446744073709551616", "99999999999999999999999999",
	"-99999999999999999999999999", "0xffffffffffffffff",
	"0x10000000000000000", "1777777777777777777777",
	"zzzzzzzzzzzzzz", "12 34"
};
static	const int numbases[] = { 0, 2, 8, 10, 16, 36 };

/*------------------------------------------------------------------------
 *  test_strtol  -  strtol against the host: value and end pointer
 *------------------------------------------------------------------------
 */
static	void	test_strtol(void)
{
	size_t	t, b;
	char	*wend, *gend;
	long	w, g;

	tbegin("strtol");
	for (t = 0; t < sizeof numtexts / sizeof numtexts[0]; t++) {
		for (b = 0; b < sizeof numbases / sizeof numbases[0]; b++) {
			w = strtol(numtexts[t], &wend, numbases[b]);
			g = xl_strtol(numtexts[t], &gend, numbases[b]);
			TCHECKF(w == g && wend == gend, "strtol(\"%s\", %d): "
				"want %ld end +%td, got %ld end +%td",
				esc(numtexts[t], strlen(numtexts[t])),
				numbases[b], w, wend - numtexts[t], g,
				gend - numtexts[t]);
			g = xl_strtol(numtexts[t], NULL, numbases[b]);
			TCHECKF(w == g, "strtol(\"%s\", NULL, %d): want %ld, "
				"got %ld", numtexts[t], numbases[b], w, g);
		}
	}
	tend();

	tbegin("strtoul");
	for (t = 0; t < sizeof numtexts / sizeof numtexts[0]; t++) {
		unsigned long uw, ug;

		for (b = 0; b < sizeof numbases / sizeof numbases[0]; b++) {
			uw = strtoul(numtexts[t], &wend, numbases[b]);
			ug = xl_strtoul(numtexts[t], &gend, numbases[b]);
			TCHECKF(uw == ug && wend == gend, "strtoul(\"%s\", %d): "
				"want %lu end +%td, got %lu end +%td",
				esc(numtexts[t], strlen(numtexts[t])),
				numbases[b], uw, wend - numtexts[t], ug,
				gend - numtexts[t]);
		}
	}
	tend();

	tbegin("strtol_bad_base");
	{
		static const int bad[] = { -1, 1, 37, 100 };
		const char *s = "123";

		for (b = 0; b < sizeof bad / sizeof bad[0]; b++) {
			gend = NULL;
			g = xl_strtol(s, &gend, bad[b]);
			TCHECKF(g == 0 && gend == s, "strtol(\"123\", %d): want "
				"0 end +0, got %ld end %p", bad[b], g,
				(void *) gend);
			gend = NULL;
			g = (long) xl_strtoul(s, &gend, bad[b]);
			TCHECKF(g == 0 && gend == s, "strtoul(\"123\", %d): "
				"want 0 end +0, got %ld end %p", bad[b], g,
				(void *) gend);
		}
	}
	tend();
}

/*------------------------------------------------------------------------
 *  test_strtonum  -  whole decimal words in a range, overflow refused
 *------------------------------------------------------------------------
 */
static	void	test_strtonum(void)
{
	static const struct {
		const char *text;
		long	min, max;
		long	want;
		const char *err;	/* NULL: accepted		*/
	} cases[] = {
		{ "0", 0, 10, 0, NULL },
		{ "10", 0, 10, 10, NULL },
		{ "-5", -10, 10, -5, NULL },
		{ "+7", 0, 10, 7, NULL },
		{ "2147483647", 0, 2147483647L, 2147483647L, NULL },
		{ "-2147483648", -2147483647L - 1, 0, -2147483647L - 1, NULL },
		{ "11", 0, 10, 0, "too large" },
		{ "-1", 0, 10, 0, "too small" },
		{ "0", 1, 16384, 0, "too small" },
		{ "999999", 1, 16384, 0, "too large" },
		{ "2147483648", 0, 2147483647L, 0, "too large" },
		{ "99999999999", 1, 2147483647L, 0, "too large" },
		{ "99999999999999999999999999", 0, 10, 0, "too large" },
		{ "-99999999999999999999999999", 0, 10, 0, "too small" },
		{ "", 0, 10, 0, "invalid" },
		{ " 5", 0, 10, 0, "invalid" },
		{ "5 ", 0, 10, 0, "invalid" },
		{ "abc", 0, 10, 0, "invalid" },
		{ "5x", 0, 10, 0, "invalid" },
		{ "0x10", 0, 100, 0, "invalid" },
		{ "-", 0, 10, 0, "invalid" },
		{ "+", 0, 10, 0, "invalid" },
		{ "5", 10, 0, 0, "invalid" },
	};
	const char *err;
	size_t	i;
	long	v;

	tbegin("strtonum");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err = "untouched";
		v = xl_strtonum(cases[i].text, cases[i].min, cases[i].max,
				&err);
		TCHECKF(v == cases[i].want && (err == NULL) ==
			(cases[i].err == NULL) && (err == NULL ||
			strcmp(err, cases[i].err) == 0),
			"strtonum(\"%s\", %ld, %ld): want %ld %s, got %ld %s",
			cases[i].text, cases[i].min, cases[i].max,
			cases[i].want, cases[i].err ? cases[i].err : "(ok)",
			v, err ? err : "(ok)");
	}
	tend();
}

/*------------------------------------------------------------------------
 *  test_atoi  -  atoi, atol, abs and labs
 *------------------------------------------------------------------------
 */
static	void	test_atoi(void)
{
	static const char *texts[] = { "42", "  -17x", "", "abc", "+9",
			"2147483647", "-2147483648", "0x10", "007" };
	size_t	t;

	tbegin("atoi_atol");
	for (t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		TCHECKF(atoi(texts[t]) == xl_atoi(texts[t]),
			"atoi(\"%s\"): want %d, got %d", texts[t],
			atoi(texts[t]), xl_atoi(texts[t]));
		TCHECKF(atol(texts[t]) == xl_atol(texts[t]),
			"atol(\"%s\"): want %ld, got %ld", texts[t],
			atol(texts[t]), xl_atol(texts[t]));
	}
	TCHECKF(xl_atol("-9223372036854775807") == -LONG_MAX,
		"atol(\"-9223372036854775807\"): got %ld",
		xl_atol("-9223372036854775807"));
	tend();

	tbegin("abs_labs");
	TCHECKF(xl_abs(0) == 0, "abs(0): got %d", xl_abs(0));
	TCHECKF(xl_abs(-5) == 5, "abs(-5): got %d", xl_abs(-5));
	TCHECKF(xl_abs(5) == 5, "abs(5): got %d", xl_abs(5));
	TCHECKF(xl_abs(-INT_MAX) == INT_MAX, "abs(-INT_MAX): got %d",
		xl_abs(-INT_MAX));
	TCHECKF(xl_labs(-LONG_MAX) == LONG_MAX, "labs(-LONG_MAX): got %ld",
		xl_labs(-LONG_MAX));
	TCHECKF(xl_labs(-3L) == 3L, "labs(-3): got %ld", xl_labs(-3L));
	TCHECKF(xl_labs(7L) == 7L, "labs(7): got %ld", xl_labs(7L));
	tend();
}

/*------------------------------------------------------------------------
 *  qsort
 *------------------------------------------------------------------------
 */
static	size_t	qs_size;		/* element size being sorted	*/
static	const unsigned char *qs_lo;	/* array under test, for the	*/
static	const unsigned char *qs_hi;	/*   comparator's bound check	*/
static	int	qs_stray;		/* comparator got a bad pointer	*/
static	long	qs_calls;		/* comparator calls		*/

/*------------------------------------------------------------------------
 *  qs_cmpbytes  -  Compare whole elements as bytes; note pointers that
 *		      are not elements of the array under test
 *------------------------------------------------------------------------
 */
static	int	qs_cmpbytes(const void *a, const void *b)
{
	const unsigned char *pa = a, *pb = b;

	qs_calls++;
	if (qs_lo != NULL && (pa < qs_lo || pa >= qs_hi || pb < qs_lo
			|| pb >= qs_hi || (pa - qs_lo) % qs_size != 0
			|| (pb - qs_lo) % qs_size != 0)) {
		qs_stray = 1;
	}
	return memcmp(a, b, qs_size);
}

/*------------------------------------------------------------------------
 *  qs_fill  -  Fill n elements with one of several input patterns
 *------------------------------------------------------------------------
 */
static	void	qs_fill(unsigned char *a, size_t n, size_t size, int pattern)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < size; j++) {
			switch (pattern) {
			case 0:		/* random bytes			*/
				a[i * size + j] = rand();
				break;
			case 1:		/* few distinct values		*/
				a[i * size + j] = rand() % 3;
				break;
			case 2:		/* all equal			*/
				a[i * size + j] = 0x55;
				break;
			case 3:		/* ascending			*/
				a[i * size + j] = (j == size - 1) ? i % 256
					: (j == size - 2) ? i / 256 : 0;
				break;
			default:	/* descending			*/
				a[i * size + j] = (j == size - 1)
					? 255 - i % 256
					: (j == size - 2) ? 255 - i / 256 : 0;
				break;
			}
		}
	}
}

/*------------------------------------------------------------------------
 *  test_qsort_sizes  -  Many sizes, lengths and patterns: the result
 *			   must equal the host's sort of the same input
 *			   (sorted and a permutation of the input)
 *------------------------------------------------------------------------
 */
static	void	test_qsort_sizes(void)
{
	static const size_t sizes[] = { 1, 2, 3, 4, 8, 12, 24, 100 };
	static const size_t counts[] = { 0, 1, 2, 3, 5, 10, 100, 1000, 3000 };
	static const char *patterns[] = { "random", "few values",
			"all equal", "ascending", "descending" };
	unsigned char *want, *got;
	size_t	s, c, i, size, n;
	int	p;
	char	name[64];

	want = malloc(100 * 3000);
	got = malloc(100 * 3000);
	srand(1);
	for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		size = sizes[s];
		snprintf(name, sizeof name, "qsort_size_%zu", size);
		tbegin(name);
		for (c = 0; c < sizeof counts / sizeof counts[0]; c++)
		for (p = 0; p < 5; p++) {
			n = counts[c];
			qs_fill(want, n, size, p);
			memcpy(got, want, n * size);
			qs_size = size;
			qs_lo = NULL;
			qsort(want, n, size, qs_cmpbytes);
			qs_lo = got;
			qs_hi = got + n * size;
			qs_stray = 0;
			xl_qsort(got, n, size, qs_cmpbytes);
			TCHECKF(!qs_stray, "%zu %s elements: comparator got a "
				"pointer that is not an element", n,
				patterns[p]);
			for (i = 1; i < n; i++) {
				if (memcmp(got + (i - 1) * size,
						got + i * size, size) > 0) {
					tfail("%zu %s elements: out of "
						"order at %zu", n, patterns[p],
						i);
					break;
				}
			}
			TCHECKF(memcmp(want, got, n * size) == 0, "%zu %s "
				"elements: result is not a permutation of the "
				"input", n, patterns[p]);
		}
		tend();
	}
	free(want);
	free(got);
}

/* An element sorted on key alone; tag records where it started */
struct	qs_item {
	int	key;
	int	tag;
};

/*------------------------------------------------------------------------
 *  qs_cmpkey  -  Compare qs_items by key only
 *------------------------------------------------------------------------
 */
static	int	qs_cmpkey(const void *a, const void *b)
{
	const struct qs_item *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

/*------------------------------------------------------------------------
 *  test_qsort_permutation  -  With many equal keys, every original
 *				 element must appear exactly once
 *------------------------------------------------------------------------
 */
static	void	test_qsort_permutation(void)
{
	enum	{ N = 2000 };
	static	struct qs_item items[N];
	static	int	keys[N];
	static	char	seen[N];
	int	i;

	tbegin("qsort_permutation");
	srand(7);
	for (i = 0; i < N; i++) {
		keys[i] = rand() % 10 - 5;
		items[i].key = keys[i];
		items[i].tag = i;
		seen[i] = 0;
	}
	xl_qsort(items, N, sizeof items[0], qs_cmpkey);
	for (i = 0; i < N; i++) {
		if (i > 0 && items[i - 1].key > items[i].key) {
			tfail("out of order at %d: %d > %d", i,
				items[i - 1].key, items[i].key);
		}
		if (items[i].tag < 0 || items[i].tag >= N
				|| seen[items[i].tag]++) {
			tfail("element %d (tag %d) is a duplicate or "
				"corrupt", i, items[i].tag);
		} else if (keys[items[i].tag] != items[i].key) {
			tfail("element %d: key %d was %d at the start", i,
				items[i].key, keys[items[i].tag]);
		}
	}
	tend();
}

/*------------------------------------------------------------------------
 *  test_qsort_cost  -  No quadratic inputs: comparisons stay O(n log n)
 *------------------------------------------------------------------------
 */
static	void	test_qsort_cost(void)
{
	enum	{ N = 20000 };
	static	unsigned char a[N * 4];
	long	limit = 4L * N * 15;	/* 4 n log2(n), log2(20000)<15	*/
	int	p;

	tbegin("qsort_nlogn");
	srand(3);
	for (p = 0; p < 5; p++) {
		qs_fill(a, N, 4, p);
		qs_size = 4;
		qs_lo = NULL;
		qs_calls = 0;
		xl_qsort(a, N, 4, qs_cmpbytes);
		TCHECKF(qs_calls <= limit, "%d elements, pattern %d: %ld "
			"comparisons, want at most %ld", N, p, qs_calls,
			limit);
	}
	tend();
}

/*------------------------------------------------------------------------
 *  rand and srand
 *------------------------------------------------------------------------
 */

/*------------------------------------------------------------------------
 *  test_rand  -  Default seed, reproducibility, range and spread
 *------------------------------------------------------------------------
 */
static	void	test_rand(void)
{
	enum	{ N = 1000, SPREAD = 160000 };
	static	int	seq[N];
	int	buckets[16] = { 0 };
	int	i, v, diff, odd;

	/* Must run before any other call of xl_srand */
	tbegin("rand_default_seed_is_1");
	for (i = 0; i < N; i++) {
		seq[i] = xl_rand();
	}
	xl_srand(1);
	for (i = 0; i < N; i++) {
		v = xl_rand();
		if (v != seq[i]) {
			tfail("value %d: %d before any srand, %d after "
				"srand(1)", i, seq[i], v);
			break;
		}
	}
	tend();

	tbegin("rand_reproducible");
	xl_srand(12345);
	for (i = 0; i < N; i++) {
		seq[i] = xl_rand();
	}
	xl_srand(99);
	xl_rand();
	xl_srand(12345);
	for (i = 0; i < N; i++) {
		v = xl_rand();
		if (v != seq[i]) {
			tfail("value %d after srand(12345): first %d, then "
				"%d", i, seq[i], v);
			break;
		}
	}
	xl_srand(12346);
	for (diff = 0, i = 0; i < N; i++) {
		diff += xl_rand() != seq[i];
	}
	TCHECKF(diff > N / 2, "seeds 12345 and 12346: only %d of %d values "
		"differ", diff, N);
	tend();

	tbegin("rand_range_spread");
	xl_srand(0);
	odd = 0;
	for (i = 0; i < SPREAD; i++) {
		v = xl_rand();
		if (v < 0 || v > XL_RAND_MAX) {
			tfail("value %d out of range: %d", i, v);
			break;
		}
		buckets[v * 16 / (XL_RAND_MAX + 1)]++;
		odd += v & 1;
	}
	for (i = 0; i < 16; i++) {
		TCHECKF(buckets[i] > SPREAD / 16 * 9 / 10
				&& buckets[i] < SPREAD / 16 * 11 / 10,
			"bucket %d of 16 holds %d of %d values", i,
			buckets[i], SPREAD);
	}
	TCHECKF(odd > SPREAD * 45 / 100 && odd < SPREAD * 55 / 100,
		"%d of %d values are odd", odd, SPREAD);
	tend();
}

/*------------------------------------------------------------------------
 *  ctype
 *------------------------------------------------------------------------
 */

/*------------------------------------------------------------------------
 *  test_ctype  -  Every class function and case mapping against the
 *		     host's "C" locale for EOF and 0..255
 *------------------------------------------------------------------------
 */
static	void	test_ctype(void)
{
	static const struct {
		const char *name;
		int	(*host)(int);
		int	(*lib)(int);
		int	truth;		/* compare truth, not values	*/
	} fns[] = {
		{ "isalpha", isalpha, xl_isalpha, 1 },
		{ "isdigit", isdigit, xl_isdigit, 1 },
		{ "isalnum", isalnum, xl_isalnum, 1 },
		{ "isspace", isspace, xl_isspace, 1 },
		{ "isupper", isupper, xl_isupper, 1 },
		{ "islower", islower, xl_islower, 1 },
		{ "isxdigit", isxdigit, xl_isxdigit, 1 },
		{ "isprint", isprint, xl_isprint, 1 },
		{ "ispunct", ispunct, xl_ispunct, 1 },
		{ "iscntrl", iscntrl, xl_iscntrl, 1 },
		{ "toupper", toupper, xl_toupper, 0 },
		{ "tolower", tolower, xl_tolower, 0 }
	};
	char	name[32];
	size_t	f;
	int	c, w, g;

	for (f = 0; f < sizeof fns / sizeof fns[0]; f++) {
		snprintf(name, sizeof name, "ctype_%s", fns[f].name);
		tbegin(name);
		for (c = -1; c <= 255; c++) {
			w = fns[f].host(c);
			g = fns[f].lib(c);
			if (fns[f].truth) {
				w = w != 0;
				g = g != 0;
			}
			TCHECKF(w == g, "%s(%d): want %d, got %d", fns[f].name,
				c, w, g);
		}
		/* lib's EOF is Xinu's -2, which is in no class either */
		g = fns[f].lib(XL_EOF);
		TCHECKF(g == (fns[f].truth ? 0 : XL_EOF), "%s(EOF=-2): got %d",
				fns[f].name, g);
		tend();
	}
}

/*------------------------------------------------------------------------
 *  main  -  Run every test case; exit 1 if any failed
 *------------------------------------------------------------------------
 */
int	main(void)
{
	test_rand();		/* first: it checks the initial seed	*/
	test_grid();
	test_int_extremes();
	test_star();
	test_strings();
	test_chars();
	test_mixed();
	test_pointer();
	test_badstr();
	test_unknown();
	test_truncation();
	test_sprintf_family();
	test_fmtout();
	test_strlen();
	test_strcpy();
	test_strcat();
	test_strcmp();
	test_strchr();
	test_strstr();
	test_strspn();
	test_memcpy();
	test_memmove();
	test_memset();
	test_memcmp();
	test_memchr();
	test_strtol();
	test_strtonum();
	test_atoi();
	test_qsort_sizes();
	test_qsort_permutation();
	test_qsort_cost();
	test_ctype();
	return tdone();
}
