// The kernel heap: size-class slabs for small blocks, whole pages for large ones.
//
//     class Pages final : public keel::PageSource { ... };    // usually the page allocator
//     keel::HeapAllocator heap(pages);
//     heap.setLimit(1 << 20);                                 // at most 1 MiB of pages
//     void* p = heap.allocate(100);                           // 16-byte aligned, nullptr if full
//     void* q = heap.allocate(64, 64);                        // any power-of-two alignment
//     p = heap.reallocate(p, 5000);
//     heap.free(p);  heap.free(q);
//
// Small blocks (up to 2048 bytes, alignment up to 2048) come from one-page slabs of a single
// size class 16, 32, ..., 2048; a slab's header sits at the start of its page and its blocks
// are naturally aligned, so free() finds the header by rounding the pointer down to the page.
// Each class keeps a list of slabs with free blocks, and each slab a free list: allocation and
// free are O(1); a per-slab bitmap of live blocks turns a double free into a fatal error rather
// than a corrupted free list. Larger or more aligned blocks take whole pages with a header in
// the first page.
// A page-aligned pointer is always a large block whose header is one page below it. Empty slabs
// go straight back to the PageSource, so after everything is freed pagesHeld() is 0.
// Not thread-safe: the caller (kernel heap glue) serialises access.
#pragma once

#include <ktl/error.h>

namespace keel {

// Where the heap gets its memory: 4 KiB-aligned runs of 4 KiB pages.
class PageSource {
public:
    virtual ktl::ErrorOr<void*> allocatePages(size_t count) = 0;
    virtual void freePages(void* pages, size_t count) = 0;

protected:
    ~PageSource() = default;
};

struct HeapStats {
    size_t bytesInUse = 0;      // usable bytes of live blocks (size class or large size)
    size_t peakBytesInUse = 0;
    size_t pagesHeld = 0;       // pages currently taken from the PageSource
    size_t allocations = 0;     // live blocks
};

class HeapAllocator {
public:
    static constexpr size_t kDefaultAlignment = 16;
    static constexpr size_t kClassCount = 8; // 16 << 0 ... 16 << 7 = 2048
    static constexpr size_t kLargestClass = 2048;

    // constexpr so a static heap is constant-initialised, before any constructors run.
    constexpr explicit HeapAllocator(PageSource& pages) : m_pages(pages) {}
    HeapAllocator(const HeapAllocator&) = delete;
    HeapAllocator& operator=(const HeapAllocator&) = delete;

    // nullptr when out of memory, over the limit, or align is not a power of two.
    // size 0 gives a unique minimal block.
    void* allocate(size_t size, size_t align = kDefaultAlignment);
    // nullptr is ignored; a pointer this heap did not hand out, or a double free, calls
    // ktl::onFatal.
    void free(void* pointer);
    // Keeps the block when it is big enough, else moves it (16-byte alignment) preserving
    // the contents; on failure returns nullptr and leaves the old block intact.
    void* reallocate(void* pointer, size_t size);
    size_t usableSize(const void* pointer) const;

    // Allocation fails once pages held from the PageSource would exceed `bytes`.
    void setLimit(size_t bytes) { m_limitBytes = bytes; }
    size_t limit() const { return m_limitBytes; }
    const HeapStats& stats() const { return m_stats; }

private:
    struct SlabHeader;
    struct LargeHeader;

    void* allocateSmall(size_t classIndex);
    void* allocateLarge(size_t size, size_t align);
    void freeSmall(SlabHeader* slab, void* pointer);
    void freeLarge(LargeHeader* header);
    SlabHeader* newSlab(size_t classIndex);
    void* takePages(size_t count);
    void givePages(void* pages, size_t count);
    void accountAllocated(size_t bytes);

    PageSource& m_pages;
    SlabHeader* m_partialSlabs[kClassCount] {};
    HeapStats m_stats;
    size_t m_limitBytes = ~size_t(0);
};

} // namespace keel
