// Kernel-side hooks into the C++ runtime (cxxruntime.cpp).
#pragma once

namespace keel {

// Calls the handlers registered with __cxa_atexit, newest first.
void runExitHandlers();

} // namespace keel
