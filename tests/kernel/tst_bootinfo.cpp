// Boot information parsing: a mistake here boots with the wrong RAM size or reads garbage.
// PVH structures follow Xen's start_info.h, multiboot2 ones the Multiboot2 spec §3.6.
#include "fakephysicalmemory.h"

#include <gtest/gtest.h>

#include <string>

using keel::BootInfo;
using keel::MemoryType;
using keeltest::FakePhysicalMemory;
using ktl::ErrorCode;

namespace {

constexpr u64 kBase = 0x10000;
constexpr u64 kStart = kBase;          // hvm_start_info
constexpr u64 kCmdline = kBase + 0x1000; // after a 65-entry map
constexpr u64 kMap = kBase + 0x200;

struct E820 {
    u64 base;
    u64 length;
    u32 type;
};

// QEMU's map for -m 2M (roughly): low RAM, EBDA, BIOS, RAM from 1 MiB.
const std::vector<E820> kQemuTwoMiB = {
    { 0, 0x9fc00, 1 }, { 0x9fc00, 0x400, 2 }, { 0xf0000, 0x10000, 2 }, { 0x100000, 0x100000, 1 }, { 0xfffc0000, 0x40000, 2 },
};

FakePhysicalMemory makePvh(const std::vector<E820>& map, const std::string& cmdline = "app --flag",
                           u32 version = 1)
{
    FakePhysicalMemory memory(kBase, 0x2000);
    memory.put32(kStart, keel::kPvhStartInfoMagic);
    memory.put32(kStart + 4, version);
    memory.put64(kStart + 24, cmdline.empty() ? 0 : kCmdline);
    memory.put64(kStart + 32, 0xe0000);
    memory.put64(kStart + 40, kMap);
    memory.put32(kStart + 48, u32(map.size()));
    if (!cmdline.empty())
        memory.putString(kCmdline, cmdline);
    for (size_t i = 0; i < map.size(); ++i) {
        memory.put64(kMap + i * 24, map[i].base);
        memory.put64(kMap + i * 24 + 8, map[i].length);
        memory.put32(kMap + i * 24 + 16, map[i].type);
    }
    return memory;
}

ErrorCode pvhError(const FakePhysicalMemory& memory, u64 address = kStart)
{
    auto result = keel::parsePvhStartInfo(memory, address);
    EXPECT_TRUE(result.isError());
    return result.isError() ? result.error().code() : ErrorCode::InvalidArgument;
}

// Builds a multiboot2 info structure tag by tag.
class Multiboot2Builder {
public:
    Multiboot2Builder& tag(u32 type, const std::string& payload)
    {
        std::string header(8, '\0');
        u32 size = u32(8 + payload.size());
        std::memcpy(header.data(), &type, 4);
        std::memcpy(header.data() + 4, &size, 4);
        m_tags += header + payload;
        m_tags.resize((m_tags.size() + 7) & ~size_t(7), '\0');
        return *this;
    }
    Multiboot2Builder& commandLine(const std::string& text) { return tag(1, text + '\0'); }
    Multiboot2Builder& memoryMap(const std::vector<E820>& map, u32 entrySize = 24)
    {
        std::string payload = le32(entrySize) + le32(0);
        for (const E820& e : map) {
            std::string entry = le64(e.base) + le64(e.length) + le32(e.type) + le32(0);
            entry.resize(entrySize ? entrySize : 24, '\0');
            payload += entry;
        }
        return tag(6, payload);
    }
    Multiboot2Builder& end() { return tag(0, ""); }

    FakePhysicalMemory build(u32 totalSizeOverride = 0) const
    {
        FakePhysicalMemory memory(kBase, 0x2000);
        std::string all = le32(totalSizeOverride ? totalSizeOverride : u32(8 + m_tags.size())) + le32(0) + m_tags;
        memory.putBytes(kBase, all);
        return memory;
    }

