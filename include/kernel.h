/* kernel.h - basic types, return codes and kernel-wide macros */

#ifndef _KERNEL_H_
#define _KERNEL_H_

#include <stddef.h>
#include <stdarg.h>

/* Xinu's base types */
typedef	unsigned char	byte;
typedef	unsigned char	uint8;
typedef	int		int32;
typedef	short		int16;
typedef	unsigned int	uint32;
typedef	unsigned short	uint16;
typedef	long long	int64;
typedef	unsigned long long uint64;

/* Xinu's types with a meaning */
typedef	int32	sid32;		/* semaphore ID				*/
typedef	int16	qid16;		/* queue ID				*/
typedef	int32	pid32;		/* process ID				*/
typedef	int32	did32;		/* device ID				*/
typedef	int16	pri16;		/* process priority			*/
typedef	uint32	umsg32;		/* message passed among processes	*/
typedef	int32	bpid32;		/* buffer pool ID			*/
typedef	byte	bool8;		/* Boolean type				*/
typedef	uint32	intmask;	/* saved interrupt mask			*/
typedef	int32	ibid32;		/* index block ID			*/
typedef	int32	dbid32;		/* data block ID			*/
typedef	int32	uid32;		/* ID for UDP table descriptor		*/

/* Function declaration return types */
typedef	int32	syscall;	/* system call declaration		*/
typedef	int32	devcall;	/* device call declaration		*/
typedef	int32	shellcmd;	/* shell command declaration		*/
typedef	int32	process;	/* top-level function of a process	*/
typedef	void	interrupt;	/* interrupt procedure			*/
typedef	int32	status;		/* returned status value (OK/SYSERR)	*/

#define	local	static		/* local function or variable		*/

/* Boolean constants */
#define	FALSE	0
#define	TRUE	1

/* Universal return constants */
#define	OK	( 1)
#define	SYSERR	(-1)
#define	EOF	(-2)
#define	TIMEOUT	(-3)

#define	NULLCH	'\0'
#define	NULLSTR	""

/* Initialization constants */
#define	INITSTK		65536	/* initial process stack size		*/
#define	INITPRIO	20	/* initial process priority		*/
#define	INITRET		userret	/* address to which process returns	*/

/* Ticks a process may run before round-robin among equal priorities */
#define	QUANTUM		10	/* ms; the paging test programs assume it */

/* Size rounding for the kernel memory allocator */
#define	roundmb(x)	((char *)((7 + (uint32)(x)) & ~7))
#define	truncmb(x)	((char *)(((uint32)(x)) & ~7))

/* Kernel assertion: an invariant the kernel relies on */
#define	assert(c)	((c) ? (void)0 : \
			 kpanic_assert(#c, __FILE__, __LINE__))

/* Version printed in the boot banner */
#define	VERSION		"Xinu/VM 0.1"

#endif
