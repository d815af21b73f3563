// ACPI table parsing on crafted tables, corrupt ones included. A mistake here routes interrupts
// to the wrong pins, misses the power-off registers, or reads garbage from a broken firmware.
#include "fakephysicalmemory.h"

#include <acpi/acpitables.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using keeltest::FakePhysicalMemory;
using ktl::ErrorCode;
namespace acpi = keel::acpi;

namespace {

constexpr u64 kMemoryBase = 0x80000;
constexpr u64 kRsdp = 0xf5a40;    // in the BIOS area, as SeaBIOS places it
constexpr u64 kRoot = 0x90000;
constexpr u64 kMadt = 0x91000;
constexpr u64 kFadt = 0x92000;
constexpr u64 kDsdt = 0x93000;
constexpr u64 kMcfg = 0x94000;

using Bytes = std::vector<u8>;

void put(Bytes& bytes, size_t at, u64 value, int width)
{
    if (bytes.size() < at + width)
        bytes.resize(at + width);
    for (int i = 0; i < width; ++i)
        bytes[at + i] = u8(value >> (8 * i));
}

void fixChecksum(Bytes& bytes, size_t checksumAt, size_t length)
{
    bytes[checksumAt] = 0;
    u8 sum = 0;
    for (size_t i = 0; i < length; ++i)
        sum = u8(sum + bytes[i]);
    bytes[checksumAt] = u8(-sum);
}

// A table with a valid header around `body` (placed from offset 36).
Bytes table(const std::string& signature, const Bytes& body)
{
    Bytes bytes(36, 0);
    for (int i = 0; i < 4; ++i)
        bytes[i] = u8(signature[i]);
    bytes.insert(bytes.end(), body.begin(), body.end());
    put(bytes, 4, bytes.size(), 4);
    bytes[8] = 1;
    fixChecksum(bytes, 9, bytes.size());
    return bytes;
}

Bytes rsdp(u64 rsdt, u64 xsdt, u8 revision)
{
    Bytes bytes(revision >= 2 ? 36 : 20, 0);
    std::string signature = "RSD PTR ";
    for (int i = 0; i < 8; ++i)
        bytes[i] = u8(signature[i]);
    bytes[15] = revision;
    put(bytes, 16, rsdt, 4);
    fixChecksum(bytes, 8, 20);
    if (revision >= 2) {
        put(bytes, 20, 36, 4);
        put(bytes, 24, xsdt, 8);
        fixChecksum(bytes, 32, 36);
    }
    return bytes;
}

Bytes madtBody()
{
    Bytes body;
    put(body, 0, 0xfee00000, 4);
    put(body, 4, 1, 4); // PCAT_COMPAT
    Bytes lapic = { 0, 8, 0, 0, 1, 0, 0, 0 };
    Bytes ioapic = { 1, 12, 0, 0, 0, 0, 0xc0, 0xfe, 0, 0, 0, 0 };
    Bytes pitOverride = { 2, 10, 0, 0, 2, 0, 0, 0, 0, 0 };
    Bytes sciOverride = { 2, 10, 0, 9, 9, 0, 0, 0, 0x0f, 0 }; // active low, level
    for (const Bytes* entry : { &lapic, &ioapic, &pitOverride, &sciOverride })
        body.insert(body.end(), entry->begin(), entry->end());
    return body;
}

// DSDT with Name(\_S5_, Package(4) { 5, 0x0A 0x07, Zero, Zero }), surrounded by other AML.
Bytes dsdtBody(Bytes package = { 0x12, 0x08, 0x04, 0x0a, 0x05, 0x0a, 0x07, 0x00, 0x00 })
{
    Bytes body = { 0x10, 0x05, '_', 'S', 'B', '_', 0x5b, 0x80, '_', 'S', '5', '_', 0xa4 };
    Bytes name = { 0x08, '\\', '_', 'S', '5', '_' };
    body.insert(body.end(), name.begin(), name.end());
    body.insert(body.end(), package.begin(), package.end());
    return body;
}

Bytes fadtBody()
{
    Bytes body(244 - 36 + 12, 0);
    put(body, 40 - 36, kDsdt, 4);
    put(body, 64 - 36, 0x604, 4);
    return body;
}

class AcpiMachine : public ::testing::Test {
protected:
    AcpiMachine() : memory(kMemoryBase, 0x100000 - kMemoryBase) { }

