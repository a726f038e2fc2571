/* config.h - data structures and interfaces shared by the config program */

#ifndef _CONFIG_H_
#define _CONFIG_H_

#include <stdio.h>
#include <stdint.h>
#include <stddef.h>

#define	CFG_NAMELEN	63		/* longest name allowed		*/
#define	CFG_ERRLEN	512		/* room for one error message	*/

/* Indexes of the settings a type or a device may give, in the	*/
/* order the device switch table lists them			*/
enum	cfgfunc	{
	CF_INIT, CF_OPEN, CF_CLOSE, CF_READ, CF_WRITE, CF_SEEK,
	CF_GETC, CF_PUTC, CF_CNTL, CF_INTR,
	CF_NFUNCS,			/* number of function settings	*/
	CF_CSR = CF_NFUNCS,		/* numeric settings follow	*/
	CF_IRQ,
	CF_NSETTINGS
};

/* The functions, CSR and IRQ of one device or one "on BUS" group */
struct	cfgset	{
	char	func[CF_NFUNCS][CFG_NAMELEN + 1];
	uint32_t csr;
	uint32_t irq;
	unsigned given;			/* bit (1<<setting) once given	*/
};

/* One "on BUS" group of a device type */
struct	cfgbus	{
	char	name[CFG_NAMELEN + 1];
	int	line;			/* where "on BUS" appeared	*/
	struct	cfgset	set;		/* defaults for its devices	*/
};

/* One device type from part 1 */
struct	cfgtype	{
	char	name[CFG_NAMELEN + 1];
	int	line;			/* where the type was defined	*/
	struct	cfgbus	*bus;		/* its "on BUS" groups		*/
	int	nbus;
	int	ndev;			/* devices of this type		*/
};

/* One device instance from part 2 */
struct	cfgdev	{
	char	name[CFG_NAMELEN + 1];
	int	line;			/* where the device appeared	*/
	int	type;			/* index into types[]		*/
	int	bus;			/* index into that type's bus[]	*/
	int	minor;			/* number among its type	*/
	struct	cfgset	set;		/* bus defaults plus overrides	*/
};

/* Everything read from one Configuration file */
struct	config	{
	const char *path;		/* file name, for messages	*/
	char	*text;			/* whole file, NUL-terminated	*/
	size_t	textlen;
	struct	cfgtype	*types;
	int	ntypes;
	struct	cfgdev	*devs;
	int	ndevs;
	const char *part3;		/* verbatim tail, inside text	*/
	size_t	part3len;
	int	errline;		/* line of the error, if any	*/
	char	errmsg[CFG_ERRLEN];	/* "<expected>, found <what>"	*/
};

/* parse.c */
extern	int	cfg_read(struct config *, const char *);
extern	int	cfg_parse_text(struct config *, const char *, const char *,
			size_t);
extern	void	cfg_free(struct config *);

/* gen.c */
extern	int	cfg_write_h(const struct config *, FILE *);
extern	int	cfg_write_c(const struct config *, FILE *);

#endif
