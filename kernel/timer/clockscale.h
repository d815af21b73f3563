// Converting between counter ticks and nanoseconds without 128-bit division (libgcc is not
// linked): value * multiplier >> shift, where the multiplier is worked out once with 64-bit
// division. Also the calibration arithmetic: a counter's frequency from how far it moved while a
// reference of known frequency counted a known number of ticks.
//
//     ClockScale toNs = ClockScale::between(tscHz, kNanosecondsPerSecond);   // ticks → ns
//     u64 ns = toNs.convert(readTsc() - bootTsc);
#pragma once

#include <ktl/types.h>

namespace keel {

inline constexpr u64 kNanosecondsPerSecond = 1000000000;
inline constexpr u64 kPitFrequency = 1193182; // Hz, the i8254 input clock

class ClockScale {
public:
    constexpr ClockScale() = default;

    // Converts values counted at `fromHz` into units of `toHz`. Both must be non-zero.
    static ClockScale between(u64 fromHz, u64 toHz);

    u64 convert(u64 value) const
    {
        return u64((unsigned __int128)value * m_multiplier >> m_shift);
    }

    u64 multiplier() const { return m_multiplier; }
    unsigned shift() const { return m_shift; }

private:
    constexpr ClockScale(u64 multiplier, unsigned shift) : m_multiplier(multiplier), m_shift(shift) { }
    u64 m_multiplier = 0;
    unsigned m_shift = 0;
};

// The frequency of a counter that advanced `counted` while a reference at `referenceHz` advanced
// `referenceTicks`; 0 when referenceTicks is 0.
u64 frequencyFromReference(u64 counted, u64 referenceTicks, u64 referenceHz);

} // namespace keel
