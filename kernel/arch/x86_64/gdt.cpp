// Long-mode GDT and TSS (Intel SDM Vol. 3A, 3.4.5 and 8.7). Segmentation is flat; the TSS exists
// only for its Interrupt Stack Table.
#include "arch/x86_64/gdt.h"

#include <stddef.h>

namespace keel::arch {
namespace {

struct [[gnu::packed]] TaskStateSegment {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t ioMapBase;
};

struct [[gnu::packed]] DescriptorPointer {
    uint16_t limit;
    uint64_t base;
};

constexpr size_t kIstStackSize = 8192;
constexpr int kIstStackCount = 3;

alignas(16) uint8_t s_istStacks[kIstStackCount][kIstStackSize];
TaskStateSegment s_tss;

// null, code (64-bit, DPL0), data, TSS (two slots). Accessed bits are preset.
uint64_t s_gdt[5] = { 0, 0x00af9b000000ffff, 0x00cf93000000ffff, 0, 0 };

void installTssDescriptor()
{
    uint64_t base = reinterpret_cast<uint64_t>(&s_tss);
    uint64_t limit = sizeof(TaskStateSegment) - 1;
    // Present, type 0x9 (available 64-bit TSS).
    s_gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (uint64_t(0x89) << 40)
        | (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    s_gdt[4] = base >> 32;
}

void loadGdt()
{
    DescriptorPointer pointer { sizeof(s_gdt) - 1, reinterpret_cast<uint64_t>(s_gdt) };
    asm volatile("lgdt %0\n"
                 "pushq %1\n"
                 "leaq 1f(%%rip), %%rax\n"
                 "pushq %%rax\n"
                 "lretq\n"
                 "1:\n"
                 "mov %2, %%ds\n"
                 "mov %2, %%es\n"
                 "mov %2, %%ss\n"
                 "ltr %w3\n"
                 :
                 : "m"(pointer), "i"(kKernelCodeSelector), "r"(uint32_t(kKernelDataSelector)),
                 "r"(kTssSelector)
                 : "rax", "memory");
}

} // namespace

void initialiseGdt()
{
    for (int i = 0; i < kIstStackCount; ++i)
        s_tss.ist[i] = reinterpret_cast<uint64_t>(s_istStacks[i] + kIstStackSize);
    s_tss.ioMapBase = sizeof(TaskStateSegment);
    installTssDescriptor();
    loadGdt();
}

bool isOnInterruptStack(uint64_t address)
{
    uint64_t start = reinterpret_cast<uint64_t>(s_istStacks);
    return address >= start && address < start + sizeof(s_istStacks);
}

} // namespace keel::arch
