// Kernel heap: a wrong block size or alignment corrupts app objects; a leak of pages shows up as
// a pico VM running out of memory after hours.
#include "testsupport.h"

#include <heap/heapallocator.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <vector>

using keel::HeapAllocator;

namespace {

// Page source over aligned host memory. Freed pages are kept (quarantined) until the end so a
// use-after-free in the heap reads stale but valid memory, and counts are checked exactly.
class FakePageSource final : public keel::PageSource {
public:
    ~FakePageSource()
    {
        for (void* pages : m_quarantine)
            std::free(pages);
        for (auto& [pages, count] : m_live)
            std::free(pages);
    }

    ktl::ErrorOr<void*> allocatePages(size_t count) override
    {
        if (m_failNext)
            return ktl::Error(ktl::ErrorCode::OutOfMemory, "fake page source is empty");
        void* pages = std::aligned_alloc(4096, count * 4096);
        std::memset(pages, 0xA5, count * 4096);
        m_live[pages] = count;
        return pages;
    }

    void freePages(void* pages, size_t count) override
    {
        auto it = m_live.find(pages);
        ASSERT_NE(it, m_live.end()) << "heap returned pages it never got";
        ASSERT_EQ(it->second, count) << "heap returned a different page count";
        m_live.erase(it);
        m_quarantine.push_back(pages);
    }

    void* rawZeroedPages(size_t count)
    {
        void* pages = std::aligned_alloc(4096, count * 4096);
        std::memset(pages, 0, count * 4096);
        m_quarantine.push_back(pages);
        return pages;
    }

    size_t livePages() const
    {
        size_t total = 0;
        for (auto& [pages, count] : m_live)
            total += count;
        return total;
    }

    bool m_failNext = false;

private:
    std::map<void*, size_t> m_live;
    std::vector<void*> m_quarantine;
};

uintptr_t addressOf(const void* p) { return reinterpret_cast<uintptr_t>(p); }

struct Heap : ::testing::Test {
    FakePageSource source;
    HeapAllocator heap { source };

    void expectEmpty()
    {
        EXPECT_EQ(heap.stats().bytesInUse, 0u);
        EXPECT_EQ(heap.stats().allocations, 0u);
        EXPECT_EQ(heap.stats().pagesHeld, 0u);
        EXPECT_EQ(source.livePages(), 0u);
    }
};

} // namespace

TEST_F(Heap, EverySizeClassIsUsableAndAligned)
{
    std::vector<std::pair<void*, size_t>> blocks;
    for (size_t size = 0; size <= 2048; size += (size < 64 ? 1 : 37)) {
        void* p = heap.allocate(size);
        ASSERT_NE(p, nullptr) << size;
        EXPECT_EQ(addressOf(p) % 16, 0u) << size;
        EXPECT_GE(heap.usableSize(p), size);
        EXPECT_LE(heap.usableSize(p), std::max<size_t>(16, size * 2));
        std::memset(p, int(size & 0xff), size);
        blocks.push_back({ p, size });
    }
    for (auto& [p, size] : blocks) {
        for (size_t i = 0; i < size; ++i)
            ASSERT_EQ(static_cast<u8*>(p)[i], u8(size & 0xff)) << "block of " << size << " was overwritten";
        heap.free(p);
    }
    expectEmpty();
}

TEST_F(Heap, ManySmallBlocksShareSlabPages)
{
    std::vector<void*> blocks;
    for (int i = 0; i < 1000; ++i)
        blocks.push_back(heap.allocate(16));
    EXPECT_LE(heap.stats().pagesHeld, 5u); // ~250 blocks of 16 bytes per page
    EXPECT_EQ(heap.stats().bytesInUse, 16000u);
    for (void* p : blocks)
        heap.free(p);
    expectEmpty();
}

TEST_F(Heap, AlignmentUpToAndBeyondAPage)
{
    for (size_t align = 1; align <= 16384; align *= 2) {
        for (size_t size : { 1, 100, 3000, 20000 }) {
            void* p = heap.allocate(size, align);
            ASSERT_NE(p, nullptr) << size << "/" << align;
            EXPECT_EQ(addressOf(p) % align, 0u) << size << "/" << align;
            std::memset(p, 0x5a, size);
            EXPECT_GE(heap.usableSize(p), size);
            heap.free(p);
        }
    }
    EXPECT_EQ(heap.allocate(8, 3), nullptr);
    expectEmpty();
}

TEST_F(Heap, LargeBlocksTakeWholePages)
{
    void* big = heap.allocate(10000);
    ASSERT_NE(big, nullptr);
    EXPECT_EQ(heap.usableSize(big), 10000u);
    EXPECT_EQ(heap.stats().pagesHeld, 3u);
    std::memset(big, 1, 10000);
    void* huge = heap.allocate(1 << 20);
    ASSERT_NE(huge, nullptr);
    std::memset(huge, 2, 1 << 20);
    EXPECT_EQ(heap.stats().bytesInUse, 10000u + (1u << 20));
    heap.free(big);
    heap.free(huge);
    EXPECT_EQ(heap.stats().peakBytesInUse, 10000u + (1u << 20));
    expectEmpty();
    EXPECT_EQ(heap.allocate(~size_t(0) - 100), nullptr);
}

