// virtio-rng driver (Virtio 1.2, 5.4 "Entropy Device"): one queue of device-writable buffers the
// device fills with random bytes, possibly fewer than asked for. The second consumer of the
// virtio transport, next to virtio-blk: it has no configuration space and no features.
#include <keel/random.h>
#include <keel/virtio.h>

namespace keel::virtio {
namespace {

constexpr u16 kQueueSize = 8;

Queue* s_queue;

ktl::ErrorOr<void> probeEntropy(Device& device)
{
    if (s_queue)
        return ktl::Error(ktl::ErrorCode::AlreadyExists, "one virtio-rng device is enough");
    TRY(device.negotiate(0));
    Queue* queue = TRY(device.setUpQueue(0, kQueueSize));
    TRY(device.start());
    s_queue = queue;
    return {};
}

// One request: the device writes between 1 and `buffer.size()` bytes.
ktl::ErrorOr<size_t> request(ktl::Span<u8> buffer)
{
    Buffer chain[] = { { physicalAddress(buffer.data()), u32(buffer.size()), BufferAccess::DeviceWrites } };
    TRY(s_queue->submit(chain, buffer.data()));
    s_queue->notify();
    s_queue->waitForUsed();
    auto done = s_queue->takeUsed();
    return done ? size_t(done->written) : 0;
}

} // namespace
} // namespace keel::virtio

KEEL_VIRTIO_DRIVER(s_virtioEntropyDriver, "virtio-rng", keel::virtio::DeviceType::Entropy,
    keel::virtio::probeEntropy);

namespace keel::random {

bool isAvailable()
{
    return virtio::s_queue != nullptr;
}

ktl::ErrorOr<void> fill(ktl::Span<u8> buffer)
{
    if (!virtio::s_queue)
        return ktl::Error(ktl::ErrorCode::NotFound, "no virtio-rng device (QEMU needs -device virtio-rng-...)");
    constexpr size_t kMaxRequest = 4096;
    for (size_t done = 0; done < buffer.size();) {
        size_t want = buffer.size() - done < kMaxRequest ? buffer.size() - done : kMaxRequest;
        done += TRY(virtio::request(buffer.subspan(done, want)));
    }
    return {};
}

ktl::ErrorOr<u64> next64()
{
    u64 value = 0;
    TRY(fill(ktl::Span<u8>(reinterpret_cast<u8*>(&value), sizeof(value))));
    return value;
}

} // namespace keel::random
