// Physical page allocator: handing out a reserved page (the kernel image!) or the same page
// twice corrupts the running kernel; failing to hand out free RAM wastes a pico VM's few MiB.
#include "testsupport.h"

#include <core/pageallocator.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

using keel::kPageSize;
using keel::MemoryRegion;
using keel::MemoryType;
using keel::PhysicalPageAllocator;
using keel::Range;

namespace {

// Backs one physical window with a host buffer; anything else is unreachable (nullptr).
class BufferTranslator final : public keel::AddressTranslator {
public:
    BufferTranslator(u64 base, size_t size) : m_base(base), m_buffer(size) {}
    void* translate(u64 address, size_t length) const override
    {
        if (address < m_base || address + length > m_base + m_buffer.size())
            return nullptr;
        return const_cast<u8*>(m_buffer.data()) + (address - m_base);
    }

private:
    u64 m_base;
    std::vector<u8> m_buffer;
};

// QEMU -m 2M: low RAM below the EBDA, then 1 MiB up; the kernel image sits at 1 MiB.
const MemoryRegion kTwoMiB[] = {
    { 0, 0x9f000, MemoryType::Usable },
    { 0x9fc00, 0x400, MemoryType::Reserved },
    { 0x100000, 0x100000, MemoryType::Usable },
};
const Range kKernelImage[] = { { 0x100000, 0x40000 } };

bool overlapsKernel(u64 address) { return address >= 0x100000 && address < 0x140000; }

struct TwoMiB : ::testing::Test {
    void SetUp() override { ASSERT_FALSE(pages.initialise(kTwoMiB, kKernelImage, translator).isError()); }

    BufferTranslator translator { 0, 0x200000 };
    PhysicalPageAllocator pages;
};

std::vector<u64> allocateAllSingles(PhysicalPageAllocator& pages)
{
    std::vector<u64> out;
    for (;;) {
        auto page = pages.allocate(1);
        if (page.isError()) {
            EXPECT_EQ(page.error().code(), ktl::ErrorCode::OutOfMemory);
            return out;
        }
        out.push_back(page.value());
    }
}

} // namespace

TEST_F(TwoMiB, CountsAndBookkeepingFromUsableMemory)
{
    EXPECT_EQ(pages.totalPages(), 0x9fu + 0x100u);
    // Page 0, the 64 kernel pages and one bitmap page are taken.
    EXPECT_EQ(pages.freePages(), pages.totalPages() - 1 - 64 - 1);
    EXPECT_TRUE(pages.isAllocated(0));
    EXPECT_TRUE(pages.isAllocated(0x100000));
    EXPECT_TRUE(pages.isAllocated(0x1000)); // bitmap lives in the first free page
    EXPECT_LT(sizeof(PhysicalPageAllocator), 4096u);
}

TEST_F(TwoMiB, HandsOutEveryFreePageOnceAndNeverReservedOnes)
{
    size_t free = pages.freePages();
    std::vector<u64> all = allocateAllSingles(pages);
    EXPECT_EQ(all.size(), free);
    EXPECT_EQ(pages.freePages(), 0u);
    std::set<u64> unique(all.begin(), all.end());
    EXPECT_EQ(unique.size(), all.size());
    for (u64 page : all) {
        EXPECT_EQ(page % kPageSize, 0u);
        EXPECT_NE(page, 0u);
        EXPECT_NE(page, 0x1000u);
        EXPECT_FALSE(overlapsKernel(page)) << std::hex << page;
        EXPECT_TRUE(page < 0x9f000 || (page >= 0x100000 && page < 0x200000)) << std::hex << page;
    }
    for (u64 page : all)
        pages.free(page, 1);
    EXPECT_EQ(pages.freePages(), free);
}

TEST_F(TwoMiB, ContiguousAndAligned)
{
    u64 run = pages.allocate(16, 16).value();
    EXPECT_EQ(run % (16 * kPageSize), 0u);
    for (u64 p = run; p < run + 16 * kPageSize; p += kPageSize)
        EXPECT_TRUE(pages.isAllocated(p));
    u64 odd = pages.allocate(3, 4).value();
    EXPECT_EQ(odd % (4 * kPageSize), 0u);
    EXPECT_TRUE(odd + 3 * kPageSize <= run || odd >= run + 16 * kPageSize);
    EXPECT_EQ(pages.allocate(0).error().code(), ktl::ErrorCode::InvalidArgument);
    EXPECT_EQ(pages.allocate(1, 3).error().code(), ktl::ErrorCode::InvalidArgument);
    EXPECT_EQ(pages.allocate(1000).error().code(), ktl::ErrorCode::OutOfMemory);
    pages.free(run, 16);
    pages.free(odd, 3);
}

