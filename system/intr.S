/* intr.S - the entry stubs of all 48 vectors and their common path */

/*
 * Every vector gets a stub that makes the stack look the same: an error
 * code (the CPU's, or a 0 we push), the vector number, then all general
 * registers.  trap() in trap.c receives a pointer to that trapframe.
 * All IDT entries are interrupt gates, so the CPU has cleared IF: the
 * page-fault path reads CR2 before anything can enable interrupts.
 */

#include <i386.h>

/* A vector for which the CPU pushes no error code */
.macro	NOERR vec
	.globl	trap\vec
trap\vec:
	pushl	$0
	pushl	$\vec
	jmp	alltraps
.endm

/* A vector for which the CPU pushes an error code */
.macro	ERR vec
	.globl	trap\vec
trap\vec:
	pushl	$\vec
	jmp	alltraps
.endm

	.text
NOERR 0;  NOERR 1;  NOERR 2;  NOERR 3;  NOERR 4;  NOERR 5;  NOERR 6
NOERR 7;  ERR 8;    NOERR 9;  ERR 10;   ERR 11;   ERR 12;   ERR 13
ERR 14;   NOERR 15; NOERR 16; ERR 17;   NOERR 18; NOERR 19; NOERR 20
ERR 21;   NOERR 22; NOERR 23; NOERR 24; NOERR 25; NOERR 26; NOERR 27
NOERR 28; ERR 29;   ERR 30;   NOERR 31
NOERR 32; NOERR 33; NOERR 34; NOERR 35; NOERR 36; NOERR 37; NOERR 38
NOERR 39; NOERR 40; NOERR 41; NOERR 42; NOERR 43; NOERR 44; NOERR 45
NOERR 46; NOERR 47

/*------------------------------------------------------------------------
 *  alltraps  -  Save registers, call trap(frame), restore and return
 *------------------------------------------------------------------------
 */
alltraps:
	pushal
	cld
	pushl	%esp			/* argument: the trapframe	*/
	call	trap
	addl	$4, %esp
	popal
	addl	$8, %esp		/* drop vector and error code	*/
	iret

/* Table of stub addresses, used by idtinit() */
	.section .rodata
	.globl	trapstubs
	.align	4
trapstubs:
	.irp	v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23
	.long	trap\v
	.endr
	.irp	v, 24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	.long	trap\v
	.endr

/*------------------------------------------------------------------------
 *  dftask  -  The double-fault task (see paging/stackfault.c).  Each
 *	       double fault enters here, or just after the iret of the
 *	       last one, with the error code on the task's stack.
 *------------------------------------------------------------------------
 */
	.text
	.globl	dftask
dftask:
	addl	$4, %esp		/* drop the error code		*/
	call	stackfault
	iret				/* task return (NT is set)	*/
	jmp	dftask