    static std::string le32(u32 v) { return std::string(reinterpret_cast<const char*>(&v), 4); }
    static std::string le64(u64 v) { return std::string(reinterpret_cast<const char*>(&v), 8); }

private:
    std::string m_tags;
};

ErrorCode multibootError(const FakePhysicalMemory& memory, u64 address = kBase)
{
    auto result = keel::parseMultiboot2Info(memory, address);
    EXPECT_TRUE(result.isError());
    return result.isError() ? result.error().code() : ErrorCode::InvalidArgument;
}

} // namespace

TEST(PvhStartInfo, ParsesQemuStyleMap)
{
    auto memory = makePvh(kQemuTwoMiB);
    auto result = keel::parsePvhStartInfo(memory, kStart);
    ASSERT_FALSE(result.isError()) << result.error().message();
    const BootInfo& info = result.value();
    EXPECT_EQ(info.protocol, keel::BootProtocol::Pvh);
    EXPECT_STREQ(info.commandLine, "app --flag");
    EXPECT_EQ(info.rsdpAddress, 0xe0000u);
    ASSERT_EQ(info.regionCount, 5u);
    // Low RAM is clipped to whole pages: 0x9fc00 -> 0x9f000.
    EXPECT_EQ(info.regions[0].base, 0u);
    EXPECT_EQ(info.regions[0].length, 0x9f000u);
    EXPECT_EQ(info.regions[1].type, MemoryType::Reserved);
    EXPECT_EQ(info.regions[3].base, 0x100000u);
    EXPECT_EQ(info.usableBytes(), 0x9f000u + 0x100000u);
}

TEST(PvhStartInfo, EmptyCommandLineAndTypeMapping)
{
    auto memory = makePvh({ { 0x100000, 0x1000, 1 }, { 0x200000, 0x1000, 3 }, { 0x300000, 0x1000, 4 },
                            { 0x400000, 0x1000, 5 }, { 0x500000, 0x1000, 7 } }, "");
    auto result = keel::parsePvhStartInfo(memory, kStart);
    ASSERT_FALSE(result.isError()) << result.error().message();
    EXPECT_STREQ(result.value().commandLine, "");
    const auto& r = result.value().regions;
    EXPECT_EQ(r[1].type, MemoryType::AcpiReclaimable);
    EXPECT_EQ(r[2].type, MemoryType::AcpiNvs);
    EXPECT_EQ(r[3].type, MemoryType::Bad);
    EXPECT_EQ(r[4].type, MemoryType::Reserved); // persistent memory is not general RAM
}

TEST(PvhStartInfo, SortsAndMergesRegions)
{
    auto memory = makePvh({ { 0x200000, 0x100000, 1 }, { 0x100000, 0x100000, 1 }, { 0x180000, 0x10000, 1 },
                            { 0x300000, 0x1000, 2 } });
    auto result = keel::parsePvhStartInfo(memory, kStart);
    ASSERT_FALSE(result.isError()) << result.error().message();
    ASSERT_EQ(result.value().regionCount, 2u);
    EXPECT_EQ(result.value().regions[0].base, 0x100000u);
    EXPECT_EQ(result.value().regions[0].length, 0x200000u);
}

TEST(PvhStartInfo, SkipsZeroLengthEntriesLikeQemuMicrovm)
{
    // qemu-system-x86_64 -M microvm lists an empty entry; it must not stop the boot.
    auto memory = makePvh({ { 0, 0x9fc00, 1 }, { 0xfeffc000, 0, 2 }, { 0x100000, 0x100000, 1 } });
    auto result = keel::parsePvhStartInfo(memory, kStart);
    ASSERT_FALSE(result.isError()) << result.error().message();
    EXPECT_EQ(result.value().regionCount, 2u);
    auto onlyEmpty = makePvh({ { 0x100000, 0, 1 } });
    EXPECT_EQ(keel::parsePvhStartInfo(onlyEmpty, kStart).value().regionCount, 0u);
}

