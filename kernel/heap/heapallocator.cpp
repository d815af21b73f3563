// Slab + page heap; the layout is described in heapallocator.h.
#include <heap/heapallocator.h>

#include <ktl/format.h>

namespace keel {

namespace {

constexpr size_t kPageSize = 4096;
constexpr u32 kSlabMagic = 0x534c4142;  // "SLAB"
constexpr u32 kLargeMagic = 0x4c524745; // "LRGE"
constexpr size_t kSmallestClass = 16;

uptr address(const void* pointer) { return reinterpret_cast<uptr>(pointer); }
bool isPageAligned(const void* pointer) { return address(pointer) % kPageSize == 0; }

size_t classSize(size_t classIndex) { return kSmallestClass << classIndex; }

// The smallest class that holds `size` bytes at `align` alignment (blocks are naturally aligned).
size_t classFor(size_t size, size_t align)
{
    size_t needed = ktl::max(ktl::max(size, align), kSmallestClass);
    size_t index = 0;
    while (classSize(index) < needed)
        ++index;
    return index;
}

[[noreturn]] void fatal(const char* what, const void* pointer)
{
    static char message[160];
    ktl::formatToBuffer(message, "heap: {} (pointer {:p})", what, pointer);
    ktl::onFatal(message);
}

} // namespace

struct HeapAllocator::SlabHeader {
    u32 magic;
    u32 classIndex;
    u32 used;
    u32 capacity;
    u32 carved;     // blocks handed out at least once; the rest of the page is untouched
    u32 unused;
    void* freeList; // freed blocks; each starts with the next one's address
    SlabHeader* previous;
    SlabHeader* next;
    u64 liveBlocks[4]; // one bit per block (at most 251 per page): catches double frees

