// The interrupt vector layout and handler type, shared by keel/interrupts.h and the module's
// hardware-free parts (which host tests compile without a generated keel/config.h).
#pragma once

#include <ktl/types.h>

namespace keel::interrupts {

using Handler = void (*)(void* context);

inline constexpr u8 kIsaIrqCount = 16;
inline constexpr u8 kFirstIsaVector = 32;     // ISA IRQ n arrives on vector 32 + n
inline constexpr u8 kFirstDynamicVector = 48; // allocateVector hands out 48..254
inline constexpr u8 kSpuriousVector = 255;

} // namespace keel::interrupts
