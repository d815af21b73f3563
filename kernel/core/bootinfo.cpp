// Protocol-neutral parts of boot information: memory map clean-up, the identity view and the
// command-line splitter. The protocol parsers live in bootinfoparsers.cpp.
#include <core/bootinfo.h>

namespace keel {

using ktl::Error;
using ktl::ErrorCode;

u64 BootInfo::usableBytes() const
{
    u64 total = 0;
    for (size_t i = 0; i < regionCount; ++i) {
        if (regions[i].type == MemoryType::Usable)
            total += regions[i].length;
    }
    return total;
}

ktl::Span<const u8> IdentityMemoryView::read(u64 address, size_t length) const
{
    if (address == 0 || address + length < address)
        return {};
    return { reinterpret_cast<const u8*>(address), length };
}

namespace {

void sortByBase(BootInfo& info)
{
    for (size_t i = 1; i < info.regionCount; ++i) {
        MemoryRegion moving = info.regions[i];
        size_t j = i;
        for (; j > 0 && info.regions[j - 1].base > moving.base; --j)
            info.regions[j] = info.regions[j - 1];
        info.regions[j] = moving;
    }
}

void removeAt(BootInfo& info, size_t index)
{
    for (size_t i = index; i + 1 < info.regionCount; ++i)
        info.regions[i] = info.regions[i + 1];
    --info.regionCount;
}

// Merges overlapping or touching regions of one type; overlap across types is an error.
ktl::ErrorOr<void> mergeNeighbours(BootInfo& info)
{
    size_t i = 0;
    while (i + 1 < info.regionCount) {
        MemoryRegion& current = info.regions[i];
        const MemoryRegion& next = info.regions[i + 1];
        if (current.end() > next.base && current.type != next.type)
            return Error(ErrorCode::Overlap, "memory map regions of different types overlap");
        if (current.end() >= next.base && current.type == next.type) {
            current.length = ktl::max(current.end(), next.end()) - current.base;
            removeAt(info, i + 1);
            continue;
        }
        ++i;
    }
    return {};
}

// Usable regions shrink to whole pages so nobody hands out a page that is partly reserved.
void clipUsableToPages(BootInfo& info)
{
    size_t i = 0;
    while (i < info.regionCount) {
        MemoryRegion& region = info.regions[i];
        if (region.type == MemoryType::Usable) {
            u64 base = ktl::alignUp(region.base, kBootPageSize);
            u64 end = ktl::alignDown(region.end(), kBootPageSize);
            if (base >= end || base < region.base) {
                removeAt(info, i);
                continue;
            }
            region = { base, end - base, MemoryType::Usable };
        }
        ++i;
    }
}

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

} // namespace

ktl::ErrorOr<void> normaliseMemoryMap(BootInfo& info)
{
    if (info.regionCount > kMaxMemoryRegions)
        return Error(ErrorCode::TooMany, "memory map has more than 64 regions");
    for (size_t i = 0; i < info.regionCount;) {
        if (info.regions[i].end() < info.regions[i].base)
            return Error(ErrorCode::Malformed, "memory map region wraps past the end of the address space");
        if (info.regions[i].length == 0)
            removeAt(info, i);
        else
            ++i;
    }
    sortByBase(info);
    TRY(mergeNeighbours(info));
    clipUsableToPages(info);
    return {};
}

int splitCommandLine(char* buffer, ktl::Span<char*> argv)
{
    if (argv.isEmpty())
        return 0;
    size_t argc = 0;
    char* read = buffer;
    while (*read) {
        while (isBlank(*read))
            ++read;
        if (!*read)
            break;
        // Unquoting only ever shortens the word, so it is rebuilt in place behind `read`.
        char* word = read;
        char* write = read;
        bool quoted = false;
        while (*read && (quoted || !isBlank(*read))) {
            if (*read == '"')
                quoted = !quoted;
            else
                *write++ = *read;
            ++read;
        }
        bool atEnd = *read == '\0';
        *write = '\0';
        if (!atEnd)
            ++read;
        if (argc + 1 < argv.size())
            argv[argc++] = word;
        if (atEnd)
            break;
    }
    argv[argc] = nullptr;
    return int(argc);
}

} // namespace keel
