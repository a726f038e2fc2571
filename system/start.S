/* start.S - start: the Multiboot header and the first instructions */

#include <multiboot.h>

	.section .multiboot, "a"
	.align	4
mbheader:
	.long	MB_HEADER_MAGIC
	.long	MB_HEADER_FLAGS
	.long	-(MB_HEADER_MAGIC + MB_HEADER_FLAGS)

	.text
	.globl	start
/*------------------------------------------------------------------------
 *  start  -  Entered from the boot loader in 32-bit protected mode with
 *	      paging off, EAX = boot magic, EBX = Multiboot information
 *------------------------------------------------------------------------
 */
start:
	cli
	movl	$bootstk_top, %esp
	xorl	%ebp, %ebp
	pushl	$0			/* clear EFLAGS (also DF, NT)	*/
	popfl
	/* Zero the BSS before any C code relies on it */
	movl	%eax, %esi
	movl	$bss, %edi
	movl	$ebss, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	cld
	rep	stosb
	pushl	%ebx			/* Multiboot information	*/
	pushl	%esi			/* boot magic			*/
	call	nulluser		/* never returns		*/
1:	hlt
	jmp	1b

	.bss
	.align	16
	.globl	bootstk
bootstk:
	.space	16384			/* becomes the null process stack */
bootstk_top:
