// Parsers for the two ways Keel is booted:
//  - PVH: struct hvm_start_info (Xen public/arch-x86/hvm/start_info.h), magic 0x336ec578;
//    version >= 1 adds memmap_paddr/memmap_entries with 24-byte e820-style entries.
//  - Multiboot2 information structure (Multiboot2 specification §3.6): total_size, reserved,
//    then 8-byte aligned tags (type, size) ending with type 0.
// Every byte is read through the PhysicalMemoryView, and every length is checked against what
// the view returned before use.
#include <core/bootinfo.h>

namespace keel {

using ktl::Error;
using ktl::ErrorCode;
using ktl::ErrorOr;
using Bytes = ktl::Span<const u8>;

namespace {

// hvm_start_info field offsets.
constexpr size_t kPvhHeaderSize = 8;
constexpr size_t kPvhCmdlineOffset = 24;
constexpr size_t kPvhRsdpOffset = 32;
constexpr size_t kPvhMemmapOffset = 40;
constexpr size_t kPvhMemmapEntriesOffset = 48;
constexpr size_t kPvhVersion1Size = 56;
constexpr size_t kE820EntrySize = 24; // addr, size, type, reserved

// Multiboot2 tag types.
constexpr u32 kTagEnd = 0;
constexpr u32 kTagCommandLine = 1;
constexpr u32 kTagBasicMemory = 4;
constexpr u32 kTagMemoryMap = 6;
constexpr u32 kTagAcpiOldRsdp = 14;
constexpr u32 kTagAcpiNewRsdp = 15;
constexpr size_t kTagHeaderSize = 8;
constexpr size_t kMemoryMapHeaderSize = 16;

u32 loadU32(Bytes bytes, size_t offset)
{
    u32 value;
    __builtin_memcpy(&value, bytes.data() + offset, sizeof(value));
    return value;
}

u64 loadU64(Bytes bytes, size_t offset)
{
    u64 value;
    __builtin_memcpy(&value, bytes.data() + offset, sizeof(value));
    return value;
}

// Both protocols use the e820 type numbers.
MemoryType memoryTypeFromE820(u32 type)
{
    switch (type) {
    case 1: return MemoryType::Usable;
    case 3: return MemoryType::AcpiReclaimable;
    case 4: return MemoryType::AcpiNvs;
    case 5: return MemoryType::Bad;
    default: return MemoryType::Reserved;
    }
}

ErrorOr<void> addRegion(BootInfo& info, u64 base, u64 length, MemoryType type)
{
    if (length == 0)
        return {}; // QEMU's microvm e820 table really contains one; it describes nothing
    if (base + length < base)
        return Error(ErrorCode::Malformed, "memory map region wraps past the end of the address space");
    if (info.regionCount == kMaxMemoryRegions)
        return Error(ErrorCode::TooMany, "memory map has more than 64 regions");
    info.regions[info.regionCount++] = { base, length, type };
    return {};
}

ErrorOr<void> addE820Entries(BootInfo& info, Bytes entries, size_t count, size_t stride)
{
    for (size_t i = 0; i < count; ++i) {
        size_t at = i * stride;
        TRY(addRegion(info, loadU64(entries, at), loadU64(entries, at + 8),
                      memoryTypeFromE820(loadU32(entries, at + 16))));
    }
    return {};
}

ErrorOr<void> copyCommandLine(BootInfo& info, Bytes text)
{
    for (size_t i = 0; i < text.size(); ++i) {
        if (i == kMaxCommandLine - 1 && text[i] != 0)
            return Error(ErrorCode::TooLong, "command line is longer than 1023 bytes");
        info.commandLine[i] = char(text[i]);
        if (text[i] == 0)
            return {};
    }
    return Error(ErrorCode::Malformed, "command line is not NUL-terminated");
}

// Reads a NUL-terminated string byte by byte so a short string near the end of the view works.
ErrorOr<void> readCommandLine(BootInfo& info, const PhysicalMemoryView& memory, u64 address)
{
    for (size_t i = 0; i < kMaxCommandLine; ++i) {
        Bytes byte = memory.read(address + i, 1);
        if (byte.isEmpty())
            return Error(ErrorCode::Truncated, "command line runs past readable memory without a NUL");
        info.commandLine[i] = char(byte[0]);
        if (byte[0] == 0)
            return {};
    }
    info.commandLine[0] = '\0';
    return Error(ErrorCode::TooLong, "command line is longer than 1023 bytes");
}

} // namespace

ErrorOr<BootInfo> parsePvhStartInfo(const PhysicalMemoryView& memory, u64 startInfoAddress)
{
    Bytes header = memory.read(startInfoAddress, kPvhHeaderSize);
    if (header.isEmpty())
        return Error(ErrorCode::Truncated, "PVH start info is outside readable memory");
    if (loadU32(header, 0) != kPvhStartInfoMagic)
        return Error(ErrorCode::BadMagic, "PVH start info magic is not 0x336ec578");
    if (loadU32(header, 4) < 1)
        return Error(ErrorCode::Unsupported, "PVH start info version 0 has no memory map");
    Bytes fields = memory.read(startInfoAddress, kPvhVersion1Size);
    if (fields.isEmpty())
        return Error(ErrorCode::Truncated, "PVH start info is cut off by the end of readable memory");

    BootInfo info;
    info.protocol = BootProtocol::Pvh;
    info.rsdpAddress = loadU64(fields, kPvhRsdpOffset);
    if (u64 cmdline = loadU64(fields, kPvhCmdlineOffset))
        TRY(readCommandLine(info, memory, cmdline));

    u64 mapAddress = loadU64(fields, kPvhMemmapOffset);
    u32 entryCount = loadU32(fields, kPvhMemmapEntriesOffset);
    if (mapAddress == 0 || entryCount == 0)
        return Error(ErrorCode::Malformed, "PVH start info has an empty memory map");
    if (entryCount > kMaxMemoryRegions)
        return Error(ErrorCode::TooMany, "PVH memory map has more than 64 entries");
    Bytes entries = memory.read(mapAddress, entryCount * kE820EntrySize);
    if (entries.isEmpty())
        return Error(ErrorCode::Truncated, "PVH memory map runs past readable memory");
    TRY(addE820Entries(info, entries, entryCount, kE820EntrySize));
    TRY(normaliseMemoryMap(info));
    return info;
}

namespace {

struct Multiboot2State {
    bool sawMemoryMap = false;
    bool sawBasicMemory = false;
    bool sawNewRsdp = false;
    u32 lowerKiB = 0;
    u32 upperKiB = 0;
};

ErrorOr<void> parseMemoryMapTag(BootInfo& info, Bytes tag)
{
    if (tag.size() < kMemoryMapHeaderSize)
        return Error(ErrorCode::Malformed, "multiboot2 memory map tag is shorter than its header");
    u32 entrySize = loadU32(tag, 8);
    if (entrySize < kE820EntrySize)
        return Error(ErrorCode::Malformed, "multiboot2 memory map entry size is below 24 bytes");
    Bytes entries = tag.subspan(kMemoryMapHeaderSize);
    return addE820Entries(info, entries, entries.size() / entrySize, entrySize);
}

ErrorOr<void> parseTag(BootInfo& info, Multiboot2State& state, u32 type, Bytes tag, u64 tagAddress)
{
    switch (type) {
    case kTagCommandLine:
        return copyCommandLine(info, tag.subspan(kTagHeaderSize));
    case kTagBasicMemory:
        if (tag.size() < 16)
            return Error(ErrorCode::Malformed, "multiboot2 basic memory tag is shorter than 16 bytes");
        state.sawBasicMemory = true;
        state.lowerKiB = loadU32(tag, 8);
        state.upperKiB = loadU32(tag, 12);
        return {};
    case kTagMemoryMap:
        state.sawMemoryMap = true;
        return parseMemoryMapTag(info, tag);
    case kTagAcpiOldRsdp:
    case kTagAcpiNewRsdp:
        // The tag holds a copy of the RSDP itself; point at that copy. ACPI 2.0+ wins.
        if (type == kTagAcpiNewRsdp || !state.sawNewRsdp)
            info.rsdpAddress = tagAddress + kTagHeaderSize;
        state.sawNewRsdp = state.sawNewRsdp || type == kTagAcpiNewRsdp;
        return {};
    default:
        return {}; // tags we do not need are skipped
    }
}

// Without a memory map tag, the basic lower/upper memory sizes describe RAM below 640 KiB and
// from 1 MiB.
ErrorOr<void> addBasicMemory(BootInfo& info, const Multiboot2State& state)
{
    if (state.lowerKiB)
        TRY(addRegion(info, 0, u64(state.lowerKiB) * 1024, MemoryType::Usable));
    if (state.upperKiB)
        TRY(addRegion(info, 0x100000, u64(state.upperKiB) * 1024, MemoryType::Usable));
    return {};
}

} // namespace

ErrorOr<BootInfo> parseMultiboot2Info(const PhysicalMemoryView& memory, u64 infoAddress)
{
    if (infoAddress % 8 != 0)
        return Error(ErrorCode::Malformed, "multiboot2 info is not 8-byte aligned");
    Bytes header = memory.read(infoAddress, 8);
    if (header.isEmpty())
        return Error(ErrorCode::Truncated, "multiboot2 info is outside readable memory");
    u32 totalSize = loadU32(header, 0);
    if (totalSize < 16)
        return Error(ErrorCode::Malformed, "multiboot2 info total size is below 16 bytes");
    Bytes all = memory.read(infoAddress, totalSize);
    if (all.isEmpty())
        return Error(ErrorCode::Truncated, "multiboot2 info total size runs past readable memory");

    BootInfo info;
    info.protocol = BootProtocol::Multiboot2;
    Multiboot2State state;
    bool sawEnd = false;
    for (size_t at = 8; !sawEnd && at + kTagHeaderSize <= totalSize;) {
        u32 type = loadU32(all, at);
        u32 size = loadU32(all, at + 4);
        if (size < kTagHeaderSize)
            return Error(ErrorCode::Malformed, "multiboot2 tag is smaller than its 8-byte header");
        if (size > totalSize - at)
            return Error(ErrorCode::Truncated, "multiboot2 tag runs past the info total size");
        sawEnd = type == kTagEnd;
        TRY(parseTag(info, state, type, all.subspan(at, size), infoAddress + at));
        at = ktl::alignUp(at + size, 8);
    }
    if (!sawEnd)
        return Error(ErrorCode::Malformed, "multiboot2 info has no end tag");
    if (!state.sawMemoryMap && !state.sawBasicMemory)
        return Error(ErrorCode::Malformed, "multiboot2 info has neither a memory map nor basic memory tag");
    if (!state.sawMemoryMap)
        TRY(addBasicMemory(info, state));
    TRY(normaliseMemoryMap(info));
    return info;
}

} // namespace keel
