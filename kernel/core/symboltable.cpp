#include "core/symboltable.h"

extern "C" const char __keel_symbols_start[];
extern "C" const char __keel_symbols_end[];

namespace keel {
namespace {

struct [[gnu::packed]] Header {
    u64 magic;
    u64 count;
};

struct [[gnu::packed]] Entry {
    u64 address;
    u32 size;
    u32 nameOffset;
};

usize tableBytes()
{
    return usize(__keel_symbols_end - __keel_symbols_start);
}

const Header* header()
{
    if (tableBytes() < sizeof(Header))
        return nullptr;
    const auto* result = reinterpret_cast<const Header*>(__keel_symbols_start);
    // Reject a table whose entries would run past the section.
    if (result->magic != SymbolTable::kMagic
        || result->count > (tableBytes() - sizeof(Header)) / sizeof(Entry))
        return nullptr;
    return result;
}

const Entry* entries(const Header* table)
{
    return reinterpret_cast<const Entry*>(table + 1);
}

// Index of the last entry with address <= `address`, or -1.
i64 findFloor(const Header* table, u64 address)
{
    i64 low = 0, high = i64(table->count) - 1, found = -1;
    while (low <= high) {
        i64 middle = low + (high - low) / 2;
        if (entries(table)[middle].address <= address) {
            found = middle;
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    return found;
}

} // namespace

bool SymbolTable::isPresent()
{
    return header() != nullptr;
}

ktl::Optional<Symbol> SymbolTable::lookup(u64 address)
{
    const Header* table = header();
    if (!table)
        return {};
    i64 index = findFloor(table, address);
    if (index < 0)
        return {};
    const Entry& entry = entries(table)[index];
    if (entry.size != 0 && address >= entry.address + entry.size)
        return {};
    const char* names = reinterpret_cast<const char*>(entries(table) + table->count);
    usize namesBytes = usize(__keel_symbols_end - names);
    if (entry.nameOffset >= namesBytes)
        return {};
    return Symbol { entry.address, entry.size, names + entry.nameOffset };
}

} // namespace keel
