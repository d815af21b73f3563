// The app-facing system calls of keel/system.h.
#include "arch/x86_64/exitmachine.h"
#include "core/cxxruntime.h"
#include "core/systemstate.h"

#include <keel/system.h>

namespace keel {
namespace {

BootInfo s_bootInfo;

} // namespace

BootInfo& SystemState::bootInfo()
{
    return s_bootInfo;
}

[[noreturn]] void exit(int status)
{
    runExitHandlers();
    arch::exitMachine(status);
}

[[noreturn]] void shutdown()
{
    exit(0);
}

ktl::StringView commandLine()
{
    return s_bootInfo.commandLine;
}

u64 memorySize()
{
    return s_bootInfo.usableBytes();
}

} // namespace keel
