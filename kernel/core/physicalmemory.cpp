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

// Usable regions clipped to what the boot tables map.
// FIXME: RAM above 4 GiB is never handed out; add it after the final tables are live.
size_t clippedMemoryMap(const BootInfo& info, MemoryRegion* out)
{
    size_t count = 0;
    for (const MemoryRegion& region : info.memoryMap()) {
        if (region.type != MemoryType::Usable || region.base >= kBootMappedLimit)
            continue;
        MemoryRegion clipped = region;
        if (clipped.end() > kBootMappedLimit)
            clipped.length = kBootMappedLimit - clipped.base;
        out[count++] = clipped;
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
    size_t usableCount = clippedMemoryMap(info, usable);
    auto imageStart = reinterpret_cast<u64>(__kernel_start);
    Range reserved[] = { { 0, kPageSize },
        { imageStart, reinterpret_cast<u64>(__kernel_end) - imageStart } };
    TRY(s_pages.initialise({ usable, usableCount }, reserved, s_identity));
    TRY(arch::initialisePaging(s_pages, info.memoryMap()));
    return {};
}

} // namespace keel
