// Where the TSC's frequency comes from: 10 ms counted by PIT channel 0 when the machine has a
// PIT, else what the CPU or hypervisor reports through CPUID (the hypervisor timing leaf
// 0x40000010, then leaves 0x15 and 0x16).
#pragma once

#include <ktl/types.h>

namespace keel {

// Whether measureTscFrequency found a counting PIT (not so with -M microvm,pit=off).
bool hasPit();

// The TSC frequency in Hz, or 0 when no source is available.
u64 measureTscFrequency();

} // namespace keel
