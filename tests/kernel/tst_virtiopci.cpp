// What a user sees fail here: on pc/q35 the disk or entropy device is not found or is driven
// through the wrong registers (the common configuration at a wrong BAR offset reads garbage),
// a legacy-only device is taken for a modern one, notifications ring the wrong doorbell (the
// device never sees requests), or MSI-X is programmed outside the BAR.
//
// kernel/virtio/pcicapabilities.cpp against a fake configuration space modelled on QEMU 7.2's
// virtio-blk-pci (hw/virtio/virtio-pci.c: common cfg BAR4+0x0, ISR BAR4+0x1000, device cfg
// BAR4+0x2000, notify BAR4+0x3000 with multiplier 4, MSI-X table in BAR1), and
// kernel/virtio/pcitransport.h against fake BAR memory.

#include "virtio/pcicapabilities.h"
#include "virtio/pcitransport.h"

#include <gtest/gtest.h>

#include <cstring>

namespace {

using namespace keel::virtio;
using keel::pci::BarKind;

class FakeConfig final : public keel::pci::ConfigSpace {
public:
    u8 bytes[256] = {};

    u32 read32(keel::pci::Address, u8 offset) override
    {
        u32 value;
        std::memcpy(&value, bytes + (offset & 0xfc), 4);
        return value;
    }
    void write32(keel::pci::Address, u8 offset, u32 value) override { std::memcpy(bytes + offset, &value, 4); }
    void write16(keel::pci::Address, u8 offset, u16 value) override { std::memcpy(bytes + offset, &value, 2); }

