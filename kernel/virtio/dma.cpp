// Memory the devices read and write: whole pages from the physical page allocator, which the
// identity map makes addressable at their physical address.
#include "core/physicalmemory.h"

#include <keel/virtio.h>

namespace keel::virtio {

ktl::ErrorOr<void*> allocateDma(size_t bytes)
{
    size_t pages = (bytes + kPageSize - 1) / kPageSize;
    u64 physical = TRY(physicalPageAllocator().allocate(pages ? pages : 1));
    void* memory = reinterpret_cast<void*>(uptr(physical));
    __builtin_memset(memory, 0, pages * kPageSize);
    return memory;
}

} // namespace keel::virtio
