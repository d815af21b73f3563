/*
 * Entry stubs for hardware interrupt vectors 32-255 (Intel SDM Vol. 3A, 6.12.1). Each stub pushes
 * its vector and joins irqCommon, which saves every general register and - because an interrupt
 * may arrive while the app is in the middle of floating-point or SSE code and handlers (timer
 * callbacks included) are ordinary C++ that may use SSE - the x87/SSE state with fxsave, calls
 * keelHandleIrq(vector), restores everything and returns with iretq.
 *
 * Why fxsave rather than compiling handlers with -mgeneral-regs-only: handlers include app code
 * (timer callbacks), and the builder has no per-file flags, so only saving the state in the stub
 * protects the app from every handler. Boot enables only OSFXSR (no XSAVE/AVX), so fxsave's
 * 512 bytes cover all of it.
 */

#include "arch/x86_64/registersave.inc"

    .section .text.irqstubs, "ax"
    .code64
irqCommon:
    SAVE_GENERAL_REGISTERS
    mov %rsp, %rbx              /* callee-saved: the frame, to unwind to after the call */
    /* Chain a frame to the interrupted code so a panic inside a handler traces through it. */
    pushq 0x80(%rbx)            /* interrupted rip (after 15 registers and the vector) */
    pushq 0x40(%rbx)            /* interrupted rbp */
    mov %rsp, %rbp
    sub $512, %rsp
    and $-16, %rsp
    fxsave (%rsp)
    mov 0x78(%rbx), %rdi        /* the vector */
    call keelHandleIrq
    fxrstor (%rsp)
    mov %rbx, %rsp
    RESTORE_GENERAL_REGISTERS
    add $8, %rsp                /* the vector */
    iretq

/* One 16-byte slot per vector (push imm32 + jmp rel32 fit in 10 bytes), so the table below can
   compute every stub's address. */
    .balign 16
irqStubs:
    .set vector, 32
    .rept 224
    .balign 16
    pushq $vector
    jmp irqCommon
    .set vector, vector + 1
    .endr

    .section .rodata.irqstubs, "a"
    .balign 8
    .global keelIrqStubs
keelIrqStubs:               /* keelIrqStubs[i] enters vector 32 + i */
    .set slot, 0
    .rept 224
    .quad irqStubs + slot * 16
    .set slot, slot + 1
    .endr

    .section .note.GNU-stack, "", @progbits
