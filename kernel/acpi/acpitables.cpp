// RSDP (ACPI 6.5, 5.2.5), RSDT/XSDT (5.2.7-5.2.8) and the common table header (5.2.6).
#include "acpi/acpitables.h"

namespace keel::acpi {

using ktl::Error;
using ktl::ErrorCode;

namespace {

constexpr size_t kRsdpV1Size = 20;
constexpr size_t kRsdpV2Size = 36;
constexpr u64 kEbdaPointer = 0x40e;
constexpr u64 kConventionalEbda = 0x9fc00; // where the EBDA sits when 639 KiB of low RAM remain
constexpr u64 kBiosAreaStart = 0xe0000;
constexpr u64 kBiosAreaEnd = 0x100000;

u32 load32(Bytes bytes, size_t at)
{
    u32 value;
    __builtin_memcpy(&value, bytes.data() + at, 4);
    return value;
}

u64 load64(Bytes bytes, size_t at)
{
    u64 value;
    __builtin_memcpy(&value, bytes.data() + at, 8);
    return value;
}

bool sumsToZero(Bytes bytes)
{
    u8 sum = 0;
    for (u8 byte : bytes)
        sum = u8(sum + byte);
    return sum == 0;
}

bool hasSignature(Bytes bytes, const char* signature, size_t length)
{
    for (size_t i = 0; i < length; ++i) {
        if (bytes[i] != u8(signature[i]))
            return false;
    }
    return true;
}

bool looksLikeRsdp(const PhysicalMemoryView& memory, u64 address)
{
    Bytes head = memory.read(address, 8);
    return !head.isEmpty() && hasSignature(head, "RSD PTR ", 8) && !validateRsdp(memory, address).isError();
}

ktl::Optional<u64> scan(const PhysicalMemoryView& memory, u64 start, u64 end)
{
    for (u64 address = start; address + kRsdpV1Size <= end; address += 16) {
        if (looksLikeRsdp(memory, address))
            return address;
    }
    return {};
}

} // namespace

ktl::Optional<u64> RootTables::find(const char* signature) const
{
    for (size_t i = 0; i < count; ++i) {
        if (__builtin_memcmp(signatures[i], signature, 4) == 0)
            return addresses[i];
    }
    return {};
}

ktl::ErrorOr<void> validateRsdp(const PhysicalMemoryView& memory, u64 address)
{
    Bytes v1 = memory.read(address, kRsdpV1Size);
    if (v1.isEmpty())
        return Error(ErrorCode::Truncated, "ACPI RSDP is outside readable memory");
    if (!hasSignature(v1, "RSD PTR ", 8))
        return Error(ErrorCode::BadMagic, "ACPI RSDP signature is not \"RSD PTR \"");
    if (!sumsToZero(v1))
        return Error(ErrorCode::Malformed, "ACPI RSDP checksum is wrong");
    if (v1[15] < 2)
        return {};
    Bytes v2 = memory.read(address, kRsdpV2Size);
    if (v2.isEmpty())
        return Error(ErrorCode::Truncated, "ACPI 2.0 RSDP is cut off by the end of readable memory");
    u32 length = load32(v2, 20);
    Bytes whole = length >= kRsdpV2Size && length <= 4096 ? memory.read(address, length) : Bytes();
    if (whole.isEmpty())
        return Error(ErrorCode::Malformed, "ACPI 2.0 RSDP length is wrong");
    if (!sumsToZero(whole))
        return Error(ErrorCode::Malformed, "ACPI 2.0 RSDP extended checksum is wrong");
    return {};
}

ktl::ErrorOr<u64> findRsdp(const PhysicalMemoryView& memory, u64 hint)
{
    if (hint) {
        TRY(validateRsdp(memory, hint));
        return hint;
    }
    // The kernel keeps page 0 unmapped, so the EBDA pointer there may be unreadable.
    Bytes ebdaPointer = memory.read(kEbdaPointer, 2);
    u64 ebda = ebdaPointer.isEmpty() ? kConventionalEbda : u64(ebdaPointer[0] | (ebdaPointer[1] << 8)) << 4;
    if (ebda >= 0x1000 && ebda < kBiosAreaStart) {
        if (auto found = scan(memory, ebda, ebda + 1024); found.hasValue())
            return *found;
    }
    if (auto found = scan(memory, kBiosAreaStart, kBiosAreaEnd); found.hasValue())
        return *found;
    return Error(ErrorCode::NotFound, "no ACPI RSDP (the machine has no ACPI tables)");
}

ktl::ErrorOr<Bytes> readTable(const PhysicalMemoryView& memory, u64 address, const char* signature)
{
    Bytes header = memory.read(address, kHeaderSize);
    if (header.isEmpty())
        return Error(ErrorCode::Truncated, "ACPI table header is outside readable memory");
    if (signature && !hasSignature(header, signature, 4))
        return Error(ErrorCode::BadMagic, "ACPI table has an unexpected signature");
    u32 length = load32(header, 4);
    if (length < kHeaderSize || length > kMaxTableLength)
        return Error(ErrorCode::Malformed, "ACPI table length is implausible");
    Bytes table = memory.read(address, length);
    if (table.isEmpty())
        return Error(ErrorCode::Truncated, "ACPI table runs past readable memory");
    if (!sumsToZero(table))
        return Error(ErrorCode::Malformed, "ACPI table checksum is wrong");
    return table;
}

ktl::ErrorOr<RootTables> parseRootTables(const PhysicalMemoryView& memory, u64 rsdpAddress)
{
    TRY(validateRsdp(memory, rsdpAddress));
    Bytes rsdp = memory.read(rsdpAddress, kRsdpV1Size);
    RootTables root;
    root.rsdpAddress = rsdpAddress;
    u64 rootAddress = load32(rsdp, 16);
    if (rsdp[15] >= 2) {
        u64 xsdt = load64(memory.read(rsdpAddress, kRsdpV2Size), 24);
        if (xsdt) {
            rootAddress = xsdt;
            root.extended = true;
        }
    }
    Bytes table = TRY(readTable(memory, rootAddress, root.extended ? "XSDT" : "RSDT"));
    size_t entrySize = root.extended ? 8 : 4;
    size_t entries = (table.size() - kHeaderSize) / entrySize;
    for (size_t i = 0; i < entries && root.count < kMaxTables; ++i) {
        size_t at = kHeaderSize + i * entrySize;
        u64 address = root.extended ? load64(table, at) : load32(table, at);
        Bytes header = memory.read(address, 4);
        if (header.isEmpty())
            continue; // a bad entry hides one table, not the others
        __builtin_memcpy(root.signatures[root.count], header.data(), 4);
        root.addresses[root.count++] = address;
    }
    return root;
}

} // namespace keel::acpi