TEST(PvhStartInfo, RejectsMalformedInput)
{
    auto badMagic = makePvh(kQemuTwoMiB);
    badMagic.put32(kStart, 0x12345678);
    EXPECT_EQ(pvhError(badMagic), ErrorCode::BadMagic);

    EXPECT_EQ(pvhError(makePvh(kQemuTwoMiB, "x", 0)), ErrorCode::Unsupported);
    EXPECT_EQ(pvhError(makePvh(kQemuTwoMiB), 0x5000), ErrorCode::Truncated);       // outside the view
    EXPECT_EQ(pvhError(makePvh(kQemuTwoMiB), kBase + 0x2000 - 16), ErrorCode::BadMagic); // zeros
    {
        auto cut = makePvh(kQemuTwoMiB);
        cut.put32(kBase + 0x2000 - 8, keel::kPvhStartInfoMagic);
        cut.put32(kBase + 0x2000 - 4, 1);
        EXPECT_EQ(pvhError(cut, kBase + 0x2000 - 8), ErrorCode::Truncated);      // header cut off
    }
    auto mapPastEnd = makePvh(kQemuTwoMiB);
    mapPastEnd.put64(kStart + 40, kBase + 0x2000 - 24);
    EXPECT_EQ(pvhError(mapPastEnd), ErrorCode::Truncated);

    auto emptyMap = makePvh({});
    EXPECT_EQ(pvhError(emptyMap), ErrorCode::Malformed);

    std::vector<E820> tooMany;
    for (u64 i = 0; i < 65; ++i)
        tooMany.push_back({ i * 0x10000, 0x1000, 1 });
    EXPECT_EQ(pvhError(makePvh(tooMany)), ErrorCode::TooMany);

    EXPECT_EQ(pvhError(makePvh({ { ~u64(0) - 0xfff, 0x2000, 1 } })), ErrorCode::Malformed); // wraps
    EXPECT_EQ(pvhError(makePvh({ { 0x100000, 0x100000, 1 }, { 0x180000, 0x1000, 2 } })), ErrorCode::Overlap);

    auto unterminated = makePvh(kQemuTwoMiB);
    unterminated.put64(kStart + 24, kBase + 0x2000 - 4);
    unterminated.putBytes(kBase + 0x2000 - 4, "abcd");
    EXPECT_EQ(pvhError(unterminated), ErrorCode::Truncated);

    EXPECT_EQ(pvhError(makePvh(kQemuTwoMiB, std::string(1024, 'x'))), ErrorCode::TooLong);
    auto longest = makePvh(kQemuTwoMiB, std::string(1023, 'y'));
    auto fits = keel::parsePvhStartInfo(longest, kStart);
    ASSERT_FALSE(fits.isError());
    EXPECT_EQ(std::string(fits.value().commandLine), std::string(1023, 'y'));
}

TEST(Multiboot2Info, ParsesTags)
{
    std::string rsdp = "RSD PTR xxxxxxxxxxxx";
    auto memory = Multiboot2Builder()
                      .commandLine("app one \"two three\"")
                      .tag(4, Multiboot2Builder::le32(639) + Multiboot2Builder::le32(1024))
                      .tag(14, rsdp)
                      .memoryMap(kQemuTwoMiB)
                      .tag(21, "ignored")
                      .end()
                      .build();
    auto result = keel::parseMultiboot2Info(memory, kBase);
    ASSERT_FALSE(result.isError()) << result.error().message();
    const BootInfo& info = result.value();
    EXPECT_EQ(info.protocol, keel::BootProtocol::Multiboot2);
    EXPECT_STREQ(info.commandLine, "app one \"two three\"");
    EXPECT_EQ(info.regionCount, 5u);
    EXPECT_EQ(info.usableBytes(), 0x9f000u + 0x100000u);
    // The RSDP tag holds a copy; rsdpAddress points at it inside the info structure.
    ASSERT_NE(info.rsdpAddress, 0u);
    auto copy = memory.read(info.rsdpAddress, 8);
    ASSERT_FALSE(copy.isEmpty());
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(copy.data()), 8), "RSD PTR ");
}

TEST(Multiboot2Info, NewRsdpWinsAndLargerEntrySizeWorks)
{
    auto memory = Multiboot2Builder()
                      .tag(15, "RSD PTR new")
                      .tag(14, "RSD PTR old")
                      .memoryMap({ { 0x100000, 0x200000, 1 } }, 32)
                      .end()
                      .build();
    auto result = keel::parseMultiboot2Info(memory, kBase);
    ASSERT_FALSE(result.isError()) << result.error().message();
    EXPECT_EQ(result.value().rsdpAddress, kBase + 8 + 8); // first tag's payload
    EXPECT_EQ(result.value().usableBytes(), 0x200000u);
}

