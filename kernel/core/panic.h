// Kernel-internal panic entry points. Apps use keel::panic from <keel/system.h>.
//
//     keel::panicWithFrame(frame, "page fault at {:#x}", address);   // from an exception handler
#pragma once

#include <keel/system.h>

namespace keel::arch {
struct InterruptFrame;
}

namespace keel {

namespace detail {
[[noreturn]] void endPanicWithFrame(const arch::InterruptFrame& frame);
}

// Like panic(), but reports the registers and stack of the interrupted code in `frame`.
template<typename... Args>
[[noreturn]] void panicWithFrame(const arch::InterruptFrame& frame, ktl::StringView fmt,
    const Args&... args)
{
    ktl::format(detail::beginPanic(), fmt, args...);
    detail::endPanicWithFrame(frame);
}

} // namespace keel
