// What a user sees fail here: on q35 (PCI Express ECAM) `lspci` lists nothing, lists devices at
// the wrong bus/device/function, or a driver's configuration write lands in another function's
// registers - while the same machine's legacy ports would have worked.
//
// Covers kernel/pci/pciecamconfigspace.h against fake ECAM memory, and the enumerator over it.

#include "pci/pciecamconfigspace.h"
#include "pci/pcienumerator.h"

#include <gtest/gtest.h>

#include <map>

namespace {

using keel::pci::Address;
using keel::pci::Device;
using keel::pci::EcamConfigSpace;

// Sparse ECAM memory: dwords that were never written read as all ones (no function there).
struct FakeEcamMemory {
    std::map<u64, u32> dwords;
    std::map<u64, u16> words; // 16-bit writes, kept apart to see that they were 16-bit
    u64 highestOffset = 0;

    u32 read32(u64 offset)
    {
        highestOffset = std::max(highestOffset, offset);
        auto it = dwords.find(offset);
        return it == dwords.end() ? 0xffffffff : it->second;
    }
    void write32(u64 offset, u32 value) { dwords[offset] = value; }
    void write16(u64 offset, u16 value) { words[offset] = value; }
};

// The backend is copied into the config space; the fake forwards to shared state.
struct FakeEcam {
    FakeEcamMemory* memory;
    u32 read32(u64 offset) { return memory->read32(offset); }
    void write32(u64 offset, u32 value) { memory->write32(offset, value); }
    void write16(u64 offset, u16 value) { memory->write16(offset, value); }
};

void placeFunction(FakeEcamMemory& memory, u64 functionBase, u16 vendor, u16 device, u8 cls, u8 sub)
{
    memory.dwords[functionBase + 0x00] = u32(vendor) | (u32(device) << 16);
    memory.dwords[functionBase + 0x08] = (u32(cls) << 24) | (u32(sub) << 16);
    memory.dwords[functionBase + 0x0c] = 0;
    for (u64 bar = 0x10; bar < 0x28; bar += 4)
        memory.dwords[functionBase + bar] = 0;
}

TEST(PciEcam, FunctionAddressesFollowTheSpecLayout)
{
    EXPECT_EQ(EcamConfigSpace<FakeEcam>::offsetOf({1, 2, 3}, 0x10, 0), 0x113010u);
    EXPECT_EQ(EcamConfigSpace<FakeEcam>::offsetOf({0, 31, 7}, 0xfc, 0), 0xff0fcu);
    // A region that starts at bus 0x10 maps bus 0x10 at its base.
    EXPECT_EQ(EcamConfigSpace<FakeEcam>::offsetOf({0x12, 0, 0}, 0, 0x10), 0x200000u);
}

TEST(PciEcam, ReadsAndWritesReachTheRightFunctionAndWidth)
{
    FakeEcamMemory memory;
    EcamConfigSpace<FakeEcam> ecam(FakeEcam {&memory}, 0, 255);
    placeFunction(memory, 0x10000 /* 00:02.0 */, 0x1234, 0x1111, 0x03, 0x00);
    EXPECT_EQ(ecam.read16({0, 2, 0}, 0x00), 0x1234);
    EXPECT_EQ(ecam.read16({0, 2, 0}, 0x02), 0x1111);
    EXPECT_EQ(ecam.read8({0, 2, 0}, 0x0b), 0x03);
    EXPECT_EQ(ecam.read32({0, 3, 0}, 0x00), 0xffffffffu) << "an empty slot reads all ones";
    ecam.write16({0, 2, 0}, 0x04, 0x0007);
    EXPECT_EQ(memory.words.at(0x10004), 0x0007) << "the Command register, written 16 bits wide";
    EXPECT_EQ(memory.dwords.count(0x10004), 0u) << "no read-modify-write of Status";
    ecam.write32({0, 2, 0}, 0x13, 0xfebf0000);
    EXPECT_EQ(memory.dwords.at(0x10010), 0xfebf0000u) << "32-bit accesses are dword aligned";
}

TEST(PciEcam, BusesOutsideTheMcfgRangeAreAbsentAndNeverTouched)
{
    FakeEcamMemory memory;
    EcamConfigSpace<FakeEcam> ecam(FakeEcam {&memory}, 0, 3);
    EXPECT_EQ(ecam.read32({4, 0, 0}, 0), 0xffffffffu);
    ecam.write32({200, 0, 0}, 0, 1);
    ecam.write16({200, 0, 0}, 4, 1);
    EXPECT_TRUE(memory.dwords.empty());
    EXPECT_TRUE(memory.words.empty());
    EXPECT_EQ(memory.highestOffset, 0u);
}

TEST(PciEcam, TheEnumeratorFindsQ35LikeDevicesThroughIt)
{
    FakeEcamMemory memory;
    placeFunction(memory, 0x00000, 0x8086, 0x29c0, 0x06, 0x00); // 00:00.0 host bridge
    placeFunction(memory, 0x08000, 0x1234, 0x1111, 0x03, 0x00); // 00:01.0 VGA
    placeFunction(memory, 0xf8000, 0x8086, 0x2918, 0x06, 0x01); // 00:1f.0 ISA bridge
    memory.dwords[0xf800c] = 0x00800000; // multi-function
    placeFunction(memory, 0xfa000, 0x8086, 0x2922, 0x01, 0x06); // 00:1f.2 SATA
    EcamConfigSpace<FakeEcam> ecam(FakeEcam {&memory}, 0, 255);
    Device storage[8];
    keel::pci::Enumerator enumerator(ecam, storage);
    EXPECT_EQ(enumerator.enumerate(), 4);
    ASSERT_EQ(enumerator.devices().size(), 4u);
    EXPECT_EQ(enumerator.devices()[1].deviceId, 0x1111);
    EXPECT_EQ(enumerator.devices()[3].address, (Address {0, 31, 2}));
    EXPECT_EQ(enumerator.devices()[3].classCode, 0x01);
}

} // namespace