TEST_F(TwoMiB, FragmentationLeavesNoContiguousRun)
{
    std::vector<u64> all = allocateAllSingles(pages);
    std::sort(all.begin(), all.end());
    for (size_t i = 0; i < all.size(); i += 2)
        pages.free(all[i], 1);
    // Every other page is free: no two adjacent free pages remain.
    EXPECT_EQ(pages.allocate(2).error().code(), ktl::ErrorCode::OutOfMemory);
    EXPECT_FALSE(pages.allocate(1).isError());
}

TEST_F(TwoMiB, DoubleAndForeignFreesAreFatal)
{
    u64 page = pages.allocate(2).value();
    pages.free(page, 2);
    EXPECT_THROW(pages.free(page, 1), keeltest::FatalError);
    EXPECT_THROW(pages.free(page + 1, 1), keeltest::FatalError);           // not page aligned
    EXPECT_THROW(pages.free(0x300000, 1), keeltest::FatalError);           // not managed
    EXPECT_THROW(pages.free(0x1ff000, 2), keeltest::FatalError);           // runs past the region
    u64 one = pages.allocate(1).value();
    EXPECT_THROW(pages.free(one, 2), keeltest::FatalError) << "second page is free";
    EXPECT_TRUE(pages.isAllocated(one)) << "a rejected free must change nothing";
}

TEST(PageAllocator, FourGiBWithHoleNeedsOnlySmallBookkeeping)
{
    const MemoryRegion map[] = {
        { 0x100000, 0xC0000000 - 0x100000, MemoryType::Usable },
        { 0xC0000000, 0x40000000, MemoryType::Reserved },
        { 0x100000000, 0x40000000, MemoryType::Usable },
    };
    const Range reserved[] = { { 0x100000, 0x200000 } }; // kernel image: bitmaps go after it
    BufferTranslator translator(0x300000, 256 * 1024);
    PhysicalPageAllocator pages;
    auto result = pages.initialise(map, reserved, translator);
    ASSERT_FALSE(result.isError()) << result.error().message();
    u64 total = (0xC0000000 - 0x100000) / kPageSize + 0x40000000 / kPageSize;
    EXPECT_EQ(pages.totalPages(), total);
    u64 bitmapPages = (total / 8 + 2 * 8 + kPageSize - 1) / kPageSize; // 128 KiB
    EXPECT_EQ(bitmapPages, 32u);
    EXPECT_EQ(pages.freePages(), total - 512 - bitmapPages);
    EXPECT_TRUE(pages.isAllocated(0x300000));

    u64 first = pages.allocate(1).value();
    EXPECT_EQ(first, 0x300000 + bitmapPages * kPageSize);
    u64 huge = pages.allocate(512, 512).value(); // 2 MiB aligned
    EXPECT_EQ(huge % 0x200000, 0u);
    // 3 GiB fits in no zone (the low one is partly used); 1 GiB does.
    EXPECT_EQ(pages.allocate(0xC0000).error().code(), ktl::ErrorCode::OutOfMemory);
    u64 gib = pages.allocate(0x40000).value();
    EXPECT_FALSE(pages.isAllocated(0x13ffff000));
    // Many single pages stay cheap thanks to the search hint.
    std::vector<u64> many;
    for (int i = 0; i < 200000; ++i)
        many.push_back(pages.allocate(1).value());
    for (u64 page : many)
        pages.free(page, 1);
    pages.free(gib, 0x40000);
    pages.free(huge, 512);
    pages.free(first, 1);
    EXPECT_EQ(pages.freePages(), total - 512 - bitmapPages);
}

