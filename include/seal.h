/* seal.h - sealed swap: every page that leaves memory enciphered and
 *	    tagged (swap/seal.c, swap/sealdev.c) */

#ifndef _SEAL_H_
#define _SEAL_H_

/* What sealing has done since boot (vm_info reports it)		*/
struct	sealstats {
	uint32	sealed;			/* pages enciphered on the way out */
	uint32	opened;			/* pages whose tag held on the way */
					/*   back in			*/
	uint32	failed;			/* pages whose tag did not hold	*/
};

extern	bool8	seal_on;		/* vm.swapcrypt: pages are sealed */
extern	struct	sealstats sealstats;

extern	void	seal_init(bool8);		/* seal.c	*/
extern	void	seal_page(uint32, const char *, char *);
extern	status	open_page(uint32, const char *, char *);
extern	void	seal_start(void);		/* sealdev.c	*/
extern	const	struct	swapdev	*seal_plain(void);

#endif
