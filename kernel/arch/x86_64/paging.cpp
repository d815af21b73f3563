#include "arch/x86_64/paging.h"

#include "arch/x86_64/cpu.h"

extern "C" char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern "C" char __keel_symbols_start[], __kernel_start[], __kernel_end[];
extern "C" char bootStackGuard[];
extern "C" void* memset(void*, int, size_t);

namespace keel::arch {
namespace {

constexpr u64 kPresent = 1ull << 0;
constexpr u64 kWritable = 1ull << 1;
constexpr u64 kWriteThrough = 1ull << 3;
constexpr u64 kCacheDisable = 1ull << 4;
constexpr u64 kLargePage = 1ull << 7;
constexpr u64 kNoExecute = 1ull << 63;
constexpr u64 kAddressMask = 0x000ffffffffff000ull;
constexpr u64 kLargePageSize = 2ull << 20;

u64 addressOf(const char* symbol)
{
    return reinterpret_cast<u64>(symbol);
}

u64 alignDown(u64 value, u64 alignment) { return value & ~(alignment - 1); }
u64 alignUp(u64 value, u64 alignment) { return alignDown(value + alignment - 1, alignment); }

class PageTableBuilder {
public:
    explicit PageTableBuilder(PhysicalPageAllocator& pages, u64* root = nullptr)
        : m_pages(pages), m_root(root) { }

    ktl::ErrorOr<void> createRoot() { m_root = TRY(zeroedPage()); return {}; }
    u64 root() const { return reinterpret_cast<u64>(m_root); }

    ktl::ErrorOr<void> mapChunk(u64 chunk);
    ktl::ErrorOr<void> mapDevicePage(u64 page);

private:
    ktl::ErrorOr<u64*> zeroedPage();
    ktl::ErrorOr<u64*> nextLevel(u64* table, unsigned index);
    ktl::ErrorOr<void> mapSmallPages(u64* pageTable, u64 chunk);
    ktl::ErrorOr<u64*> splitLargePage(u64* directory, unsigned index);
    static u64 smallPageFlags(u64 address);

