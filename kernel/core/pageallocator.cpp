// Bitmap page allocator; the design is described in pageallocator.h.
#include <core/pageallocator.h>

#include <ktl/format.h>

namespace keel {

using ktl::Error;
using ktl::ErrorCode;

namespace {

constexpr u64 kBitsPerWord = 64;
constexpr u64 kAllUsed = ~u64(0);

u64 wordsFor(u64 pages) { return (pages + kBitsPerWord - 1) / kBitsPerWord; }
u64 pageOf(u64 address) { return address / kPageSize; }
u64 pageAfter(u64 address) { return (address + kPageSize - 1) / kPageSize; }

struct PageSpan {
    u64 first;
    u64 count;
};

// The whole pages inside a usable region; none for other types or a region within one page.
ktl::Optional<PageSpan> wholeUsablePages(const MemoryRegion& region)
{
    u64 first = pageAfter(region.base);
    u64 end = pageOf(region.end());
    if (region.type != MemoryType::Usable || first >= end)
        return {};
    return PageSpan { first, end - first };
}

[[noreturn]] void fatal(const char* what, u64 address)
{
    static char message[160];
    ktl::formatToBuffer(message, "page allocator: {} (address {:#x})", what, address);
    ktl::onFatal(message);
}

// First page of a free run of `count` pages inside [first, end), skipping reserved ranges.
ktl::Optional<u64> findRoom(u64 first, u64 end, u64 count, ktl::Span<const Range> reserved)
{
    u64 candidate = ktl::max(first, u64(1)); // page 0 is never used
    bool moved = true;
    while (moved && candidate + count <= end) {
        moved = false;
        for (const Range& range : reserved) {
            if (pageOf(range.base) < candidate + count && pageAfter(range.end()) > candidate) {
                candidate = pageAfter(range.end());
                moved = true;
            }
        }
    }
    if (candidate + count > end)
        return {};
    return candidate;
}

} // namespace

// Index of the first free page at or after `from`, or pageCount.
static u64 findFree(const u64* bitmap, u64 pageCount, u64 from)
{
    u64 words = wordsFor(pageCount);
    u64 word = from / kBitsPerWord;
    if (word >= words)
        return pageCount;
    u64 bits = ~bitmap[word] & (kAllUsed << (from % kBitsPerWord));
    while (bits == 0) {
        if (++word >= words)
            return pageCount;
        bits = ~bitmap[word];
    }
    return ktl::min(word * kBitsPerWord + u64(__builtin_ctzll(bits)), pageCount);
}

// Index of the first used page in [from, limit), or limit.
static u64 findUsed(const u64* bitmap, u64 from, u64 limit)
{
    u64 word = from / kBitsPerWord;
    u64 bits = bitmap[word] & (kAllUsed << (from % kBitsPerWord));
    while (bits == 0) {
        ++word;
        if (word * kBitsPerWord >= limit)
            return limit;
        bits = bitmap[word];
    }
    return ktl::min(word * kBitsPerWord + u64(__builtin_ctzll(bits)), limit);
}

// The first free stretch of any zone that can hold the bitmaps themselves.
ktl::Optional<u64> PhysicalPageAllocator::findBookkeepingRoom(u64 pages, ktl::Span<const Range> reserved) const
{
    for (size_t i = 0; i < m_zoneCount; ++i) {
        if (auto room = findRoom(m_zones[i].basePage, m_zones[i].basePage + m_zones[i].pageCount, pages, reserved))
            return room;
    }
    return {};
}

ktl::ErrorOr<void> PhysicalPageAllocator::initialise(ktl::Span<const MemoryRegion> usable,
                                                     ktl::Span<const Range> reserved,
                                                     const AddressTranslator& translator)
{
    *this = PhysicalPageAllocator();
    TRY(collectZones(usable));
    u64 bitmapBytes = 0;
    for (size_t i = 0; i < m_zoneCount; ++i)
        bitmapBytes += wordsFor(m_zones[i].pageCount) * sizeof(u64);
    u64 bookkeepingPages = pageAfter(bitmapBytes);
    ktl::Optional<u64> place = findBookkeepingRoom(bookkeepingPages, reserved);
    if (!place)
        return Error(ErrorCode::OutOfMemory, "page allocator: no room for its bitmaps");
    auto* storage = static_cast<u64*>(translator.translate(*place * kPageSize, bitmapBytes));
    if (!storage)
        return Error(ErrorCode::OutOfRange, "page allocator: bitmap memory cannot be mapped");
    setUpBitmaps(storage);
    markRangeUsed(0, kPageSize);
    for (const Range& range : reserved)
        markRangeUsed(range.base, range.length);
    markRangeUsed(*place * kPageSize, bookkeepingPages * kPageSize);
    return {};
}

// One zone per usable region, whole pages only, sorted by address.
ktl::ErrorOr<void> PhysicalPageAllocator::collectZones(ktl::Span<const MemoryRegion> usable)
{
    for (const MemoryRegion& region : usable) {
        if (auto pages = wholeUsablePages(region))
            TRY(insertZone(pages->first, pages->count));
    }
    if (m_zoneCount == 0)
        return Error(ErrorCode::OutOfMemory, "page allocator: no usable memory");
    return {};
}

// Keeps the zones sorted by address; the bitmap is still to be set up.
ktl::ErrorOr<PhysicalPageAllocator::Zone*> PhysicalPageAllocator::insertZone(u64 firstPage, u64 pageCount)
{
    if (m_zoneCount == kMaxMemoryRegions)
        return Error(ErrorCode::TooMany, "page allocator: more than 64 usable regions");
    size_t at = m_zoneCount;
    for (; at > 0 && m_zones[at - 1].basePage > firstPage; --at) { }
    bool overlapsBefore = at > 0 && m_zones[at - 1].basePage + m_zones[at - 1].pageCount > firstPage;
    bool overlapsAfter = at < m_zoneCount && firstPage + pageCount > m_zones[at].basePage;
    if (overlapsBefore || overlapsAfter)
        return Error(ErrorCode::Overlap, "page allocator: usable regions overlap");
    for (size_t i = m_zoneCount++; i > at; --i)
        m_zones[i] = m_zones[i - 1];
    m_zones[at] = { firstPage, pageCount, nullptr, pageCount, 0 };
    return &m_zones[at];
}

ktl::ErrorOr<void> PhysicalPageAllocator::addRegions(ktl::Span<const MemoryRegion> usable,
                                                     const AddressTranslator& translator)
{
    for (const MemoryRegion& region : usable) {
        auto pages = wholeUsablePages(region);
        if (!pages)
            continue;
        u64 bookkeepingPages = pageAfter(wordsFor(pages->count) * sizeof(u64));
        if (bookkeepingPages >= pages->count)
            continue;
        auto* storage = static_cast<u64*>(translator.translate(pages->first * kPageSize, bookkeepingPages * kPageSize));
        if (!storage)
            return Error(ErrorCode::OutOfRange, "page allocator: bitmap memory cannot be mapped");
        Zone* zone = TRY(insertZone(pages->first, pages->count));
        initialiseBitmap(*zone, storage);
        markUsed(*zone, 0, bookkeepingPages);
    }
    return {};
}

// Lays the zones' bitmaps out back to back in `storage`, every page free.
void PhysicalPageAllocator::setUpBitmaps(u64* storage)
{
    for (size_t i = 0; i < m_zoneCount; ++i) {
        initialiseBitmap(m_zones[i], storage);
        storage += wordsFor(m_zones[i].pageCount);
    }
}

void PhysicalPageAllocator::initialiseBitmap(Zone& zone, u64* storage)
{
    u64 words = wordsFor(zone.pageCount);
    zone.bitmap = storage;
    for (u64 w = 0; w < words; ++w)
        zone.bitmap[w] = 0;
    if (u64 tail = zone.pageCount % kBitsPerWord)
        zone.bitmap[words - 1] = kAllUsed << tail; // bits past the end never look free
    m_totalPages += zone.pageCount;
    m_freePages += zone.pageCount;
}

void PhysicalPageAllocator::markUsed(Zone& zone, u64 firstIndex, u64 count)
{
    for (u64 i = firstIndex; i < firstIndex + count; ++i)
        zone.bitmap[i / kBitsPerWord] |= u64(1) << (i % kBitsPerWord);
    zone.freeCount -= count;
    m_freePages -= count;
}

void PhysicalPageAllocator::markRangeUsed(u64 base, u64 length)
{
    if (length == 0)
        return;
    u64 first = pageOf(base);
    u64 end = pageAfter(base + length);
    for (size_t z = 0; z < m_zoneCount; ++z) {
        Zone& zone = m_zones[z];
        u64 from = ktl::max(first, zone.basePage);
        u64 to = ktl::min(end, zone.basePage + zone.pageCount);
        for (u64 page = from; page < to; ++page) {
            u64 index = page - zone.basePage;
            if (findUsed(zone.bitmap, index, index + 1) != index)
                markUsed(zone, index, 1);
        }
    }
}

ktl::Optional<u64> PhysicalPageAllocator::allocateInZone(Zone& zone, u64 pages, u64 alignPages)
{
    u64 index = findFree(zone.bitmap, zone.pageCount, zone.searchHint * kBitsPerWord);
    while (index < zone.pageCount) {
        index = ktl::alignUp(zone.basePage + index, alignPages) - zone.basePage;
        if (index + pages > zone.pageCount)
            return {};
        u64 used = findUsed(zone.bitmap, index, index + pages);
        if (used == index + pages) {
            markUsed(zone, index, pages);
            if (pages == 1)
                zone.searchHint = index / kBitsPerWord; // everything before is full
            return zone.basePage + index;
        }
        index = findFree(zone.bitmap, zone.pageCount, used + 1);
    }
    return {};
}

ktl::ErrorOr<u64> PhysicalPageAllocator::allocate(size_t pages, size_t alignPages)
{
    if (pages == 0)
        return Error(ErrorCode::InvalidArgument, "page allocator: zero pages requested");
    if (!ktl::isPowerOfTwo(alignPages))
        return Error(ErrorCode::InvalidArgument, "page allocator: alignment is not a power of two");
    for (size_t z = 0; z < m_zoneCount; ++z) {
        Zone& zone = m_zones[z];
        if (zone.freeCount < pages)
            continue;
        if (ktl::Optional<u64> page = allocateInZone(zone, pages, alignPages))
            return *page * kPageSize;
    }
    return Error(ErrorCode::OutOfMemory, "page allocator: not enough contiguous free pages");
}

void PhysicalPageAllocator::free(u64 address, size_t pages)
{
    if (pages == 0)
        return;
    if (address % kPageSize != 0)
        fatal("free of an address that is not page aligned", address);
    u64 page = pageOf(address);
    Zone* zone = zoneFor(page);
    if (!zone || page + pages > zone->basePage + zone->pageCount)
        fatal("free of pages it does not manage", address);
    u64 index = page - zone->basePage;
    u64 firstFree = findFree(zone->bitmap, zone->pageCount, index);
    if (firstFree < index + pages)
        fatal("double free", (zone->basePage + firstFree) * kPageSize);
    for (u64 i = index; i < index + pages; ++i)
        zone->bitmap[i / kBitsPerWord] &= ~(u64(1) << (i % kBitsPerWord));
    zone->freeCount += pages;
    m_freePages += pages;
    zone->searchHint = ktl::min(zone->searchHint, index / kBitsPerWord);
}

bool PhysicalPageAllocator::isAllocated(u64 address) const
{
    u64 page = pageOf(address);
    const Zone* zone = zoneFor(page);
    if (!zone)
        return false;
    u64 index = page - zone->basePage;
    return findUsed(zone->bitmap, index, index + 1) == index;
}

PhysicalPageAllocator::Zone* PhysicalPageAllocator::zoneFor(u64 page)
{
    return const_cast<Zone*>(static_cast<const PhysicalPageAllocator*>(this)->zoneFor(page));
}

const PhysicalPageAllocator::Zone* PhysicalPageAllocator::zoneFor(u64 page) const
{
    for (size_t z = 0; z < m_zoneCount; ++z) {
        if (page >= m_zones[z].basePage && page < m_zones[z].basePage + m_zones[z].pageCount)
            return &m_zones[z];
    }
    return nullptr;
}

} // namespace keel
