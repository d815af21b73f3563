// 64-bit IDT gate descriptors (Intel SDM Vol. 3A, 6.14.1).
#include "arch/x86_64/idt.h"

namespace keel::arch {
namespace {

struct [[gnu::packed]] Gate {
    uint16_t offsetLow;
    uint16_t selector;
    uint8_t ist;
    uint8_t typeAttributes;
    uint16_t offsetMiddle;
    uint32_t offsetHigh;
    uint32_t reserved;
};

struct [[gnu::packed]] IdtPointer {
    uint16_t limit;
    uint64_t base;
};

constexpr uint8_t kPresentInterruptGate = 0x8e; // present, DPL0, 64-bit interrupt gate

alignas(16) Gate s_idt[256];

} // namespace

void setInterruptGate(uint8_t vector, InterruptStub stub, IstSlot ist)
{
    uint64_t offset = reinterpret_cast<uint64_t>(stub);
    s_idt[vector] = Gate { uint16_t(offset), kKernelCodeSelector, uint8_t(ist), kPresentInterruptGate,
        uint16_t(offset >> 16), uint32_t(offset >> 32), 0 };
}

void loadIdt()
{
    IdtPointer pointer { sizeof(s_idt) - 1, reinterpret_cast<uint64_t>(s_idt) };
    asm volatile("lidt %0" : : "m"(pointer));
}

} // namespace keel::arch