    void place(u64 address, const Bytes& bytes)
    {
        memory.putBytes(address, std::string(bytes.begin(), bytes.end()));
    }

    void buildMachine(bool extended)
    {
        Bytes rootBody;
        int width = extended ? 8 : 4;
        u64 tables[] = { kMadt, kFadt, kMcfg };
        for (int i = 0; i < 3; ++i)
            put(rootBody, i * width, tables[i], width);
        place(kRoot, table(extended ? "XSDT" : "RSDT", rootBody));
        place(kRsdp, extended ? rsdp(0, kRoot, 2) : rsdp(kRoot, 0, 0));
        place(kMadt, table("APIC", madtBody()));
        place(kFadt, table("FACP", fadtBody()));
        place(kDsdt, table("DSDT", dsdtBody()));
        Bytes mcfg(8, 0);
        put(mcfg, 8, 0xb0000000, 8);
        put(mcfg, 16, 0, 2);
        mcfg.push_back(0);
        mcfg.push_back(0xff);
        put(mcfg, 20, 0, 4);
        place(kMcfg, table("MCFG", mcfg));
    }

    FakePhysicalMemory memory;
};

TEST_F(AcpiMachine, FindsRsdpByScanningTheBiosArea)
{
    buildMachine(false);
    auto found = acpi::findRsdp(memory, 0);
    ASSERT_FALSE(found.isError()) << found.error().message();
    EXPECT_EQ(found.value(), kRsdp);
}

TEST_F(AcpiMachine, UsesTheBootLoadersRsdpWhenGiven)
{
    buildMachine(false);
    EXPECT_EQ(acpi::findRsdp(memory, kRsdp).value(), kRsdp);
    EXPECT_EQ(acpi::findRsdp(memory, kRsdp + 16).error().code(), ErrorCode::BadMagic);
}

TEST_F(AcpiMachine, FindsRsdpInTheConventionalEbdaWhenPageZeroIsUnreadable)
{
    place(0x9fc10, rsdp(kRoot, 0, 0)); // the fake memory starts at 0x80000: 0x40e is unreadable
    EXPECT_EQ(acpi::findRsdp(memory, 0).value(), 0x9fc10u);
}

TEST(AcpiRsdp, FollowsTheEbdaPointer)
{
    FakePhysicalMemory low(0x400, 0x100000 - 0x400);
    Bytes pointer = { 0x00, 0x9a }; // segment 0x9a00 -> 0x9a000
    low.putBytes(0x40e, std::string(pointer.begin(), pointer.end()));
    Bytes table = rsdp(kRoot, 0, 0);
    low.putBytes(0x9a020, std::string(table.begin(), table.end()));
    EXPECT_EQ(acpi::findRsdp(low, 0).value(), 0x9a020u);
}

TEST_F(AcpiMachine, NoTablesIsNotFound)
{
    EXPECT_EQ(acpi::findRsdp(memory, 0).error().code(), ErrorCode::NotFound);
}

TEST_F(AcpiMachine, RejectsRsdpWithBadChecksum)
{
    buildMachine(false);
    Bytes bad = rsdp(kRoot, 0, 0);
    bad[8] ^= 1;
    place(kRsdp, bad);
    EXPECT_EQ(acpi::validateRsdp(memory, kRsdp).error().code(), ErrorCode::Malformed);
    EXPECT_EQ(acpi::findRsdp(memory, 0).error().code(), ErrorCode::NotFound);
}

TEST_F(AcpiMachine, RejectsAcpi2RsdpWithBadExtendedChecksum)
{
    Bytes bad = rsdp(0, kRoot, 2);
    bad[32] ^= 1;
    place(kRsdp, bad);
    EXPECT_EQ(acpi::validateRsdp(memory, kRsdp).error().code(), ErrorCode::Malformed);
}

TEST_F(AcpiMachine, ListsTablesFromRsdtAndXsdt)
{
    for (bool extended : { false, true }) {
        buildMachine(extended);
        auto root = acpi::parseRootTables(memory, kRsdp);
        ASSERT_FALSE(root.isError()) << root.error().message();
        EXPECT_EQ(root.value().extended, extended);
        EXPECT_EQ(root.value().count, 3u);
        EXPECT_EQ(*root.value().find("APIC"), kMadt);
        EXPECT_EQ(*root.value().find("FACP"), kFadt);
        EXPECT_FALSE(root.value().find("HPET").hasValue());
    }
}

TEST_F(AcpiMachine, RejectsTableWithBadChecksumOrSignature)
{
    buildMachine(false);
    Bytes madt = table("APIC", madtBody());
    madt[40] ^= 0xff;
    place(kMadt, madt);
    EXPECT_EQ(acpi::readTable(memory, kMadt, "APIC").error().code(), ErrorCode::Malformed);
    EXPECT_EQ(acpi::readTable(memory, kFadt, "APIC").error().code(), ErrorCode::BadMagic);
}

TEST_F(AcpiMachine, RejectsTruncatedTables)
{
    Bytes madt = table("APIC", madtBody());
    put(madt, 4, 0x100000, 4); // claims to run far past the end of memory
    place(kMadt, madt);
    EXPECT_EQ(acpi::readTable(memory, kMadt, "APIC").error().code(), ErrorCode::Truncated);
    put(madt, 4, 20, 4); // shorter than a header
    place(kMadt, madt);
    EXPECT_EQ(acpi::readTable(memory, kMadt, "APIC").error().code(), ErrorCode::Malformed);
    EXPECT_EQ(acpi::readTable(memory, 0xfffff0, "APIC").error().code(), ErrorCode::Truncated);
}

TEST(AcpiMadt, DecodesApicsAndOverrides)
{
    Bytes madt = table("APIC", madtBody());
    auto info = acpi::parseMadt({ madt.data(), madt.size() });
    ASSERT_FALSE(info.isError()) << info.error().message();
    EXPECT_EQ(info.value().localApicAddress, 0xfee00000u);
    EXPECT_TRUE(info.value().hasLegacyPics);
    EXPECT_EQ(info.value().processorCount, 1u);
    ASSERT_EQ(info.value().ioApicCount, 1u);
    EXPECT_EQ(info.value().ioApics[0].address, 0xfec00000u);
    EXPECT_EQ(info.value().ioApics[0].gsiBase, 0u);
    ASSERT_EQ(info.value().overrideCount, 2u);
    EXPECT_EQ(info.value().overrides[0].isaIrq, 0);
    EXPECT_EQ(info.value().overrides[0].gsi, 2u);
    EXPECT_EQ(info.value().overrides[1].isaIrq, 9);
    EXPECT_EQ(info.value().overrides[1].polarity, keel::interrupts::Polarity::ActiveLow);
    EXPECT_EQ(info.value().overrides[1].trigger, keel::interrupts::Trigger::Level);
}

TEST(AcpiMadt, RejectsEntryRunningPastTheTable)
{
    Bytes body = madtBody();
    body.push_back(1);
    body.push_back(12); // an IOAPIC entry that claims 12 bytes but has 2
    Bytes madt = table("APIC", body);
    EXPECT_EQ(acpi::parseMadt({ madt.data(), madt.size() }).error().code(), ErrorCode::Malformed);
    Bytes zeroLength = table("APIC", Bytes { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 });
    EXPECT_EQ(acpi::parseMadt({ zeroLength.data(), zeroLength.size() }).error().code(), ErrorCode::Malformed);
}

TEST(AcpiFadt, DecodesDsdtAndPm1Control)
{
    Bytes fadt = table("FACP", fadtBody());
    auto info = acpi::parseFadt({ fadt.data(), fadt.size() });
    ASSERT_FALSE(info.isError());
    EXPECT_EQ(info.value().dsdtAddress, kDsdt);
    EXPECT_EQ(info.value().pm1aControlPort, 0x604);
    EXPECT_EQ(info.value().pm1bControlPort, 0);
    EXPECT_FALSE(info.value().hardwareReduced);
    Bytes shortFadt = table("FACP", Bytes(20, 0));
    EXPECT_EQ(acpi::parseFadt({ shortFadt.data(), shortFadt.size() }).error().code(), ErrorCode::Truncated);
}

TEST(AcpiFadt, HardwareReducedUsesSleepControlRegister)
{
    Bytes body = fadtBody();
    put(body, 64 - 36, 0, 4);
    put(body, 112 - 36, 1 << 20, 4);
    body.resize(256 - 36);
    put(body, 244 - 36, 0, 1); // system memory
    put(body, 248 - 36, 0xfeda0000, 8);
    Bytes fadt = table("FACP", body);
    auto info = acpi::parseFadt({ fadt.data(), fadt.size() });
    ASSERT_FALSE(info.isError());
    EXPECT_TRUE(info.value().hardwareReduced);
    EXPECT_EQ(info.value().sleepControl.space, acpi::AddressSpace::Memory);
    EXPECT_EQ(info.value().sleepControl.address, 0xfeda0000u);
}

TEST(AcpiS5, FindsSleepTypesSkippingReferences)
{
    Bytes dsdt = table("DSDT", dsdtBody());
    auto s5 = acpi::findS5({ dsdt.data(), dsdt.size() });
    ASSERT_FALSE(s5.isError()) << s5.error().message();
    EXPECT_EQ(s5.value().a, 5);
    EXPECT_EQ(s5.value().b, 7);
}

TEST(AcpiS5, QemuStyleZeroAndTruncatedPackages)
{
    Bytes zero = table("DSDT", dsdtBody({ 0x12, 0x06, 0x04, 0x00, 0x00, 0x00, 0x00 }));
    auto s5 = acpi::findS5({ zero.data(), zero.size() });
    ASSERT_FALSE(s5.isError());
    EXPECT_EQ(s5.value().a, 0);
    Bytes cut = table("DSDT", dsdtBody({ 0x12, 0x06, 0x04, 0x0a }));
    EXPECT_EQ(acpi::findS5({ cut.data(), cut.size() }).error().code(), ErrorCode::Truncated);
    Bytes none = table("DSDT", Bytes { 0x10, 0x05, '_', 'S', 'B', '_' });
    EXPECT_EQ(acpi::findS5({ none.data(), none.size() }).error().code(), ErrorCode::NotFound);
}

TEST(AcpiMcfg, DecodesFirstEcamRegion)
{
    Bytes body(8, 0);
    put(body, 8, 0xb0000000, 8);
    put(body, 16, 1, 2);
    body.push_back(0);
    body.push_back(0x3f);
    put(body, 20, 0, 4);
    Bytes mcfg = table("MCFG", body);
    auto ecam = acpi::parseMcfg({ mcfg.data(), mcfg.size() });
    ASSERT_FALSE(ecam.isError());
    EXPECT_EQ(ecam.value().base, 0xb0000000u);
    EXPECT_EQ(ecam.value().segment, 1);
    EXPECT_EQ(ecam.value().endBus, 0x3f);
    Bytes empty = table("MCFG", Bytes(8, 0));
    EXPECT_EQ(acpi::parseMcfg({ empty.data(), empty.size() }).error().code(), ErrorCode::NotFound);
}

} // namespace
