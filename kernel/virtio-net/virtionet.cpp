// virtio-net driver (Virtio 1.2, 5.1 "Network Device"): receiveq1 (queue 0) with posted 2 KiB
// buffers, transmitq1 (queue 1) with one copied frame per descriptor, the MAC from the device
// configuration. No offloads: each buffer starts with the 12-byte virtio_net_hdr (5.1.6, with
// num_buffers because VERSION_1 is negotiated), zero on transmit.
#include <keel/net.h>
#include <keel/print.h>
#include <keel/virtio.h>

namespace keel::virtio {
namespace {

constexpr u64 kFeatureMac = 1ull << 5; // VIRTIO_NET_F_MAC: config holds the MAC
constexpr u32 kConfigMac = 0;
constexpr size_t kHeaderSize = 12;
constexpr size_t kBufferSize = 2048; // header + 1514-byte frame, rounded
constexpr u16 kReceiveQueue = 0;
constexpr u16 kTransmitQueue = 1;
constexpr u16 kReceiveBuffers = KEEL_OPTION_VIRTIO_NET_RECEIVE_BUFFERS;
constexpr u16 kTransmitBuffers = KEEL_OPTION_VIRTIO_NET_TRANSMIT_BUFFERS;

class VirtioNetDevice final : public net::EthernetDevice {
public:
    ktl::ErrorOr<void> setUp(Device& device);

    net::MacAddress macAddress() const override { return m_mac; }
    ktl::ErrorOr<void> transmit(ktl::Span<const ktl::Span<const u8>> parts) override;
    size_t receive(FrameSink sink, void* context) override;
    bool interrupts() const override { return m_device->hasInterrupt(); }
    bool hasWork() const override { return m_work || m_receive->hasUsed(); }

private:
    static void onUsed(Queue&, void* context) { static_cast<VirtioNetDevice*>(context)->m_work = true; }
    ktl::ErrorOr<void> postReceive(u16 slot);
    void reclaimTransmitted();

    Device* m_device = nullptr;
    Queue* m_receive = nullptr;
    Queue* m_transmit = nullptr;
    u8* m_receiveMemory = nullptr;
    u8* m_transmitMemory = nullptr;
    bool m_transmitBusy[kTransmitBuffers] = {};
    volatile bool m_work = false;
    net::MacAddress m_mac;
};

VirtioNetDevice s_device;
bool s_taken = false;

ktl::ErrorOr<void> VirtioNetDevice::setUp(Device& device)
{
    m_device = &device;
    TRY(device.negotiate(kFeatureMac));
    m_receive = TRY(device.setUpQueue(kReceiveQueue, kReceiveBuffers));
    m_transmit = TRY(device.setUpQueue(kTransmitQueue, kTransmitBuffers));
    m_receiveMemory = static_cast<u8*>(TRY(allocateDma(size_t(kReceiveBuffers) * kBufferSize)));
    m_transmitMemory = static_cast<u8*>(TRY(allocateDma(size_t(kTransmitBuffers) * kBufferSize)));
    for (int i = 0; i < 6; ++i)
        m_mac.bytes[i] = (device.features() & kFeatureMac) ? device.readConfig8(kConfigMac + u32(i))
                                                           : u8(i == 0 ? 0x52 : i == 1 ? 0x54 : i);
    m_receive->setHandler(onUsed, this);
    m_transmit->setHandler(onUsed, this);
    for (u16 slot = 0; slot < m_receive->size(); ++slot)
        TRY(postReceive(slot));
    TRY(device.start());
    m_receive->notify();
    return {};
}

ktl::ErrorOr<void> VirtioNetDevice::postReceive(u16 slot)
{
    u8* buffer = m_receiveMemory + size_t(slot) * kBufferSize;
    const Buffer chain[] = {{physicalAddress(buffer), u32(kBufferSize), BufferAccess::DeviceWrites}};
    TRY(m_receive->submit(chain, reinterpret_cast<void*>(uptr(slot))));
    return {};
}

void VirtioNetDevice::reclaimTransmitted()
{
    while (auto done = m_transmit->takeUsed())
        m_transmitBusy[uptr(done->cookie)] = false;
}

ktl::ErrorOr<void> VirtioNetDevice::transmit(ktl::Span<const ktl::Span<const u8>> parts)
{
    reclaimTransmitted();
    u16 slot = 0;
    while (slot < m_transmit->size() && m_transmitBusy[slot])
        ++slot;
    if (slot == m_transmit->size())
        return ktl::Error(ktl::ErrorCode::Busy, "virtio-net transmit queue full");
    u8* buffer = m_transmitMemory + size_t(slot) * kBufferSize;
    __builtin_memset(buffer, 0, kHeaderSize);
    size_t length = kHeaderSize;
    for (const auto& part : parts) {
        if (length + part.size() > kBufferSize)
            return ktl::Error(ktl::ErrorCode::TooLong, "frame larger than a virtio-net buffer");
        __builtin_memcpy(buffer + length, part.data(), part.size());
        length += part.size();
    }
    const Buffer chain[] = {{physicalAddress(buffer), u32(length), BufferAccess::DeviceReads}};
    TRY(m_transmit->submit(chain, reinterpret_cast<void*>(uptr(slot))));
    m_transmitBusy[slot] = true;
    m_transmit->notify();
    return {};
}

size_t VirtioNetDevice::receive(FrameSink sink, void* context)
{
    m_work = false;
    if (!m_device->hasInterrupt())
        m_device->poll();
    reclaimTransmitted();
    size_t frames = 0;
    while (auto done = m_receive->takeUsed()) {
        const u16 slot = u16(uptr(done->cookie));
        const u8* buffer = m_receiveMemory + size_t(slot) * kBufferSize;
        if (done->written > kHeaderSize)
            sink({buffer + kHeaderSize, done->written - kHeaderSize}, context);
        (void)postReceive(slot); // the slot just came back, so a descriptor is free
        ++frames;
    }
    if (frames)
        m_receive->notify();
    return frames;
}

ktl::ErrorOr<void> probe(Device& device)
{
    if (s_taken)
        return ktl::Error(ktl::ErrorCode::TooMany, "virtio-net: one network device is supported");
    TRY(s_device.setUp(device));
    s_taken = true;
    TRY(net::attach(s_device));
    // A copy: the bytes of the temporary macAddress() returns would be gone by the print.
    const net::MacAddress mac = s_device.macAddress();
    println("virtio-net: {:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x} on {}{}", mac.bytes[0], mac.bytes[1], mac.bytes[2],
            mac.bytes[3], mac.bytes[4], mac.bytes[5], device.transportName(), device.hasInterrupt() ? "" : " (polled)");
    return {};
}

} // namespace
} // namespace keel::virtio

KEEL_VIRTIO_DRIVER(s_virtioNetDriver, "virtio-net", keel::virtio::DeviceType::Net, keel::virtio::probe);
