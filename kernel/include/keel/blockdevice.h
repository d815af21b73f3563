// Block devices (disks) for apps built with the `virtio-blk` feature.
//
//     auto disks = keel::block::devices();
//     if (disks.isEmpty())
//         return 1;                                       // QEMU was given no disk
//     keel::block::BlockDevice& disk = *disks[0];
//     u8 sector[512];
//     TRY(disk.read(0, sector));                          // LBA 0, one sector
//     sector[0]++;
//     TRY(disk.write(0, sector));
//     TRY(disk.flush());                                  // on the host file now
//
// Buffers are whole sectors (sectorSize() bytes each) and any memory the app has (stack, heap,
// globals): the device reads and writes them directly. Calls block until the device is done and
// must not be made from interrupt handlers or from two places at once.
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_VIRTIO_BLK
#error "keel/blockdevice.h needs a block driver: add \"virtio-blk\" to [kernel] features in keel.toml"
#endif

#include <ktl/error.h>
#include <ktl/span.h>

namespace keel::block {

enum class Access { ReadWrite, ReadOnly };

class BlockDevice {
public:
    virtual const char* name() const = 0; // "virtio-blk0"
    virtual u64 sectorCount() const = 0;
    virtual u32 sectorSize() const = 0; // bytes, 512 for virtio-blk
    virtual Access access() const = 0;
    u64 sizeInBytes() const { return sectorCount() * sectorSize(); }

    // InvalidArgument when the buffer is not a whole number of sectors, OutOfRange past the end,
    // Unsupported for writes to a read-only disk, Io when the device reports an error.
    virtual ktl::ErrorOr<void> read(u64 lba, ktl::Span<u8> buffer) = 0;
    virtual ktl::ErrorOr<void> write(u64 lba, ktl::Span<const u8> data) = 0;
    // Makes completed writes durable (a no-op on devices without a write cache).
    virtual ktl::ErrorOr<void> flush() = 0;

protected:
    ~BlockDevice() = default;
};

// Every disk found at boot, in discovery order.
ktl::Span<BlockDevice* const> devices();

} // namespace keel::block
