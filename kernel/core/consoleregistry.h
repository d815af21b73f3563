// The consoles that keel::print writes to. Console drivers register themselves at
// KEEL_INIT(early, ...); core never names a driver, so it builds with any set of modules.
//
//     static SerialConsole s_console;
//     static void registerSerial() { keel::ConsoleRegistry::add(s_console); }
//     KEEL_INIT(early, registerSerial);
#pragma once

#include <ktl/format.h>

namespace keel {

class ConsoleRegistry {
public:
    static constexpr int kMaxConsoles = 4;

    // Returns false (and registers nothing) when all slots are taken.
    static bool add(ktl::OutputSink& console);
    static int count();

    // Writes to every registered console.
    static void write(ktl::StringView text);
};

} // namespace keel