// RAM above 4 GiB is added once the final page tables map it; its bitmap lives in its own first
// pages, it is used once the low memory is full, and it frees like any other zone.
TEST(PageAllocator, AddsRegionsAboveTheBootMappingLater)
{
    const MemoryRegion low[] = { { 0x100000, 0x100000, MemoryType::Usable } };
    const Range kernel[] = { { 0x100000, 0x40000 } };
    BufferTranslator lowWindow(0x100000, 0x100000);
    PhysicalPageAllocator pages;
    ASSERT_FALSE(pages.initialise(low, kernel, lowWindow).isError());
    const u64 lowFree = pages.freePages();

    const u64 highBase = 0x100000000;
    const MemoryRegion high[] = {
        { highBase, 0x400000, MemoryType::Usable },        // 4 MiB: 1024 pages, one bitmap page
        { highBase + 0x400000, 0x1000, MemoryType::Reserved },
        { highBase + 0x800000, 0x1000, MemoryType::Usable }, // a page: no room for its own bitmap
    };
    BufferTranslator highWindow(highBase, 0x801000);
    auto added = pages.addRegions(high, highWindow);
    ASSERT_FALSE(added.isError()) << added.error().message();
    EXPECT_EQ(pages.totalPages(), 0x100u + 1024u);
    EXPECT_EQ(pages.freePages(), lowFree + 1023);
    EXPECT_TRUE(pages.isAllocated(highBase)); // its bitmap
    EXPECT_FALSE(pages.isAllocated(highBase + kPageSize));

    std::vector<u64> all = allocateAllSingles(pages);
    ASSERT_EQ(all.size(), lowFree + 1023);
    EXPECT_LT(all.front(), highBase) << "low memory first";
    EXPECT_EQ(all.back(), highBase + 0x3ff000);
    EXPECT_EQ(std::count(all.begin(), all.end(), highBase), 0);
    for (u64 page : all)
        pages.free(page, 1);
    EXPECT_EQ(pages.freePages(), lowFree + 1023);
    const u64 run = pages.allocate(512, 512).value(); // 2 MiB aligned: only the high zone has it
    EXPECT_GE(run, highBase);
    EXPECT_EQ(run % 0x200000, 0u);

    const MemoryRegion overlapping[] = { { highBase + 0x200000, 0x400000, MemoryType::Usable } };
    EXPECT_EQ(pages.addRegions(overlapping, highWindow).error().code(), ktl::ErrorCode::Overlap);
    const MemoryRegion unmapped[] = { { 0x200000000, 0x400000, MemoryType::Usable } };
    EXPECT_EQ(pages.addRegions(unmapped, highWindow).error().code(), ktl::ErrorCode::OutOfRange);
}

TEST(PageAllocator, InitialisationErrors)
{
    BufferTranslator translator(0, 0x10000);
    PhysicalPageAllocator pages;
    const MemoryRegion none[] = { { 0x1000, 0x800, MemoryType::Usable }, { 0x10000, 0x10000, MemoryType::Reserved } };
    EXPECT_EQ(pages.initialise(none, {}, translator).error().code(), ktl::ErrorCode::OutOfMemory);
    const MemoryRegion tiny[] = { { 0x1000, 0x1000, MemoryType::Usable } };
    const Range all[] = { { 0x1000, 0x1000 } };
    EXPECT_EQ(pages.initialise(tiny, all, translator).error().code(), ktl::ErrorCode::OutOfMemory);
    const MemoryRegion unmapped[] = { { 0x100000, 0x100000, MemoryType::Usable } };
    EXPECT_EQ(pages.initialise(unmapped, {}, translator).error().code(), ktl::ErrorCode::OutOfRange);
    const MemoryRegion overlapping[] = { { 0x1000, 0x4000, MemoryType::Usable }, { 0x2000, 0x4000, MemoryType::Usable } };
    EXPECT_EQ(pages.initialise(overlapping, {}, translator).error().code(), ktl::ErrorCode::Overlap);
}

TEST(PageAllocator, RandomisedAgainstShadowModel)
{
    const MemoryRegion map[] = { { 0x1000, 0x3ff000, MemoryType::Usable }, { 0x800000, 0x200000, MemoryType::Usable } };
    const Range reserved[] = { { 0x123456, 0x10000 }, { 0x900000, 0x1000 } };
    BufferTranslator translator(0, 0x1000000);
    PhysicalPageAllocator pages;
    ASSERT_FALSE(pages.initialise(map, reserved, translator).isError());
    std::set<u64> owned;
    std::vector<std::pair<u64, size_t>> live;
    std::mt19937 random(1234);
    size_t initialFree = pages.freePages();
    for (int step = 0; step < 20000; ++step) {
        if (live.empty() || random() % 3 != 0) {
            size_t count = 1 + random() % 8;
            size_t align = size_t(1) << (random() % 4);
            auto got = pages.allocate(count, align);
            if (got.isError())
                continue;
            ASSERT_EQ(got.value() % (align * kPageSize), 0u);
            for (size_t i = 0; i < count; ++i) {
                u64 page = got.value() + i * kPageSize;
                ASSERT_TRUE(owned.insert(page).second) << "page handed out twice: " << std::hex << page;
                ASSERT_FALSE(page >= 0x123000 && page < 0x134000) << "reserved page handed out";
                ASSERT_NE(page, 0x900000u);
            }
            live.push_back({ got.value(), count });
        } else {
            size_t index = random() % live.size();
            auto [base, count] = live[index];
            pages.free(base, count);
            for (size_t i = 0; i < count; ++i)
                owned.erase(base + i * kPageSize);
            live.erase(live.begin() + long(index));
        }
        ASSERT_EQ(pages.freePages(), initialFree - owned.size());
    }
}
