// The register state exceptions.S saves on entry to any CPU exception, lowest address first.
#pragma once

#include <stdint.h>

namespace keel::arch {

struct InterruptFrame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector;
    uint64_t errorCode; // 0 for vectors where the CPU pushes none
    // Pushed by the CPU.
    uint64_t rip, cs, rflags, rsp, ss;
};

// Prints the general registers, segment/flags and control registers to the panic console.
void dumpRegisters(const InterruptFrame& frame);
void dumpControlRegisters();

} // namespace keel::arch
