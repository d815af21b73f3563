// The device-status handshake (Virtio 1.2, 3.1.1 "Driver Requirements: Device Initialization"):
// reset, ACKNOWLEDGE, DRIVER, feature negotiation with FEATURES_OK read back, queue setup,
// DRIVER_OK - independent of the transport - and the Queue operations drivers use.
#include "virtio/waiting.h"

#include <keel/virtio.h>

namespace keel::virtio {

void Device::beginInitialisation()
{
    m_transport.setStatus(0);
    m_transport.setStatus(Status::kAcknowledge);
    m_transport.setStatus(Status::kAcknowledge | Status::kDriver);
    m_hasInterrupt = m_transport.connectInterrupt(&Device::onInterrupt, this);
}

void Device::fail()
{
    m_transport.setStatus(u8(m_transport.status() | Status::kFailed));
}

ktl::ErrorOr<u64> Device::negotiate(u64 wanted)
{
    m_deviceFeatures = m_transport.deviceFeatures();
    if (!(m_deviceFeatures & Feature::kVersion1))
        return ktl::Error(ktl::ErrorCode::Unsupported, "legacy-only virtio device (no VIRTIO_F_VERSION_1)");
    // Event-index and indirect descriptors change the ring protocol; the rings here use neither.
    u64 accepted = (wanted & m_deviceFeatures & ~(Feature::kEventIndex | Feature::kIndirectDescriptors))
        | Feature::kVersion1;
    m_transport.setDriverFeatures(accepted);
    m_transport.setStatus(u8(m_transport.status() | Status::kFeaturesOk));
    if (!(m_transport.status() & Status::kFeaturesOk))
        return ktl::Error(ktl::ErrorCode::Unsupported, "virtio device refused the negotiated features");
    m_features = accepted;
    return accepted;
}

ktl::ErrorOr<Queue*> Device::setUpQueue(u16 index, u16 maxSize)
{
    if (index >= kMaxQueues)
        return ktl::Error(ktl::ErrorCode::OutOfRange, "virtio queue index beyond Device::kMaxQueues");
    if (m_queues[index].m_device)
        return ktl::Error(ktl::ErrorCode::AlreadyExists, "virtio queue already set up");
    u16 size = m_transport.maxQueueSize(index);
    if (size == 0)
        return ktl::Error(ktl::ErrorCode::NotFound, "virtio device has no such queue");
    if (maxSize && size > maxSize)
        size = maxSize;
    // Round down to a power of two (the split ring's index arithmetic wants one).
    while (size & (size - 1))
        size = u16(size & (size - 1));
    Queue& queue = m_queues[index];
    void* memory = TRY(allocateDma(Virtqueue::bytesFor(size)));
    TRY(queue.m_ring.initialise(size, memory));
    queue.m_ring.setInterrupts(m_hasInterrupt ? DeviceInterrupts::Wanted : DeviceInterrupts::Suppressed);
    TRY(m_transport.enableQueue(index, size,
        { queue.m_ring.descriptorAddress(), queue.m_ring.availAddress(), queue.m_ring.usedAddress() }));
    queue.m_device = this;
    queue.m_index = index;
    return &queue;
}

ktl::ErrorOr<void> Device::start()
{
    m_transport.setStatus(u8(m_transport.status() | Status::kDriverOk));
    if (m_transport.status() & (Status::kNeedsReset | Status::kFailed))
        return ktl::Error(ktl::ErrorCode::Io, "virtio device failed when started");
    return {};
}

u64 Device::readConfig64(u32 offset)
{
    // A 64-bit field is two reads; the generation counter tells us when the device changed it
    // in between (2.5.1).
    for (;;) {
        u32 before = m_transport.configGeneration();
        u64 low = m_transport.readConfig(offset, 4);
        u64 high = m_transport.readConfig(offset + 4, 4);
        if (m_transport.configGeneration() == before)
            return low | (high << 32);
    }
}

void Device::poll()
{
    for (Queue& queue : m_queues) {
        if (queue.m_device && queue.m_handler && queue.m_ring.hasUsed())
            queue.m_handler(queue, queue.m_handlerContext);
    }
}

void Device::onInterrupt(void* context)
{
    // Acknowledge until the status reads clear: virtio-mmio holds its line while bits are set,
    // so an edge-triggered route would otherwise never see the next rising edge.
    auto* device = static_cast<Device*>(context);
    u32 pending;
    do {
        pending = device->m_transport.takeInterruptStatus();
        device->poll();
    } while (pending);
}

ktl::ErrorOr<u16> Queue::submit(ktl::Span<const Buffer> chain, void* cookie)
{
    return m_ring.submit(chain, cookie);
}

void Queue::notify()
{
    if (m_ring.deviceWantsNotification())
        m_device->transport().notify(m_index);
}

ktl::Optional<Completion> Queue::takeUsed()
{
    return m_ring.takeUsed();
}

bool Queue::hasUsed() const
{
    return m_ring.hasUsed();
}

void Queue::waitForUsed()
{
    while (!m_ring.hasUsed())
        waitForDevice(m_device->hasInterrupt() ? WaitKind::Interrupt : WaitKind::Spin, m_ring);
}

void Queue::setHandler(QueueHandler handler, void* context)
{
    m_handler = handler;
    m_handlerContext = context;
}

} // namespace keel::virtio
