// The final page tables (Intel SDM Vol. 3A, 4.5 "4-level paging"), built once at boot:
// identity mapping of physical memory with
//   - page 0 unmapped (null pointers fault),
//   - .text read-only + executable, .rodata and .keel_symbols read-only + NX,
//   - .data/.bss (stacks included) and all other RAM read-write + NX,
//   - the guard page below the boot stack unmapped (stack overflows fault),
// 4 KiB pages for the 2 MiB chunks that hold page 0 or the image, 2 MiB pages everywhere else.
// Page-table pages come from the physical page allocator.
#pragma once

#include "core/bootinfo.h"
#include "core/pageallocator.h"

namespace keel::arch {

// Builds the tables for every 2 MiB chunk that a memory-map region touches and switches CR3.
ktl::ErrorOr<void> initialisePaging(PhysicalPageAllocator& pages,
    ktl::Span<const MemoryRegion> memoryMap);

// Maps the pages covering [physical, physical + size) at the same (identity) address as device
// registers: read-write, no-execute, uncached. Pages already mapped (e.g. inside a 2 MiB page of
// reserved memory) are remapped that way; their neighbours keep their permissions. Only after
// initialisePaging. Interrupts should be off, as for any page-table change.
ktl::ErrorOr<void> mapMmio(u64 physical, u64 size);

} // namespace keel::arch
