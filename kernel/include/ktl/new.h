// Placement new and the non-throwing allocation form used by ktl containers.
//
//     #include <ktl/new.h>
//     alignas(Widget) u8 storage[sizeof(Widget)];
//     Widget* w = new (storage) Widget(42);          // placement
//     auto* p = new (ktl::kNoThrow) Widget(1);       // nullptr when the heap is exhausted
//     delete p;
//
// In the image <new> does not exist, so placement new is declared here. On the host (hosted
// compilation, used by the unit tests) <new> is included instead so the two never clash.
//
// Contract: whoever owns the heap defines
//     void* operator new(size_t, const ktl::NoThrowTag&) noexcept;   // nullptr on exhaustion
// alongside the ordinary operator new/delete (the kernel's heap glue; the host tests define it
// with malloc). Memory from it is released with the ordinary `delete` / `::operator delete`.
#pragma once

#include <ktl/types.h>

#if __STDC_HOSTED__ && __has_include(<new>)
#include <new>
#else
inline void* operator new(size_t, void* place) noexcept { return place; }
inline void* operator new[](size_t, void* place) noexcept { return place; }
inline void operator delete(void*, void*) noexcept {}
inline void operator delete[](void*, void*) noexcept {}
#endif

namespace ktl {
struct NoThrowTag {
    explicit constexpr NoThrowTag() = default;
};
inline constexpr NoThrowTag kNoThrow {};
} // namespace ktl

void* operator new(size_t size, const ktl::NoThrowTag&) noexcept;
