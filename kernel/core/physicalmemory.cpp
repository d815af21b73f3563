#include "core/physicalmemory.h"

#include "arch/x86_64/paging.h"

extern "C" char __kernel_start[], __kernel_end[];

namespace keel {
namespace {

// The boot code's temporary tables map only the first 4 GiB, and page-table pages must be
// reachable while the final tables are built.
constexpr u64 kBootMappedLimit = 4ull << 30;

PhysicalPageAllocator s_pages;
IdentityTranslator s_identity;

enum class Side { BelowBootLimit, AboveBootLimit };

// The usable regions' parts on one side of what the boot tables map: the allocator starts with
// the RAM below, and gets the RAM above once the final tables (which map every region) are live.
size_t usableParts(const BootInfo& info, Side side, MemoryRegion* out)
{
    size_t count = 0;
    for (const MemoryRegion& region : info.memoryMap()) {
        if (region.type != MemoryType::Usable)
            continue;
        u64 base = side == Side::BelowBootLimit ? region.base : ktl::max(region.base, kBootMappedLimit);
        u64 end = side == Side::BelowBootLimit ? ktl::min(region.end(), kBootMappedLimit) : region.end();
        if (base < end)
            out[count++] = { base, end - base, MemoryType::Usable };
    }
    return count;
}

} // namespace

PhysicalPageAllocator& physicalPageAllocator()
{
    return s_pages;
}

ktl::ErrorOr<void> initialisePhysicalMemory(const BootInfo& info)
{
    MemoryRegion usable[kMaxMemoryRegions];
    size_t usableCount = usableParts(info, Side::BelowBootLimit, usable);
    auto imageStart = reinterpret_cast<u64>(__kernel_start);
    Range reserved[] = { { 0, kPageSize },
        { imageStart, reinterpret_cast<u64>(__kernel_end) - imageStart } };
    TRY(s_pages.initialise({ usable, usableCount }, reserved, s_identity));
    TRY(arch::initialisePaging(s_pages, info.memoryMap()));
    usableCount = usableParts(info, Side::AboveBootLimit, usable);
    TRY(s_pages.addRegions({ usable, usableCount }, s_identity));
    return {};
}

} // namespace keel
