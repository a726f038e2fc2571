/* parse.c - cfg_read, cfg_parse_text, cfg_free: read a Configuration file */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"

/*
 * A Configuration file has three parts separated by lines that hold
 * only "%%".  Parts 1 and 2 are split into tokens (words, ':' and the
 * separators), each tagged with its line number; comments and white
 * space only separate tokens.  Line breaks matter in a few places:
 * "TYPE:", "on BUS", "NAME is TYPE on BUS" and each flag with its value
 * must sit on one line, so that a missing piece is reported on the line
 * where it is missing rather than swallowing the next line.  Part 3 is
 * not tokenized: it is kept as raw text for conf.h.
 */

enum	tokkind	{ T_WORD, T_COLON, T_SEP, T_EOF };

struct	token	{
	enum	tokkind	kind;
	const char *s;			/* start of the text, in the file */
	size_t	len;
	int	line;
};

struct	parser	{
	struct	config	*cfg;
	struct	token	*tok;		/* tokens of parts 1 and 2	*/
	int	ntok;
	int	cap;
	int	pos;			/* next token to consume	*/
};

/* The flags a type's bus group or a device may give */
static	const struct	{
	const char *name;
	int	which;			/* an enum cfgfunc value	*/
} flags[] = {
	{ "-i",    CF_INIT  }, { "-o",    CF_OPEN  }, { "-c",    CF_CLOSE },
	{ "-r",    CF_READ  }, { "-w",    CF_WRITE }, { "-s",    CF_SEEK  },
	{ "-g",    CF_GETC  }, { "-p",    CF_PUTC  }, { "-n",    CF_CNTL  },
	{ "-intr", CF_INTR  }, { "-csr",  CF_CSR   }, { "csr",   CF_CSR   },
	{ "-irq",  CF_IRQ   },
};
#define	NFLAGS	(int)(sizeof(flags) / sizeof(flags[0]))
#define	FLAGLIST "-i -o -c -r -w -s -g -p -n -intr -csr -irq"

/* Words a device name may not be: C keywords and names conf.h defines */
static	const char *const reserved[] = {
	"auto", "break", "case", "char", "const", "continue", "default",
	"do", "double", "else", "enum", "extern", "float", "for", "goto",
	"if", "inline", "int", "long", "register", "restrict", "return",
	"short", "signed", "sizeof", "static", "struct", "switch",
	"typedef", "union", "unsigned", "void", "volatile", "while",
	"_Bool", "_Complex", "_Imaginary", "_Alignas", "_Alignof",
	"_Atomic", "_Generic", "_Noreturn", "_Static_assert",
	"_Thread_local", "NDEVS", "devtab", "dentry", "_CONF_H_",
};
#define	NRESERVED	(int)(sizeof(reserved) / sizeof(reserved[0]))

/*------------------------------------------------------------------------
 *  xrealloc  -  grow an allocation, giving up the whole run if out of memory
 *------------------------------------------------------------------------
 */
static	void	*xrealloc(void *old, size_t size)
{
	void	*p = realloc(old, size);

	if (p == NULL) {
		/* Nothing has been written yet, so stopping is safe */
		fprintf(stderr, "xconfig: out of memory\n");
		exit(1);
	}
	return p;
}

/*------------------------------------------------------------------------
 *  error  -  record an error message and its line; returns -1
 *------------------------------------------------------------------------
 */
static	int	error(struct parser *p, int line, const char *fmt, ...)
{
	va_list	ap;

	p->cfg->errline = line;
	va_start(ap, fmt);
	vsnprintf(p->cfg->errmsg, sizeof(p->cfg->errmsg), fmt, ap);
	va_end(ap);
	return -1;
}

/*------------------------------------------------------------------------
 *  show  -  describe a token for an error message ("'tty'", "end of file")
 *------------------------------------------------------------------------
 */
static	const char *show(const struct token *t)
{
	/* A few rotating buffers let one message show several tokens */
	static	char	buf[4][64];
	static	int	next;
	char	*b = buf[next];

	next = (next + 1) % 4;
	switch (t->kind) {
	case T_EOF:
		return "end of file";
	case T_SEP:
		return "'%%'";
	case T_COLON:
		return "':'";
	default:
		/* Lines may be any length; keep the message readable */
		if (t->len > 40) {
			snprintf(b, sizeof(buf[0]), "'%.37s...'", t->s);
		} else {
			snprintf(b, sizeof(buf[0]), "'%.*s'", (int)t->len,
					t->s);
		}
		return b;
	}
}

