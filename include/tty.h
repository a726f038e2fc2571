/* tty.h - the tty driver's control block */

#ifndef _TTY_H_
#define _TTY_H_

#define	TY_IBUFLEN	256	/* input buffer size			*/

struct	ttycblk	{		/* tty line control block		*/
	char	*tyihead;	/* next input character to read		*/
	char	*tyitail;	/* next input slot to fill		*/
	char	tyibuff[TY_IBUFLEN];
	sid32	tyisem;		/* counts input characters		*/
	void	*tycsr;		/* UART base port			*/
};

extern	struct	ttycblk	ttytab[];

#endif
