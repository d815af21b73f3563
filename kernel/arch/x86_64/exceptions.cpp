// CPU exception handling: every exception is fatal in Keel, so the handler's job is a readable
// panic report — the exception's name and, for page faults, the address and kind of access with a
// hint for the common causes (null pointer, stack overflow, write to code).
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/idt.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/interruptframe.h"
#include "core/panic.h"

extern "C" const keel::arch::InterruptStub keelExceptionStubs[32];
extern "C" char bootStackGuard[];
extern "C" char __text_start[];
extern "C" char __text_end[];

namespace keel::arch {
namespace {

constexpr uint64_t kVectorNmi = 2;
constexpr uint64_t kVectorDoubleFault = 8;
constexpr uint64_t kVectorPageFault = 14;
constexpr uint64_t kPageSize = 4096;

// Page-fault error code bits (Intel SDM Vol. 3A, 4.7).
constexpr uint64_t kFaultPresent = 1 << 0;
constexpr uint64_t kFaultWrite = 1 << 1;
constexpr uint64_t kFaultReservedBit = 1 << 3;
constexpr uint64_t kFaultInstructionFetch = 1 << 4;

const char* const kExceptionNames[32] = { "divide error", "debug", "non-maskable interrupt",
    "breakpoint", "overflow", "bound range exceeded", "invalid opcode", "device not available",
    "double fault", "coprocessor segment overrun", "invalid TSS", "segment not present",
    "stack-segment fault", "general protection fault", "page fault", "reserved (15)",
    "x87 floating-point error", "alignment check", "machine check", "SIMD floating-point error",
    "virtualization exception", "control protection exception", "reserved (22)", "reserved (23)",
    "reserved (24)", "reserved (25)", "reserved (26)", "reserved (27)", "hypervisor injection",
    "VMM communication", "security exception", "reserved (31)" };

const char* accessKind(uint64_t errorCode)
{
    if (errorCode & kFaultInstructionFetch)
        return "instruction fetch";
    return (errorCode & kFaultWrite) ? "write" : "read";
}

const char* hint(uint64_t address, uint64_t errorCode)
{
    auto guard = reinterpret_cast<uint64_t>(bootStackGuard);
    if (address >= guard && address < guard + kPageSize)
        return " - stack overflow (hit the guard page below the boot stack)";
    if (address < kPageSize)
        return " - null pointer dereference";
    if (errorCode & kFaultReservedBit)
        return " - corrupt page table";
    bool inText = address >= reinterpret_cast<uint64_t>(__text_start)
        && address < reinterpret_cast<uint64_t>(__text_end);
    if (inText && (errorCode & kFaultWrite))
        return " - code is read-only";
    if (errorCode & kFaultInstructionFetch)
        return " - data is not executable";
    return "";
}

[[noreturn]] void reportPageFault(const InterruptFrame& frame)
{
    uint64_t address = cpu::readCr2();
    const char* state = (frame.errorCode & kFaultPresent) ? "protection violation" : "page not present";
    panicWithFrame(frame, "page fault at 0x{:016x} ({}, {}){}", address, accessKind(frame.errorCode),
        state, hint(address, frame.errorCode));
}

IstSlot istFor(int vector)
{
    switch (vector) {
    case kVectorNmi: return IstSlot::Nmi;
    case kVectorDoubleFault: return IstSlot::DoubleFault;
    case kVectorPageFault: return IstSlot::PageFault;
    default: return IstSlot::None;
    }
}

} // namespace

void initialiseExceptions()
{
    for (int vector = 0; vector < 32; ++vector)
        setInterruptGate(uint8_t(vector), keelExceptionStubs[vector], istFor(vector));
    loadIdt();
}

} // namespace keel::arch

extern "C" [[noreturn]] void keelHandleException(keel::arch::InterruptFrame* frame)
{
    using namespace keel::arch;
    if (frame->vector == kVectorPageFault)
        reportPageFault(*frame);
    keel::panicWithFrame(*frame, "{} (exception {}, error code {:#x}) at 0x{:016x}",
        kExceptionNames[frame->vector & 31], frame->vector, frame->errorCode, frame->rip);
}
