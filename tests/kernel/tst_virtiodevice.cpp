// What a user sees fail here: a virtio device that never starts (status handshake out of order,
// FEATURES_OK not checked), a legacy-only device driven anyway, features the driver cannot
// handle accepted (event index, indirect descriptors change the ring protocol), a 64-bit config
// field torn by a concurrent change, or a queue handler that never runs.
//
// kernel/virtio/virtiodevice.cpp on a fake Transport that records every status write, so the
// sequence is checked against Virtio 1.2, 3.1.1.

#include "virtio/virtqueue.h"

#include <keel/virtio.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

namespace keel::virtio {

// The kernel's allocateDma takes pages from the physical page allocator; here, the C heap.
ktl::ErrorOr<void*> allocateDma(size_t bytes)
{
    size_t rounded = (bytes + 4095) & ~size_t(4095);
    void* memory = std::aligned_alloc(4096, rounded);
    std::memset(memory, 0, rounded);
    return memory;
}

} // namespace keel::virtio

namespace {

using namespace keel::virtio;

class FakeTransport final : public Transport {
public:
    u64 offered = Feature::kVersion1 | Feature::kEventIndex | (1ull << 9);
    bool refuseFeatures = false;
    u16 queueMax = 256;
    std::vector<u8> statusWrites;
    u64 accepted = 0;
    QueueAddresses queue0 {};
    u16 enabledSize = 0;
    u32 generation = 0;
    int tearOnRead = -1; // bump the generation on this config read
    int configReads = 0;
    u32 pendingInterrupt = 0;
    std::vector<u16> notified;

    u32 deviceType() const override { return 2; }
    const char* name() const override { return "fake"; }
    u8 status() override { return m_status; }
    void setStatus(u8 status) override
    {
        statusWrites.push_back(status);
        m_status = (refuseFeatures ? u8(status & ~Status::kFeaturesOk) : status);
    }
    u64 deviceFeatures() override { return offered; }
    void setDriverFeatures(u64 features) override { accepted = features; }
    u16 maxQueueSize(u16 queue) override { return queue < 2 ? queueMax : 0; }
    ktl::ErrorOr<void> enableQueue(u16 queue, u16 size, const QueueAddresses& addresses) override
    {
        if (queue == 0)
            queue0 = addresses;
        enabledSize = size;
        return {};
    }
    void notify(u16 queue) override { notified.push_back(queue); }
    u32 takeInterruptStatus() override { return std::exchange(pendingInterrupt, 0); }
    u32 readConfig(u32 offset, u8) override
    {
        if (configReads++ == tearOnRead)
            ++generation;
        return offset == 0 ? 0x89abcdef : 0x01234567;
    }
    void writeConfig(u32, u8, u32) override { }
    u32 configGeneration() override { return generation; }
    bool connectInterrupt(void (*handler)(void*), void* context) override
    {
        m_handler = handler;
        m_context = context;
        return true;
    }
    void interrupt() { m_handler(m_context); }

private:
    u8 m_status = 0;
    void (*m_handler)(void*) = nullptr;
    void* m_context = nullptr;
};

TEST(VirtioDevice, RunsTheInitialisationSequenceInTheSpecsOrder)
{
    FakeTransport transport;
    Device device(transport);
    device.beginInitialisation();
    u64 features = device.negotiate((1ull << 9) | (1ull << 5)).value();
    ASSERT_FALSE(device.setUpQueue(0).isError());
    ASSERT_FALSE(device.start().isError());
    std::vector<u8> expected = { 0, Status::kAcknowledge, Status::kAcknowledge | Status::kDriver,
        Status::kAcknowledge | Status::kDriver | Status::kFeaturesOk,
        Status::kAcknowledge | Status::kDriver | Status::kFeaturesOk | Status::kDriverOk };
    EXPECT_EQ(transport.statusWrites, expected);
    EXPECT_EQ(features, Feature::kVersion1 | (1ull << 9)) << "only what both sides have; never event-index";
    EXPECT_EQ(transport.accepted, features);
    EXPECT_TRUE(device.hasInterrupt());
}

TEST(VirtioDevice, RefusesLegacyOnlyDevicesAndRefusedFeatures)
{
    FakeTransport legacy;
    legacy.offered = 1ull << 9;
    Device device(legacy);
    device.beginInitialisation();
    auto negotiated = device.negotiate(1ull << 9);
    ASSERT_TRUE(negotiated.isError());
    EXPECT_NE(std::string(negotiated.error().message()).find("legacy-only"), std::string::npos);

    FakeTransport picky;
    picky.refuseFeatures = true;
    Device other(picky);
    other.beginInitialisation();
    EXPECT_TRUE(other.negotiate(0).isError());
    other.fail();
    EXPECT_TRUE(picky.status() & Status::kFailed);
}

TEST(VirtioDevice, SizesQueuesToAPowerOfTwoWithinTheDriversLimit)
{
    FakeTransport transport;
    transport.queueMax = 200;
    Device device(transport);
    device.beginInitialisation();
    ASSERT_FALSE(device.negotiate(0).isError());
    Queue* queue = device.setUpQueue(0, 100).value();
    EXPECT_EQ(queue->size(), 64);
    EXPECT_EQ(transport.enabledSize, 64);
    EXPECT_NE(transport.queue0.descriptors, 0u);
    EXPECT_EQ(transport.queue0.descriptors % 16, 0u);
    EXPECT_EQ(device.setUpQueue(0).error().code(), ktl::ErrorCode::AlreadyExists);
    EXPECT_EQ(device.setUpQueue(2).error().code(), ktl::ErrorCode::NotFound);
    EXPECT_EQ(device.setUpQueue(Device::kMaxQueues).error().code(), ktl::ErrorCode::OutOfRange);
    EXPECT_EQ(device.queue(0), queue);
    EXPECT_EQ(device.queue(1), nullptr);
}

TEST(VirtioDevice, RereadsA64BitFieldTheDeviceChangedMidway)
{
    FakeTransport transport;
    Device device(transport);
    transport.tearOnRead = 1; // between the two halves of the first attempt
    EXPECT_EQ(device.readConfig64(0), 0x0123456789abcdefull);
    EXPECT_EQ(transport.configReads, 4) << "one torn attempt, one clean";
}

TEST(VirtioDevice, RunsQueueHandlersOnInterruptAndPoll)
{
    FakeTransport transport;
    Device device(transport);
    device.beginInitialisation();
    ASSERT_FALSE(device.negotiate(0).isError());
    Queue* queue = device.setUpQueue(0).value();
    int calls = 0;
    queue->setHandler([](Queue& q, void* context) {
        ++*static_cast<int*>(context);
        while (q.takeUsed()) { }
    }, &calls);
    Buffer one[] = { { 0x1000, 4, BufferAccess::DeviceWrites } };
    u16 head = queue->submit(one, nullptr).value();
    queue->notify();
    EXPECT_EQ(transport.notified, std::vector<u16>{ 0 });
    device.poll();
    EXPECT_EQ(calls, 0) << "nothing used yet";
    // Play the device: one used element.
    auto* used = reinterpret_cast<u16*>(transport.queue0.used);
    auto* element = reinterpret_cast<UsedElement*>(used + 2);
    element[0] = { head, 4 };
    used[1] = 1;
    transport.pendingInterrupt = 1;
    transport.interrupt();
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(queue->freeCount(), queue->size());
    head = queue->submit(one, nullptr).value();
    element[1] = { head, 4 };
    used[1] = 2;
    queue->waitForUsed(); // returns at once: the device has used it
    EXPECT_TRUE(queue->takeUsed());
}

} // namespace
