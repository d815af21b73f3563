// What a user sees fail here: a virtio disk or entropy device that hangs after a few hundred
// requests (used-index wrap), loses or corrupts buffers when a request spans several descriptors,
// crashes when the queue is full, or mixes up requests the device completes out of order.
//
// kernel/virtio/virtqueue.cpp runs against plain memory; FakeDevice reads the avail ring and
// writes the used ring the way a virtio 1.x device does (Virtio 1.2, 2.7).

#include "virtio/virtqueue.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

using namespace keel::virtio;

struct Chain {
    u16 head;
    std::vector<Descriptor> descriptors;
};

// The device side, reading the same memory through the spec's layout.
class FakeDevice {
public:
    FakeDevice(const Virtqueue& ring) : m_ring(ring) { }

    Descriptor* descriptors() const { return reinterpret_cast<Descriptor*>(m_ring.descriptorAddress()); }
    u16* avail() const { return reinterpret_cast<u16*>(m_ring.availAddress()); }
    u16* used() const { return reinterpret_cast<u16*>(m_ring.usedAddress()); }
    UsedElement* usedRing() const { return reinterpret_cast<UsedElement*>(used() + 2); }

    // Takes every chain the driver published since the last call.
    std::vector<Chain> takeAvailable()
    {
        std::vector<Chain> chains;
        for (; m_availSeen != avail()[1]; ++m_availSeen) {
            Chain chain { avail()[2 + m_availSeen % m_ring.size()], {} };
            u16 index = chain.head;
            for (;;) {
                Descriptor d = descriptors()[index];
                chain.descriptors.push_back(d);
                if (!(d.flags & kDescriptorNext))
                    break;
                index = d.next;
            }
            chains.push_back(chain);
        }
        return chains;
    }

    void complete(u16 head, u32 written)
    {
        usedRing()[m_usedIndex % m_ring.size()] = { head, written };
        ++m_usedIndex;
        used()[1] = m_usedIndex;
    }

private:
    const Virtqueue& m_ring;
    u16 m_availSeen = 0;
    u16 m_usedIndex = 0;
};

class VirtqueueTest : public ::testing::Test {
protected:
    void SetUp() override { setUpRing(8); }
    void TearDown() override { std::free(m_memory); }

    void setUpRing(u16 size)
    {
        std::free(m_memory);
        size_t bytes = Virtqueue::bytesFor(size);
        m_memory = std::aligned_alloc(4096, (bytes + 4095) & ~size_t(4095));
        std::memset(m_memory, 0, bytes);
        ASSERT_FALSE(ring.initialise(size, m_memory).isError());
    }

    static Buffer in(u64 address, u32 length) { return { address, length, BufferAccess::DeviceWrites }; }
    static Buffer out(u64 address, u32 length) { return { address, length, BufferAccess::DeviceReads }; }

    Virtqueue ring;
    FakeDevice device { ring };
    void* m_memory = nullptr;
};

TEST_F(VirtqueueTest, LaysTheRingsOutAsTheSpecSays)
{
    EXPECT_EQ(ring.availAddress() - ring.descriptorAddress(), 8 * sizeof(Descriptor));
    EXPECT_EQ(ring.usedAddress() % 4, 0u);
    EXPECT_GE(ring.usedAddress() - ring.availAddress(), 4u + 2 * 8 + 2);
    EXPECT_EQ(ring.freeCount(), 8);
    Virtqueue other;
    EXPECT_TRUE(other.initialise(6, m_memory).isError()) << "sizes must be powers of two";
}

TEST_F(VirtqueueTest, PublishesAChainWithDirectionsAndLinks)
{
    Buffer chain[] = { out(0x1000, 16), in(0x2000, 512), in(0x3000, 1) };
    int cookie = 7;
    u16 head = ring.submit(chain, &cookie).value();
    auto chains = device.takeAvailable();
    ASSERT_EQ(chains.size(), 1u);
    EXPECT_EQ(chains[0].head, head);
    ASSERT_EQ(chains[0].descriptors.size(), 3u);
    EXPECT_EQ(chains[0].descriptors[0].address, 0x1000u);
    EXPECT_EQ(chains[0].descriptors[0].flags, kDescriptorNext);
    EXPECT_EQ(chains[0].descriptors[1].length, 512u);
    EXPECT_EQ(chains[0].descriptors[1].flags, kDescriptorNext | kDescriptorWrite);
    EXPECT_EQ(chains[0].descriptors[2].flags, kDescriptorWrite);
    EXPECT_EQ(ring.freeCount(), 5);
    EXPECT_FALSE(ring.hasUsed());

    device.complete(head, 513);
    auto done = ring.takeUsed();
    ASSERT_TRUE(done);
    EXPECT_EQ(done->cookie, &cookie);
    EXPECT_EQ(done->written, 513u);
    EXPECT_EQ(ring.freeCount(), 8);
    EXPECT_FALSE(ring.takeUsed());
}

TEST_F(VirtqueueTest, RefusesChainsThatDoNotFitAndRecoversWhenBuffersReturn)
{
    Buffer five[] = { out(1, 1), out(2, 1), out(3, 1), out(4, 1), out(5, 1) };
    Buffer four[] = { out(1, 1), out(2, 1), out(3, 1), out(4, 1) };
    u16 first = ring.submit(five, nullptr).value();
    auto full = ring.submit(four, nullptr);
    ASSERT_TRUE(full.isError());
    EXPECT_EQ(full.error().code(), ktl::ErrorCode::TooMany);
    EXPECT_EQ(ring.freeCount(), 3) << "a refused chain must not take descriptors";
    EXPECT_TRUE(ring.submit(ktl::Span<const Buffer>(), nullptr).isError());
    u16 second = ring.submit(ktl::Span<const Buffer>(four, 3), nullptr).value();
    EXPECT_EQ(ring.freeCount(), 0);
    EXPECT_TRUE(ring.submit(ktl::Span<const Buffer>(four, 1), nullptr).isError());

    device.takeAvailable();
    device.complete(first, 0);
    ASSERT_TRUE(ring.takeUsed());
    EXPECT_EQ(ring.freeCount(), 5);
    EXPECT_FALSE(ring.submit(four, nullptr).isError()) << "freed descriptors are reusable";
    device.complete(second, 0);
    ASSERT_TRUE(ring.takeUsed());
    EXPECT_EQ(ring.freeCount(), 4);
}

