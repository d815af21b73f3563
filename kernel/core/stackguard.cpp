// Seeds the stack-protector canary. boot.S calls keelSeedStackGuard before any C++ code that is
// built with -fstack-protector-strong runs, so this function itself must not be protected.
//
// GCC reads the canary from __stack_chk_guard with -mstack-protector-guard=global and from %fs:0x28
// (its x86_64 default, the TLS slot glibc uses) otherwise; Keel fills both, so the image works
// whichever way the builder compiled it.
#include "arch/x86_64/cpu.h"

#include <ktl/types.h>

extern "C" {
uptr __stack_chk_guard;
}

namespace {

// %fs:0x28 lands on word 5.
u64 s_fsBlock[8];

[[gnu::no_stack_protector]] u64 randomSeed()
{
    u64 seed = keel::cpu::readTsc();
    u64 value;
    if (keel::cpu::hasRdrand() && keel::cpu::rdrand(value))
        seed ^= value;
    // Mix the bits (splitmix64 finaliser) so a low-entropy TSC still spreads over the word.
    seed ^= seed >> 30;
    seed *= 0xbf58476d1ce4e5b9ull;
    seed ^= seed >> 27;
    seed *= 0x94d049bb133111ebull;
    seed ^= seed >> 31;
    return seed;
}

} // namespace

extern "C" [[gnu::no_stack_protector]] void keelSeedStackGuard()
{
    // A zero low byte stops string functions from reading or writing past the canary.
    u64 canary = randomSeed() & ~u64(0xff);
    __stack_chk_guard = canary;
    s_fsBlock[5] = canary;
    keel::cpu::writeMsr(keel::cpu::kMsrFsBase, reinterpret_cast<u64>(s_fsBlock));
}
