// What a user sees fail here: keel::block reads or writes the wrong sectors, accepts a transfer
// that runs off the end of the disk (QEMU then fails the whole request or the guest corrupts
// its own data), or reports success when the device said I/O error.
//
// kernel/virtio-blk/blockrequest.cpp: the request header, the chain it becomes (Virtio 1.2,
// 5.2.6) and the status byte.

#include "virtio-blk/blockrequest.h"

#include <gtest/gtest.h>

namespace {

using namespace keel::virtio;

TEST(BlockRequest, EncodesAReadAsHeaderDataStatus)
{
    BlockRequest request;
    EXPECT_EQ(request.prepare(BlockOperation::Read, 10, 1024, 2048).value(), 2u);
    EXPECT_EQ(request.header.type, 0u);
    EXPECT_EQ(request.header.sector, 10u);
    EXPECT_EQ(sizeof(BlockRequestHeader), 16u);
    Buffer chain[3];
    ASSERT_EQ(request.buildChain(0x5000, 1024, chain), 3u);
    EXPECT_EQ(chain[0].address, u64(reinterpret_cast<uintptr_t>(&request.header)));
    EXPECT_EQ(chain[0].length, 16u);
    EXPECT_EQ(chain[0].access, BufferAccess::DeviceReads);
    EXPECT_EQ(chain[1].address, 0x5000u);
    EXPECT_EQ(chain[1].access, BufferAccess::DeviceWrites) << "the device writes what we read";
    EXPECT_EQ(chain[2].length, 1u);
    EXPECT_EQ(chain[2].access, BufferAccess::DeviceWrites);
}

TEST(BlockRequest, EncodesWritesAndFlushes)
{
    BlockRequest request;
    ASSERT_FALSE(request.prepare(BlockOperation::Write, 0, 512, 1).isError());
    Buffer chain[3];
    ASSERT_EQ(request.buildChain(0x6000, 512, chain), 3u);
    EXPECT_EQ(request.header.type, 1u);
    EXPECT_EQ(chain[1].access, BufferAccess::DeviceReads);
    request.prepareFlush();
    EXPECT_EQ(request.header.type, 4u);
    EXPECT_EQ(request.buildChain(0, 0, chain), 2u) << "a flush carries no data";
    EXPECT_EQ(chain[1].length, 1u);
}

TEST(BlockRequest, RefusesPartialSectorsAndTransfersPastTheEnd)
{
    BlockRequest request;
    EXPECT_EQ(request.prepare(BlockOperation::Read, 0, 0, 8).error().code(), ktl::ErrorCode::InvalidArgument);
    EXPECT_EQ(request.prepare(BlockOperation::Read, 0, 100, 8).error().code(), ktl::ErrorCode::InvalidArgument);
    EXPECT_EQ(request.prepare(BlockOperation::Read, 8, 512, 8).error().code(), ktl::ErrorCode::OutOfRange);
    EXPECT_EQ(request.prepare(BlockOperation::Read, 7, 1024, 8).error().code(), ktl::ErrorCode::OutOfRange);
    EXPECT_EQ(request.prepare(BlockOperation::Read, ~0ull, 512, 8).error().code(), ktl::ErrorCode::OutOfRange);
    EXPECT_FALSE(request.prepare(BlockOperation::Read, 7, 512, 8).isError());
}

TEST(BlockRequest, TurnsTheStatusByteIntoAnError)
{
    BlockRequest request;
    ASSERT_FALSE(request.prepare(BlockOperation::Read, 0, 512, 1).isError());
    EXPECT_TRUE(request.result().isError()) << "not yet written by the device";
    request.status = BlockStatus::kOk;
    EXPECT_FALSE(request.result().isError());
    request.status = BlockStatus::kIoError;
    EXPECT_EQ(request.result().error().code(), ktl::ErrorCode::Io);
    request.status = BlockStatus::kUnsupported;
    EXPECT_EQ(request.result().error().code(), ktl::ErrorCode::Unsupported);
}

} // namespace
