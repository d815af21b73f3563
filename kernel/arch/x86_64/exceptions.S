/*
 * Entry stubs for the 32 CPU exceptions (Intel SDM Vol. 3A, 6.15). Each stub makes the stack look
 * the same (a zero error code where the CPU pushes none, then the vector), saves the general
 * registers in the order of keel::arch::InterruptFrame and calls keelHandleException(frame).
 * Every CPU exception is fatal in Keel, so the handler never returns.
 */

#include "arch/x86_64/registersave.inc"

/* Vectors for which the CPU pushes an error code: #DF 8, #TS 10, #NP 11, #SS 12, #GP 13, #PF 14,
   #AC 17, #CP 21, #VC 29, #SX 30. */
.macro EXCEPTION_STUB vector
    .balign 16
exceptionStub\vector:
    .if (\vector == 8) || (\vector >= 10 && \vector <= 14) || (\vector == 17) || (\vector == 21) || (\vector == 29) || (\vector == 30)
    .else
    pushq $0
    .endif
    pushq $\vector
    jmp exceptionCommon
.endm

    .section .text.exceptions, "ax"
    .code64
exceptionCommon:
    SAVE_GENERAL_REGISTERS
    mov %rsp, %rdi
    /* Chain a frame to the faulting code so stack traces continue through it. */
    pushq 0x88(%rdi)            /* interrupted rip */
    pushq 0x40(%rdi)            /* interrupted rbp */
    mov %rsp, %rbp
    and $-16, %rsp
    call keelHandleException
1:  cli
    hlt
    jmp 1b

    .irp vector, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    EXCEPTION_STUB \vector
    .endr

    .section .rodata.exceptions, "a"
    .balign 8
    .global keelExceptionStubs
keelExceptionStubs:
    .irp vector, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .quad exceptionStub\vector
    .endr

    .section .note.GNU-stack, "", @progbits
