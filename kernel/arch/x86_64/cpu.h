// Control registers, MSRs, time stamp counter and halting: thin wrappers over single instructions.
//
//     uint64_t faultAddress = keel::cpu::readCr2();
//     keel::cpu::writeMsr(keel::cpu::kMsrFsBase, base);
#pragma once

#include <stdint.h>

namespace keel::cpu {

inline constexpr uint32_t kMsrEfer = 0xc0000080;
inline constexpr uint32_t kMsrFsBase = 0xc0000100;
inline constexpr uint32_t kMsrGsBase = 0xc0000101;

inline uint64_t readCr0() { uint64_t v; asm volatile("mov %%cr0, %0" : "=r"(v)); return v; }
inline uint64_t readCr2() { uint64_t v; asm volatile("mov %%cr2, %0" : "=r"(v)); return v; }
inline uint64_t readCr3() { uint64_t v; asm volatile("mov %%cr3, %0" : "=r"(v)); return v; }
inline uint64_t readCr4() { uint64_t v; asm volatile("mov %%cr4, %0" : "=r"(v)); return v; }

// CR3 reloads flush the TLB, so the write is a memory clobber.
inline void writeCr3(uint64_t v) { asm volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }

inline uint64_t readMsr(uint32_t msr)
{
    uint32_t low, high;
    asm volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
    return (uint64_t(high) << 32) | low;
}

inline void writeMsr(uint32_t msr, uint64_t value)
{
    asm volatile("wrmsr" : : "c"(msr), "a"(uint32_t(value)), "d"(uint32_t(value >> 32)));
}

inline uint64_t readTsc()
{
    uint32_t low, high;
    asm volatile("rdtsc" : "=a"(low), "=d"(high));
    return (uint64_t(high) << 32) | low;
}

// True when the CPU advertises RDRAND (CPUID.1:ECX bit 30); TCG's default CPU model does not.
inline bool hasRdrand()
{
    uint32_t eax = 1, ebx, ecx = 0, edx;
    asm volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
    return (ecx >> 30) & 1;
}

// One RDRAND attempt; false when the hardware had no entropy ready.
inline bool rdrand(uint64_t& value)
{
    unsigned char ok;
    asm volatile("rdrand %0; setc %1" : "=r"(value), "=qm"(ok));
    return ok;
}

inline uint64_t readFramePointer()
{
    uint64_t v;
    asm volatile("mov %%rbp, %0" : "=r"(v));
    return v;
}

inline void disableInterrupts() { asm volatile("cli" ::: "memory"); }
inline void enableInterrupts() { asm volatile("sti" ::: "memory"); }
inline void pause() { asm volatile("pause" ::: "memory"); }

// `sti` delays interrupts by one instruction, so an interrupt that arrives between the two cannot
// be lost before the `hlt`: it wakes it.
inline void enableInterruptsAndHalt() { asm volatile("sti; hlt" ::: "memory"); }

inline constexpr uint64_t kFlagInterruptEnable = 1 << 9;
inline constexpr uint32_t kMsrApicBase = 0x1b;

inline uint64_t readFlags()
{
    uint64_t flags;
    asm volatile("pushfq; popq %0" : "=r"(flags) : : "memory");
    return flags;
}

struct CpuidResult {
    uint32_t eax, ebx, ecx, edx;
};

inline CpuidResult cpuid(uint32_t leaf, uint32_t subleaf = 0)
{
    CpuidResult r;
    asm volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx) : "a"(leaf), "c"(subleaf));
    return r;
}
inline void halt() { asm volatile("hlt" ::: "memory"); }
inline void invalidatePage(uint64_t address) { asm volatile("invlpg (%0)" : : "r"(address) : "memory"); }

[[noreturn]] inline void haltForever()
{
    for (;;) {
        asm volatile("cli; hlt" ::: "memory");
    }
}

} // namespace keel::cpu
