/* memory.h - the kernel heap: free list, getmem/getstk */

#ifndef _MEMORY_H_
#define _MEMORY_H_

#define	PAGE_ROUND(x)	((((uint32)(x)) + 4095) & ~4095)

/* A block on the free list; the list is kept in address order */
struct	memblk	{
	struct	memblk	*mnext;	/* next free block			*/
	uint32	mlength;	/* size of this block including header	*/
};

extern	struct	memblk	memlist;	/* head: mlength = total free	*/
extern	void	*minheap;	/* start of the kernel heap		*/
extern	void	*maxheap;	/* end of the kernel heap		*/

/* Symbols from the linker script */
extern	char	text[], etext[], data[], edata[], bss[], ebss[], end[];

#endif
