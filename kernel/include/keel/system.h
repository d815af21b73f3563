// Leaving the machine, crashing on purpose, and what the machine was booted with.
//
//     if (keel::commandLine().isEmpty())
//         keel::exit(2);                       // QEMU exits with status (2 << 1) | 1 = 5
//     keel::println("{} MiB of RAM", keel::memorySize() / (1024 * 1024));
//     keel::panic("bad state {}", state);     // prints a panic report, exits with status 101
#pragma once

#include <ktl/format.h>

namespace keel {

inline constexpr int kPanicExitStatus = 101;

// Runs the atexit handlers (destructors of globals), then ends the VM with `status` (clamped to
// 0-127) through isa-debug-exit; without that device, ACPI power-off; failing that, halts.
[[noreturn]] void exit(int status);

// Powers the machine off; the same as exit(0).
[[noreturn]] void shutdown();

// The kernel command line as the boot loader passed it (QEMU -append, GRUB's multiboot2 line).
ktl::StringView commandLine();

// Usable RAM in bytes according to the boot memory map.
u64 memorySize();

namespace detail {
// Starts a panic report (or ends the VM at once on a panic inside a panic) and returns the
// console to write the reason to.
ktl::OutputSink& beginPanic();
[[noreturn]] void endPanic();
} // namespace detail

// Prints "KERNEL PANIC: <reason>", the registers, a stack trace, and exits with status 101.
template<typename... Args>
[[noreturn]] void panic(ktl::StringView fmt, const Args&... args)
{
    ktl::format(detail::beginPanic(), fmt, args...);
    detail::endPanic();
}

} // namespace keel
