/*
 * Switching between cooperative tasks (System V AMD64 ABI, 3.2.1): a switch happens inside an
 * ordinary function call, so only the callee-saved registers (rbx, rbp, r12-r15) and the stack
 * pointer need saving; the caller has saved the rest. MXCSR and the x87 control word are the
 * same in every task, so they stay.
 *
 * void keelSwitchContext(u64* saveStackPointer, u64 nextStackPointer)
 */

    .section .text.keelSwitchContext, "ax"
    .code64
    .global keelSwitchContext
keelSwitchContext:
    push %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15
    mov %rsp, (%rdi)
    mov %rsi, %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret

/* Where a new task's first switch "returns" to (tasks.cpp lays out its stack for that). A zero
   rbp ends stack traces here. keelRunTask never returns. */
    .global keelTaskEntry
keelTaskEntry:
    xor %ebp, %ebp
    call keelRunTask
    ud2

    .section .note.GNU-stack, "", @progbits
