// What a user sees fail here: `lspci` (keel::pci::devices()) misses devices behind a bridge or
// the extra functions of a multi-function device, lists phantom functions, hangs on a looping
// bridge or capability list, reports wrong BAR addresses or sizes (a driver then maps the wrong
// memory), or leaves a BAR clobbered/decoding off after sizing (the device stops working).
//
// kernel/pci/pcienumerator.cpp runs against a fake configuration space that models empty slots
// (all ones), read-only BAR bits (size masks), the command register and capability lists.

#include "pci/pcienumerator.h"

#include <gtest/gtest.h>

#include <map>
#include <tuple>
#include <vector>

namespace {

using keel::pci::Address;
using keel::pci::BarKind;
using keel::pci::Device;

struct FakeFunction {
    u32 registers[64] = {};
    u32 barWritableMask[6] = {}; // address bits the device implements; the rest read back fixed
};

class FakeConfigSpace final : public keel::pci::ConfigSpace {
public:
    FakeFunction& add(Address address, u16 vendor, u16 device, u8 cls, u8 sub, u8 headerType = 0)
    {
        FakeFunction& function = m_functions[key(address)];
        function.registers[0] = u32(vendor) | (u32(device) << 16);
        function.registers[2] = (u32(cls) << 24) | (u32(sub) << 16) | 0x01; // revision 1
        function.registers[3] = u32(headerType) << 16;
        return function;
    }
    FakeFunction& bridge(Address address, u8 secondaryBus)
    {
        FakeFunction& function = add(address, 0x8086, 0x244e, 0x06, 0x04, 1);
        function.registers[6] = u32(secondaryBus) << 8;
        return function;
    }
    // An implemented BAR: `flags` are its read-only low bits, `size` a power of two.
    static void setBar(FakeFunction& function, int index, u64 address, u64 size, u32 flags)
    {
        bool is64 = (flags & 0x6) == 0x4;
        u64 mask = ~(size - 1);
        function.registers[4 + index] = u32(address) | flags;
        function.barWritableMask[index] = u32(mask) & ((flags & 1) ? ~3u : ~15u);
        if (is64) {
            function.registers[5 + index] = u32(address >> 32);
            function.barWritableMask[index + 1] = u32(mask >> 32);
        }
    }

    u32 read32(Address address, u8 offset) override
    {
        ++reads;
        auto it = m_functions.find(key(address));
        return it == m_functions.end() ? 0xffffffff : it->second.registers[offset / 4];
    }
    void write32(Address address, u8 offset, u32 value) override
    {
        FakeFunction& function = m_functions.at(key(address));
        int reg = offset / 4;
        if (reg >= 4 && reg < 10) {
            int bar = reg - 4;
            u32 mask = function.barWritableMask[bar];
            u32 fixed = function.registers[reg] & ~mask
                & (bar > 0 && isUpperHalf(function, bar) ? 0 : 0xf);
            function.registers[reg] = (value & mask) | fixed;
            barWritesWhileDecoding += (function.registers[1] & 0x3) != 0;
            return;
        }
        function.registers[reg] = value;
    }
    void write16(Address address, u8 offset, u16 value) override
    {
        FakeFunction& function = m_functions.at(key(address));
        u32& dword = function.registers[offset / 4];
        unsigned shift = (offset & 2) * 8;
        dword = (dword & ~(0xffffu << shift)) | (u32(value) << shift);
        commandWrites += offset == keel::pci::ConfigRegister::kCommand;
    }

    FakeFunction& at(Address address) { return m_functions.at(key(address)); }

    int reads = 0;
    int barWritesWhileDecoding = 0;
    int commandWrites = 0;

private:
    static std::tuple<int, int, int> key(Address a) { return {a.bus, a.device, a.function}; }
    static bool isUpperHalf(const FakeFunction& function, int bar)
    {
        u32 below = function.registers[4 + bar - 1];
        return !(below & 1) && (below & 0x6) == 0x4;
    }

