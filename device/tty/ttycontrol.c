/* ttycontrol.c - ttycontrol */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  ttycontrol  -  Change a tty's input mode or echo, count its
 *		   readable input, or name who ^C tells (see the TC_
 *		   constants in tty.h).  A line half typed when raw mode
 *		   starts becomes readable as is.
 *------------------------------------------------------------------------
 */
devcall	ttycontrol(
	  struct dentry	*devptr,	/* the tty			*/
	  int32		func,		/* TC_MODER, TC_MODEC, ...	*/
	  int32		arg1,		/* TC_INTR: a pid, or 0		*/
	  int32		arg2		/* unused			*/
	)
{
	struct	ttycblk	*typtr = &ttytab[devptr->dvminor];
	intmask	mask;
	devcall	rv = OK;

	(void)arg2;
	mask = disable();
	switch (func) {
	case TC_MODER:
		if (typtr->tyicursor > 0) {
			signaln(typtr->tyisem, typtr->tyicursor);
			typtr->tyicursor = 0;
		}
		typtr->tyimode = TY_IMRAW;
		break;
	case TC_MODEC:
		typtr->tyimode = TY_IMCOOKED;
		break;
	case TC_ECHO:
		typtr->tyiecho = TRUE;
		break;
	case TC_NOECHO:
		typtr->tyiecho = FALSE;
		break;
	case TC_ICHARS:
		rv = typtr->tyin.rcount - typtr->tyicursor;
		break;
	case TC_INTR:
		if (arg1 != 0 && isbadpid(arg1)) {
			rv = SYSERR;
			break;
		}
		typtr->tyintrpid = arg1;
		break;
	case TC_PROMPT:
		typtr->tyiprompt = typtr->tyin.rcount == (uint32)typtr->tyicursor;
		break;
	default:
		rv = SYSERR;
	}
	restore(mask);
	return rv;
}
