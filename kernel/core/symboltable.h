// Lookup in the `.keel_symbols` table that debug images carry (format in docs/ARCHITECTURE.md:
// magic "KKSYMBOL", count, sorted {address, size, nameOffset} entries, then the names).
//
//     if (auto symbol = keel::SymbolTable::lookup(rip); symbol.hasValue())
//         keel::println("{}+{:#x}", symbol->name, rip - symbol->address);
#pragma once

#include <ktl/optional.h>
#include <ktl/types.h>

namespace keel {

struct Symbol {
    u64 address;
    u32 size;
    const char* name;
};

class SymbolTable {
public:
    static constexpr u64 kMagic = 0x4c4f424d59534b4b; // "KKSYMBOL"

    // True when the image has a well-formed table.
    static bool isPresent();

    // The symbol whose [address, address + size) contains `address` (for size 0, the nearest
    // symbol below it).
    static ktl::Optional<Symbol> lookup(u64 address);
};

} // namespace keel