TEST(Multiboot2Info, FallsBackToBasicMemory)
{
    auto memory = Multiboot2Builder().tag(4, Multiboot2Builder::le32(640) + Multiboot2Builder::le32(1024)).end().build();
    auto result = keel::parseMultiboot2Info(memory, kBase);
    ASSERT_FALSE(result.isError()) << result.error().message();
    EXPECT_EQ(result.value().usableBytes(), 640u * 1024 + 1024u * 1024);
}

TEST(Multiboot2Info, RejectsMalformedInput)
{
    auto ok = Multiboot2Builder().memoryMap(kQemuTwoMiB).end();
    EXPECT_EQ(multibootError(ok.build(), kBase + 4), ErrorCode::Malformed);     // misaligned
    EXPECT_EQ(multibootError(ok.build(), 0x8000), ErrorCode::Truncated);        // outside the view
    EXPECT_EQ(multibootError(ok.build(8)), ErrorCode::Malformed);               // total size too small
    EXPECT_EQ(multibootError(ok.build(0x4000)), ErrorCode::Truncated);          // total size past the view
    EXPECT_EQ(multibootError(Multiboot2Builder().memoryMap(kQemuTwoMiB).build()), ErrorCode::Malformed); // no end
    EXPECT_EQ(multibootError(Multiboot2Builder().end().build()), ErrorCode::Malformed); // no memory info
    EXPECT_EQ(multibootError(Multiboot2Builder().memoryMap(kQemuTwoMiB, 0).end().build()), ErrorCode::Malformed);
    EXPECT_EQ(multibootError(Multiboot2Builder().memoryMap(kQemuTwoMiB, 16).end().build()), ErrorCode::Malformed);
    EXPECT_EQ(multibootError(Multiboot2Builder().memoryMap({ { 0, 0x2000, 1 }, { 0x1000, 0x1000, 2 } }).end().build()),
              ErrorCode::Overlap);
    EXPECT_EQ(multibootError(Multiboot2Builder().tag(1, "no terminator").memoryMap(kQemuTwoMiB).end().build()),
              ErrorCode::Malformed);
    EXPECT_EQ(multibootError(Multiboot2Builder().commandLine(std::string(1100, 'a')).memoryMap(kQemuTwoMiB).end().build()),
              ErrorCode::TooLong);
    std::vector<E820> tooMany;
    for (u64 i = 0; i < 65; ++i)
        tooMany.push_back({ i * 0x10000, 0x1000, 1 });
    EXPECT_EQ(multibootError(Multiboot2Builder().memoryMap(tooMany).end().build()), ErrorCode::TooMany);

    // A tag whose size runs past total_size.
    auto memory = Multiboot2Builder().memoryMap(kQemuTwoMiB).end().build();
    memory.put32(kBase + 12, 0x1000);
    EXPECT_EQ(multibootError(memory), ErrorCode::Truncated);
    // A tag smaller than its own header.
    memory = Multiboot2Builder().memoryMap(kQemuTwoMiB).end().build();
    memory.put32(kBase + 12, 4);
    EXPECT_EQ(multibootError(memory), ErrorCode::Malformed);
}

TEST(MemoryMap, NormaliseDropsSubPageUsableAndKeepsReserved)
{
    BootInfo info;
    info.regions[0] = { 0x1800, 0x800, MemoryType::Usable };  // less than a page once clipped
    info.regions[1] = { 0x500, 0x100, MemoryType::Reserved };
    info.regionCount = 2;
    ASSERT_FALSE(keel::normaliseMemoryMap(info).isError());
    ASSERT_EQ(info.regionCount, 1u);
    EXPECT_EQ(info.regions[0].type, MemoryType::Reserved);
    EXPECT_EQ(info.usableBytes(), 0u);
}
