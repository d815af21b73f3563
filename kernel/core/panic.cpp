// The panic report: reason, registers, stack trace, then exit status 101. Everything here writes
// straight to the consoles and allocates nothing, so it works with a broken heap. A fault while
// reporting (a panic inside a panic) stops the machine at once instead of looping.
#include "core/panic.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/exitmachine.h"
#include "arch/x86_64/interruptframe.h"
#include "core/consoleregistry.h"
#include "core/stacktrace.h"

#include <keel/print.h>

namespace keel::detail {
namespace {

int s_panicDepth;

} // namespace

ktl::OutputSink& beginPanic()
{
    cpu::disableInterrupts();
    if (++s_panicDepth > 1) {
        ConsoleRegistry::write("\nKERNEL PANIC while reporting a panic; stopping.\n");
        arch::exitMachine(kPanicExitStatus);
    }
    ConsoleRegistry::write("\nKERNEL PANIC: ");
    return consoleOutput();
}

[[noreturn]] void endPanicWithFrame(const arch::InterruptFrame& frame)
{
    ConsoleRegistry::write("\n");
    arch::dumpRegisters(frame);
    arch::dumpControlRegisters();
    printStackTrace(frame.rip, frame.rbp, frame.rsp);
    arch::exitMachine(kPanicExitStatus);
}

[[noreturn, gnu::noinline]] void endPanic()
{
    ConsoleRegistry::write("\n");
    // No exception frame: report where panic() was called from.
    auto caller = reinterpret_cast<u64>(__builtin_return_address(0));
    auto* frame = static_cast<const u64*>(__builtin_frame_address(0));
    keel::println("  RIP {:#018x} (caller of panic)  RSP {:#018x}  RBP {:#018x}", caller,
        reinterpret_cast<u64>(__builtin_frame_address(0)) + 16, frame[0]);
    arch::dumpControlRegisters();
    printStackTrace(caller, frame[0]);
    arch::exitMachine(kPanicExitStatus);
}

} // namespace keel::detail

// MUST() failures and other fatal ktl conditions end here.
[[noreturn]] void ktl::onFatal(const char* message)
{
    keel::panic("{}", message);
}
