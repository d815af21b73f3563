// The pieces of the Itanium C++ ABI runtime that freestanding GCC code calls: guarded statics,
// pure-virtual calls, atexit registration (destructors of globals), the DSO handle and the stack
// protector's failure hook. Keel images are single-threaded, so guards need no locking.
#include "core/cxxruntime.h"

#include <keel/system.h>

extern "C" {

void* __dso_handle = &__dso_handle;

// Guard object layout (Itanium ABI 3.3.2): byte 0 = initialised; byte 1 is ours and means
// "initialisation in progress", which catches a static whose initialiser re-enters itself.
int __cxa_guard_acquire(u64* guard)
{
    auto* bytes = reinterpret_cast<u8*>(guard);
    if (bytes[0])
        return 0;
    if (bytes[1])
        keel::panic("recursive initialisation of a function-local static");
    bytes[1] = 1;
    return 1;
}

void __cxa_guard_release(u64* guard)
{
    auto* bytes = reinterpret_cast<u8*>(guard);
    bytes[1] = 0;
    bytes[0] = 1;
}

void __cxa_guard_abort(u64* guard)
{
    reinterpret_cast<u8*>(guard)[1] = 0;
}

void __cxa_pure_virtual()
{
    keel::panic("pure virtual function called");
}

void __stack_chk_fail()
{
    keel::panic("stack smashing detected (a stack buffer overran its canary)");
}

} // extern "C"

namespace {

struct ExitHandler {
    void (*function)(void*);
    void* argument;
};

constexpr int kMaxExitHandlers = 64;
ExitHandler s_exitHandlers[kMaxExitHandlers];
int s_exitHandlerCount;

} // namespace

extern "C" int __cxa_atexit(void (*function)(void*), void* argument, void*)
{
    // Nonzero tells the caller registration failed; the ABI allows it.
    if (s_exitHandlerCount == kMaxExitHandlers)
        return -1;
    s_exitHandlers[s_exitHandlerCount++] = { function, argument };
    return 0;
}

namespace keel {

void runExitHandlers()
{
    // Reverse order of registration, as for std::exit; a handler may register more.
    while (s_exitHandlerCount > 0) {
        ExitHandler handler = s_exitHandlers[--s_exitHandlerCount];
        handler.function(handler.argument);
    }
}

} // namespace keel
