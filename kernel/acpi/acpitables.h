// ACPI table discovery and decoding (ACPI 6.5 chapter 5.2), as pure functions over a
// PhysicalMemoryView or over a table's bytes, so host tests run them on crafted and corrupt tables.
//
//     u64 rsdp = TRY(findRsdp(memory, bootInfo.rsdpAddress));
//     RootTables root = TRY(parseRootTables(memory, rsdp));
//     if (auto madt = root.find("APIC"); madt.hasValue())
//         MadtInfo info = TRY(parseMadt(TRY(readTable(memory, *madt, "APIC"))));
//
// Every table is checked before use: its header fits, its length is plausible and readable, its
// signature is the one expected and its bytes sum to zero.
#pragma once

#include "core/bootinfo.h"
#include "interrupts/irqrouting.h"

#include <ktl/optional.h>

namespace keel::acpi {

using Bytes = ktl::Span<const u8>;

inline constexpr size_t kHeaderSize = 36;
inline constexpr u32 kMaxTableLength = 1 << 20; // far beyond any real table; guards bad lengths
inline constexpr size_t kMaxTables = 32;
inline constexpr size_t kMaxIoApics = 8;
inline constexpr size_t kMaxOverrides = 16;

struct RootTables {
    u64 rsdpAddress = 0;
    bool extended = false; // XSDT (64-bit entries) rather than RSDT
    u64 addresses[kMaxTables] {};
    char signatures[kMaxTables][4] {};
    size_t count = 0;

    // The address of the first table with `signature` (4 characters).
    ktl::Optional<u64> find(const char* signature) const;
};

struct MadtInfo {
    u64 localApicAddress = 0;
    bool hasLegacyPics = false; // PCAT_COMPAT: a dual 8259 is present too
    size_t processorCount = 0;
    interrupts::IoApicDescriptor ioApics[kMaxIoApics] {};
    size_t ioApicCount = 0;
    interrupts::IsaOverride overrides[kMaxOverrides] {};
    size_t overrideCount = 0;
};

// A register as the FADT describes it (Generic Address Structure, 5.2.3.2), reduced to what
// power-off needs: system IO or system memory.
enum class AddressSpace : u8 { Memory = 0, Io = 1, Other = 0xff };
struct RegisterAddress {
    AddressSpace space = AddressSpace::Other;
    u64 address = 0;

    bool isValid() const { return space != AddressSpace::Other && address != 0; }
};

struct FadtInfo {
    u64 dsdtAddress = 0;
    u16 pm1aControlPort = 0;
    u16 pm1bControlPort = 0;
    bool hardwareReduced = false;  // no PM1 blocks; sleeps through the sleep control register
    RegisterAddress sleepControl;
};

struct SleepType {
    u8 a = 0;
    u8 b = 0;
};

struct EcamRegion {
    u64 base;
    u16 segment;
    u8 startBus;
    u8 endBus;
};

// The RSDP at `hint` when non-zero (PVH and multiboot2 hand it over), else found by scanning the
// first KiB of the EBDA (at 0x9fc00 when the pointer at 0x40e is unreadable) and 0xe0000-0xfffff
// on 16-byte boundaries. Checks signature and checksums.
ktl::ErrorOr<u64> findRsdp(const PhysicalMemoryView& memory, u64 hint);
ktl::ErrorOr<void> validateRsdp(const PhysicalMemoryView& memory, u64 address);

ktl::ErrorOr<RootTables> parseRootTables(const PhysicalMemoryView& memory, u64 rsdpAddress);

// The whole table at `address`, validated; `signature` may be nullptr to accept any.
ktl::ErrorOr<Bytes> readTable(const PhysicalMemoryView& memory, u64 address, const char* signature);

ktl::ErrorOr<MadtInfo> parseMadt(Bytes table);
ktl::ErrorOr<FadtInfo> parseFadt(Bytes table);
// SLP_TYPa/b from the \_S5_ package in the DSDT's AML (a byte scan, not an interpreter).
ktl::ErrorOr<SleepType> findS5(Bytes dsdt);
// The first ECAM region of the MCFG.
ktl::ErrorOr<EcamRegion> parseMcfg(Bytes table);

} // namespace keel::acpi
