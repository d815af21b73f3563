// What a user sees fail here: on microvm the disk or entropy device is not found (command-line
// entries misparsed), a legacy device is driven as a modern one (garbage, hangs), or the queue is
// registered at the wrong addresses (the device reads random memory).
//
// kernel/virtio/mmiocommandline.cpp against the strings QEMU 7.2's microvm really appends
// (recorded with -M microvm,acpi=off: "virtio_mmio.device=512@0xfeb00e00:12"), and
// kernel/virtio/mmiotransport.h against a fake register window modelling a version 2 device.

#include "virtio/mmiocommandline.h"
#include "virtio/mmiotransport.h"

#include <gtest/gtest.h>

#include <cstring>
#include <map>

namespace {

using namespace keel::virtio;

TEST(VirtioMmioCommandLine, ParsesWhatQemuMicrovmAppends)
{
    MmioDeviceSpec specs[4];
    MmioScan scan = parseMmioDevices("hello virtio_mmio.device=512@0xfeb00e00:12 "
                                     "virtio_mmio.device=512@0xfeb00c00:11",
        specs);
    ASSERT_EQ(scan.found, 2u);
    EXPECT_EQ(scan.malformed, 0u);
    EXPECT_EQ(specs[0].base, 0xfeb00e00u);
    EXPECT_EQ(specs[0].size, 512u);
    EXPECT_EQ(specs[0].irq, 12u);
    EXPECT_EQ(specs[1].base, 0xfeb00c00u);
    EXPECT_EQ(specs[1].irq, 11u);
}

TEST(VirtioMmioCommandLine, AcceptsLinuxSizeSuffixesAndThePlatformId)
{
    auto spec = parseMmioDevice("4K@0x10000000:5:3");
    ASSERT_TRUE(spec);
    EXPECT_EQ(spec->size, 4096u);
    EXPECT_EQ(spec->base, 0x10000000u);
    EXPECT_EQ(spec->irq, 5u);
    EXPECT_EQ(parseMmioDevice("1M@4096:7")->size, 1024u * 1024);
    EXPECT_EQ(parseMmioDevice("0x200@0xd0000000:9")->size, 512u);
}

TEST(VirtioMmioCommandLine, RejectsMalformedEntriesAndCountsThem)
{
    for (const char* bad : { "512", "512@", "512@0xfeb00e00", "@0xfeb00e00:12", "512@0xfeb00e00:",
             "0@0xfeb00e00:12", "512@0:12", "512@0xzz:12", "512@0xfeb00e00:x", "99999999999999999999K@1:1" })
        EXPECT_FALSE(parseMmioDevice(bad)) << bad;
    MmioDeviceSpec specs[1];
    MmioScan scan = parseMmioDevices("virtio_mmio.device=512 virtio_mmio.device=512@0x1000:1 "
                                     "virtio_mmio.device=512@0x2000:2 virtio_mmio.devicex=1",
        specs);
    EXPECT_EQ(scan.found, 1u);
    EXPECT_EQ(scan.malformed, 1u);
    EXPECT_EQ(scan.dropped, 1u) << "the second good entry does not fit the span";
    EXPECT_EQ(specs[0].base, 0x1000u);
    EXPECT_EQ(parseMmioDevices("", specs).found, 0u);
    EXPECT_EQ(parseMmioDevices("  \t ", specs).found, 0u);
}

// A virtio-mmio version 2 device: feature words behind a select register, per-queue registers
// behind QueueSel, the interrupt status/ack pair, and config space at 0x100.
class FakeMmioDevice {
public:
    u32 magic = kMmioMagic;
    u32 version = 2;
    u32 deviceId = 2;
    u64 features = (1ull << 32) | (1ull << 9);
    u32 queueMax = 128;
    u32 interruptStatus = 0;
    u8 config[16] = { 0x00, 0x10, 0, 0, 0, 0, 0, 0, 0xaa, 0xbb, 0xcc, 0xdd };
    std::map<u32, u32> written;
    struct Queue {
        u32 size = 0;
        u32 ready = 0;
        u64 descriptors = 0, avail = 0, used = 0;
    } queues[2];
    u32 select = 0, featureSelect = 0, driverSelect = 0, status = 0, notified = ~0u;
    u64 driverFeatures = 0;

