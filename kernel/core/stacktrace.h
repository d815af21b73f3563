// Frame-pointer stack traces for panic reports (images are built with -fno-omit-frame-pointer).
#pragma once

#include <ktl/types.h>

namespace keel {

// Prints "#0 <rip> symbol+offset" and then one line per caller found by following saved frame
// pointers from `rbp`. Stops at a null or implausible frame, so it never faults on a broken stack.
// With `rsp` (an exception's stack pointer), a return address on the stack top is shown too: the
// faulting function may not have set up its frame yet.
void printStackTrace(u64 rip, u64 rbp, u64 rsp = 0);

} // namespace keel
