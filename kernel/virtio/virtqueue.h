// A split virtqueue (Virtio 1.2, 2.7 "Split Virtqueues"): descriptor table, available ring and
// used ring in one block of memory the caller provides, a free list threaded through the unused
// descriptors, and the bookkeeping to hand chains to the device and take them back. No hardware
// access: the transport tells the device where the rings are and rings its doorbell, so host
// tests drive this class against plain memory acting as the device.
//
//     Virtqueue ring;
//     ring.initialise(256, memory);                       // memory: Virtqueue::bytesFor(256), zeroed
//     Buffer chain[] = { { headerAddress, 16, BufferAccess::DeviceReads },
//                        { dataAddress, 512, BufferAccess::DeviceWrites } };
//     u16 head = TRY(ring.submit(chain, request));        // request: any cookie
//     ... device uses it ...
//     while (auto done = ring.takeUsed()) finish(done->cookie, done->written);
#pragma once

#include <ktl/error.h>
#include <ktl/optional.h>
#include <ktl/span.h>

namespace keel::virtio {

// Descriptor flags (2.7.5).
inline constexpr u16 kDescriptorNext = 1;
inline constexpr u16 kDescriptorWrite = 2; // the device writes this buffer

// Ring flags: the driver asks for no interrupts (avail), the device for no notifications (used).
inline constexpr u16 kAvailNoInterrupt = 1;
inline constexpr u16 kUsedNoNotify = 1;

struct Descriptor {
    u64 address;
    u32 length;
    u16 flags;
    u16 next;
};

struct UsedElement {
    u32 id; // head of the chain the device used
    u32 length; // bytes the device wrote into the chain
};

// The layouts are the spec's without packing: every field is naturally aligned.
static_assert(sizeof(Descriptor) == 16 && sizeof(UsedElement) == 8);

enum class BufferAccess : u8 { DeviceReads, DeviceWrites };

// Whether the driver wants the device to interrupt when it uses buffers (a hint, 2.7.7).
enum class DeviceInterrupts : u8 { Wanted, Suppressed };

// One piece of a chain: a physical address (the kernel is identity mapped, so a pointer cast).
struct Buffer {
    u64 address = 0;
    u32 length = 0;
    BufferAccess access = BufferAccess::DeviceReads;
};

// A chain the device has finished with.
struct Completion {
    void* cookie; // what submit() was given
    u32 written; // bytes the device wrote
    u16 head;
};

class Virtqueue {
public:
    static constexpr u16 kMaxSize = 32768;

    // Bytes of the block initialise() needs: descriptors, avail ring (with used_event), padding to
    // 4 bytes, used ring (with avail_event). Alignment: 16 bytes for the start.
    static size_t bytesFor(u16 size);

    // Lays the rings out in `memory` (zeroed, bytesFor(size) long) and links every descriptor
    // into the free list. `size` must be a power of two (a split-ring rule for legacy devices that
    // modern ones keep for us too).
    ktl::ErrorOr<void> initialise(u16 size, void* memory);

    // Links `chain` into free descriptors, publishes its head in the avail ring and returns the
    // head. TooMany when fewer than chain.size() descriptors are free; InvalidArgument for an
    // empty chain. The device sees it after the caller notifies it.
    ktl::ErrorOr<u16> submit(ktl::Span<const Buffer> chain, void* cookie);

    // The next chain the device finished (in the order the device used them, which need not be
    // the submission order), its descriptors back on the free list; empty when there is none.
    ktl::Optional<Completion> takeUsed();
    bool hasUsed() const;

    // True unless the device set VIRTQ_USED_F_NO_NOTIFY.
    bool deviceWantsNotification() const;
    // Clears or sets VIRTQ_AVAIL_F_NO_INTERRUPT (a polling driver does not want interrupts).
    void setInterrupts(DeviceInterrupts interrupts);

    u16 size() const { return m_size; }
    u16 freeCount() const { return m_freeCount; }
    u16 inFlight() const { return u16(m_size - m_freeCount); }

    // Where the three areas are, for the transport's queue registers.
    u64 descriptorAddress() const { return u64(reinterpret_cast<uintptr_t>(m_descriptors)); }
    u64 availAddress() const { return u64(reinterpret_cast<uintptr_t>(m_avail)); }
    u64 usedAddress() const { return u64(reinterpret_cast<uintptr_t>(m_used)); }

private:
    struct AvailHeader {
        u16 flags;
        u16 index;
        u16 ring[];
    };
    struct UsedHeader {
        u16 flags;
        u16 index;
        UsedElement ring[];
    };

    Descriptor* m_descriptors = nullptr;
    AvailHeader* m_avail = nullptr;
    UsedHeader* m_used = nullptr;
    void** m_cookies = nullptr; // per head descriptor; lives after the used ring
    u16 m_size = 0;
    u16 m_freeHead = 0;
    u16 m_freeCount = 0;
    u16 m_lastUsed = 0; // free-running copy of the used index we have consumed up to
};

} // namespace keel::virtio
