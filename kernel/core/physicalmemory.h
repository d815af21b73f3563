// The kernel's physical page allocator, for modules that need whole pages (the heap, drivers
// that want DMA buffers). Valid once the `memory` init level starts.
//
//     u64 page = MUST(keel::physicalPageAllocator().allocate(1));
#pragma once

#include "core/bootinfo.h"
#include "core/pageallocator.h"

namespace keel {

PhysicalPageAllocator& physicalPageAllocator();

// Hands the usable RAM (minus the image) to the page allocator, then builds and loads the final
// page tables. Called once by keelKernelMain.
ktl::ErrorOr<void> initialisePhysicalMemory(const BootInfo& info);

} // namespace keel
