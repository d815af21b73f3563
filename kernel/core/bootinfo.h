// What the boot loader told us: memory map, command line, ACPI RSDP — parsed from either the
// PVH start info (QEMU -kernel, Xen arch-x86/hvm/start_info.h) or the multiboot2 information
// structure (GRUB, Multiboot2 specification §3.6), into one protocol-neutral BootInfo.
//
//     keel::IdentityMemoryView memory;                       // the kernel: identity mapped
//     keel::BootInfo info = MUST(keel::parsePvhStartInfo(memory, startInfoAddress));
//     for (size_t i = 0; i < info.regionCount; ++i) use(info.regions[i]);
//     char* argv[16];
//     int argc = keel::splitCommandLine(info.commandLine, argv);
//
// Parsers never read outside what the PhysicalMemoryView returns, and reject malformed input
// with an Error whose message names the problem. The returned region list is sorted by base,
// free of overlaps, with adjacent regions of one type merged and usable regions clipped
// inward to whole 4 KiB pages (so usableBytes() counts only what the page allocator can use).
#pragma once

#include <ktl/error.h>
#include <ktl/span.h>

namespace keel {

enum class BootProtocol { Pvh, Multiboot2 };

enum class MemoryType { Usable, Reserved, AcpiReclaimable, AcpiNvs, Bad };

struct MemoryRegion {
    u64 base;
    u64 length;
    MemoryType type;

    u64 end() const { return base + length; }
};

inline constexpr size_t kMaxMemoryRegions = 64;
inline constexpr size_t kMaxCommandLine = 1024;
inline constexpr u64 kBootPageSize = 4096;

// Value of EAX when a multiboot2 loader jumps to the kernel; the entry code checks it.
inline constexpr u32 kMultiboot2BootloaderMagic = 0x36d76289;
inline constexpr u32 kPvhStartInfoMagic = 0x336ec578;

struct BootInfo {
    BootProtocol protocol = BootProtocol::Pvh;
    MemoryRegion regions[kMaxMemoryRegions] {};
    size_t regionCount = 0;
    char commandLine[kMaxCommandLine] {}; // always NUL-terminated
    u64 rsdpAddress = 0;                  // 0 when the loader gave none

    u64 usableBytes() const;
    ktl::Span<const MemoryRegion> memoryMap() const { return { regions, regionCount }; }
};

// Read-only access to physical memory. read() returns exactly `length` bytes, or an empty
// span when any part of [address, address + length) is outside what the view can reach.
class PhysicalMemoryView {
public:
    virtual ktl::Span<const u8> read(u64 address, size_t length) const = 0;

protected:
    ~PhysicalMemoryView() = default;
};

// The kernel's view: physical memory is identity mapped. Address 0 and ranges that wrap
// around are refused.
class IdentityMemoryView final : public PhysicalMemoryView {
public:
    ktl::Span<const u8> read(u64 address, size_t length) const override;
};

ktl::ErrorOr<BootInfo> parsePvhStartInfo(const PhysicalMemoryView& memory, u64 startInfoAddress);
ktl::ErrorOr<BootInfo> parseMultiboot2Info(const PhysicalMemoryView& memory, u64 infoAddress);

// Sorts, validates (no wrap-around, no overlap between different types), drops zero-length
// entries (QEMU's microvm reports one), merges and clips `info.regions` in place; the parsers
// call it, tests may too.
ktl::ErrorOr<void> normaliseMemoryMap(BootInfo& info);

// Splits `buffer` in place at blanks (space, tab, newline); double quotes group words and are
// removed. Fills at most argv.size() - 1 pointers, then a nullptr; returns the count (argc).
// Words that do not fit are dropped, never written past argv.
int splitCommandLine(char* buffer, ktl::Span<char*> argv);

} // namespace keel
