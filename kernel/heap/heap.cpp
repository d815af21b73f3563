// The heap glue: C++ operator new/delete (every standard form) and the C allocation functions on
// top of HeapAllocator, with pages from the physical page allocator. Running out of memory is a
// panic that names the request and the heap's state: Keel apps have no exceptions to throw.
#include "core/init.h"
#include "core/physicalmemory.h"
#include "heap/heapallocator.h"

#include <keel/config.h>
#include <keel/memory.h>
#include <keel/system.h>
#include <ktl/new.h>

namespace keel {
namespace {

class PhysicalPageSource final : public PageSource {
public:
    ktl::ErrorOr<void*> allocatePages(size_t count) override
    {
        u64 address = TRY(physicalPageAllocator().allocate(count));
        return reinterpret_cast<void*>(address);
    }

    void freePages(void* pages, size_t count) override
    {
        physicalPageAllocator().free(reinterpret_cast<u64>(pages), count);
    }
};

constinit PhysicalPageSource s_pageSource;

// Constructed in place at the `memory` init level rather than as a global, so that the heap works
// in every global constructor, whatever order the linker gave them.
alignas(HeapAllocator) u8 s_heapStorage[sizeof(HeapAllocator)];

HeapAllocator& heap()
{
    return *reinterpret_cast<HeapAllocator*>(s_heapStorage);
}

void initialiseHeap()
{
    new (s_heapStorage) HeapAllocator(s_pageSource);
    if (KEEL_OPTION_HEAP_SIZE != 0)
        heap().setLimit(KEEL_OPTION_HEAP_SIZE);
}

[[noreturn]] void outOfMemory(size_t size, size_t align)
{
    const HeapStats& stats = heap().stats();
    const PhysicalPageAllocator& pages = physicalPageAllocator();
    if (KEEL_OPTION_HEAP_SIZE != 0 && pages.freePages() * kPageSize > size)
        panic("out of memory: cannot allocate {} bytes (alignment {}): the heap reached its limit "
              "of {} bytes (heap.size in keel.toml); {} bytes in {} blocks",
            size, align, heap().limit(), stats.bytesInUse, stats.allocations);
    panic("out of memory: cannot allocate {} bytes (alignment {}); heap holds {} pages, {} bytes in "
          "{} blocks; {} of {} physical pages free",
        size, align, stats.pagesHeld, stats.bytesInUse, stats.allocations, pages.freePages(),
        pages.totalPages());
}

void* allocateOrPanic(size_t size, size_t align = HeapAllocator::kDefaultAlignment)
{
    void* pointer = heap().allocate(size, align);
    if (!pointer)
        outOfMemory(size, align);
    return pointer;
}

} // namespace

HeapStats heapStats()
{
    return heap().stats();
}

size_t heapLimit()
{
    return heap().limit();
}

} // namespace keel

KEEL_INIT(memory, keel::initialiseHeap);

using keel::allocateOrPanic;

namespace std {
enum class align_val_t : size_t {};
struct nothrow_t {
    explicit nothrow_t() = default;
};
extern const nothrow_t nothrow;
} // namespace std

const std::nothrow_t std::nothrow {};

void* operator new(size_t size) { return allocateOrPanic(size); }
void* operator new[](size_t size) { return allocateOrPanic(size); }
void* operator new(size_t size, std::align_val_t align) { return allocateOrPanic(size, size_t(align)); }
void* operator new[](size_t size, std::align_val_t align) { return allocateOrPanic(size, size_t(align)); }

// The nothrow forms return nullptr instead of panicking, as the standard says.
void* operator new(size_t size, const std::nothrow_t&) noexcept { return keel::heap().allocate(size); }
void* operator new[](size_t size, const std::nothrow_t&) noexcept { return keel::heap().allocate(size); }
void* operator new(size_t size, std::align_val_t align, const std::nothrow_t&) noexcept
{
    return keel::heap().allocate(size, size_t(align));
}
void* operator new[](size_t size, std::align_val_t align, const std::nothrow_t&) noexcept
{
    return keel::heap().allocate(size, size_t(align));
}
void* operator new(size_t size, const ktl::NoThrowTag&) noexcept { return keel::heap().allocate(size); }

void operator delete(void* pointer) noexcept { keel::heap().free(pointer); }
void operator delete[](void* pointer) noexcept { keel::heap().free(pointer); }
void operator delete(void* pointer, size_t) noexcept { keel::heap().free(pointer); }
void operator delete[](void* pointer, size_t) noexcept { keel::heap().free(pointer); }
void operator delete(void* pointer, std::align_val_t) noexcept { keel::heap().free(pointer); }
void operator delete[](void* pointer, std::align_val_t) noexcept { keel::heap().free(pointer); }
void operator delete(void* pointer, size_t, std::align_val_t) noexcept { keel::heap().free(pointer); }
void operator delete[](void* pointer, size_t, std::align_val_t) noexcept { keel::heap().free(pointer); }
void operator delete(void* pointer, const std::nothrow_t&) noexcept { keel::heap().free(pointer); }
void operator delete[](void* pointer, const std::nothrow_t&) noexcept { keel::heap().free(pointer); }

// C allocation: nullptr on exhaustion, as C callers check for it.
extern "C" {

void* malloc(size_t size) { return keel::heap().allocate(size); }
void free(void* pointer) { keel::heap().free(pointer); }

void* calloc(size_t count, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(count, size, &total))
        return nullptr;
    void* pointer = keel::heap().allocate(total);
    if (pointer)
        __builtin_memset(pointer, 0, total);
    return pointer;
}

void* realloc(void* pointer, size_t size)
{
    if (!pointer)
        return keel::heap().allocate(size);
    if (size == 0) {
        keel::heap().free(pointer);
        return nullptr;
    }
    return keel::heap().reallocate(pointer, size);
}

void* aligned_alloc(size_t align, size_t size)
{
    return keel::heap().allocate(size, align);
}

} // extern "C"