TEST_F(VirtqueueTest, HandsBackOutOfOrderCompletionsWithTheirOwnCookies)
{
    int cookies[3] = {};
    Buffer one[] = { in(0x100, 4) };
    Buffer two[] = { out(0x200, 4), in(0x300, 4) };
    u16 a = ring.submit(one, &cookies[0]).value();
    u16 b = ring.submit(two, &cookies[1]).value();
    u16 c = ring.submit(one, &cookies[2]).value();
    device.takeAvailable();
    device.complete(c, 3);
    device.complete(a, 1);
    device.complete(b, 2);
    void* expected[] = { &cookies[2], &cookies[0], &cookies[1] };
    u32 lengths[] = { 3, 1, 2 };
    for (int i = 0; i < 3; ++i) {
        auto done = ring.takeUsed();
        ASSERT_TRUE(done);
        EXPECT_EQ(done->cookie, expected[i]);
        EXPECT_EQ(done->written, lengths[i]);
    }
    EXPECT_EQ(ring.freeCount(), 8);
    // The free list must still hold every descriptor exactly once: fill the ring completely.
    Buffer eight[] = { out(1, 1), out(2, 1), out(3, 1), out(4, 1), out(5, 1), out(6, 1), out(7, 1), out(8, 1) };
    u16 head = ring.submit(eight, nullptr).value();
    auto chains = device.takeAvailable();
    ASSERT_EQ(chains.size(), 1u);
    std::vector<bool> seen(8);
    u16 index = head;
    for (const Descriptor& d : chains[0].descriptors) {
        EXPECT_FALSE(seen[index]) << "descriptor " << index << " is linked twice";
        seen[index] = true;
        index = d.next;
    }
    EXPECT_EQ(chains[0].descriptors.size(), 8u);
}

TEST_F(VirtqueueTest, KeepsWorkingAcrossThe16BitIndexWrap)
{
    // A fresh ring starts its indices at 0; 65536 + 20 requests take both past the wrap.
    FakeDevice& fresh = device;
    Buffer one[] = { in(0x100, 4) };
    for (u32 i = 0; i < 65536 + 20; ++i) {
        u16 head = ring.submit(one, reinterpret_cast<void*>(uintptr_t(i + 1))).value();
        auto chains = fresh.takeAvailable();
        ASSERT_EQ(chains.size(), 1u) << "at request " << i;
        ASSERT_EQ(chains[0].head, head);
        fresh.complete(head, i & 0xff);
        auto done = ring.takeUsed();
        ASSERT_TRUE(done) << "at request " << i;
        ASSERT_EQ(done->cookie, reinterpret_cast<void*>(uintptr_t(i + 1)));
        ASSERT_FALSE(ring.hasUsed());
    }
    EXPECT_EQ(ring.freeCount(), 8);
}

TEST_F(VirtqueueTest, BatchesSpanningTheWrapComeBackInUsedOrder)
{
    Buffer one[] = { in(0x100, 4) };
    FakeDevice& dev = device;
    // Walk the indices to just below the wrap with full batches of 8.
    for (u32 round = 0; round < 65528 / 8; ++round) {
        for (int i = 0; i < 8; ++i)
            ASSERT_FALSE(ring.submit(one, nullptr).isError());
        for (const Chain& chain : dev.takeAvailable())
            dev.complete(chain.head, 0);
        while (ring.takeUsed()) { }
    }
    int cookies[8];
    for (int& cookie : cookies)
        ASSERT_FALSE(ring.submit(one, &cookie).isError());
    auto chains = dev.takeAvailable();
    ASSERT_EQ(chains.size(), 8u);
    for (int i = 7; i >= 0; --i)
        dev.complete(chains[size_t(i)].head, u32(i));
    for (int i = 7; i >= 0; --i) {
        auto done = ring.takeUsed();
        ASSERT_TRUE(done);
        EXPECT_EQ(done->cookie, &cookies[i]);
    }
    EXPECT_FALSE(ring.hasUsed());
}

TEST_F(VirtqueueTest, HonoursTheNotificationAndInterruptFlags)
{
    EXPECT_TRUE(ring.deviceWantsNotification());
    device.used()[0] = kUsedNoNotify;
    EXPECT_FALSE(ring.deviceWantsNotification());
    ring.setInterrupts(DeviceInterrupts::Suppressed);
    EXPECT_EQ(device.avail()[0], kAvailNoInterrupt);
    ring.setInterrupts(DeviceInterrupts::Wanted);
    EXPECT_EQ(device.avail()[0], 0);
}

TEST_F(VirtqueueTest, IgnoresAUsedElementNamingNoDescriptor)
{
    Buffer one[] = { in(0x100, 4) };
    u16 head = ring.submit(one, nullptr).value();
    device.takeAvailable();
    device.complete(200, 0); // a broken device
    EXPECT_FALSE(ring.takeUsed());
    EXPECT_EQ(ring.freeCount(), 7) << "the bogus element must not free anything";
    device.complete(head, 0);
    EXPECT_TRUE(ring.takeUsed());
    EXPECT_EQ(ring.freeCount(), 8);
}

} // namespace
