/*
 * The bench's minimal reference image: the smallest thing QEMU boots with -kernel that prints one
 * line on COM1 and exits through isa-debug-exit. It does nothing else (no paging, no long mode),
 * so it measures QEMU's and the firmware's own start-up cost, against which Keel's boot is compared.
 * Entered in 32-bit protected mode through the PVH ELF note (Xen ELF note type 18).
 */
    .section .note.Xen, "a"
    .p2align 2
    .long 4            /* name size: "Xen\0" */
    .long 4            /* descriptor size */
    .long 18           /* XEN_ELFNOTE_PHYS32_ENTRY */
    .asciz "Xen"
    .long start

    .text
    .code32
    .globl start
start:
    mov $message, %esi
1:  lodsb
    test %al, %al
    jz 2f
    mov $0x3f8, %dx
    out %al, %dx
    jmp 1b
2:  mov $0xf4, %dx
    xor %eax, %eax
    out %eax, %dx
3:  hlt
    jmp 3b

    .section .rodata
message:
    .asciz "reference\r\n"