    std::map<std::tuple<int, int, int>, FakeFunction> m_functions;
};

std::vector<Device> enumerate(FakeConfigSpace& config, size_t capacity = 64)
{
    std::vector<Device> storage(capacity);
    keel::pci::Enumerator enumerator(config, {storage.data(), storage.size()});
    enumerator.enumerate();
    auto devices = enumerator.devices();
    return {devices.begin(), devices.end()};
}

TEST(PciEnumerator, ReadsIdentityAndClass)
{
    FakeConfigSpace config;
    FakeFunction& host = config.add({0, 0, 0}, 0x8086, 0x1237, 0x06, 0x00);
    host.registers[2] |= 0x00008a00; // prog-if 0x8a
    host.registers[11] = 0x11001af4; // subsystem 1af4:1100
    host.registers[15] = 0x0000010b; // INTA#, line 11
    auto devices = enumerate(config);
    ASSERT_EQ(devices.size(), 1u);
    const Device& d = devices[0];
    EXPECT_EQ(d.address, (Address {0, 0, 0}));
    EXPECT_EQ(d.vendorId, 0x8086);
    EXPECT_EQ(d.deviceId, 0x1237);
    EXPECT_EQ(d.classCode, 0x06);
    EXPECT_EQ(d.subclass, 0x00);
    EXPECT_EQ(d.progIf, 0x8a);
    EXPECT_EQ(d.revision, 0x01);
    EXPECT_EQ(d.subsystemVendorId, 0x1af4);
    EXPECT_EQ(d.subsystemId, 0x1100);
    EXPECT_EQ(d.interruptLine, 11);
    EXPECT_EQ(d.interruptPin, 1);
}

TEST(PciEnumerator, FindsEveryFunctionOfAMultiFunctionDeviceOnly)
{
    FakeConfigSpace config;
    config.add({0, 0, 0}, 0x8086, 0x1237, 0x06, 0x00);
    config.add({0, 1, 0}, 0x8086, 0x7000, 0x06, 0x01, 0x80); // multi-function
    config.add({0, 1, 1}, 0x8086, 0x7010, 0x01, 0x01);
    config.add({0, 1, 3}, 0x8086, 0x7113, 0x06, 0x80); // functions need not be contiguous
    config.add({0, 5, 0}, 0x1234, 0x1111, 0x03, 0x00);
    // A single-function device may answer on every function number; those are not functions.
    config.add({0, 5, 2}, 0x1234, 0x1111, 0x03, 0x00);
    auto devices = enumerate(config);
    std::vector<Address> found;
    for (const Device& d : devices)
        found.push_back(d.address);
    std::vector<Address> expected {{0, 0, 0}, {0, 1, 0}, {0, 1, 1}, {0, 1, 3}, {0, 5, 0}};
    EXPECT_EQ(found, expected);
    EXPECT_EQ(devices[1].headerType, 0) << "the multi-function bit is not part of the type";
}

TEST(PciEnumerator, FollowsBridgesToTheirSecondaryBuses)
{
    FakeConfigSpace config;
    config.add({0, 0, 0}, 0x8086, 0x29c0, 0x06, 0x00);
    config.bridge({0, 0x1e, 0}, 1);
    config.add({1, 0, 0}, 0x1af4, 0x1041, 0x02, 0x00);
    config.bridge({1, 3, 0}, 2);
    config.add({2, 7, 0}, 0x1af4, 0x1042, 0x01, 0x00);
    config.add({5, 0, 0}, 0xdead, 0xbeef, 0x02, 0x00); // no bridge leads to bus 5
    auto devices = enumerate(config);
    ASSERT_EQ(devices.size(), 5u);
    EXPECT_EQ(devices[1].address, (Address {0, 0x1e, 0}));
    EXPECT_TRUE(devices[1].isBridge());
    EXPECT_EQ(devices[2].address, (Address {1, 0, 0}))
        << "depth first: the bridge's bus comes next";
    EXPECT_EQ(devices[4].address, (Address {2, 7, 0}));
    for (const Device& d : devices)
        EXPECT_NE(d.address.bus, 5);
    // Only the three buses that exist are scanned: 3 x 32 slots, plus the devices' own reads.
    EXPECT_LT(config.reads, 3 * 32 + 5 * 60);
}

TEST(PciEnumerator, BridgeLoopsEndInsteadOfRecursingForever)
{
    FakeConfigSpace config;
    config.bridge({0, 1, 0}, 1);
    config.bridge({1, 0, 0}, 1); // points at its own bus
    config.bridge({1, 2, 0}, 0); // secondary bus 0: unconfigured, not bus 0 again
    auto devices = enumerate(config);
    EXPECT_EQ(devices.size(), 3u);
}

TEST(PciEnumerator, DecodesAndSizesBars)
{
    FakeConfigSpace config;
    FakeFunction& nic = config.add({0, 3, 0}, 0x8086, 0x100e, 0x02, 0x00);
    FakeConfigSpace::setBar(nic, 0, 0xfebc0000, 0x20000, 0x0); // 32-bit memory
    FakeConfigSpace::setBar(nic, 1, 0xc000, 0x40, 0x1); // IO ports
    FakeConfigSpace::setBar(nic, 2, 0x7000000000, 0x400000000, 0xc); // 64-bit prefetchable, 16 GiB
    FakeConfigSpace::setBar(nic, 5, 0xfe000000, 0x1000, 0x8); // 32-bit prefetchable
    nic.registers[1] = 0x0007; // IO + memory decoding, bus master
    auto devices = enumerate(config);
    ASSERT_EQ(devices.size(), 1u);
    const Device& d = devices[0];
    EXPECT_EQ(d.bars[0].kind, BarKind::Memory32);
    EXPECT_EQ(d.bars[0].address, 0xfebc0000u);
    EXPECT_EQ(d.bars[0].size, 0x20000u);
    EXPECT_FALSE(d.bars[0].prefetchable);
    EXPECT_EQ(d.bars[1].kind, BarKind::Io);
    EXPECT_EQ(d.bars[1].address, 0xc000u);
    EXPECT_EQ(d.bars[1].size, 0x40u);
    EXPECT_EQ(d.bars[2].kind, BarKind::Memory64);
    EXPECT_EQ(d.bars[2].address, 0x7000000000u);
    EXPECT_EQ(d.bars[2].size, 0x400000000u);
    EXPECT_TRUE(d.bars[2].prefetchable);
    EXPECT_EQ(d.bars[3].kind, BarKind::None) << "the upper half of BAR 2 is not a BAR of its own";
    EXPECT_FALSE(d.bars[4].isPresent()) << "an unimplemented BAR reads back zero";
    EXPECT_EQ(d.bars[5].kind, BarKind::Memory32);
    EXPECT_EQ(d.bars[5].size, 0x1000u);
    EXPECT_TRUE(d.bars[5].prefetchable);

    // Sizing left everything as it was, and never moved a BAR while the device decoded.
    FakeFunction& after = config.at({0, 3, 0});
    EXPECT_EQ(after.registers[4], 0xfebc0000u);
    EXPECT_EQ(after.registers[5], 0xc001u);
    EXPECT_EQ(after.registers[6], 0x0000000cu);
    EXPECT_EQ(after.registers[7], 0x70u);
    EXPECT_EQ(after.registers[1] & 0xffff, 0x0007u);
    EXPECT_EQ(config.barWritesWhileDecoding, 0);
}

TEST(PciEnumerator, HostBridgesKeepDecoding)
{
    FakeConfigSpace config;
    FakeFunction& host = config.add({0, 0, 0}, 0x8086, 0x29c0, 0x06, 0x00);
    host.registers[1] = 0x0006;
    enumerate(config);
    EXPECT_EQ(config.commandWrites, 0) << "the host bridge's decoding must never be switched off";
}

TEST(PciEnumerator, SixteenBitIoBarIsSizedFromTheLowHalf)
{
    FakeConfigSpace config;
    FakeFunction& ide = config.add({0, 1, 0}, 0x8086, 0x7010, 0x01, 0x01);
    ide.registers[4] = 0xc041;
    ide.barWritableMask[0] = 0x0000fff0; // upper 16 bits not implemented: read back zero
    auto devices = enumerate(config);
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].bars[0].kind, BarKind::Io);
    EXPECT_EQ(devices[0].bars[0].address, 0xc040u);
    EXPECT_EQ(devices[0].bars[0].size, 0x10u);
}