/*------------------------------------------------------------------------
 *  showafter  -  describe what follows token prev, seen from prev's line
 *------------------------------------------------------------------------
 */
static	const char *showafter(const struct token *prev, const struct token *t)
{
	if (t->kind != T_EOF && t->line != prev->line) {
		return "end of line";
	}
	return show(t);
}

/*------------------------------------------------------------------------
 *  isword  -  is t the word w?
 *------------------------------------------------------------------------
 */
static	int	isword(const struct token *t, const char *w)
{
	return t->kind == T_WORD && t->len == strlen(w)
			&& memcmp(t->s, w, t->len) == 0;
}

/*------------------------------------------------------------------------
 *  isflag  -  does t introduce a setting (a word "-..." or "csr")?
 *------------------------------------------------------------------------
 */
static	int	isflag(const struct token *t)
{
	return t->kind == T_WORD && (t->s[0] == '-' || isword(t, "csr"));
}

/*------------------------------------------------------------------------
 *  isvalue  -  can t be the name or number that follows prev on its line?
 *------------------------------------------------------------------------
 */
static	int	isvalue(const struct token *prev, const struct token *t)
{
	/* A flag or keyword here means the value was left out */
	return t->kind == T_WORD && t->line == prev->line && !isflag(t)
			&& !isword(t, "on") && !isword(t, "is");
}

/*------------------------------------------------------------------------
 *  peek  -  the next token, not consumed
 *------------------------------------------------------------------------
 */
static	struct	token	*peek(struct parser *p)
{
	return &p->tok[p->pos];
}

/*------------------------------------------------------------------------
 *  next  -  consume the next token (the final T_EOF is never passed)
 *------------------------------------------------------------------------
 */
static	struct	token	*next(struct parser *p)
{
	struct	token	*t = &p->tok[p->pos];

	if (t->kind != T_EOF) {
		p->pos++;
	}
	return t;
}

/*------------------------------------------------------------------------
 *  addtok  -  append a token to the parser's token array
 *------------------------------------------------------------------------
 */
static	void	addtok(struct parser *p, enum tokkind kind, const char *s,
			size_t len, int line)
{
	struct	token	*t;

	if (p->ntok == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->tok = xrealloc(p->tok, p->cap * sizeof(struct token));
	}
	t = &p->tok[p->ntok++];
	t->kind = kind;
	t->s = s;
	t->len = len;
	t->line = line;
}

/*------------------------------------------------------------------------
 *  tokenize  -  split parts 1 and 2 into tokens and locate part 3
 *------------------------------------------------------------------------
 */
static	int	tokenize(struct parser *p)
{
	struct	config	*cfg = p->cfg;
	const char *s = cfg->text;
	const char *end = s + cfg->textlen;
	int	line = 1;
	int	lastline = 0;		/* last line holding a token or	*/
					/*   comment: "%%" must be alone */
	int	nsep = 0;
	int	start;			/* line where a comment begins	*/
	const char *w;

	for (;;) {
		while (s < end && isspace((unsigned char)*s)) {
			if (*s++ == '\n') {
				line++;
			}
		}
		if (s >= end) {
			break;
		}

		/* A comment, possibly spanning lines */
		if (s[0] == '/' && s + 1 < end && s[1] == '*') {
			start = line;
			for (s += 2; s < end; s++) {
				if (s[0] == '*' && s + 1 < end && s[1] == '/') {
					break;
				}
				if (*s == '\n') {
					line++;
				}
			}
			if (s >= end) {
				return error(p, start, "expected '*/' to end "
					"the comment begun here, found end "
					"of file");
			}
			s += 2;
			lastline = line;
			continue;
		}

		/* A separator: "%%" alone on its line */
		if (s[0] == '%' && s + 1 < end && s[1] == '%') {
			for (w = s + 2; w < end && *w != '\n'
					&& isspace((unsigned char)*w); w++) {
				;
			}
			if (lastline == line || (w < end && *w != '\n')) {
				return error(p, line, "expected '%%%%' alone "
					"on its line, found other text "
					"beside it");
			}
			addtok(p, T_SEP, s, 2, line);
			if (w < end) {
				s = w + 1;	/* past the newline	*/
				line++;
			} else {
				s = w;
			}
			if (++nsep == 2) {
				/* The rest is part 3, copied verbatim */
				cfg->part3 = s;
				cfg->part3len = end - s;
				break;
			}
			lastline = 0;
			continue;
		}

		if (*s == ':') {
			addtok(p, T_COLON, s, 1, line);
			s++;
			lastline = line;
			continue;
		}

		/* A word runs to white space, ':' or a comment */
		for (w = s; w < end && !isspace((unsigned char)*w) && *w != ':'
				&& !(w[0] == '/' && w + 1 < end && w[1] == '*');
				w++) {
			;
		}
		addtok(p, T_WORD, s, w - s, line);
		s = w;
		lastline = line;
	}

	/* End of file is reported on the last line, not the one after */
	if (nsep < 2 && line > 1 && cfg->textlen > 0
			&& cfg->text[cfg->textlen - 1] == '\n') {
		line--;
	}
	addtok(p, T_EOF, end, 0, line);
	return 0;
}