    // Writes a struct virtio_pci_cap (plus the notify multiplier) at `at`.
    void virtioCap(keel::pci::Device& device, u8 at, u8 type, u8 bar, u32 offset, u32 length, u32 multiplier = 0)
    {
        bytes[at] = kPciCapabilityVendor;
        bytes[at + 2] = type == PciCapabilityType::kNotify ? 20 : 16;
        bytes[at + 3] = type;
        bytes[at + 4] = bar;
        std::memcpy(bytes + at + 8, &offset, 4);
        std::memcpy(bytes + at + 12, &length, 4);
        if (type == PciCapabilityType::kNotify)
            std::memcpy(bytes + at + 16, &multiplier, 4);
        device.capabilities[device.capabilityCount++] = { kPciCapabilityVendor, at };
    }
};

keel::pci::Device qemuVirtioBlock(FakeConfig& config)
{
    keel::pci::Device device;
    device.vendorId = 0x1af4;
    device.deviceId = 0x1001; // transitional
    device.subsystemId = 2;
    device.bars[0] = { BarKind::Io, false, 0xc000, 0x80 };
    device.bars[1] = { BarKind::Memory32, false, 0xfebd1000, 0x1000 };
    device.bars[4] = { BarKind::Memory64, true, 0xfe000000, 0x4000 };
    config.bytes[0x98] = kPciCapabilityMsix;
    u16 control = 1; // two entries
    std::memcpy(config.bytes + 0x98 + 2, &control, 2);
    u32 table = 1; // BAR1, offset 0
    std::memcpy(config.bytes + 0x98 + 4, &table, 4);
    device.capabilities[device.capabilityCount++] = { kPciCapabilityMsix, 0x98 };
    config.virtioCap(device, 0x84, PciCapabilityType::kCommon, 4, 0x0, 0x800);
    config.virtioCap(device, 0x70, PciCapabilityType::kIsr, 4, 0x1000, 0x1000);
    config.virtioCap(device, 0x60, PciCapabilityType::kDevice, 4, 0x2000, 0x1000);
    config.virtioCap(device, 0x40, PciCapabilityType::kNotify, 4, 0x3000, 0x1000, 4);
    return device;
}

TEST(VirtioPciCapabilities, FindsEveryStructureOfQemusVirtioBlk)
{
    FakeConfig config;
    keel::pci::Device device = qemuVirtioBlock(config);
    auto layout = readVirtioPciLayout(config, device);
    ASSERT_FALSE(layout.isError()) << layout.error().message();
    EXPECT_EQ(layout.value().common.addressIn(device), 0xfe000000u);
    EXPECT_EQ(layout.value().isr.addressIn(device), 0xfe001000u);
    EXPECT_EQ(layout.value().device.addressIn(device), 0xfe002000u);
    EXPECT_EQ(layout.value().notify.addressIn(device), 0xfe003000u);
    EXPECT_EQ(layout.value().notifyMultiplier, 4u);
    EXPECT_EQ(virtioPciDeviceType(device), 2u);
    MsixLayout msix = readMsixLayout(config, device);
    EXPECT_EQ(msix.capabilityOffset, 0x98);
    EXPECT_EQ(msix.tableSize, 2);
    EXPECT_EQ(msix.tableBar, 1);
    EXPECT_EQ(msix.tableOffset, 0u);
}

TEST(VirtioPciCapabilities, NamesDeviceTypesFromModernAndTransitionalIds)
{
    keel::pci::Device device;
    device.vendorId = 0x1af4;
    device.deviceId = 0x1044;
    EXPECT_EQ(virtioPciDeviceType(device), 4u) << "modern virtio-rng";
    device.deviceId = 0x1005;
    device.subsystemId = 4;
    EXPECT_EQ(virtioPciDeviceType(device), 4u) << "transitional virtio-rng";
    device.deviceId = 0x1110; // ivshmem shares the vendor ID
    EXPECT_EQ(virtioPciDeviceType(device), 0u);
    device.vendorId = 0x8086;
    device.deviceId = 0x1041;
    EXPECT_EQ(virtioPciDeviceType(device), 0u);
}

TEST(VirtioPciCapabilities, CallsALegacyOnlyDeviceUnsupported)
{
    FakeConfig config;
    keel::pci::Device device;
    device.vendorId = 0x1af4;
    device.deviceId = 0x1001;
    device.bars[0] = { BarKind::Io, false, 0xc000, 0x40 };
    auto layout = readVirtioPciLayout(config, device);
    ASSERT_TRUE(layout.isError());
    EXPECT_EQ(layout.error().code(), ktl::ErrorCode::Unsupported);
    EXPECT_NE(std::string(layout.error().message()).find("legacy"), std::string::npos);
}

TEST(VirtioPciCapabilities, IgnoresStructuresOutsideTheirBarOrInIoSpace)
{
    FakeConfig config;
    keel::pci::Device device = qemuVirtioBlock(config);
    // An earlier common capability pointing past the end of BAR4, and one in the IO BAR: both are
    // skipped and the valid one found after them is used.
    keel::pci::Device broken = device;
    broken.capabilityCount = 0;
    config.virtioCap(broken, 0xb0, PciCapabilityType::kCommon, 4, 0x3800, 0x1000);
    config.virtioCap(broken, 0xc0, PciCapabilityType::kCommon, 0, 0x0, 0x10);
    for (int i = 0; i < device.capabilityCount; ++i)
        broken.capabilities[broken.capabilityCount++] = device.capabilities[i];
    auto layout = readVirtioPciLayout(config, broken);
    ASSERT_FALSE(layout.isError());
    EXPECT_EQ(layout.value().common.offset, 0u);
    EXPECT_EQ(layout.value().common.bar, 4);
    broken.bars[4].size = 0x1000; // now only the common structure fits
    EXPECT_TRUE(readVirtioPciLayout(config, broken).isError());
}

TEST(VirtioPciCapabilities, RejectsAnMsixTableOutsideItsBar)
{
    FakeConfig config;
    keel::pci::Device device = qemuVirtioBlock(config);
    u32 table = 0x1000 | 1; // BAR1 offset 0x1000: past its 4 KiB
    std::memcpy(config.bytes + 0x98 + 4, &table, 4);
    EXPECT_EQ(readMsixLayout(config, device).capabilityOffset, 0);
}

// BAR memory for the transport: byte arrays with the common configuration's select semantics.
struct FakeBar {
    u8* bytes;
    u8 read8(u32 offset) const { return bytes[offset]; }
    u16 read16(u32 offset) const { u16 v; std::memcpy(&v, bytes + offset, 2); return v; }
    u32 read32(u32 offset) const { u32 v; std::memcpy(&v, bytes + offset, 4); return v; }
    void write8(u32 offset, u8 value) const { bytes[offset] = value; }
    void write16(u32 offset, u16 value) const { std::memcpy(bytes + offset, &value, 2); }
    void write32(u32 offset, u32 value) const { std::memcpy(bytes + offset, &value, 4); }
};

TEST(VirtioPciTransport, ProgramsTheSelectedQueueAndRingsItsOwnDoorbell)
{
    u8 common[64] = {}, notify[64] = {}, isr[4] = {}, deviceConfig[16] = {};
    common[PciCommon::kQueueCount] = 3;
    common[PciCommon::kQueueSize] = 0; // little-endian u16 256
    common[PciCommon::kQueueSize + 1] = 1;
    common[PciCommon::kQueueNotifyOffset] = 2; // this queue's doorbell: 2 * multiplier
    PciWindows<FakeBar> windows { { common }, { notify }, { isr }, { deviceConfig }, 4 };
    PciTransport<FakeBar> transport(windows, 2);
    EXPECT_EQ(transport.maxQueueSize(1), 256);
    EXPECT_EQ(transport.maxQueueSize(3), 0) << "only queues 0-2 exist";
    ASSERT_FALSE(transport.enableQueue(1, 128, { 0x10000, 0x20000, 0x30000 }).isError());
    EXPECT_EQ(FakeBar { common }.read16(PciCommon::kQueueSelect), 1);
    EXPECT_EQ(FakeBar { common }.read16(PciCommon::kQueueSize), 128);
    EXPECT_EQ(FakeBar { common }.read32(PciCommon::kQueueDescriptor), 0x10000u);
    EXPECT_EQ(FakeBar { common }.read32(PciCommon::kQueueDriver), 0x20000u);
    EXPECT_EQ(FakeBar { common }.read32(PciCommon::kQueueDevice), 0x30000u);
    EXPECT_EQ(FakeBar { common }.read16(PciCommon::kQueueEnable), 1);
    EXPECT_EQ(FakeBar { common }.read16(PciCommon::kQueueMsixVector), 0) << "no MSI-X: left alone";
    transport.notify(1);
    EXPECT_EQ(FakeBar { notify }.read16(8), 1) << "queue 1 rings offset 2 * 4";
    isr[0] = 1;
    EXPECT_EQ(transport.takeInterruptStatus(), 1u);
    deviceConfig[0] = 0x34;
    deviceConfig[1] = 0x12;
    EXPECT_EQ(transport.readConfig(0, 2), 0x1234u);
    transport.setStatus(7);
    EXPECT_EQ(common[PciCommon::kDeviceStatus], 7);
    EXPECT_EQ(common[PciCommon::kQueueSelect + 2], 128) << "the status write touched only its byte";
}

TEST(VirtioPciTransport, ReadsTheDeviceConfigurationAtEachOffsetAndWidth)
{
    // virtio-net's configuration as QEMU 7.2 fills it (5.1.4): mac[6] = 52:54:00:12:34:56 (its
    // default for the first card), then status = VIRTIO_NET_S_LINK_UP.
    u8 common[64] = {}, notify[64] = {}, isr[4] = {};
    u8 deviceConfig[16] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x01, 0x00 };
    PciWindows<FakeBar> windows { { common }, { notify }, { isr }, { deviceConfig }, 4 };
    PciTransport<FakeBar> transport(windows, 1);
    const u8 mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
    for (u32 i = 0; i < 6; ++i)
        EXPECT_EQ(transport.readConfig(i, 1), mac[i]) << "MAC byte " << i;
    EXPECT_EQ(transport.readConfig(6, 2), 1u) << "status";
    EXPECT_EQ(transport.readConfig(0, 4), 0x12005452u);
    EXPECT_EQ(transport.readConfig(4, 4), 0x00015634u);
    transport.writeConfig(8, 1, 0xaa);
    EXPECT_EQ(deviceConfig[8], 0xaa);
    EXPECT_EQ(deviceConfig[9], 0x00) << "a byte write touches one byte";
}

TEST(VirtioPciTransport, RoutesQueuesToMsixEntryZeroOnceConnected)
{
    u8 common[64] = {}, notify[64] = {}, isr[4] = {}, deviceConfig[16] = {};
    common[PciCommon::kQueueCount] = 1;
    PciWindows<FakeBar> windows { { common }, { notify }, { isr }, { deviceConfig }, 4 };
    PciTransport<FakeBar> transport(windows, 2);
    FakeBar(common).write16(PciCommon::kQueueMsixVector, 0x1234);
    transport.setIrqConnector([](void*, void (*)(void*), void*) { return true; }, nullptr);
    EXPECT_TRUE(transport.connectInterrupt([](void*) { }, nullptr));
    EXPECT_EQ(FakeBar { common }.read16(PciCommon::kConfigMsixVector), kNoMsixVector);
    ASSERT_FALSE(transport.enableQueue(0, 16, { 0x1000, 0x2000, 0x3000 }).isError());
    EXPECT_EQ(FakeBar { common }.read16(PciCommon::kQueueMsixVector), 0);
}

} // namespace