    size_t firstOffset() const { return ktl::alignUp(sizeof(SlabHeader), classSize(classIndex)); }
    size_t blockIndex(const void* block) const
    {
        return (address(block) % kPageSize - firstOffset()) / classSize(classIndex);
    }
    // A recycled block if there is one, else the next never-used block: a new slab costs O(1).
    void* takeBlock()
    {
        void* block = freeList;
        if (block)
            freeList = *static_cast<void**>(block);
        else
            block = reinterpret_cast<u8*>(this) + firstOffset() + size_t(carved++) * classSize(classIndex);
        return block;
    }
    // Flips the block's live bit and returns its previous state.
    bool toggleLive(const void* block)
    {
        size_t index = blockIndex(block);
        u64 mask = u64(1) << (index % 64);
        bool wasLive = liveBlocks[index / 64] & mask;
        liveBlocks[index / 64] ^= mask;
        return wasLive;
    }
};

struct HeapAllocator::LargeHeader {
    u32 magic;
    u32 reserved;
    void* base; // what the PageSource returned
    size_t pages;
    size_t size;
};

void* HeapAllocator::allocate(size_t size, size_t align)
{
    if (!ktl::isPowerOfTwo(align))
        return nullptr;
    if (size <= kLargestClass && align <= kLargestClass)
        return allocateSmall(classFor(size, align));
    return allocateLarge(size, ktl::max(align, kDefaultAlignment));
}

void HeapAllocator::accountAllocated(size_t bytes)
{
    m_stats.bytesInUse += bytes;
    m_stats.peakBytesInUse = ktl::max(m_stats.peakBytesInUse, m_stats.bytesInUse);
    ++m_stats.allocations;
}

void* HeapAllocator::takePages(size_t count)
{
    size_t heldBytes = m_stats.pagesHeld * kPageSize;
    if (count > (m_limitBytes - ktl::min(heldBytes, m_limitBytes)) / kPageSize)
        return nullptr;
    auto pages = m_pages.allocatePages(count);
    if (pages.isError())
        return nullptr;
    m_stats.pagesHeld += count;
    return pages.value();
}

void HeapAllocator::givePages(void* pages, size_t count)
{
    m_stats.pagesHeld -= count;
    m_pages.freePages(pages, count);
}

HeapAllocator::SlabHeader* HeapAllocator::newSlab(size_t classIndex)
{
    static_assert((kPageSize - sizeof(SlabHeader)) / kSmallestClass <= 256,
                  "liveBlocks needs a bit for every block of the smallest class");
    void* page = takePages(1);
    if (!page)
        return nullptr;
    auto* slab = static_cast<SlabHeader*>(page);
    size_t blockSize = classSize(classIndex);
    size_t first = ktl::alignUp(sizeof(SlabHeader), blockSize);
    *slab = { kSlabMagic, u32(classIndex), 0, u32((kPageSize - first) / blockSize), 0, 0, nullptr, nullptr, nullptr, {} };
    slab->next = m_partialSlabs[classIndex];
    if (slab->next)
        slab->next->previous = slab;
    m_partialSlabs[classIndex] = slab;
    return slab;
}

void* HeapAllocator::allocateSmall(size_t classIndex)
{
    SlabHeader* slab = m_partialSlabs[classIndex];
    if (!slab && !(slab = newSlab(classIndex)))
        return nullptr;
    void* block = slab->takeBlock();
    slab->toggleLive(block);
    if (++slab->used == slab->capacity) { // full slabs leave the partial list
        m_partialSlabs[classIndex] = slab->next;
        if (slab->next)
            slab->next->previous = nullptr;
        slab->next = nullptr;
    }
    accountAllocated(classSize(classIndex));
    return block;
}

void* HeapAllocator::allocateLarge(size_t size, size_t align)
{
    // The user block starts at least one header past the base and, for page alignment and
    // above, at least one page past it so the header fits in the page below.
    size_t maxOffset = ktl::max(align, ktl::alignUp(sizeof(LargeHeader), kDefaultAlignment));
    if (size > ~size_t(0) - maxOffset - kPageSize)
        return nullptr;
    size_t pages = (maxOffset + size + kPageSize - 1) / kPageSize;
    void* base = takePages(pages);
    if (!base)
        return nullptr;
    uptr user = ktl::alignUp(address(base) + sizeof(LargeHeader), align);
    auto* header = reinterpret_cast<LargeHeader*>(user % kPageSize == 0 ? user - kPageSize
                                                                        : ktl::alignDown(user, kPageSize));
    *header = { kLargeMagic, 0, base, pages, size };
    accountAllocated(size);
    return reinterpret_cast<void*>(user);
}

void HeapAllocator::free(void* pointer)
{
    if (!pointer)
        return;
    if (isPageAligned(pointer)) {
        auto* header = reinterpret_cast<LargeHeader*>(address(pointer) - kPageSize);
        if (header->magic != kLargeMagic)
            fatal("free of a pointer this heap did not allocate", pointer);
        return freeLarge(header);
    }
    void* page = reinterpret_cast<void*>(ktl::alignDown(address(pointer), kPageSize));
    if (static_cast<LargeHeader*>(page)->magic == kLargeMagic)
        return freeLarge(static_cast<LargeHeader*>(page));
    auto* slab = static_cast<SlabHeader*>(page);
    if (slab->magic != kSlabMagic)
        fatal("free of a pointer this heap did not allocate", pointer);
    freeSmall(slab, pointer);
}

void HeapAllocator::freeSmall(SlabHeader* slab, void* pointer)
{
    size_t blockSize = classSize(slab->classIndex);
    size_t offset = address(pointer) % kPageSize;
    if (offset < slab->firstOffset() || (offset - slab->firstOffset()) % blockSize != 0)
        fatal("free of a pointer inside a block", pointer);
    if (!slab->toggleLive(pointer))
        fatal("double free", pointer);
    size_t classIndex = slab->classIndex;
    bool wasFull = slab->used == slab->capacity;
    *static_cast<void**>(pointer) = slab->freeList;
    slab->freeList = pointer;
    --slab->used;
    m_stats.bytesInUse -= blockSize;
    --m_stats.allocations;
    if (wasFull) { // back on the partial list
        slab->previous = nullptr;
        slab->next = m_partialSlabs[classIndex];
        if (slab->next)
            slab->next->previous = slab;
        m_partialSlabs[classIndex] = slab;
    }
    if (slab->used == 0) { // empty: unlink and return the page
        if (slab->previous)
            slab->previous->next = slab->next;
        else
            m_partialSlabs[classIndex] = slab->next;
        if (slab->next)
            slab->next->previous = slab->previous;
        slab->magic = 0;
        givePages(slab, 1);
    }
}

void HeapAllocator::freeLarge(LargeHeader* header)
{
    m_stats.bytesInUse -= header->size;
    --m_stats.allocations;
    header->magic = 0; // a second free of this block now fails the magic check
    givePages(header->base, header->pages);
}

size_t HeapAllocator::usableSize(const void* pointer) const
{
    if (!pointer)
        return 0;
    if (isPageAligned(pointer))
        return reinterpret_cast<const LargeHeader*>(address(pointer) - kPageSize)->size;
    auto* page = reinterpret_cast<const SlabHeader*>(ktl::alignDown(address(pointer), kPageSize));
    if (page->magic == kLargeMagic)
        return reinterpret_cast<const LargeHeader*>(page)->size;
    return classSize(page->classIndex);
}

void* HeapAllocator::reallocate(void* pointer, size_t size)
{
    if (!pointer)
        return allocate(size);
    if (size == 0) {
        free(pointer);
        return nullptr;
    }
    size_t old = usableSize(pointer);
    if (size <= old)
        return pointer;
    void* fresh = allocate(size);
    if (!fresh)
        return nullptr;
    __builtin_memcpy(fresh, pointer, old);
    free(pointer);
    return fresh;
}

} // namespace keel
