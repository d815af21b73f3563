// virtio-blk request encoding (see blockrequest.h).
#include "virtio-blk/blockrequest.h"

namespace keel::virtio {
namespace {

u64 addressOf(const void* pointer)
{
    return u64(reinterpret_cast<uptr>(pointer));
}

} // namespace

ktl::ErrorOr<u64> BlockRequest::prepare(BlockOperation operation, u64 lba, size_t bytes, u64 capacity)
{
    if (bytes == 0 || bytes % kSectorSize != 0)
        return ktl::Error(ktl::ErrorCode::InvalidArgument, "block transfer must be whole 512-byte sectors");
    u64 sectors = bytes / kSectorSize;
    if (lba >= capacity || sectors > capacity - lba)
        return ktl::Error(ktl::ErrorCode::OutOfRange, "block transfer runs past the end of the disk");
    header = { u32(operation), 0, lba };
    status = 0xff; // anything but kOk until the device writes it
    return sectors;
}

void BlockRequest::prepareFlush()
{
    header = { u32(BlockOperation::Flush), 0, 0 };
    status = 0xff;
}

size_t BlockRequest::buildChain(u64 dataAddress, u32 dataLength, Buffer (&chain)[3]) const
{
    size_t count = 0;
    chain[count++] = { addressOf(&header), sizeof(header), BufferAccess::DeviceReads };
    if (header.type != u32(BlockOperation::Flush)) {
        BufferAccess access = header.type == u32(BlockOperation::Read) ? BufferAccess::DeviceWrites
                                                                       : BufferAccess::DeviceReads;
        chain[count++] = { dataAddress, dataLength, access };
    }
    chain[count++] = { addressOf(&status), 1, BufferAccess::DeviceWrites };
    return count;
}

ktl::ErrorOr<void> BlockRequest::result() const
{
    switch (status) {
    case BlockStatus::kOk: return {};
    case BlockStatus::kUnsupported:
        return ktl::Error(ktl::ErrorCode::Unsupported, "virtio-blk device does not support the request");
    default: return ktl::Error(ktl::ErrorCode::Io, "virtio-blk device reported an I/O error");
    }
}

} // namespace keel::virtio
