/* test_config.c - host tests for config/: the parser, the generator, xconfig */

#define	_POSIX_C_SOURCE	200809L		/* mkdtemp, fork, chdir		*/

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "config.h"
#include "hunit.h"

/*
 * The tests run from the top of the tree (the program changes there
 * from its own location, compile/host/), so the paths below and the
 * file names inside generated headers are the ones the build uses.
 * Each case prints one line, "ok NAME" or "FAIL NAME: why".
 */

#define	XCONFIG	"compile/host/xconfig"
#define	TESTDIR	"test/host/config/"
#define	STALE	"/* stale conf.h: must survive a failed run */\n"

static	char	work[64];		/* scratch directory		*/
static	char	outh[128], outc[128];	/* outputs inside work		*/

/*------------------------------------------------------------------------
 *  result  -  print one case's line: ok if why is NULL, else FAIL
 *------------------------------------------------------------------------
 */
static	void	result(const char *name, const char *why)
{
	tbegin(name);
	if (why != NULL) {
		tfail("%s", why);
	}
	tend();
}

/*------------------------------------------------------------------------
 *  why  -  format a failure reason into a static buffer
 *------------------------------------------------------------------------
 */
static	const char *why(const char *fmt, ...)
{
	static	char	buf[1024];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return buf;
}

/*------------------------------------------------------------------------
 *  readfile  -  the whole contents of a file, NUL-terminated, or NULL
 *------------------------------------------------------------------------
 */
static	char	*readfile(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	len;

	if (f == NULL) {
		return NULL;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc(len + 1);
	if (buf == NULL || fread(buf, 1, len, f) != (size_t)len) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/*------------------------------------------------------------------------
 *  writefile  -  replace a file's contents with a string; 0 on success
 *------------------------------------------------------------------------
 */
static	int	writefile(const char *path, const char *text)
{
	FILE	*f = fopen(path, "wb");

	if (f == NULL) {
		return -1;
	}
	fputs(text, f);
	return fclose(f);
}

/*------------------------------------------------------------------------
 *  exists  -  does a path exist?
 *------------------------------------------------------------------------
 */
static	int	exists(const char *path)
{
	struct	stat	sb;

	return stat(path, &sb) == 0;
}

/*------------------------------------------------------------------------
 *  clearwork  -  remove every file in the scratch directory
 *------------------------------------------------------------------------
 */
static	void	clearwork(void)
{
	DIR	*d = opendir(work);
	struct	dirent	*e;
	char	path[512];

	if (d == NULL) {
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", work, e->d_name);
			unlink(path);
		}
	}
	closedir(d);
}

/*------------------------------------------------------------------------
 *  countwork  -  number of files in the scratch directory (temps show up)
 *------------------------------------------------------------------------
 */
static	int	countwork(void)
{
	DIR	*d = opendir(work);
	struct	dirent	*e;
	int	n = 0;

	if (d == NULL) {
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.') {
			n++;
		}
	}
	closedir(d);
	return n;
}

/*------------------------------------------------------------------------
 *  runx  -  run xconfig on input; returns its exit status, stderr in err
 *------------------------------------------------------------------------
 */
static	int	runx(const char *input, char **err)
{
	char	errpath[128];
	pid_t	pid;
	int	st, fd;

	snprintf(errpath, sizeof(errpath), "%s/stderr", work);
	pid = fork();
	if (pid < 0) {
		return -1;
	}
	if (pid == 0) {
		fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0) {
			_exit(127);
		}
		dup2(fd, 2);
		close(fd);
		execl(XCONFIG, XCONFIG, input, outh, outc, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st)) {
		return -1;
	}
	*err = readfile(errpath);
	unlink(errpath);
	return WEXITSTATUS(st);
}

/*------------------------------------------------------------------------
 *  has  -  does text contain needle?  (NULL text never does)
 *------------------------------------------------------------------------
 */
static	int	has(const char *text, const char *needle)
{
	return text != NULL && strstr(text, needle) != NULL;
}

/*------------------------------------------------------------------------
 *  gen  -  run a generator into memory; the text, or NULL on failure
 *------------------------------------------------------------------------
 */
static	char	*gen(const struct config *cfg,
			int (*writer)(const struct config *, FILE *))
{
	FILE	*f = tmpfile();
	char	*buf;
	long	len;

	if (f == NULL || writer(cfg, f) != 0) {
		return NULL;
	}
	len = ftell(f);
	rewind(f);
	buf = malloc(len + 1);
	if (buf == NULL || fread(buf, 1, len, f) != (size_t)len) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/*------------------------------------------------------------------------
 *  test_shipped  -  xconfig on config/Configuration makes the spec's files
 *------------------------------------------------------------------------
 */
static	void	test_shipped(void)
{
	char	*err = NULL, *h, *c;
	int	rc;

	clearwork();
	rc = runx("config/Configuration", &err);
	h = readfile(outh);
	c = readfile(outc);
	if (rc != 0 || h == NULL || c == NULL) {
		result("shipped_runs", why("exit %d, stderr: %s", rc,
			err ? err : "(none)"));
	} else if (err != NULL && err[0] != '\0') {
		result("shipped_runs", why("unexpected stderr: %s", err));
	} else {
		result("shipped_runs", NULL);
	}

	result("shipped_header", has(h, "/* conf.h - generated by config/ "
		"from config/Configuration; do not edit */\n\n#ifndef "
		"_CONF_H_\n#define _CONF_H_\n\n/* Device switch table entry "
		"*/\nstruct\tdentry\t{\n\tint32\tdvnum;") &&
		has(h, "\tuint32\tdvirq;\t\t\t/* IRQ line\t\t\t*/\n};\n\n"
		"extern\tstruct\tdentry\tdevtab[];")
		? NULL : "conf.h does not start with the header and dentry");
	result("shipped_devnums", has(h, "/* Device names */\n"
		"#define\tCONSOLE\t\t0\t/* type tty\t*/\n"
		"#define\tNULLDEV\t\t1\t/* type null\t*/\n"
		"#define\tETHER0\t\t2\t/* type eth\t*/\n"
		"#define\tDISK0\t\t3\t/* type ata\t*/\n\n")
		? NULL : "CONSOLE 0, NULLDEV 1, ETHER0 2, DISK0 3 not defined "
		"as expected");
	result("shipped_counts", has(h, "/* Number of devices of each type */\n"
		"#define\tNtty\t\t1\n#define\tNata\t\t1\n"
		"#define\tNnull\t\t1\n#define\tNeth\t\t1\n\n"
		"#define\tNDEVS\t\t4\n")
		? NULL : "Ntty, Nata, Nnull, Neth or NDEVS not as expected");
	result("shipped_part3", has(h, "(verbatim from Configuration) */\n"
		"#define\tNPROC\t\t100\t/* number of process table entries\t*/\n"
		"#define\tNSEM\t\t100\t/* number of semaphores\t\t\t*/\n"
		"#define\tNPORTS\t\t30\t/* number of ports\t\t\t*/\n"
		"#define\tCLKFREQ\t\t1000\t/* clock interrupts per second\t\t*/\n"
		"\n#endif\n") && h[strlen(h) - 7] == '#'
		? NULL : "part 3 not copied verbatim before the final #endif");
	result("shipped_console_entry", has(c,
		"#include <xinu.h>\n") && has(c,
		"struct\tdentry\tdevtab[NDEVS] = {\n"
		"\t/* CONSOLE is tty on uart */\n"
		"\t{ 0, 0, \"CONSOLE\",\n"
		"\t  (void *)ttyinit, (void *)ionull, (void *)ionull,\n"
		"\t  (void *)ttyread, (void *)ttywrite, (void *)ioerr,\n"
		"\t  (void *)ttygetc, (void *)ttyputc, (void *)ttycontrol,\n"
		"\t  (void *)0x3f8, (void *)ttyhandler, 4 },\n")
		? NULL : "conf.c CONSOLE entry differs from the spec");
	result("shipped_nulldev_entry", has(c,
		"\t/* NULLDEV is null on nothing */\n"
		"\t{ 1, 0, \"NULLDEV\",\n"
		"\t  (void *)ionull, (void *)ionull, (void *)ionull,\n"
		"\t  (void *)ionull, (void *)ionull, (void *)ioerr,\n"
		"\t  (void *)ionull, (void *)ionull, (void *)ionull,\n"
		"\t  (void *)0x0, (void *)0, 0 },\n")
		? NULL : "conf.c NULLDEV entry differs from the spec");
	result("shipped_ether0_entry", has(c,
		"\t/* ETHER0 is eth on pci */\n"
		"\t{ 2, 0, \"ETHER0\",\n"
		"\t  (void *)ethinit, (void *)ionull, (void *)ionull,\n"
		"\t  (void *)ethread, (void *)ethwrite, (void *)ioerr,\n"
		"\t  (void *)ioerr, (void *)ioerr, (void *)ethcontrol,\n"
		"\t  (void *)0x0, (void *)ethhandler, 0 },\n")
		? NULL : "conf.c ETHER0 entry differs from the spec");
	result("shipped_disk0_entry", has(c,
		"\t/* DISK0 is ata on ide */\n"
		"\t{ 3, 0, \"DISK0\",\n"
		"\t  (void *)atainit, (void *)ataopen, (void *)ionull,\n"
		"\t  (void *)ataread, (void *)atawrite, (void *)ioerr,\n"
		"\t  (void *)ioerr, (void *)ioerr, (void *)atacontrol,\n"
		"\t  (void *)0x1f0, (void *)atahandler, 14 },\n};\n")
		? NULL : "conf.c DISK0 entry differs from the spec");
	result("shipped_no_temps", countwork() == 2
		? NULL : why("%d files left in %s, expected 2", countwork(),
		work));
	free(err);
	free(h);
	free(c);
}

/*------------------------------------------------------------------------
 *  test_golden  -  good.conf generates exactly the expected files
 *------------------------------------------------------------------------
 */
static	void	test_golden(void)
{
	char	*err = NULL, *h, *c, *eh, *ec;
	int	rc;

	/* An old output is replaced on success */
	clearwork();
	writefile(outh, STALE);
	rc = runx(TESTDIR "good.conf", &err);
	h = readfile(outh);
	c = readfile(outc);
	eh = readfile(TESTDIR "good.h.expected");
	ec = readfile(TESTDIR "good.c.expected");
	if (eh == NULL || ec == NULL) {
		result("golden_conf_h", "cannot read good.[hc].expected");
		result("golden_conf_c", "cannot read good.[hc].expected");
	} else {
		result("golden_conf_h", rc == 0 && h && strcmp(h, eh) == 0
			? NULL : why("exit %d; conf.h differs from "
			"good.h.expected", rc));
		result("golden_conf_c", rc == 0 && c && strcmp(c, ec) == 0
			? NULL : why("exit %d; conf.c differs from "
			"good.c.expected", rc));
	}
	free(err);
	free(h);
	free(c);
	free(eh);
	free(ec);
}

/*------------------------------------------------------------------------
 *  devnamed  -  the parsed device with a name, or NULL
 *------------------------------------------------------------------------
 */
static	const struct cfgdev *devnamed(const struct config *cfg,
			const char *name)
{
	int	i;

	for (i = 0; i < cfg->ndevs; i++) {
		if (strcmp(cfg->devs[i].name, name) == 0) {
			return &cfg->devs[i];
		}
	}
	return NULL;
}

/*------------------------------------------------------------------------
 *  test_parsed  -  the parser's view of good.conf, field by field
 *------------------------------------------------------------------------
 */
static	void	test_parsed(void)
{
	struct	config	cfg;
	const struct cfgdev *con, *ser, *nul, *e0, *e1, *lng;

	if (cfg_read(&cfg, TESTDIR "good.conf") < 0) {
		result("parse_good", why("line %d: %s", cfg.errline,
			cfg.errmsg));
		cfg_free(&cfg);
		return;
	}
	result("parse_good", cfg.ndevs == 6 && cfg.ntypes == 4 ? NULL
		: why("%d devices, %d types; expected 6, 4", cfg.ndevs,
		cfg.ntypes));
	con = devnamed(&cfg, "CONSOLE");
	ser = devnamed(&cfg, "SERIAL1");
	nul = devnamed(&cfg, "NULLDEV");
	e0 = devnamed(&cfg, "ETH0");
	e1 = devnamed(&cfg, "ETH1");
	lng = devnamed(&cfg, "A_DEVICE_NAME_LONGER_THAN_TWENTY");
	if (!con || !ser || !nul || !e0 || !e1 || !lng) {
		result("parse_names", "a device of good.conf is missing");
		cfg_free(&cfg);
		return;
	}
	result("parse_names", NULL);

	result("minor_numbers", con->minor == 0 && ser->minor == 1
		&& nul->minor == 0 && e0->minor == 0 && e1->minor == 1
		&& lng->minor == 1 ? NULL : why("minors %d %d %d %d %d %d",
		con->minor, ser->minor, nul->minor, e0->minor, e1->minor,
		lng->minor));
	result("type_counts", cfg.types[0].ndev == 2 && cfg.types[1].ndev == 2
		&& cfg.types[2].ndev == 2 && cfg.types[3].ndev == 0 ? NULL
		: "per-type device counts wrong");
	result("csr_irq_hex_decimal", con->set.csr == 0x3F8
		&& con->set.irq == 4 && ser->set.csr == 760
		&& ser->set.irq == 3 && e0->set.csr == 4096
		&& lng->set.irq == 15 ? NULL : why("csr/irq %x/%u %x/%u "
		"%x/%u irq %u", con->set.csr, con->set.irq, ser->set.csr,
		ser->set.irq, e0->set.csr, lng->set.irq));
	result("type_csr_irq_defaults", e0->set.irq == 11
		&& e1->set.csr == 0x300 && e1->set.irq == 5
		&& nul->set.csr == 0 && nul->set.irq == 0 ? NULL
		: "csr/irq defaults from the type not applied");
	result("instance_overrides", strcmp(ser->set.func[CF_INTR],
		"serial1handler") == 0 && strcmp(con->set.func[CF_INTR],
		"ttyhandler") == 0 && strcmp(e0->set.func[CF_READ],
		"eth0read") == 0 && strcmp(e0->set.func[CF_WRITE],
		"ethwrite") == 0 && strcmp(e0->set.func[CF_INIT],
		"ethinit") == 0 ? NULL : "per-device overrides not applied");
	result("bus_groups", strcmp(e1->set.func[CF_INIT], "ne2kinit") == 0
		&& e0->bus == 0 && e1->bus == 1 ? NULL
		: "second 'on' group of eth not used for ETH1");
	result("function_defaults", strcmp(e0->set.func[CF_OPEN],
		"ioerr") == 0 && strcmp(e0->set.func[CF_GETC], "ioerr") == 0
		&& nul->set.func[CF_INTR][0] == '\0' ? NULL
		: "unset functions do not default to ioerr / NULL");
	cfg_free(&cfg);
}

/* Bad inputs: the line each error must be reported on, and a piece */
/* of the message that says what was expected			*/
static	const struct	{
	const char *file;
	int	line;
	const char *text;
} bad[] = {
	{ "bad_colon",        3, "expected ':' after type name 'null'" },
	{ "bad_flag",         4, "unknown flag '-x'" },
	{ "bad_devflag",      4, "unknown flag '-q'" },
	{ "bad_novalue",      2, "expected a function name after '-r', "
				 "found end of line" },
	{ "bad_devnovalue",   4, "expected a number after 'csr'" },
	{ "bad_onnobus",      4, "expected a bus name after 'on'" },
	{ "bad_flagbeforeon", 2, "expected 'on BUS' after 'tty:'" },
	{ "bad_undeftype",    6, "expected a device type defined in part 1, "
				 "found 'serial'" },
	{ "bad_nobus",        5, "expected a bus that type 'tty' is defined "
				 "on (uart), found 'pci'" },
	{ "bad_noon",         4, "expected 'on' after type name 'tty'" },
	{ "bad_duptype",      5, "found 'tty' (already defined at line 1)" },
	{ "bad_dupdev",       6, "found 'CONSOLE' (already used at line 4)" },
	{ "bad_dupflag",      5, "at most once for device 'CONSOLE', found "
				 "'-irq'" },
	{ "bad_devident",     5, "C identifier, found '2ND-CONSOLE'" },
	{ "bad_funcname",     2, "C identifier, found 'tty.init'" },
	{ "bad_reserved",     4, "found 'Ntty'" },
	{ "bad_number",       5, "expected a number (decimal or 0x hex) "
				 "after '-irq', found '4x'" },
	{ "bad_hexnumber",    4, "found '0x3G8'" },
	{ "bad_bignumber",    2, "fits in 32 bits" },
	{ "bad_nosep1",       4, "expected '%%' to end part 1" },
	{ "bad_nosep2",       6, "expected '%%' to end part 2" },
	{ "bad_nosep3",       7, "'%%' before part 3 missing" },
	{ "bad_nosep_devs",   3, "'%%' before the devices missing" },
	{ "bad_sepalone",     3, "expected '%%' alone on its line" },
	{ "bad_comment",      3, "expected '*/' to end the comment" },
	{ "bad_nodevs",       6, "expected at least one device" },
	{ "bad_longname",     4, "at most 63 characters" },
};
#define	NBAD	(int)(sizeof(bad) / sizeof(bad[0]))

/*------------------------------------------------------------------------
 *  test_bad  -  each bad input: message, line, exit 1, outputs untouched
 *------------------------------------------------------------------------
 */
static	void	test_bad(void)
{
	char	input[128], prefix[192];
	char	*err, *h;
	int	i, rc;

	for (i = 0; i < NBAD; i++) {
		/* An old conf.h must survive; conf.c must not appear */
		clearwork();
		writefile(outh, STALE);
		snprintf(input, sizeof(input), TESTDIR "%s.conf", bad[i].file);
		snprintf(prefix, sizeof(prefix), "%s:%d: error: ", input,
			bad[i].line);
		err = NULL;
		rc = runx(input, &err);
		h = readfile(outh);

		if (!exists(input)) {
			result(bad[i].file, why("missing %s", input));
		} else if (rc != 1) {
			result(bad[i].file, why("exit %d, expected 1", rc));
		} else if (err == NULL || strncmp(err, prefix,
				strlen(prefix)) != 0) {
			result(bad[i].file, why("message should start '%s', "
				"got: %s", prefix, err ? err : "(none)"));
		} else if (!has(err, bad[i].text)) {
			result(bad[i].file, why("message lacks \"%s\": %s",
				bad[i].text, err));
		} else if (strchr(err, '\n') != err + strlen(err) - 1) {
			result(bad[i].file, why("expected one line: %s", err));
		} else if (h == NULL || strcmp(h, STALE) != 0) {
			result(bad[i].file, "old conf.h was replaced");
		} else if (exists(outc)) {
			result(bad[i].file, "conf.c was created");
		} else if (countwork() != 1) {
			result(bad[i].file, "a temporary file was left");
		} else {
			result(bad[i].file, NULL);
		}
		free(err);
		free(h);
	}
}

/*------------------------------------------------------------------------
 *  test_lengths  -  long lines are fine; names of 63 and 64 characters
 *------------------------------------------------------------------------
 */
static	void	test_lengths(void)
{
	static	const char head[] = "tty:\n\ton uart -i ttyinit\n%%\n";
	size_t	big = 200000;
	char	*text = malloc(2 * big + 256);
	char	name[80];
	struct	config	cfg;
	char	*h;
	size_t	n;

	if (text == NULL) {
		result("long_lines", "out of memory");
		return;
	}

	/* A 200000-character comment line, and a device line with	*/
	/* 200000 blanks before its csr: nothing may be cut off	*/
	n = sprintf(text, "/* ");
	memset(text + n, 'c', big);
	n += big;
	n += sprintf(text + n, " */\n%sCONSOLE is tty on uart", head);
	memset(text + n, ' ', big);
	n += big;
	n += sprintf(text + n, "csr 0x3F8 -irq 4\n%%%%\n");
	if (cfg_parse_text(&cfg, "long", text, n) < 0) {
		result("long_lines", why("line %d: %s", cfg.errline,
			cfg.errmsg));
	} else {
		result("long_lines", cfg.ndevs == 1 && cfg.devs[0].set.csr
			== 0x3F8 && cfg.devs[0].set.irq == 4 ? NULL
			: "settings at the end of a long line were lost");
	}
	cfg_free(&cfg);

	/* 63 characters is the longest name allowed */
	memset(name, 'D', 63);
	name[63] = '\0';
	n = sprintf(text, "%s%s is tty on uart\n%%%%\n", head, name);
	if (cfg_parse_text(&cfg, "n63", text, n) < 0) {
		result("name_63_chars", why("line %d: %s", cfg.errline,
			cfg.errmsg));
	} else {
		h = gen(&cfg, cfg_write_h);
		result("name_63_chars", strcmp(cfg.devs[0].name, name) == 0
			&& has(h, name) ? NULL : "63-character name mangled");
		free(h);
	}
	cfg_free(&cfg);

	/* ... and 64 is an error, reported on the device's line (4) */
	strcat(name, "E");
	n = sprintf(text, "%s%s is tty on uart\n%%%%\n", head, name);
	if (cfg_parse_text(&cfg, "n64", text, n) == 0) {
		result("name_64_chars", "64-character name accepted");
	} else {
		result("name_64_chars", cfg.errline == 4 && has(cfg.errmsg,
			"at most 63") ? NULL : why("line %d: %s",
			cfg.errline, cfg.errmsg));
	}
	cfg_free(&cfg);
	free(text);
}

/*------------------------------------------------------------------------
 *  test_misc  -  odd but valid inputs, and xconfig's usage check
 *------------------------------------------------------------------------
 */
static	void	test_misc(void)
{
	struct	config	cfg;
	char	*h;
	int	st;
	pid_t	pid;

	/* No part 3 text at all, no final newline, comments everywhere */
	static	const char tight[] = "/**/t/*x*/:/*y*/on/**/b -i/**/f\n"
		"%%\n/* a\n * b */ D is t on b -irq 0x0\n%%";
	if (cfg_parse_text(&cfg, "tight", tight, strlen(tight)) < 0) {
		result("comments_anywhere", why("line %d: %s", cfg.errline,
			cfg.errmsg));
	} else {
		h = gen(&cfg, cfg_write_h);
		result("comments_anywhere", cfg.ndevs == 1 && strcmp(
			cfg.devs[0].set.func[CF_INIT], "f") == 0 && has(h,
			"(verbatim from Configuration) */\n\n#endif\n")
			? NULL : "tight input misread");
		free(h);
	}
	cfg_free(&cfg);

	/* A wrong argument count is an error, not a crash */
	pid = fork();
	if (pid == 0) {
		int	fd = open("/dev/null", O_WRONLY);

		dup2(fd, 2);
		execl(XCONFIG, XCONFIG, "config/Configuration", (char *)NULL);
		_exit(127);
	}
	st = -1;
	if (pid > 0) {
		waitpid(pid, &st, 0);
	}
	result("usage_error", WIFEXITED(st) && WEXITSTATUS(st) == 1 ? NULL
		: "xconfig with one argument did not exit 1");

	/* A missing input file is reported, and nothing is written */
	clearwork();
	{
		char	*err = NULL;
		int	rc = runx(TESTDIR "no_such_file.conf", &err);

		result("missing_input", rc == 1 && has(err,
			"no_such_file.conf: error: cannot open")
			&& countwork() == 0 ? NULL : why("exit %d: %s", rc,
			err ? err : "(none)"));
		free(err);
	}
}

/*------------------------------------------------------------------------
 *  main  -  run every case from the top of the tree
 *------------------------------------------------------------------------
 */
int	main(int argc, char *argv[])
{
	char	top[4096];
	char	*slash;

	/* The program lives in compile/host/, two levels below the top */
	(void)argc;
	snprintf(top, sizeof(top), "%s", argv[0]);
	slash = strrchr(top, '/');
	if (slash != NULL) {
		strcpy(slash, "/../..");
		if (chdir(top) != 0) {
			printf("FAIL setup: cannot change to %s: %s\n", top,
				strerror(errno));
			return 1;
		}
	}
	if (!exists("config/Configuration") || !exists(XCONFIG)) {
		printf("FAIL setup: run from the top of the tree after "
			"building " XCONFIG "\n");
		return 1;
	}
	snprintf(work, sizeof(work), "compile/host/test_config.XXXXXX");
	if (mkdtemp(work) == NULL) {
		printf("FAIL setup: cannot make a scratch directory: %s\n",
			strerror(errno));
		return 1;
	}
	snprintf(outh, sizeof(outh), "%s/conf.h", work);
	snprintf(outc, sizeof(outc), "%s/conf.c", work);

	test_shipped();
	test_golden();
	test_parsed();
	test_bad();
	test_lengths();
	test_misc();

	clearwork();
	rmdir(work);
	return tdone();
}
