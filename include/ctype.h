/* ctype.h - character classification for the 7-bit ASCII "C" locale */

#ifndef _CTYPE_H_
#define _CTYPE_H_

/* Each takes a character as an unsigned char value or EOF; values	*/
/* outside 0..127 belong to no class.					*/
extern	int	isalpha(int c);
extern	int	isdigit(int c);
extern	int	isalnum(int c);
extern	int	isspace(int c);
extern	int	isupper(int c);
extern	int	islower(int c);
extern	int	isxdigit(int c);
extern	int	isprint(int c);
extern	int	ispunct(int c);
extern	int	iscntrl(int c);
extern	int	toupper(int c);
extern	int	tolower(int c);

#endif
