// Printing to every console the image has (serial, and any other console module that is on).
//
//     keel::println("Hello from Keel!");
//     keel::println("{} of {} pages free ({:.1}%)", free, total, percent);
//     keel::print("{:#x}", address);
//
// The format language is ktl::format's (see ktl/format.h). Without any console feature the output
// goes nowhere.
#pragma once

#include <ktl/format.h>

namespace keel {

// The sink that fans out to every registered console.
ktl::OutputSink& consoleOutput();

template<typename... Args>
void print(ktl::StringView fmt, const Args&... args)
{
    ktl::format(consoleOutput(), fmt, args...);
}

template<typename... Args>
void println(ktl::StringView fmt, const Args&... args)
{
    ktl::format(consoleOutput(), fmt, args...);
    consoleOutput().write("\n");
}

inline void println()
{
    consoleOutput().write("\n");
}

} // namespace keel