/*------------------------------------------------------------------------
 *  getname  -  check that word t is a C identifier that fits; copy it
 *------------------------------------------------------------------------
 */
static	int	getname(struct parser *p, const struct token *t,
			const char *what, char *name)
{
	size_t	i;
	int	ok = isalpha((unsigned char)t->s[0]) || t->s[0] == '_';

	for (i = 1; ok && i < t->len; i++) {
		ok = isalnum((unsigned char)t->s[i]) || t->s[i] == '_';
	}
	if (!ok) {
		return error(p, t->line, "expected a %s that is a C "
			"identifier, found %s", what, show(t));
	}
	if (t->len > CFG_NAMELEN) {
		return error(p, t->line, "expected a %s of at most %d "
			"characters, found %s (%zu characters)", what,
			CFG_NAMELEN, show(t), t->len);
	}
	memcpy(name, t->s, t->len);
	name[t->len] = '\0';
	return 0;
}

/*------------------------------------------------------------------------
 *  getnumber  -  convert word t (decimal or 0x hex, 32 bits) to a value
 *------------------------------------------------------------------------
 */
static	int	getnumber(struct parser *p, const struct token *flag,
			const struct token *t, uint32_t *value)
{
	size_t	i = 0;
	unsigned base = 10;
	unsigned digit;
	uint64_t v = 0;

	if (t->len > 2 && t->s[0] == '0' && (t->s[1] == 'x' || t->s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	for (; i < t->len; i++) {
		unsigned char c = t->s[i];

		if (isdigit(c)) {
			digit = c - '0';
		} else if (base == 16 && isxdigit(c)) {
			digit = tolower(c) - 'a' + 10;
		} else {
			return error(p, t->line, "expected a number (decimal "
				"or 0x hex) after %s, found %s", show(flag),
				show(t));
		}
		v = v * base + digit;
		if (v > 0xFFFFFFFFu) {
			return error(p, t->line, "expected a number that "
				"fits in 32 bits after %s, found %s",
				show(flag), show(t));
		}
	}
	*value = (uint32_t)v;
	return 0;
}

/*------------------------------------------------------------------------
 *  defaults  -  fill a setting group with the values of unset flags
 *------------------------------------------------------------------------
 */
static	void	defaults(struct cfgset *set)
{
	int	i;

	for (i = 0; i < CF_NFUNCS; i++) {
		strcpy(set->func[i], "ioerr");
	}
	set->func[CF_INTR][0] = '\0';	/* no interrupt handler: NULL	*/
	set->csr = 0;
	set->irq = 0;
	set->given = 0;
}

/*------------------------------------------------------------------------
 *  parsesetting  -  parse one flag and its value into a setting group
 *------------------------------------------------------------------------
 */
static	int	parsesetting(struct parser *p, struct cfgset *set,
			const char *owner)
{
	struct	token	*f = next(p);
	struct	token	*v;
	int	i, which = -1;

	for (i = 0; i < NFLAGS; i++) {
		if (isword(f, flags[i].name)) {
			which = flags[i].which;
		}
	}
	if (which < 0) {
		return error(p, f->line, "expected a flag (one of "
			FLAGLIST "), found unknown flag %s", show(f));
	}

	v = peek(p);
	if (!isvalue(f, v)) {
		return error(p, f->line, "expected %s after %s, found %s",
			which < CF_NFUNCS ? "a function name" : "a number",
			show(f), showafter(f, v));
	}
	next(p);
	if (set->given & (1u << which)) {
		return error(p, f->line, "expected each flag at most once "
			"for %s, found %s again", owner, show(f));
	}
	set->given |= 1u << which;

	if (which == CF_CSR) {
		return getnumber(p, f, v, &set->csr);
	} else if (which == CF_IRQ) {
		return getnumber(p, f, v, &set->irq);
	}
	return getname(p, v, "function name", set->func[which]);
}

/*------------------------------------------------------------------------
 *  parsebus  -  parse "on BUS" and the flags that follow it
 *------------------------------------------------------------------------
 */
static	int	parsebus(struct parser *p, struct cfgtype *type)
{
	struct	token	*on = next(p);
	struct	token	*b = peek(p);
	struct	cfgbus	*bus;
	char	name[CFG_NAMELEN + 1];
	char	owner[2 * CFG_NAMELEN + 16];
	int	i;

	if (!isvalue(on, b)) {
		return error(p, on->line, "expected a bus name after 'on' "
			"in type '%s', found %s", type->name,
			showafter(on, b));
	}
	next(p);
	if (getname(p, b, "bus name", name) < 0) {
		return -1;
	}
	for (i = 0; i < type->nbus; i++) {
		if (strcmp(type->bus[i].name, name) == 0) {
			return error(p, b->line, "expected a bus not yet "
				"listed for type '%s', found '%s' (already "
				"at line %d)", type->name, name,
				type->bus[i].line);
		}
	}

	type->bus = xrealloc(type->bus, (type->nbus + 1) * sizeof(*bus));
	bus = &type->bus[type->nbus++];
	strcpy(bus->name, name);
	bus->line = on->line;
	defaults(&bus->set);

	snprintf(owner, sizeof(owner), "type '%s' on '%s'", type->name, name);
	while (isflag(peek(p))) {
		if (parsesetting(p, &bus->set, owner) < 0) {
			return -1;
		}
	}
	return 0;
}

/*------------------------------------------------------------------------
 *  parsetype  -  parse "TYPE:" and its "on BUS" groups (part 1)
 *------------------------------------------------------------------------
 */
static	int	parsetype(struct parser *p)
{
	struct	config	*cfg = p->cfg;
	struct	token	*t = next(p);
	struct	token	*c;
	struct	cfgtype	*type;
	char	name[CFG_NAMELEN + 1];
	int	i;

	if (t->kind != T_WORD || isflag(t) || isword(t, "on")) {
		return error(p, t->line, "expected a type name, found %s",
			show(t));
	}
	if (getname(p, t, "type name", name) < 0) {
		return -1;
	}
	c = peek(p);
	if (c->kind != T_COLON || c->line != t->line) {
		/* "NAME is ..." here means part 2 began without its "%%" */
		return error(p, t->line, "expected ':' after type name '%s', "
			"found %s%s", name, showafter(t, c),
			isword(c, "is") && c->line == t->line ?
			" (is the '%%' before the devices missing?)" : "");
	}
	next(p);
	for (i = 0; i < cfg->ntypes; i++) {
		if (strcmp(cfg->types[i].name, name) == 0) {
			return error(p, t->line, "expected a type name not "
				"yet defined, found '%s' (already defined at "
				"line %d)", name, cfg->types[i].line);
		}
	}

	cfg->types = xrealloc(cfg->types, (cfg->ntypes + 1) * sizeof(*type));
	type = &cfg->types[cfg->ntypes++];
	memset(type, 0, sizeof(*type));
	strcpy(type->name, name);
	type->line = t->line;

	if (!isword(peek(p), "on")) {
		return error(p, peek(p)->line, "expected 'on BUS' after "
			"'%s:', found %s", name, show(peek(p)));
	}
	while (isword(peek(p), "on")) {
		if (parsebus(p, type) < 0) {
			return -1;
		}
	}
	return 0;
}

/*------------------------------------------------------------------------
 *  reservedname  -  would a device with this name clash in conf.h?
 *------------------------------------------------------------------------
 */
static	int	reservedname(const struct config *cfg, const char *name)
{
	int	i;

	for (i = 0; i < NRESERVED; i++) {
		if (strcmp(reserved[i], name) == 0) {
			return 1;
		}
	}
	/* conf.h also defines N<type> for each type */
	for (i = 0; i < cfg->ntypes; i++) {
		if (name[0] == 'N' && strcmp(cfg->types[i].name, name + 1) == 0) {
			return 1;
		}
	}
	return 0;
}

/*------------------------------------------------------------------------
 *  findtype  -  index of the type named by word t, or -1
 *------------------------------------------------------------------------
 */
static	int	findtype(const struct config *cfg, const struct token *t)
{
	int	i;

	for (i = 0; i < cfg->ntypes; i++) {
		if (isword(t, cfg->types[i].name)) {
			return i;
		}
	}
	return -1;
}

/*------------------------------------------------------------------------
 *  buslist  -  write "uart, pci" (the buses of a type) into buf
 *------------------------------------------------------------------------
 */
static	const char *buslist(const struct cfgtype *type, char *buf, size_t size)
{
	size_t	n = 0;
	int	i;

	buf[0] = '\0';
	for (i = 0; i < type->nbus && n < size; i++) {
		n += snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
				type->bus[i].name);
	}
	return buf;
}

/*------------------------------------------------------------------------
 *  parsedevice  -  parse "NAME is TYPE on BUS" and its overrides (part 2)
 *------------------------------------------------------------------------
 */
static	int	parsedevice(struct parser *p)
{
	struct	config	*cfg = p->cfg;
	struct	token	*n = next(p);
	struct	token	*is, *ty, *on, *b;
	struct	cfgtype	*type;
	struct	cfgdev	*dev;
	char	name[CFG_NAMELEN + 1];
	char	owner[CFG_NAMELEN + 16];
	char	buses[128];
	int	i, ti, bi;

	if (n->kind != T_WORD || isflag(n) || isword(n, "on")
			|| isword(n, "is")) {
		return error(p, n->line, "expected a device name, found %s",
			show(n));
	}
	if (n->s[0] == '#') {
		/* Most likely part 3 began without its "%%" */
		return error(p, n->line, "expected a device name or '%%%%', "
			"found %s (is the '%%%%' before part 3 missing?)",
			show(n));
	}
	if (getname(p, n, "device name", name) < 0) {
		return -1;
	}
	if (reservedname(cfg, name)) {
		return error(p, n->line, "expected a device name that is "
			"not a C keyword or a name conf.h defines, found "
			"'%s'", name);
	}
	for (i = 0; i < cfg->ndevs; i++) {
		if (strcmp(cfg->devs[i].name, name) == 0) {
			return error(p, n->line, "expected a device name not "
				"yet used, found '%s' (already used at line "
				"%d)", name, cfg->devs[i].line);
		}
	}

	is = peek(p);
	if (!isword(is, "is") || is->line != n->line) {
		return error(p, n->line, "expected 'is' after device name "
			"'%s', found %s", name, showafter(n, is));
	}
	next(p);
	ty = peek(p);
	if (!isvalue(is, ty)) {
		return error(p, n->line, "expected a type name after 'is', "
			"found %s", showafter(is, ty));
	}
	next(p);
	if ((ti = findtype(cfg, ty)) < 0) {
		return error(p, n->line, "expected a device type defined in "
			"part 1, found %s", show(ty));
	}
	type = &cfg->types[ti];
	on = peek(p);
	if (!isword(on, "on") || on->line != n->line) {
		return error(p, n->line, "expected 'on' after type name "
			"'%s', found %s", type->name, showafter(ty, on));
	}
	next(p);
	b = peek(p);
	if (!isvalue(on, b)) {
		return error(p, n->line, "expected a bus name after 'on', "
			"found %s", showafter(on, b));
	}
	next(p);
	for (bi = 0; bi < type->nbus; bi++) {
		if (isword(b, type->bus[bi].name)) {
			break;
		}
	}
	if (bi == type->nbus) {
		return error(p, n->line, "expected a bus that type '%s' is "
			"defined on (%s), found %s", type->name,
			buslist(type, buses, sizeof(buses)), show(b));
	}

	cfg->devs = xrealloc(cfg->devs, (cfg->ndevs + 1) * sizeof(*dev));
	dev = &cfg->devs[cfg->ndevs++];
	strcpy(dev->name, name);
	dev->line = n->line;
	dev->type = ti;
	dev->bus = bi;
	dev->minor = type->ndev++;

	/* Start from the bus defaults; flags given here override them */
	dev->set = type->bus[bi].set;
	dev->set.given = 0;
	snprintf(owner, sizeof(owner), "device '%s'", name);
	while (isflag(peek(p))) {
		if (parsesetting(p, &dev->set, owner) < 0) {
			return -1;
		}
	}
	return 0;
}

/*------------------------------------------------------------------------
 *  parse  -  parse the tokens of parts 1 and 2
 *------------------------------------------------------------------------
 */
static	int	parse(struct parser *p)
{
	struct	token	*t;

	/* Part 1: device types, up to the first "%%" */
	for (;;) {
		t = peek(p);
		if (t->kind == T_SEP) {
			next(p);
			break;
		}
		if (t->kind == T_EOF) {
			return error(p, t->line, "expected '%%%%' to end part "
				"1 (device types), found end of file");
		}
		if (parsetype(p) < 0) {
			return -1;
		}
	}

	/* Part 2: devices, up to the second "%%" */
	for (;;) {
		t = peek(p);
		if (t->kind == T_SEP) {
			break;
		}
		if (t->kind == T_EOF) {
			return error(p, t->line, "expected '%%%%' to end part "
				"2 (devices), found end of file");
		}
		if (parsedevice(p) < 0) {
			return -1;
		}
	}
	if (p->cfg->ndevs == 0) {
		return error(p, t->line, "expected at least one device in "
			"part 2, found '%%%%'");
	}
	return 0;
}

/*------------------------------------------------------------------------
 *  cfg_parse_text  -  parse Configuration text; path is used in messages
 *------------------------------------------------------------------------
 */
int	cfg_parse_text(struct config *cfg, const char *path, const char *text,
		size_t len)
{
	struct	parser	p;
	int	rc;

	memset(cfg, 0, sizeof(*cfg));
	cfg->path = path;
	cfg->text = xrealloc(NULL, len + 1);
	memcpy(cfg->text, text, len);
	cfg->text[len] = '\0';
	cfg->textlen = len;
	cfg->part3 = cfg->text + len;

	memset(&p, 0, sizeof(p));
	p.cfg = cfg;
	rc = tokenize(&p);
	if (rc == 0) {
		rc = parse(&p);
	}
	free(p.tok);
	return rc;
}

/*------------------------------------------------------------------------
 *  cfg_read  -  read and parse a Configuration file
 *------------------------------------------------------------------------
 */
int	cfg_read(struct config *cfg, const char *path)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	len = 0, cap = 0, n;
	int	rc;

	memset(cfg, 0, sizeof(*cfg));
	cfg->path = path;
	if ((f = fopen(path, "rb")) == NULL) {
		snprintf(cfg->errmsg, sizeof(cfg->errmsg), "cannot open: %s",
			strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 8192;
			buf = xrealloc(buf, cap);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		snprintf(cfg->errmsg, sizeof(cfg->errmsg), "cannot read: %s",
			strerror(errno));
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);

	rc = cfg_parse_text(cfg, path, buf ? buf : "", len);
	free(buf);
	return rc;
}

/*------------------------------------------------------------------------
 *  cfg_free  -  release what cfg_read or cfg_parse_text allocated
 *------------------------------------------------------------------------
 */
void	cfg_free(struct config *cfg)
{
	int	i;

	for (i = 0; i < cfg->ntypes; i++) {
		free(cfg->types[i].bus);
	}
	free(cfg->types);
	free(cfg->devs);
	free(cfg->text);
	cfg->types = NULL;
	cfg->devs = NULL;
	cfg->text = NULL;
	cfg->ntypes = cfg->ndevs = 0;
}
