// Heap statistics, for apps built with the `heap` feature.
//
//     auto stats = keel::heapStats();
//     keel::println("{} bytes in {} blocks (peak {})", stats.bytesInUse, stats.allocations,
//         stats.peakBytesInUse);
#pragma once

#include <keel/config.h>

#if KEEL_FEATURE_HEAP
#include <heap/heapallocator.h>

namespace keel {

// Live blocks, bytes in use (and the peak), pages taken from physical memory.
HeapStats heapStats();

// The most memory the heap may take (heap.size), or SIZE_MAX for "all free RAM".
size_t heapLimit();

} // namespace keel
#endif
