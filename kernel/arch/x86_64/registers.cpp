// Register dumps for panic reports.
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/interruptframe.h"

#include <keel/print.h>

namespace keel::arch {

void dumpRegisters(const InterruptFrame& f)
{
    keel::println("  RIP {:#018x}  RSP {:#018x}  RBP {:#018x}  RFLAGS {:#010x}", f.rip, f.rsp,
        f.rbp, f.rflags);
    keel::println("  RAX {:#018x}  RBX {:#018x}  RCX {:#018x}  RDX {:#018x}", f.rax, f.rbx, f.rcx,
        f.rdx);
    keel::println("  RSI {:#018x}  RDI {:#018x}  R8  {:#018x}  R9  {:#018x}", f.rsi, f.rdi, f.r8,
        f.r9);
    keel::println("  R10 {:#018x}  R11 {:#018x}  R12 {:#018x}  R13 {:#018x}", f.r10, f.r11, f.r12,
        f.r13);
    keel::println("  R14 {:#018x}  R15 {:#018x}  CS {:#06x}  SS {:#06x}  error code {:#x}", f.r14,
        f.r15, f.cs, f.ss, f.errorCode);
}

void dumpControlRegisters()
{
    keel::println("  CR0 {:#018x}  CR2 {:#018x}  CR3 {:#018x}  CR4 {:#018x}", cpu::readCr0(),
        cpu::readCr2(), cpu::readCr3(), cpu::readCr4());
}

} // namespace keel::arch
