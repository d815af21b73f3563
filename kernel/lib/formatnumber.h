// Number-to-text rendering shared by the format engine (kernel/lib/format.cpp).
#pragma once

#include <ktl/types.h>

namespace ktl {

// Renders `value` in `base` (2..16) right-aligned so it ends just before `end`; returns its
// first character.
char* renderUnsigned(u64 value, unsigned base, bool upper, char* end);

inline constexpr int kMaxDoublePrecision = 17; // 10^17 still fits a u64 fraction
inline constexpr size_t kDoubleBufferSize = 48;

// Renders a finite, non-negative `value` into `out` (kDoubleBufferSize bytes): fixed notation
// below 1e19, d.ddde+NN above. precision < 0 means "up to 6 digits, trailing zeros trimmed";
// larger precisions are capped at kMaxDoublePrecision. Returns the length.
size_t renderDouble(double value, int precision, char* out);

} // namespace ktl
