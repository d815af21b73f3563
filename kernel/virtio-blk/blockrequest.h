// A virtio-blk request (Virtio 1.2, 5.2.6 "Device Operation"): a 16-byte header the device reads,
// the data buffer, and one status byte the device writes. Kept free of hardware so host tests
// check the range rules and the chain a request becomes.
//
//     BlockRequest request;
//     u64 sectors = TRY(request.prepare(BlockOperation::Read, lba, buffer.size(), capacity));
#pragma once

#include "virtio/virtqueue.h"

namespace keel::virtio {

inline constexpr u32 kSectorSize = 512; // virtio-blk addresses 512-byte sectors, always

enum class BlockOperation : u32 { Read = 0, Write = 1, Flush = 4 };

// Status byte values the device writes.
namespace BlockStatus {
inline constexpr u8 kOk = 0;
inline constexpr u8 kIoError = 1;
inline constexpr u8 kUnsupported = 2;
} // namespace BlockStatus

struct [[gnu::packed]] BlockRequestHeader {
    u32 type;
    u32 reserved;
    u64 sector;
};

// The header and status live in DMA memory next to each other; the data is the caller's.
struct BlockRequest {
    BlockRequestHeader header;
    u8 status;

    // Fills the header for `bytes` at `lba`; InvalidArgument unless bytes is a non-zero multiple
    // of the sector size, OutOfRange past `capacity` sectors. Returns the sector count.
    ktl::ErrorOr<u64> prepare(BlockOperation operation, u64 lba, size_t bytes, u64 capacity);
    void prepareFlush();

    // The descriptor chain: header (device reads), data (direction by operation, absent for a
    // flush), status (device writes). Returns how many entries of `chain` it filled.
    size_t buildChain(u64 dataAddress, u32 dataLength, Buffer (&chain)[3]) const;

    // The status byte as an error, once the device has used the request.
    ktl::ErrorOr<void> result() const;
};

} // namespace keel::virtio