TEST_F(Heap, ReallocateGrowsAndShrinksPreservingData)
{
    auto* p = static_cast<u8*>(heap.reallocate(nullptr, 10));
    ASSERT_NE(p, nullptr);
    for (int i = 0; i < 10; ++i)
        p[i] = u8(i);
    p = static_cast<u8*>(heap.reallocate(p, 300)); // small -> bigger class
    for (int i = 0; i < 10; ++i)
        ASSERT_EQ(p[i], i);
    for (int i = 10; i < 300; ++i)
        p[i] = u8(i);
    p = static_cast<u8*>(heap.reallocate(p, 9000)); // small -> large
    for (int i = 0; i < 300; ++i)
        ASSERT_EQ(p[i], u8(i));
    for (int i = 300; i < 9000; ++i)
        p[i] = u8(i * 7);
    p = static_cast<u8*>(heap.reallocate(p, 50000)); // large -> larger
    for (int i = 300; i < 9000; ++i)
        ASSERT_EQ(p[i], u8(i * 7));
    u8* shrunk = static_cast<u8*>(heap.reallocate(p, 100)); // shrink keeps the data
    for (int i = 0; i < 100; ++i)
        ASSERT_EQ(shrunk[i], i < 10 ? u8(i) : u8(i));
    EXPECT_EQ(heap.reallocate(shrunk, 0), nullptr); // frees
    expectEmpty();
}

TEST_F(Heap, ReallocateFailureKeepsTheOldBlock)
{
    auto* p = static_cast<u8*>(heap.allocate(100));
    std::memset(p, 7, 100);
    source.m_failNext = true;
    EXPECT_EQ(heap.reallocate(p, 100000), nullptr);
    source.m_failNext = false;
    EXPECT_EQ(p[99], 7);
    heap.free(p);
    expectEmpty();
}

TEST_F(Heap, LimitAndSourceExhaustionReturnNull)
{
    heap.setLimit(4 * 4096);
    void* a = heap.allocate(3 * 4096 - 100); // 3 pages
    ASSERT_NE(a, nullptr);
    void* b = heap.allocate(64);             // 1 slab page: at the limit
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(heap.allocate(128), nullptr);  // would need a fifth page
    EXPECT_EQ(heap.allocate(5000), nullptr);
    void* c = heap.allocate(64);             // same slab: no new page needed
    EXPECT_NE(c, nullptr);
    heap.free(a);
    EXPECT_NE(heap.allocate(128), nullptr) << "room again after a free";
    heap.setLimit(~size_t(0));
    source.m_failNext = true;
    EXPECT_EQ(heap.allocate(4096 * 10), nullptr);
    source.m_failNext = false;
}

TEST_F(Heap, ForeignAndDoubleFreesAreFatal)
{
    heap.free(nullptr); // allowed, like free(NULL)
    auto* raw = static_cast<u8*>(source.rawZeroedPages(2));
    EXPECT_THROW(heap.free(raw + 4096), keeltest::FatalError); // page aligned, no large header
    EXPECT_THROW(heap.free(raw + 64), keeltest::FatalError);   // no slab header
    auto* block = static_cast<u8*>(heap.allocate(64));
    EXPECT_THROW(heap.free(block + 8), keeltest::FatalError) << "pointer inside a block";
    void* neighbour = heap.allocate(64); // keeps the slab alive after `block` is freed
    heap.free(block);
    EXPECT_THROW(heap.free(block), keeltest::FatalError) << "small double free";
    heap.free(neighbour);
    void* large = heap.allocate(8192, 4096);
    heap.free(large);
    EXPECT_THROW(heap.free(large), keeltest::FatalError);
    expectEmpty();
}

TEST_F(Heap, RandomisedStressAgainstShadowModel)
{
    struct Block {
        size_t size;
        u8 fill;
    };
    std::map<uintptr_t, Block> live;
    std::mt19937 random(42);
    auto verify = [&](uintptr_t address, const Block& block) {
        auto* bytes = reinterpret_cast<const u8*>(address);
        for (size_t i = 0; i < block.size; ++i)
            ASSERT_EQ(bytes[i], block.fill) << "corrupted block of " << block.size;
    };
    auto checkNoOverlap = [&](uintptr_t address, size_t size) {
        auto next = live.lower_bound(address);
        if (next != live.end()) {
            ASSERT_LE(address + size, next->first) << "overlaps the next block";
        }
        if (next != live.begin()) {
            auto previous = std::prev(next);
            ASSERT_LE(previous->first + previous->second.size, address) << "overlaps the previous block";
        }
    };
    for (int step = 0; step < 30000; ++step) {
        int action = int(random() % 10);
        if (live.empty() || action < 5) {
            size_t size = random() % 4 == 0 ? random() % 20000 : random() % 300;
            size_t align = size_t(1) << (random() % 13);
            void* p = heap.allocate(size, align);
            ASSERT_NE(p, nullptr);
            ASSERT_EQ(addressOf(p) % align, 0u);
            checkNoOverlap(addressOf(p), size);
            u8 fill = u8(random());
            std::memset(p, fill, size);
            live[addressOf(p)] = { size, fill };
        } else {
            auto it = std::next(live.begin(), long(random() % live.size()));
            verify(it->first, it->second);
            if (action < 8) {
                heap.free(reinterpret_cast<void*>(it->first));
                live.erase(it);
            } else {
                Block block = it->second;
                size_t size = random() % 10000 + 1;
                void* p = heap.reallocate(reinterpret_cast<void*>(it->first), size);
                ASSERT_NE(p, nullptr);
                live.erase(it);
                verify(addressOf(p), { std::min(size, block.size), block.fill });
                checkNoOverlap(addressOf(p), size);
                std::memset(p, block.fill, size);
                live[addressOf(p)] = { size, block.fill };
            }
        }
        size_t usable = 0;
        if (step % 1000 == 0) {
            for (auto& [address, block] : live)
                usable += heap.usableSize(reinterpret_cast<void*>(address));
            ASSERT_EQ(heap.stats().bytesInUse, usable);
            ASSERT_EQ(heap.stats().allocations, live.size());
        }
    }
    for (auto& [address, block] : live) {
        verify(address, block);
        heap.free(reinterpret_cast<void*>(address));
    }
    expectEmpty();
}
