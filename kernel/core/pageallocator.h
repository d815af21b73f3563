// Physical page allocator: hands out contiguous runs of 4 KiB pages from the usable RAM.
//
//     keel::PhysicalPageAllocator pages;
//     keel::Range reserved[] = { { kernelStart, kernelEnd - kernelStart } };
//     MUST(pages.initialise(info.memoryMap(), reserved, keel::IdentityTranslator()));
//     u64 page = MUST(pages.allocate(1));
//     u64 dma = MUST(pages.allocate(16, 16));        // 64 KiB, 64 KiB aligned
//     pages.free(page, 1);
//
// Bookkeeping is one bitmap per usable region (1 bit per page, set = in use), stored in pages
// carved from the usable memory itself: 4 GiB of RAM needs 128 KiB, 2 MiB needs one page. The
// allocator object itself is small and fixed (one descriptor per region). The bitmaps are reached
// through the AddressTranslator given to initialise() (identity in the kernel, a plain buffer
// in host tests). Single pages are found from a per-region hint so allocation does not rescan
// memory that is known to be full. Physical page 0 is never handed out.
#pragma once

#include <core/bootinfo.h>
#include <ktl/optional.h>

namespace keel {

inline constexpr u64 kPageSize = 4096;

struct Range {
    u64 base;
    u64 length;

    u64 end() const { return base + length; }
};

// Turns a physical address range into a pointer the allocator can write its bitmaps to.
class AddressTranslator {
public:
    virtual void* translate(u64 physicalAddress, size_t length) const = 0;

protected:
    ~AddressTranslator() = default;
};

class IdentityTranslator final : public AddressTranslator {
public:
    void* translate(u64 physicalAddress, size_t) const override
    {
        return reinterpret_cast<void*>(physicalAddress);
    }
};

class PhysicalPageAllocator {
public:
    // `usable` may hold regions of any type; only MemoryType::Usable ones are used. Pages that
    // touch any `reserved` range (kernel image, boot structures, ...) are never handed out.
    ktl::ErrorOr<void> initialise(ktl::Span<const MemoryRegion> usable, ktl::Span<const Range> reserved,
                                  const AddressTranslator& translator);

    // Adds usable regions that could not be reached at initialise() (RAM above what the boot
    // page tables map). Each keeps its bitmap in its own first pages; a region too small to pay
    // for that is left out. They must not overlap the regions already managed.
    ktl::ErrorOr<void> addRegions(ktl::Span<const MemoryRegion> usable, const AddressTranslator& translator);

    // `pages` contiguous pages whose address is a multiple of alignPages * 4 KiB
    // (alignPages must be a power of two).
    ktl::ErrorOr<u64> allocate(size_t pages, size_t alignPages = 1);

    // Freeing pages that are not allocated (double free) or not managed here calls ktl::onFatal.
    void free(u64 address, size_t pages);

    size_t freePages() const { return m_freePages; }
    size_t totalPages() const { return m_totalPages; }
    bool isAllocated(u64 address) const;

private:
    struct Zone {
        u64 basePage;     // first page number (address / 4 KiB)
        u64 pageCount;
        u64* bitmap;      // 1 = in use; bits past pageCount are set
        u64 freeCount;
        u64 searchHint;   // no free page in words before this one
    };

    ktl::ErrorOr<void> collectZones(ktl::Span<const MemoryRegion> usable);
    ktl::ErrorOr<Zone*> insertZone(u64 firstPage, u64 pageCount);
    void initialiseBitmap(Zone& zone, u64* storage);
    ktl::Optional<u64> findBookkeepingRoom(u64 pages, ktl::Span<const Range> reserved) const;
    void setUpBitmaps(u64* storage);
    Zone* zoneFor(u64 page);
    const Zone* zoneFor(u64 page) const;
    ktl::Optional<u64> allocateInZone(Zone& zone, u64 pages, u64 alignPages);
    void markUsed(Zone& zone, u64 firstIndex, u64 count);
    void markRangeUsed(u64 base, u64 length);

    Zone m_zones[kMaxMemoryRegions] {};
    size_t m_zoneCount = 0;
    size_t m_freePages = 0;
    size_t m_totalPages = 0;
};

} // namespace keel
