// virtio-blk driver (Virtio 1.2, 5.2 "Block Device"): one request queue, one request in flight;
// the caller's buffer is the data descriptor (identity mapping: its address is physical).
#include "virtio-blk/blockrequest.h"

#include <keel/blockdevice.h>
#include <keel/virtio.h>
#include <ktl/format.h>

namespace keel::virtio {
namespace {

// Device configuration and feature bits (5.2.3, 5.2.4).
constexpr u32 kConfigCapacity = 0;
constexpr u64 kFeatureReadOnly = 1ull << 5;
constexpr u64 kFeatureFlush = 1ull << 9;
constexpr size_t kMaxTransfer = 64 * 1024; // bytes per request; QEMU takes more, others may not
constexpr u16 kQueueSize = 16; // one request in flight needs three descriptors
constexpr int kMaxDisks = KEEL_OPTION_VIRTIO_BLK_MAX_DEVICES;

class VirtioBlockDevice final : public block::BlockDevice {
public:
    constexpr VirtioBlockDevice() = default;

    ktl::ErrorOr<void> setUp(Device& device, int index);

    const char* name() const override { return m_name; }
    u64 sectorCount() const override { return m_capacity; }
    u32 sectorSize() const override { return kSectorSize; }
    block::Access access() const override { return m_access; }

    ktl::ErrorOr<void> read(u64 lba, ktl::Span<u8> buffer) override
    {
        return transfer(BlockOperation::Read, lba, physicalAddress(buffer.data()), buffer.size());
    }
    ktl::ErrorOr<void> write(u64 lba, ktl::Span<const u8> data) override
    {
        if (m_access == block::Access::ReadOnly)
            return ktl::Error(ktl::ErrorCode::Unsupported, "virtio-blk disk is read-only");
        return transfer(BlockOperation::Write, lba, physicalAddress(data.data()), data.size());
    }
    ktl::ErrorOr<void> flush() override;

private:
    ktl::ErrorOr<void> transfer(BlockOperation operation, u64 lba, u64 address, size_t bytes);
    ktl::ErrorOr<void> run(u64 dataAddress, u32 dataLength);

    Queue* m_queue = nullptr;
    BlockRequest* m_request = nullptr; // in DMA memory
    u64 m_capacity = 0;
    block::Access m_access = block::Access::ReadWrite;
    bool m_canFlush = false;
    char m_name[16] = {};
};

constinit VirtioBlockDevice s_disks[kMaxDisks];
block::BlockDevice* s_diskList[kMaxDisks];
int s_diskCount;

ktl::ErrorOr<void> VirtioBlockDevice::setUp(Device& device, int index)
{
    u64 features = TRY(device.negotiate(kFeatureReadOnly | kFeatureFlush));
    m_queue = TRY(device.setUpQueue(0, kQueueSize));
    m_request = static_cast<BlockRequest*>(TRY(allocateDma(sizeof(BlockRequest))));
    m_capacity = device.readConfig64(kConfigCapacity);
    m_access = (features & kFeatureReadOnly) ? block::Access::ReadOnly : block::Access::ReadWrite;
    m_canFlush = features & kFeatureFlush;
    ktl::formatToBuffer(m_name, "virtio-blk{}", index);
    return device.start();
}

ktl::ErrorOr<void> VirtioBlockDevice::run(u64 dataAddress, u32 dataLength)
{
    Buffer chain[3];
    size_t length = m_request->buildChain(dataAddress, dataLength, chain);
    TRY(m_queue->submit(ktl::Span<const Buffer>(chain, length), m_request));
    m_queue->notify();
    m_queue->waitForUsed();
    while (m_queue->takeUsed()) { }
    return m_request->result();
}

ktl::ErrorOr<void> VirtioBlockDevice::transfer(BlockOperation operation, u64 lba, u64 address, size_t bytes)
{
    // Checked as a whole first, so a transfer that runs off the end changes nothing.
    TRY(m_request->prepare(operation, lba, bytes, m_capacity));
    for (size_t done = 0; done < bytes;) {
        size_t chunk = bytes - done < kMaxTransfer ? bytes - done : kMaxTransfer;
        TRY(m_request->prepare(operation, lba + done / kSectorSize, chunk, m_capacity));
        TRY(run(address + done, u32(chunk)));
        done += chunk;
    }
    return {};
}

ktl::ErrorOr<void> VirtioBlockDevice::flush()
{
    if (!m_canFlush)
        return {};
    m_request->prepareFlush();
    return run(0, 0);
}

ktl::ErrorOr<void> probeBlock(Device& device)
{
    if (s_diskCount == kMaxDisks)
        return ktl::Error(ktl::ErrorCode::TooMany, "more virtio-blk disks than virtio-blk.max-devices");
    VirtioBlockDevice& disk = s_disks[s_diskCount];
    TRY(disk.setUp(device, s_diskCount));
    s_diskList[s_diskCount++] = &disk;
    return {};
}

} // namespace
} // namespace keel::virtio

KEEL_VIRTIO_DRIVER(s_virtioBlockDriver, "virtio-blk", keel::virtio::DeviceType::Block,
    keel::virtio::probeBlock);

namespace keel::block {

ktl::Span<BlockDevice* const> devices()
{
    return { virtio::s_diskList, size_t(virtio::s_diskCount) };
}

} // namespace keel::block