    PhysicalPageAllocator& m_pages;
    u64* m_root = nullptr;
};

ktl::ErrorOr<u64*> PageTableBuilder::zeroedPage()
{
    u64 page = TRY(m_pages.allocate(1));
    memset(reinterpret_cast<void*>(page), 0, kPageSize);
    return reinterpret_cast<u64*>(page);
}

// Intermediate entries are present+writable without NX; the leaf decides the permissions.
ktl::ErrorOr<u64*> PageTableBuilder::nextLevel(u64* table, unsigned index)
{
    if (!(table[index] & kPresent)) {
        u64* next = TRY(zeroedPage());
        table[index] = reinterpret_cast<u64>(next) | kPresent | kWritable;
    }
    return reinterpret_cast<u64*>(table[index] & kAddressMask);
}

u64 PageTableBuilder::smallPageFlags(u64 address)
{
    if (address == 0 || address == addressOf(bootStackGuard))
        return 0;
    if (address >= addressOf(__text_start) && address < addressOf(__text_end))
        return kPresent;
    bool readOnlyData = (address >= addressOf(__rodata_start) && address < addressOf(__rodata_end))
        || (address >= addressOf(__keel_symbols_start) && address < addressOf(__kernel_end));
    if (readOnlyData)
        return kPresent | kNoExecute;
    return kPresent | kWritable | kNoExecute;
}

ktl::ErrorOr<void> PageTableBuilder::mapSmallPages(u64* pageTable, u64 chunk)
{
    for (unsigned i = 0; i < 512; ++i) {
        u64 address = chunk + u64(i) * kPageSize;
        u64 flags = smallPageFlags(address);
        pageTable[i] = flags ? (address | flags) : 0;
    }
    return {};
}

// Chunks holding page 0 or part of the image need 4 KiB granularity; all others get one 2 MiB
// page. A chunk already mapped (regions sharing a chunk) is left alone.
ktl::ErrorOr<void> PageTableBuilder::mapChunk(u64 chunk)
{
    u64* pdpt = TRY(nextLevel(m_root, (chunk >> 39) & 511));
    u64* directory = TRY(nextLevel(pdpt, (chunk >> 30) & 511));
    unsigned index = (chunk >> 21) & 511;
    if (directory[index] & kPresent)
        return {};
    bool holdsImage = chunk < addressOf(__kernel_end)
        && chunk + kLargePageSize > alignDown(addressOf(__kernel_start), kLargePageSize);
    if (chunk == 0 || holdsImage)
        return mapSmallPages(TRY(nextLevel(directory, index)), chunk);
    directory[index] = chunk | kPresent | kWritable | kLargePage | kNoExecute;
    return {};
}

// A 2 MiB page becomes a table of 512 small pages with the same permissions, so one of them can
// change without touching its neighbours. Bit 7 means "large" in a directory entry but "PAT" in
// a page-table entry, so it is cleared.
ktl::ErrorOr<u64*> PageTableBuilder::splitLargePage(u64* directory, unsigned index)
{
    u64 entry = directory[index];
    u64* table = TRY(zeroedPage());
    u64 flags = entry & ~kAddressMask & ~kLargePage;
    for (unsigned i = 0; i < 512; ++i)
        table[i] = ((entry & kAddressMask) + u64(i) * kPageSize) | flags;
    directory[index] = reinterpret_cast<u64>(table) | kPresent | kWritable;
    return table;
}

// Device registers: writable, never executable, uncached (PCD|PWT selects UC with the default
// PAT), so every access reaches the device in program order.
ktl::ErrorOr<void> PageTableBuilder::mapDevicePage(u64 page)
{
    u64* pdpt = TRY(nextLevel(m_root, (page >> 39) & 511));
    u64* directory = TRY(nextLevel(pdpt, (page >> 30) & 511));
    unsigned index = (page >> 21) & 511;
    u64* table = (directory[index] & (kPresent | kLargePage)) == (kPresent | kLargePage)
        ? TRY(splitLargePage(directory, index))
        : TRY(nextLevel(directory, index));
    table[(page >> 12) & 511] = page | kPresent | kWritable | kWriteThrough | kCacheDisable | kNoExecute;
    cpu::invalidatePage(page);
    return {};
}

PhysicalPageAllocator* s_tablePages = nullptr;

} // namespace

ktl::ErrorOr<void> mapMmio(u64 physical, u64 size)
{
    if (!s_tablePages)
        return ktl::Error(ktl::ErrorCode::Unsupported, "mapMmio called before the final page tables exist");
    if (physical + size < physical)
        return ktl::Error(ktl::ErrorCode::InvalidArgument, "MMIO range wraps past the end of the address space");
    PageTableBuilder builder(*s_tablePages, reinterpret_cast<u64*>(cpu::readCr3() & kAddressMask));
    for (u64 page = alignDown(physical, kPageSize); page < physical + size; page += kPageSize)
        TRY(builder.mapDevicePage(page));
    return {};
}

ktl::ErrorOr<void> initialisePaging(PhysicalPageAllocator& pages,
    ktl::Span<const MemoryRegion> memoryMap)
{
    PageTableBuilder builder(pages);
    TRY(builder.createRoot());
    TRY(builder.mapChunk(0));
    for (u64 chunk = alignDown(addressOf(__kernel_start), kLargePageSize);
         chunk < addressOf(__kernel_end); chunk += kLargePageSize)
        TRY(builder.mapChunk(chunk));
    for (const MemoryRegion& region : memoryMap) {
        if (region.type == MemoryType::Bad)
            continue;
        for (u64 chunk = alignDown(region.base, kLargePageSize);
             chunk < alignUp(region.end(), kLargePageSize); chunk += kLargePageSize)
            TRY(builder.mapChunk(chunk));
    }
    cpu::writeCr3(builder.root());
    s_tablePages = &pages;
    return {};
}

} // namespace keel::arch
