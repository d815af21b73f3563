// Split virtqueue bookkeeping (Virtio 1.2, 2.7). The ordering rules that matter: the driver
// fills descriptors and the avail ring entry before it publishes the new avail index (2.7.13),
// and reads a used element only after it saw the used index move past it (2.7.14). x86 keeps
// stores in order, but the compiler must not reorder them either, hence the fences.
#include "virtio/virtqueue.h"

namespace keel::virtio {
namespace {

constexpr size_t alignUp(size_t value, size_t alignment)
{
    return (value + alignment - 1) & ~(alignment - 1);
}

size_t availOffset(u16 size)
{
    return sizeof(Descriptor) * size;
}

size_t usedOffset(u16 size)
{
    // flags, idx, ring[size], used_event
    return alignUp(availOffset(size) + 4 + 2 * size_t(size) + 2, 4);
}

size_t cookiesOffset(u16 size)
{
    // flags, idx, ring[size], avail_event
    return alignUp(usedOffset(size) + 4 + sizeof(UsedElement) * size + 2, alignof(void*));
}

void fence()
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

u16 loadIndex(const volatile u16& index)
{
    fence();
    return index;
}

} // namespace

size_t Virtqueue::bytesFor(u16 size)
{
    return cookiesOffset(size) + sizeof(void*) * size;
}

ktl::ErrorOr<void> Virtqueue::initialise(u16 size, void* memory)
{
    if (size == 0 || size > kMaxSize || (size & (size - 1)) != 0)
        return ktl::Error(ktl::ErrorCode::InvalidArgument, "virtqueue size must be a power of two up to 32768");
    if (!memory || reinterpret_cast<uptr>(memory) % 16 != 0)
        return ktl::Error(ktl::ErrorCode::InvalidArgument, "virtqueue memory must be 16-byte aligned");
    auto* base = static_cast<u8*>(memory);
    m_descriptors = reinterpret_cast<Descriptor*>(base);
    m_avail = reinterpret_cast<AvailHeader*>(base + availOffset(size));
    m_used = reinterpret_cast<UsedHeader*>(base + usedOffset(size));
    m_cookies = reinterpret_cast<void**>(base + cookiesOffset(size));
    m_size = size;
    for (u16 i = 0; i < size; ++i) {
        m_descriptors[i].next = u16(i + 1 < size ? i + 1 : 0);
        m_cookies[i] = nullptr;
    }
    m_freeHead = 0;
    m_freeCount = size;
    m_lastUsed = 0;
    return {};
}

ktl::ErrorOr<u16> Virtqueue::submit(ktl::Span<const Buffer> chain, void* cookie)
{
    if (chain.isEmpty())
        return ktl::Error(ktl::ErrorCode::InvalidArgument, "virtqueue chain is empty");
    if (chain.size() > m_freeCount)
        return ktl::Error(ktl::ErrorCode::TooMany, "virtqueue has too few free descriptors");
    u16 head = m_freeHead;
    u16 current = head;
    for (size_t i = 0; i < chain.size(); ++i) {
        Descriptor& descriptor = m_descriptors[current];
        u16 nextFree = descriptor.next;
        descriptor.address = chain[i].address;
        descriptor.length = chain[i].length;
        descriptor.flags = chain[i].access == BufferAccess::DeviceWrites ? kDescriptorWrite : 0;
        if (i + 1 < chain.size())
            descriptor.flags |= kDescriptorNext;
        descriptor.next = i + 1 < chain.size() ? nextFree : 0;
        current = nextFree;
    }
    m_freeHead = current;
    m_freeCount = u16(m_freeCount - chain.size());
    m_cookies[head] = cookie;
    u16 availIndex = m_avail->index;
    m_avail->ring[availIndex % m_size] = head;
    fence();
    *static_cast<volatile u16*>(&m_avail->index) = u16(availIndex + 1);
    fence();
    return head;
}

bool Virtqueue::hasUsed() const
{
    return m_size && loadIndex(m_used->index) != m_lastUsed;
}

ktl::Optional<Completion> Virtqueue::takeUsed()
{
    if (!hasUsed())
        return {};
    UsedElement element = m_used->ring[m_lastUsed % m_size];
    m_lastUsed = u16(m_lastUsed + 1);
    if (element.id >= m_size)
        return {}; // a device bug; dropping it keeps the free list intact
    u16 head = u16(element.id);
    Completion completion { m_cookies[head], element.length, head };
    m_cookies[head] = nullptr;
    // Walk to the chain's tail, then splice the whole chain in front of the free list.
    u16 tail = head;
    u16 count = 1;
    while ((m_descriptors[tail].flags & kDescriptorNext) && count < m_size) {
        tail = m_descriptors[tail].next;
        ++count;
    }
    m_descriptors[tail].flags = 0;
    m_descriptors[tail].next = m_freeHead;
    m_freeHead = head;
    m_freeCount = u16(m_freeCount + count);
    return completion;
}

bool Virtqueue::deviceWantsNotification() const
{
    fence();
    return !(*static_cast<const volatile u16*>(&m_used->flags) & kUsedNoNotify);
}

void Virtqueue::setInterrupts(DeviceInterrupts interrupts)
{
    if (interrupts == DeviceInterrupts::Wanted)
        m_avail->flags = u16(m_avail->flags & ~kAvailNoInterrupt);
    else
        m_avail->flags = u16(m_avail->flags | kAvailNoInterrupt);
    fence();
}

} // namespace keel::virtio
