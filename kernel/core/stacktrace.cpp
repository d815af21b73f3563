#include "core/stacktrace.h"

#include "core/symboltable.h"

#include <keel/print.h>

extern "C" char __kernel_start[];
extern "C" char __kernel_end[];
extern "C" char __text_start[];
extern "C" char __text_end[];

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

void printFrame(int index, u64 address, u64 lookupAddress, const char* note = "");

bool isCodeAddress(u64 address)
{
    return address >= reinterpret_cast<u64>(__text_start) && address < reinterpret_cast<u64>(__text_end);
}

// A function that faults before its prologue (or a leaf that needs no frame) has its return
// address on top of the stack rather than behind the frame pointer.
bool printUnframedCaller(u64 rbp, u64 rsp)
{
    if (!isPlausibleFrame(rsp))
        return false;
    u64 candidate = *reinterpret_cast<const u64*>(rsp);
    u64 framed = isPlausibleFrame(rbp) ? reinterpret_cast<const u64*>(rbp)[1] : 0;
    if (!isCodeAddress(candidate) || candidate == framed)
        return false;
    printFrame(1, candidate, candidate - 1, " (return address on the stack top)");
    return true;
}

void printFrame(int index, u64 address, u64 lookupAddress, const char* note)
{
    auto symbol = SymbolTable::lookup(lookupAddress);
    if (symbol.hasValue())
        keel::println("  #{:<2} {:#018x} {}+{:#x}{}", index, address, symbol->name,
            address - symbol->address, note);
    else
        keel::println("  #{:<2} {:#018x}{}", index, address, note);
}

} // namespace

void printStackTrace(u64 rip, u64 rbp, u64 rsp)
{
    keel::println("Stack trace{}:", SymbolTable::isPresent() ? "" : " (no symbols in this image; "
        "`keel` resolves the addresses)");
    printFrame(0, rip, rip);
    int first = (rsp && printUnframedCaller(rbp, rsp)) ? 2 : 1;
    u64 previous = 0;
    int repeats = 0;
    for (int index = first; index < kMaxFrames && isPlausibleFrame(rbp); ++index) {
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
