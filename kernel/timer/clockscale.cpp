#include "timer/clockscale.h"

namespace keel {

// The largest shift (at most 32) for which toHz << shift still fits in 64 bits gives the most
// precise multiplier.
ClockScale ClockScale::between(u64 fromHz, u64 toHz)
{
    unsigned shift = 32;
    while (shift > 0 && (toHz >> (64 - shift)) != 0)
        --shift;
    return ClockScale((toHz << shift) / fromHz, shift);
}

u64 frequencyFromReference(u64 counted, u64 referenceTicks, u64 referenceHz)
{
    if (referenceTicks == 0)
        return 0;
    return ClockScale::between(referenceTicks, referenceHz).convert(counted);
}

} // namespace keel
