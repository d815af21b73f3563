#include "core/stacktrace.h"

#include "core/symboltable.h"

#include <keel/print.h>

extern "C" char __kernel_start[];
extern "C" char __kernel_end[];

namespace keel {
namespace {

constexpr int kMaxFrames = 64;

// Frames live on the boot or interrupt stacks, which are inside the image's .bss.
bool isPlausibleFrame(u64 rbp)
{
    auto start = reinterpret_cast<u64>(__kernel_start);
    auto end = reinterpret_cast<u64>(__kernel_end);
    return rbp % 8 == 0 && rbp >= start && rbp + 16 <= end;
}

void printFrame(int index, u64 address, u64 lookupAddress)
{
    auto symbol = SymbolTable::lookup(lookupAddress);
    if (symbol.hasValue())
        keel::println("  #{:<2} {:#018x} {}+{:#x}", index, address, symbol->name,
            address - symbol->address);
    else
        keel::println("  #{:<2} {:#018x}", index, address);
}

} // namespace

void printStackTrace(u64 rip, u64 rbp)
{
    keel::println("Stack trace{}:", SymbolTable::isPresent() ? "" : " (no symbols in this image; "
        "`keel` resolves the addresses)");
    printFrame(0, rip, rip);
    u64 previous = 0;
    int repeats = 0;
    for (int index = 1; index < kMaxFrames && isPlausibleFrame(rbp); ++index) {
        const auto* frame = reinterpret_cast<const u64*>(rbp);
        u64 returnAddress = frame[1];
        if (returnAddress == 0)
            break;
        // Deep recursion would fill the report with one line; show it once with a count.
        if (returnAddress == previous) {
            ++repeats;
        } else {
            if (repeats > 0)
                keel::println("      ... the same frame {} more times", repeats);
            repeats = 0;
            // A return address points after the call; look up the call itself.
            printFrame(index, returnAddress, returnAddress - 1);
        }
        previous = returnAddress;
        if (frame[0] <= rbp)
            break; // stacks grow down, so callers' frames are higher; anything else is corrupt
        rbp = frame[0];
    }
    if (repeats > 0)
        keel::println("      ... the same frame {} more times", repeats);
}

} // namespace keel