    u32 read(u32 offset)
    {
        switch (offset) {
        case MmioRegister::kMagic: return magic;
        case MmioRegister::kVersion: return version;
        case MmioRegister::kDeviceId: return deviceId;
        case MmioRegister::kDeviceFeatures: return u32(features >> (32 * featureSelect));
        case MmioRegister::kQueueSizeMax: return select < 2 ? queueMax : 0;
        case MmioRegister::kQueueReady: return select < 2 ? queues[select].ready : 0;
        case MmioRegister::kInterruptStatus: return interruptStatus;
        case MmioRegister::kStatus: return status;
        case MmioRegister::kConfigGeneration: return 0;
        }
        if (offset >= MmioRegister::kConfig && offset + 4 <= MmioRegister::kConfig + sizeof(config)) {
            u32 word;
            std::memcpy(&word, config + offset - MmioRegister::kConfig, 4);
            return word;
        }
        return 0;
    }
    void write(u32 offset, u32 value)
    {
        written[offset] = value;
        Queue& q = queues[select < 2 ? select : 0];
        switch (offset) {
        case MmioRegister::kDeviceFeaturesSelect: featureSelect = value; break;
        case MmioRegister::kDriverFeaturesSelect: driverSelect = value; break;
        case MmioRegister::kDriverFeatures:
            driverFeatures = (driverFeatures & ~(0xffffffffull << (32 * driverSelect)))
                | (u64(value) << (32 * driverSelect));
            break;
        case MmioRegister::kQueueSelect: select = value; break;
        case MmioRegister::kQueueSize: q.size = value; break;
        case MmioRegister::kQueueReady: q.ready = value; break;
        case MmioRegister::kQueueNotify: notified = value; break;
        case MmioRegister::kInterruptAck: interruptStatus &= ~value; break;
        case MmioRegister::kStatus: status = value; break;
        case MmioRegister::kQueueDescriptorLow: q.descriptors = (q.descriptors & ~0xffffffffull) | value; break;
        case MmioRegister::kQueueDescriptorHigh: q.descriptors = (q.descriptors & 0xffffffff) | (u64(value) << 32); break;
        case MmioRegister::kQueueAvailLow: q.avail = (q.avail & ~0xffffffffull) | value; break;
        case MmioRegister::kQueueAvailHigh: q.avail = (q.avail & 0xffffffff) | (u64(value) << 32); break;
        case MmioRegister::kQueueUsedLow: q.used = (q.used & ~0xffffffffull) | value; break;
        case MmioRegister::kQueueUsedHigh: q.used = (q.used & 0xffffffff) | (u64(value) << 32); break;
        default:
            if (offset >= MmioRegister::kConfig && offset + 4 <= MmioRegister::kConfig + sizeof(config))
                std::memcpy(config + offset - MmioRegister::kConfig, &value, 4);
        }
    }
};

struct FakeWindow {
    FakeMmioDevice* device;
    u32 read32(u32 offset) const { return device->read(offset); }
    void write32(u32 offset, u32 value) const { device->write(offset, value); }
};

TEST(VirtioMmioTransport, TellsModernLegacyEmptyAndForeignWindowsApart)
{
    FakeMmioDevice device;
    MmioTransport<FakeWindow> transport(FakeWindow { &device }, 12);
    EXPECT_EQ(transport.probe(), MmioProbe::Modern);
    device.version = 1; // QEMU 7.2's default (virtio-mmio.force-legacy=true)
    EXPECT_EQ(transport.probe(), MmioProbe::Legacy);
    device.deviceId = 0;
    EXPECT_EQ(transport.probe(), MmioProbe::Empty);
    device.magic = 0;
    EXPECT_EQ(transport.probe(), MmioProbe::NotVirtio);
}

TEST(VirtioMmioTransport, ReadsAndWritesBothFeatureWords)
{
    FakeMmioDevice device;
    MmioTransport<FakeWindow> transport(FakeWindow { &device }, 12);
    EXPECT_EQ(transport.deviceFeatures(), (1ull << 32) | (1ull << 9));
    transport.setDriverFeatures((1ull << 32) | (1ull << 5));
    EXPECT_EQ(device.driverFeatures, (1ull << 32) | (1ull << 5));
    transport.setStatus(3);
    EXPECT_EQ(transport.status(), 3);
}

TEST(VirtioMmioTransport, RegistersAQueueAtItsThreeAddresses)
{
    FakeMmioDevice device;
    MmioTransport<FakeWindow> transport(FakeWindow { &device }, 12);
    EXPECT_EQ(transport.maxQueueSize(1), 128);
    EXPECT_EQ(transport.maxQueueSize(5), 0) << "a queue the device does not have";
    ASSERT_FALSE(transport.enableQueue(1, 64, { 0x1'2345'6000, 0x7000, 0x8000 }).isError());
    EXPECT_EQ(device.queues[1].size, 64u);
    EXPECT_EQ(device.queues[1].descriptors, 0x1'2345'6000u);
    EXPECT_EQ(device.queues[1].avail, 0x7000u);
    EXPECT_EQ(device.queues[1].used, 0x8000u);
    EXPECT_EQ(device.queues[1].ready, 1u);
    EXPECT_EQ(transport.maxQueueSize(1), 0) << "a live queue is not offered again";
    transport.notify(1);
    EXPECT_EQ(device.notified, 1u);
}

TEST(VirtioMmioTransport, AcknowledgesExactlyTheInterruptsItRead)
{
    FakeMmioDevice device;
    MmioTransport<FakeWindow> transport(FakeWindow { &device }, 12);
    device.interruptStatus = 3;
    EXPECT_EQ(transport.takeInterruptStatus(), 3u);
    EXPECT_EQ(device.interruptStatus, 0u);
    EXPECT_EQ(transport.takeInterruptStatus(), 0u);
    EXPECT_EQ(device.written.count(MmioRegister::kInterruptAck), 1u) << "nothing to acknowledge the second time";
}

TEST(VirtioMmioTransport, NarrowsConfigurationReadsAndMergesNarrowWrites)
{
    FakeMmioDevice device;
    MmioTransport<FakeWindow> transport(FakeWindow { &device }, 12);
    EXPECT_EQ(transport.readConfig(0, 4), 0x1000u);
    EXPECT_EQ(transport.readConfig(8, 1), 0xaau);
    EXPECT_EQ(transport.readConfig(9, 2), 0xccbbu);
    EXPECT_EQ(transport.readConfig(11, 1), 0xddu);
    transport.writeConfig(10, 1, 0x55);
    EXPECT_EQ(transport.readConfig(8, 4), 0xdd55bbaau);
}

TEST(VirtioMmioTransport, PollsUnlessAConnectorTakesTheIrq)
{
    FakeMmioDevice device;
    MmioTransport<FakeWindow> transport(FakeWindow { &device }, 12);
    EXPECT_FALSE(transport.connectInterrupt([](void*) { }, nullptr));
    static u32 s_connectedIrq;
    transport.setIrqConnector([](u32 irq, void (*)(void*), void*) {
        s_connectedIrq = irq;
        return true;
    });
    EXPECT_TRUE(transport.connectInterrupt([](void*) { }, nullptr));
    EXPECT_EQ(s_connectedIrq, 12u);
}

} // namespace