TEST(PciEnumerator, WalksTheCapabilityList)
{
    FakeConfigSpace config;
    FakeFunction& virtio = config.add({0, 4, 0}, 0x1af4, 0x1041, 0x02, 0x00);
    virtio.registers[1] = 0x0010u << 16; // status: capabilities list
    virtio.registers[0x34 / 4] = 0x98;
    virtio.registers[0x98 / 4] = 0x00008411; // MSI-X, next 0x84
    virtio.registers[0x84 / 4] = 0x00007009; // vendor specific, next 0x70
    virtio.registers[0x70 / 4] = 0x00000009; // vendor specific, end
    auto devices = enumerate(config);
    ASSERT_EQ(devices.size(), 1u);
    const Device& d = devices[0];
    ASSERT_EQ(d.capabilityCount, 3);
    EXPECT_EQ(d.capabilities[0].id, 0x11);
    EXPECT_EQ(d.capabilities[0].offset, 0x98);
    EXPECT_EQ(d.capabilities[1].offset, 0x84);
    EXPECT_EQ(d.capabilities[2].offset, 0x70);
    EXPECT_EQ(d.findCapability(0x09), 0x84);
    EXPECT_EQ(d.findCapability(0x10), 0);
}

TEST(PciEnumerator, CorruptCapabilityListsAreCutShort)
{
    FakeConfigSpace config;
    FakeFunction& looping = config.add({0, 4, 0}, 0x1af4, 0x1041, 0x02, 0x00);
    looping.registers[1] = 0x0010u << 16;
    looping.registers[0x34 / 4] = 0x40;
    looping.registers[0x40 / 4] = 0x00004005; // points at itself
    FakeFunction& noList = config.add({0, 5, 0}, 0x1af4, 0x1041, 0x02, 0x00);
    noList.registers[0x34 / 4] = 0x40; // pointer set but the status bit says there is no list
    noList.registers[0x40 / 4] = 0x00000005;
    auto devices = enumerate(config);
    ASSERT_EQ(devices.size(), 2u);
    EXPECT_EQ(devices[0].capabilityCount, Device::kMaxCapabilities);
    EXPECT_EQ(devices[1].capabilityCount, 0);
}

TEST(PciEnumerator, CountsDevicesBeyondTheStorage)
{
    FakeConfigSpace config;
    for (u8 slot = 0; slot < 10; ++slot)
        config.add({0, slot, 0}, 0x1af4, 0x1000, 0x02, 0x00);
    std::vector<Device> storage(4);
    keel::pci::Enumerator enumerator(config, {storage.data(), storage.size()});
    EXPECT_EQ(enumerator.enumerate(), 10);
    EXPECT_EQ(enumerator.devices().size(), 4u);
    EXPECT_EQ(enumerator.devices()[3].address.device, 3);
}

} // namespace
