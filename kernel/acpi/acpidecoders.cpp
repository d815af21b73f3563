// Decoders for the tables Keel uses: MADT (ACPI 6.5, 5.2.12), FADT (5.2.9), the \_S5_ sleep
// package in the DSDT (7.4.2 and the AML grammar, 20.2), and MCFG (PCI Firmware spec 3.3, 4.1.2).
// Input tables were validated by readTable; every offset is still checked against their length.
#include "acpi/acpitables.h"

namespace keel::acpi {

using ktl::Error;
using ktl::ErrorCode;

namespace {

// MADT entry types.
constexpr u8 kMadtLocalApic = 0;
constexpr u8 kMadtIoApic = 1;
constexpr u8 kMadtOverride = 2;
constexpr u8 kMadtLocalApicAddressOverride = 5;
constexpr size_t kMadtEntriesOffset = 44;

// FADT offsets.
constexpr size_t kFadtDsdt = 40;
constexpr size_t kFadtPm1aControl = 64;
constexpr size_t kFadtPm1bControl = 68;
constexpr size_t kFadtFlags = 112;
constexpr size_t kFadtXDsdt = 140;
constexpr size_t kFadtXPm1aControl = 172;
constexpr size_t kFadtSleepControl = 244;
constexpr u32 kFadtHardwareReduced = 1 << 20;

// AML opcodes.
constexpr u8 kAmlPackage = 0x12;
constexpr u8 kAmlZero = 0x00;
constexpr u8 kAmlOne = 0x01;
constexpr u8 kAmlBytePrefix = 0x0a;
constexpr u8 kAmlWordPrefix = 0x0b;

template<typename T>
T load(Bytes bytes, size_t at)
{
    T value;
    __builtin_memcpy(&value, bytes.data() + at, sizeof(T));
    return value;
}

void addMadtEntry(MadtInfo& info, u8 type, Bytes entry)
{
    switch (type) {
    case kMadtLocalApic:
        if (entry.size() >= 8 && (load<u32>(entry, 4) & 1))
            ++info.processorCount;
        break;
    case kMadtIoApic:
        if (entry.size() >= 12 && info.ioApicCount < kMaxIoApics)
            info.ioApics[info.ioApicCount++] = { entry[2], load<u32>(entry, 4), load<u32>(entry, 8) };
        break;
    case kMadtOverride:
        if (entry.size() >= 10 && info.overrideCount < kMaxOverrides) {
            u16 flags = load<u16>(entry, 8);
            info.overrides[info.overrideCount++] = { entry[3], load<u32>(entry, 4),
                interrupts::Polarity(flags & 3), interrupts::Trigger((flags >> 2) & 3) };
        }
        break;
    case kMadtLocalApicAddressOverride:
        if (entry.size() >= 12)
            info.localApicAddress = load<u64>(entry, 4);
        break;
    default:
        break;
    }
}

RegisterAddress decodeGas(Bytes table, size_t at)
{
    if (table.size() < at + 12)
        return {};
    u8 space = table[at];
    if (space > u8(AddressSpace::Io))
        return {};
    return { AddressSpace(space), load<u64>(table, at + 4) };
}

// One integer element of a package; advances `at`. Only the encodings _S5_ uses.
ktl::ErrorOr<u8> amlInteger(Bytes aml, size_t& at)
{
    if (at >= aml.size())
        return Error(ErrorCode::Truncated, "\\_S5_ package is cut off");
    u8 op = aml[at++];
    if (op == kAmlZero || op == kAmlOne)
        return op;
    if (op == kAmlBytePrefix || op == kAmlWordPrefix) {
        size_t width = op == kAmlBytePrefix ? 1 : 2;
        if (at + width > aml.size())
            return Error(ErrorCode::Truncated, "\\_S5_ package is cut off");
        u8 value = aml[at];
        at += width;
        return value;
    }
    return Error(ErrorCode::Unsupported, "\\_S5_ package element is not a constant integer");
}

} // namespace

ktl::ErrorOr<MadtInfo> parseMadt(Bytes table)
{
    if (table.size() < kMadtEntriesOffset)
        return Error(ErrorCode::Truncated, "MADT is shorter than its fixed fields");
    MadtInfo info;
    info.localApicAddress = load<u32>(table, 36);
    info.hasLegacyPics = load<u32>(table, 40) & 1;
    for (size_t at = kMadtEntriesOffset; at + 2 <= table.size();) {
        u8 type = table[at];
        u8 length = table[at + 1];
        if (length < 2 || at + length > table.size())
            return Error(ErrorCode::Malformed, "MADT entry length runs past the table");
        addMadtEntry(info, type, table.subspan(at, length));
        at += length;
    }
    return info;
}

ktl::ErrorOr<FadtInfo> parseFadt(Bytes table)
{
    if (table.size() < kFadtPm1bControl + 4)
        return Error(ErrorCode::Truncated, "FADT is shorter than its ACPI 1.0 fields");
    FadtInfo info;
    info.dsdtAddress = load<u32>(table, kFadtDsdt);
    info.pm1aControlPort = u16(load<u32>(table, kFadtPm1aControl));
    info.pm1bControlPort = u16(load<u32>(table, kFadtPm1bControl));
    if (table.size() >= kFadtFlags + 4)
        info.hardwareReduced = load<u32>(table, kFadtFlags) & kFadtHardwareReduced;
    if (table.size() >= kFadtXDsdt + 8 && load<u64>(table, kFadtXDsdt))
        info.dsdtAddress = load<u64>(table, kFadtXDsdt);
    if (!info.pm1aControlPort) {
        RegisterAddress extended = decodeGas(table, kFadtXPm1aControl);
        if (extended.space == AddressSpace::Io)
            info.pm1aControlPort = u16(extended.address);
    }
    info.sleepControl = decodeGas(table, kFadtSleepControl);
    return info;
}

ktl::ErrorOr<SleepType> findS5(Bytes dsdt)
{
    for (size_t at = kHeaderSize; at + 4 <= dsdt.size(); ++at) {
        if (__builtin_memcmp(dsdt.data() + at, "_S5_", 4) != 0)
            continue;
        size_t next = at + 4;
        if (next >= dsdt.size() || dsdt[next] != kAmlPackage)
            continue; // a reference to _S5_, not its definition
        ++next;
        if (next >= dsdt.size())
            break;
        next += 1 + (dsdt[next] >> 6); // PkgLength: bits 6-7 count the extra bytes
        ++next;                        // NumElements
        SleepType type;
        type.a = TRY(amlInteger(dsdt, next));
        type.b = TRY(amlInteger(dsdt, next));
        return type;
    }
    return Error(ErrorCode::NotFound, "the DSDT defines no \\_S5_ sleep state");
}

ktl::ErrorOr<EcamRegion> parseMcfg(Bytes table)
{
    constexpr size_t kFirstEntry = kHeaderSize + 8;
    if (table.size() < kFirstEntry + 16)
        return Error(ErrorCode::NotFound, "MCFG lists no ECAM region");
    return EcamRegion { load<u64>(table, kFirstEntry), load<u16>(table, kFirstEntry + 8),
        table[kFirstEntry + 10], table[kFirstEntry + 11] };
}

} // namespace keel::acpi
