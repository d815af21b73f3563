/*
 * Boot entry for both protocols Keel images support, in one ELF:
 *  - PVH (Xen "HVM direct boot" ABI, used by QEMU -kernel on pc/q35/microvm): found through the
 *    XEN_ELFNOTE_PHYS32_ENTRY note; entered in 32-bit protected mode, paging off, %ebx = physical
 *    address of struct hvm_start_info.
 *  - Multiboot2 (GRUB `multiboot2`): header with an entry-address tag in the first 32 KiB;
 *    entered in 32-bit protected mode, paging off, %eax = 0x36d76289, %ebx = info address.
 * Deliberately NO multiboot v1 header: QEMU tries v1 first and then refuses ELF64 images.
 *
 * Both paths share the switch to long mode: flat GDT, PAE, EFER.LME|NXE, temporary identity map of
 * the first 4 GiB with 2 MiB pages, CR0.PG|WP, SSE on, then keelKernelMain(protocol, info).
 */

#define KEEL_PROTOCOL_PVH        0   /* keel::BootProtocol::Pvh */
#define KEEL_PROTOCOL_MULTIBOOT2 1   /* keel::BootProtocol::Multiboot2 */

#define MULTIBOOT2_HEADER_MAGIC  0xe85250d6
#define MULTIBOOT2_BOOT_MAGIC    0x36d76289
#define XEN_ELFNOTE_PHYS32_ENTRY 18

#define CR0_PE  (1 << 0)
#define CR0_MP  (1 << 1)
#define CR0_EM  (1 << 2)
#define CR0_WP  (1 << 16)
#define CR0_PG  (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_OSFXSR (1 << 9)
#define CR4_OSXMMEXCPT (1 << 10)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)

#define BOOT_CODE64 0x08
#define BOOT_DATA   0x10

/* The PVH entry note. QEMU reads the descriptor as a native-size pointer right after the name
   padded to the note segment's alignment, so the section stays 4-aligned and the value is a quad. */
    .section .note.Xen, "a", @note
    .balign 4
    .long 2f - 1f               /* namesz */
    .long 4f - 3f               /* descsz */
    .long XEN_ELFNOTE_PHYS32_ENTRY
1:  .asciz "Xen"
2:  .balign 4
3:  .quad pvhEntry32
4:  .balign 4

/* Multiboot2 header: magic, architecture 0 (i386 protected mode), length, checksum, tags. */
    .section .multiboot2, "a"
    .balign 8
multiboot2Header:
    .long MULTIBOOT2_HEADER_MAGIC
    .long 0
    .long multiboot2HeaderEnd - multiboot2Header
    .long -(MULTIBOOT2_HEADER_MAGIC + 0 + (multiboot2HeaderEnd - multiboot2Header))
    /* Entry address tag (type 3): GRUB jumps here instead of the ELF64 e_entry. */
    .balign 8
    .short 3, 0
    .long 12
    .long multiboot2Entry32
    /* End tag. */
    .balign 8
    .short 0, 0
    .long 8
multiboot2HeaderEnd:

    .section .text.boot, "ax"
    .code32
    .global pvhEntry32
    .global multiboot2Entry32
pvhEntry32:
    cli
    cld
    mov $KEEL_PROTOCOL_PVH, %ebp
    mov %ebx, %esi
    jmp commonEntry32

multiboot2Entry32:
    cli
    cld
    cmp $MULTIBOOT2_BOOT_MAGIC, %eax
    jne haltForever32
    mov $KEEL_PROTOCOL_MULTIBOOT2, %ebp
    mov %ebx, %esi

/* %ebp = protocol, %esi = boot information address; both survive until keelKernelMain. */
commonEntry32:
    lgdt bootGdtPointer
    mov $BOOT_DATA, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    mov $bootStackTop, %esp

    /* Loaders zero .bss already, but the ABIs don't promise it; it is small, so make sure. */
    mov $__bss_start, %edi
    mov $__bss_end, %ecx
    sub %edi, %ecx
    shr $2, %ecx
    xor %eax, %eax
    rep stosl

    /* Temporary tables: PML4[0] -> PDPT, PDPT[0..3] -> four PDs of 2 MiB pages (RWX). */
    mov $bootPdpt, %eax
    or $0x3, %eax
    mov %eax, bootPml4
    mov $bootPd, %eax
    or $0x3, %eax
    xor %ecx, %ecx
1:  mov %eax, bootPdpt(,%ecx,8)
    add $0x1000, %eax
    inc %ecx
    cmp $4, %ecx
    jb 1b
    xor %ecx, %ecx
2:  mov %ecx, %eax
    shl $21, %eax
    or $0x83, %eax              /* present, writable, 2 MiB page */
    mov %eax, bootPd(,%ecx,8)
    inc %ecx
    cmp $2048, %ecx
    jb 2b

    mov %cr4, %eax
    or $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
    mov %eax, %cr4
    mov $bootPml4, %eax
    mov %eax, %cr3
    mov $MSR_EFER, %ecx
    rdmsr
    or $(EFER_LME | EFER_NXE), %eax
    wrmsr
    mov %cr0, %eax
    and $~CR0_EM, %eax
    or $(CR0_PE | CR0_MP | CR0_WP | CR0_PG), %eax
    mov %eax, %cr0
    ljmp $BOOT_CODE64, $longModeEntry

haltForever32:
    cli
    hlt
    jmp haltForever32

    .code64
    /* Call-frame information for debuggers, in .debug_frame (the link discards .eh_frame). */
    .cfi_sections .debug_frame
longModeEntry:
    .cfi_startproc
    /* Nothing called this: gdb's backtrace ends here instead of walking into whatever lies
       above the boot stack. */
    .cfi_undefined rip
    mov $BOOT_DATA, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    xor %eax, %eax
    mov %eax, %fs
    mov %eax, %gs
    mov $bootStackTop, %rsp
    /* Keep protocol and info address in callee-saved registers across the first call. */
    mov %ebp, %r12d
    mov %esi, %r13d             /* zero-extends the 32-bit info address */
    xor %ebp, %ebp              /* terminates frame-pointer stack traces */
    /* The canary must be set before the first function built with -fstack-protector runs. */
    call keelSeedStackGuard
    mov %r12d, %edi
    mov %r13, %rsi
    call keelKernelMain
3:  cli
    hlt
    jmp 3b
    .cfi_endproc

    .section .rodata.boot, "a"
    .balign 8
bootGdt:
    .quad 0
    .quad 0x00af9b000000ffff    /* 0x08: 64-bit code (accessed bit preset: the table is read-only) */
    .quad 0x00cf93000000ffff    /* 0x10: data */
bootGdtEnd:
bootGdtPointer:
    .short bootGdtEnd - bootGdt - 1
    .long bootGdt

    .section .bss.boot, "aw", @nobits
    .balign 4096
bootPml4:
    .skip 4096
bootPdpt:
    .skip 4096
bootPd:
    .skip 4096 * 4

/* The boot stack, with an unmapped guard page below it so an overflow faults instead of
   silently overwriting .bss; paging.cpp unmaps bootStackGuard. */
    .section .bss.stack, "aw", @nobits
    .balign 4096
    .global bootStackGuard
    .global bootStackBottom
    .global bootStackTop
bootStackGuard:
    .skip 4096
bootStackBottom:
    .skip 16384
bootStackTop:

    .section .note.GNU-stack, "", @progbits
