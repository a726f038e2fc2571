/* ctxsw.S - ctxsw */

/*------------------------------------------------------------------------
 *  ctxsw  -  Switch from the running process to another
 *
 *  void ctxsw(char **oldsp, char **newsp, uint32 newpdbr)
 *
 *  Saves the registers on the old stack and its pointer in *oldsp, then
 *  loads the new process's page directory (only if it differs from the
 *  current one: loading CR3 flushes the TLB) and its stack pointer.
 *  The directory changes after the old registers are pushed and before
 *  the new stack is used, because a virtual stack may be mapped only in
 *  its own process's directory.  Everything needed after the switch is
 *  in registers first: the old stack may vanish with the old directory.
 *------------------------------------------------------------------------
 */
	.text
	.globl	ctxsw
ctxsw:
	pushl	%ebp
	movl	%esp, %ebp
	pushfl
	pushal
	movl	8(%ebp), %eax		/* oldsp			*/
	movl	%esp, (%eax)
	movl	12(%ebp), %eax		/* newsp			*/
	movl	(%eax), %eax		/* the new stack pointer	*/
	movl	16(%ebp), %ecx		/* the new directory		*/
	movl	%cr3, %edx
	cmpl	%edx, %ecx
	je	1f
	movl	%ecx, %cr3
1:	movl	%eax, %esp
	popal
	popfl
	popl	%ebp
	ret
