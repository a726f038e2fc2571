/* main.c - main: the xconfig command, Configuration to conf.h and conf.c */

#define	_POSIX_C_SOURCE	200809L		/* mkstemp, fchmod, fdopen	*/

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "config.h"

/*------------------------------------------------------------------------
 *  writetemp  -  write one output into a temporary file beside its target
 *------------------------------------------------------------------------
 */
static	char	*writetemp(const struct config *cfg, const char *target,
			int (*writer)(const struct config *, FILE *))
{
	/* The temporary lives in the target's directory so that the	*/
	/* final rename cannot cross file systems			*/
	size_t	len = strlen(target) + sizeof(".tmpXXXXXX");
	char	*tmp = malloc(len);
	mode_t	mask;
	FILE	*f;
	int	fd, rc;

	if (tmp == NULL) {
		fprintf(stderr, "xconfig: out of memory\n");
		return NULL;
	}
	snprintf(tmp, len, "%s.tmpXXXXXX", target);
	if ((fd = mkstemp(tmp)) < 0) {
		fprintf(stderr, "xconfig: cannot create %s: %s\n", tmp,
			strerror(errno));
		free(tmp);
		return NULL;
	}

	/* mkstemp makes the file private; give it the usual mode */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);

	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		rc = -1;
	} else {
		rc = writer(cfg, f);
		if (fclose(f) != 0) {
			rc = -1;
		}
	}
	if (rc < 0) {
		fprintf(stderr, "xconfig: cannot write %s: %s\n", tmp,
			strerror(errno));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

/*------------------------------------------------------------------------
 *  main  -  xconfig CONFIGURATION CONF.H CONF.C
 *------------------------------------------------------------------------
 */
int	main(int argc, char *argv[])
{
	struct	config	cfg;
	char	*tmph = NULL, *tmpc = NULL;
	int	status = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: %s Configuration conf.h conf.c\n",
			argv[0]);
		return 1;
	}

	/* Parse everything before writing anything, so a bad input	*/
	/* leaves the old outputs (if any) exactly as they were	*/
	if (cfg_read(&cfg, argv[1]) < 0) {
		if (cfg.errline > 0) {
			fprintf(stderr, "%s:%d: error: %s\n", argv[1],
				cfg.errline, cfg.errmsg);
		} else {
			fprintf(stderr, "%s: error: %s\n", argv[1],
				cfg.errmsg);
		}
		cfg_free(&cfg);
		return 1;
	}

	if ((tmph = writetemp(&cfg, argv[2], cfg_write_h)) != NULL
	    && (tmpc = writetemp(&cfg, argv[3], cfg_write_c)) != NULL) {
		if (rename(tmph, argv[2]) != 0) {
			fprintf(stderr, "xconfig: cannot rename %s to %s: "
				"%s\n", tmph, argv[2], strerror(errno));
		} else {
			free(tmph);
			tmph = NULL;
			if (rename(tmpc, argv[3]) != 0) {
				fprintf(stderr, "xconfig: cannot rename %s "
					"to %s: %s\n", tmpc, argv[3],
					strerror(errno));
			} else {
				status = 0;
			}
		}
	}

	/* Remove whichever temporary files were not renamed */
	if (tmph != NULL) {
		unlink(tmph);
		free(tmph);
	}
	if (tmpc != NULL) {
		if (status != 0) {
			unlink(tmpc);
		}
		free(tmpc);
	}
	cfg_free(&cfg);
	return status;
}
